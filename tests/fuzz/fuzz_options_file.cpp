// libFuzzer target: reading a database's OPTIONS file
// (storage/rocksdb/options_file.h), which preflight does before RocksDB
// touches a folder: any file a RocksDB wrote, a newer one's included.
//
// Input: an even first byte: the rest is an OPTIONS file as it is. An odd
// one: the rest describes a file (the RocksDB version, column families with
// their comparator, merge operator and table format, options the engine does
// not know, comments, blank lines, spaces, CRLF line ends), which the target
// writes out as RocksDB lays it out, and reads back.
//
// Checks:
//  - Any text is read (no crash, no exception), each column family once, in
//    the order of the file, and neither CRLF line ends nor indentation change
//    what is read.
//  - A described file reads back as described: the version, every column
//    family's name (any bytes but a line break, up to 200 KB: RocksDB allows
//    any name), comparator, merge operator and format_version; the options the
//    engine does not know are listed exactly when the file is from a newer
//    RocksDB than the engine or does not say which.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/bytes.h"
#include "storage/rocksdb/compat.h"
#include "storage/rocksdb/options_file.h"
#include "tests/fuzz/fuzz_check.h"

using namespace meridian::storage;
using detail::FamilyOptionsInfo;
using detail::OptionsFileInfo;
namespace compat = detail::compat;

namespace {

bool sameFamily(const FamilyOptionsInfo& a, const FamilyOptionsInfo& b) {
    return a.name == b.name && a.comparator == b.comparator && a.mergeOperator == b.mergeOperator &&
           a.formatVersion == b.formatVersion;
}

bool sameInfo(const OptionsFileInfo& a, const OptionsFileInfo& b) {
    const auto version = [](const OptionsFileInfo& i) {
        return i.writtenBy ? std::optional<std::string>(i.writtenBy->text()) : std::nullopt;
    };
    return a.path == b.path && version(a) == version(b) &&
           std::equal(a.families.begin(), a.families.end(), b.families.begin(), b.families.end(), sameFamily) &&
           a.unknownOptions == b.unknownOptions;
}

// For a failed check: what was read, and the text it was read from.
void print(const char* what, const OptionsFileInfo& info) {
    std::fprintf(stderr, "%s: version %s, unknown options:", what,
                 info.writtenBy ? info.writtenBy->text().c_str() : "(none)");
    for (const auto& name : info.unknownOptions) std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, "\n");
    for (const auto& f : info.families)
        std::fprintf(stderr, "  family \"%s\" (%zu bytes): comparator \"%s\", merge operator \"%s\", format %d\n",
                     escapeBytes(f.name.substr(0, 60)).c_str(), f.name.size(),
                     f.comparator.c_str(), f.mergeOperator.c_str(), f.formatVersion.value_or(-1));
}

// Takes what it is asked for from the front of the input; zeros once it is used up.
class Input {
public:
    explicit Input(std::string_view bytes) : bytes_(bytes) {}
    unsigned byte() {
        if (bytes_.empty()) return 0;
        const auto b = static_cast<unsigned char>(bytes_.front());
        bytes_.remove_prefix(1);
        return b;
    }
    bool flag() { return byte() & 1; }
    unsigned below(unsigned n) { return byte() % n; }
    // Up to `max` bytes, each mapped into `alphabet` (any byte but those in
    // `refused` when the alphabet is empty).
    std::string text(std::size_t max, std::string_view alphabet, std::string_view refused = {}) {
        std::string out;
        for (std::size_t n = below(static_cast<unsigned>(max) + 1); n > 0; --n) {
            const unsigned b = byte();
            const char c = alphabet.empty() ? static_cast<char>(b) : alphabet[b % alphabet.size()];
            if (refused.find(c) == std::string_view::npos) out.push_back(c);
        }
        return out;
    }

private:
    std::string_view bytes_;
};

constexpr std::string_view kWordChars = "abcdefghijklmnopqrstuvwxyz_";
constexpr std::string_view kValueChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:{}=;-";

std::string spaces(Input& in) {
    std::string out;
    for (unsigned n = in.below(4); n > 0; --n) out.push_back(in.flag() ? ' ' : '\t');
    return out;
}

struct Described {
    std::string text;
    OptionsFileInfo expected;
};

