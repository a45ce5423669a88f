#include "storage/rocksdb/options_file.h"

#include <rocksdb/convenience.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <regex>
#include <unordered_map>

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

std::optional<int> parseInt(const std::string& text) {
    int n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

// What std::regex's \s is in the "C" locale.
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

struct SectionHeader {
    std::string title;
    std::string family;
};

// A section header: [Title] or [Title "name"], spaces allowed around each
// part. The name is what lies between the first quote after the title and
// the last one before the closing bracket, without a line break: a column
// family's name may hold any other byte, quotes and brackets included. (Not
// std::regex: libstdc++'s recurses once per character, and a header with a
// 100 KB column family name overflowed the stack.)
std::optional<SectionHeader> parseHeader(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size() && isSpace(text[pos])) ++pos;
    if (pos == text.size() || text[pos] != '[') return std::nullopt;
    ++pos;
    while (pos < text.size() && isSpace(text[pos])) ++pos;
    const std::size_t title = pos;
    while (pos < text.size() &&
           ((text[pos] >= 'A' && text[pos] <= 'Z') || (text[pos] >= 'a' && text[pos] <= 'z') || text[pos] == '/'))
        ++pos;
    if (pos == title) return std::nullopt;
    SectionHeader header{std::string(text.substr(title, pos - title)), {}};
    std::string_view rest = text.substr(pos);
    while (!rest.empty() && isSpace(rest.front())) rest.remove_prefix(1);
    while (!rest.empty() && isSpace(rest.back())) rest.remove_suffix(1);
    if (rest.empty() || rest.back() != ']') return std::nullopt;
    rest.remove_suffix(1);
    while (!rest.empty() && isSpace(rest.back())) rest.remove_suffix(1);
    if (rest.empty()) return header;
    if (rest.size() < 2 || rest.front() != '"' || rest.back() != '"') return std::nullopt;
    rest = rest.substr(1, rest.size() - 2);
    if (rest.find_first_of("\n\r") != std::string_view::npos) return std::nullopt;
    header.family = std::string(rest);
    return header;
}

enum class SectionKind { Other, Version, DbOptions, CfOptions, BlockBasedTable };

struct Section {
    SectionKind kind = SectionKind::Other;
    std::string family;  // CFOptions and table options: the column family
    std::unordered_map<std::string, std::string> options;
};

// Whether the engine rejects `name` as an option it has never heard of, as
// opposed to a value it cannot use here (a plugin's object, an environment's
// setting). RocksDB's words for it: "Could not find option" (7.8),
// "Unrecognized option", "Extra option not recognized" (11.0).
bool unknownToEngine(const rocksdb::Status& s) {
    if (s.ok()) return false;
    const std::string text = s.ToString();
    for (const char* words : {"Could not find option", "Unrecognized option", "Extra option not recognized"})
        if (text.find(words) != std::string::npos) return true;
    return false;
}

// The options of a section this engine does not know, one at a time (a map
// with all of them stops at the first).
void collectUnknown(const Section& section, std::vector<std::string>& out) {
    rocksdb::ConfigOptions config;
    config.ignore_unknown_options = false;
    config.ignore_unsupported_options = true;
    config.input_strings_escaped = true;
    std::vector<std::string> names;
    for (const auto& [name, value] : section.options) {
        const std::unordered_map<std::string, std::string> one{{name, value}};
        rocksdb::Status s;
        switch (section.kind) {
        case SectionKind::DbOptions: {
            rocksdb::DBOptions db;
            s = rocksdb::GetDBOptionsFromMap(config, rocksdb::DBOptions(), one, &db);
            break;
        }
        case SectionKind::CfOptions: {
            rocksdb::ColumnFamilyOptions cf;
            s = rocksdb::GetColumnFamilyOptionsFromMap(config, rocksdb::ColumnFamilyOptions(), one, &cf);
            break;
        }
        case SectionKind::BlockBasedTable: {
            rocksdb::BlockBasedTableOptions table;
            s = rocksdb::GetBlockBasedTableOptionsFromMap(config, rocksdb::BlockBasedTableOptions(), one, &table);
            break;
        }
        default: break;
        }
        if (unknownToEngine(s)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names)
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

}  // namespace

int OptionsFileInfo::newestFormatVersion() const {
    int newest = 0;
    for (const auto& family : families) newest = std::max(newest, family.formatVersion.value_or(0));
    return newest;
}

std::string latestOptionsFile(const fs::path& dbPath) {
    static const std::regex kOptions("OPTIONS-([0-9]+)");
    std::string best;
    unsigned long long bestNumber = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dbPath, ec)) {
        std::smatch m;
        const std::string name = entry.path().filename().string();
        if (!std::regex_match(name, m, kOptions)) continue;
        // A number too big for 64 bits is no file RocksDB wrote (std::stoull
        // threw on it, out of the storage API).
        unsigned long long n = 0;
        const std::string digits = m[1].str();
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (error != std::errc() || end != digits.data() + digits.size()) continue;
        if (best.empty() || n > bestNumber) {
            best = entry.path().string();
            bestNumber = n;
        }
    }
    return best;
}