Described describe(Input& in) {
    Described d;
    std::vector<std::string> lines;
    const auto line = [&](std::string text) {
        lines.push_back(spaces(in) + text + spaces(in));
        if (in.below(8) == 0) lines.push_back(in.flag() ? "" : "# " + in.text(20, {}, "\n"));
    };
    const auto option = [&](std::string_view name, const std::string& value) {
        line(std::string(name) + spaces(in) + "=" + spaces(in) + value);
    };
    // Options the engine has never heard of, in a section where it would look.
    std::vector<std::string> unknownHere;
    const auto unknownOptions = [&](std::vector<std::string>& all) {
        unknownHere.clear();
        for (unsigned n = in.below(3); n > 0; --n) {
            std::string name = "fuzz_" + in.text(6, kWordChars);
            option(name, in.text(8, kValueChars));
            if (std::find(unknownHere.begin(), unknownHere.end(), name) == unknownHere.end())
                unknownHere.push_back(name);
        }
        std::sort(unknownHere.begin(), unknownHere.end());
        for (const auto& name : unknownHere)
            if (std::find(all.begin(), all.end(), name) == all.end()) all.push_back(name);
    };
    const auto header = [&](std::string_view title, const std::optional<std::string>& family) {
        std::string text = "[" + spaces(in) + std::string(title) + spaces(in);
        if (family) text += "\"" + *family + "\"" + spaces(in);
        line(text + "]");
    };

    std::vector<std::string> unknown;
    if (in.flag()) {
        header("Version", std::nullopt);
        std::string version;
        switch (in.below(4)) {
        case 0: version = in.text(10, "0123456789.x-"); break;  // anything
        case 1: version = std::to_string(in.below(16)) + "." + std::to_string(in.below(16)); break;
        default:
            version = std::to_string(in.below(16)) + "." + std::to_string(in.below(16)) + "." +
                      std::to_string(in.below(16));
        }
        option("rocksdb_version", version);
        option("options_file_version", "1.1");
        d.expected.writtenBy = compat::parseVersion(version);
    }
    if (in.flag()) {
        header("DBOptions", std::nullopt);
        option("max_open_files", "-1");
        unknownOptions(unknown);
    }
    for (unsigned families = in.below(5); families > 0; --families) {
        std::string name = in.text(12, {}, "\r\n");
        if (const unsigned length = in.below(128); length >= 126) {  // 100 or 200 KB, now and then
            std::string longName;
            while (longName.size() < (length - 125) * 100000) longName += name.empty() ? "x" : name;
            name = std::move(longName);
        }
        const bool seen = std::any_of(d.expected.families.begin(), d.expected.families.end(),
                                      [&](const FamilyOptionsInfo& f) { return f.name == name; });
        if (seen) continue;  // one description a family
        FamilyOptionsInfo family{name, {}, {}, {}};
        const unsigned sections = 1 + in.below(3);  // CFOptions, table options, or both
        // A family is named by its CFOptions, or by a format_version.
        bool named = sections & 1;
        if (sections & 1) {
            header("CFOptions", name);
            if (in.flag()) {
                family.comparator = in.flag() ? "leveldb.BytewiseComparator" : "fuzz." + in.text(8, kValueChars);
                option("comparator", family.comparator);
            }
            if (in.flag()) {
                family.mergeOperator = in.flag() ? "nullptr" : "fuzz." + in.text(8, kValueChars);
                option("merge_operator", family.mergeOperator);
            }
            unknownOptions(unknown);
        }
        if (sections & 2) {
            header("TableOptions/BlockBasedTable", name);
            if (in.flag()) {
                named = true;
                if (in.flag()) {
                    family.formatVersion = static_cast<int>(in.below(12));
                    option("format_version", std::to_string(*family.formatVersion));
                } else {
                    option("format_version", "v" + in.text(4, kValueChars));  // not a number: unknown
                }
            }
            unknownOptions(unknown);
        }
        if (named) d.expected.families.push_back(std::move(family));
    }
    if (!d.expected.writtenBy || *d.expected.writtenBy > compat::engineVersion()) d.expected.unknownOptions = unknown;

    const bool crlf = in.flag();
    for (const auto& l : lines) d.text += l + (crlf ? "\r\n" : "\n");
    if (in.flag() && !d.text.empty()) d.text.pop_back();  // no line end at the end
    return d;
}

std::string replaced(std::string_view text, char from, std::string_view to) {
    std::string out;
    for (char c : text) {
        if (c == from) out += to;
        else out.push_back(c);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest = meridian::fuzz::bytesOf(data + 1, size - 1);
    if (data[0] & 1) {
        Input in(rest);
        const Described d = describe(in);
        const OptionsFileInfo info = detail::parseOptionsText(d.text);
        if (!sameInfo(info, d.expected)) {
            std::fprintf(stderr, "%s\n", escapeBytes(d.text.substr(0, 4000)).c_str());
            print("read", info);
            print("written", d.expected);
        }
        FUZZ_CHECK(sameInfo(info, d.expected));
        return 0;
    }

    const OptionsFileInfo info = detail::parseOptionsText(rest, "OPTIONS-000007");
    FUZZ_CHECK(info.path == "OPTIONS-000007");
    int newest = 0;
    for (std::size_t i = 0; i < info.families.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) FUZZ_CHECK(info.families[i].name != info.families[j].name);
        FUZZ_CHECK(rest.find(info.families[i].name) != std::string_view::npos);
        newest = std::max(newest, info.families[i].formatVersion.value_or(0));
    }
    FUZZ_CHECK(info.newestFormatVersion() == newest);
    if (info.writtenBy) FUZZ_CHECK(rest.find("rocksdb_version") != std::string_view::npos);
    for (const auto& name : info.unknownOptions) FUZZ_CHECK(rest.find(name) != std::string_view::npos);

    // The same file with CRLF line ends and every line indented.
    FUZZ_CHECK(sameInfo(detail::parseOptionsText(" \t" + replaced(rest, '\n', "\r\n \t"), "OPTIONS-000007"), info));
    return 0;
}