Result<OptionsFileInfo> readOptionsFile(const fs::path& optionsFile) {
    std::ifstream in(optionsFile, std::ios::binary);
    if (!in) return Status::ioError("'" + optionsFile.string() + "' cannot be read");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parseOptionsText(text, optionsFile.string());
}

OptionsFileInfo parseOptionsText(std::string_view file, std::string path) {
    std::vector<Section> sections;
    for (std::size_t start = 0; start < file.size();) {
        const std::size_t end = std::min(file.find('\n', start), file.size());
        const std::string_view line = file.substr(start, end - start);
        start = end + 1;
        const std::string text = trim(line);
        if (text.empty() || text.starts_with("#")) continue;
        if (const auto header = text.starts_with("[") ? parseHeader(text) : std::nullopt) {
            Section section;
            const std::string& title = header->title;
            if (title == "Version") section.kind = SectionKind::Version;
            else if (title == "DBOptions") section.kind = SectionKind::DbOptions;
            else if (title == "CFOptions") section.kind = SectionKind::CfOptions;
            else if (title == "TableOptions/BlockBasedTable") section.kind = SectionKind::BlockBasedTable;
            section.family = header->family;
            sections.push_back(std::move(section));
            continue;
        }
        const auto eq = text.find('=');
        if (eq == std::string::npos || sections.empty()) continue;
        sections.back().options[trim(text.substr(0, eq))] = trim(text.substr(eq + 1));
    }

    OptionsFileInfo info;
    info.path = std::move(path);
    auto familyNamed = [&](const std::string& name) -> FamilyOptionsInfo& {
        for (auto& f : info.families)
            if (f.name == name) return f;
        info.families.push_back({name, {}, {}, {}});
        return info.families.back();
    };
    for (const Section& section : sections) {
        const auto value = [&](const char* key) -> std::optional<std::string> {
            auto it = section.options.find(key);
            return it == section.options.end() ? std::nullopt : std::optional<std::string>(it->second);
        };
        switch (section.kind) {
        case SectionKind::Version:
            if (auto v = value("rocksdb_version")) info.writtenBy = compat::parseVersion(*v);
            break;
        case SectionKind::CfOptions: {
            FamilyOptionsInfo& family = familyNamed(section.family);
            family.comparator = value("comparator").value_or("");
            family.mergeOperator = value("merge_operator").value_or("");
            break;
        }
        case SectionKind::BlockBasedTable:
            if (auto v = value("format_version")) familyNamed(section.family).formatVersion = parseInt(*v);
            break;
        default: break;
        }
    }
    // RocksDB ignores unknown options only in a file from a newer release
    // (options_parser.cc); in any other file they would fail the open anyway.
    if (!info.writtenBy || *info.writtenBy > compat::engineVersion())
        for (const Section& section : sections) collectUnknown(section, info.unknownOptions);
    return info;
}

}  // namespace meridian::storage::detail
