// libFuzzer target: dump files (storage/transfer/dump_format.h) and importing
// them (storage/transfer/dump_files.h, line_reader.h, export_import.h: opening
// the input, reading it line by line, checking it, writing it in batches), on
// any bytes.
//
// Input: two bytes, then a dump file. The first byte picks the format (ldb,
// ldb --hex, JSON Lines, or detected from the file with or without --hex) and
// the import's batch size; the second the line reader's buffer size (1 to 64
// bytes, so that lines cross the buffer's end).
//
// Checks:
//  - LineReader gives the file's lines (split at '\n', a last line without
//    one included) whatever its buffer size, counts them and their bytes, and
//    its head() is where the file starts.
//  - parseLine: a malformed line is InvalidArgument with a reason. A record
//    is written back by appendRecord as one line that reads as the same key
//    and value: for ldb text the very line, for ldb --hex the line up to the
//    case of its hex digits, for JSON Lines a canonical line that writes
//    itself again.
//  - appendRecord then parseLine gives back any key and value (here: the two
//    halves of the file) in every format that can carry them; ldb text
//    refuses exactly newlines, " ==> " in a key and a key ending " ==>".
//  - detectFormat: JSON Lines exactly when the first non-blank byte is '{'.
//  - checkDump reports what importing would: the first malformed line's
//    number, or the number of records.
//  - importDumpFile into an in-memory storage: when every line parses, the
//    storage then holds what the lines say (the last of a key wins) and the
//    undo empties it again; otherwise it reports the first malformed line's
//    number and nothing is written.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/memory/memory_storage.h"
#include "storage/transfer/dump_files.h"
#include "storage/transfer/dump_format.h"
#include "storage/transfer/export_import.h"
#include "storage/transfer/line_reader.h"
#include "tests/fuzz/fuzz_check.h"

using namespace meridian::storage;

namespace {

constexpr std::string_view kDelimiter = " ==> ";

// One file for the whole run, rewritten for every input.
class DumpFile {
public:
    DumpFile() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = (tmp && *tmp ? std::string(tmp) : std::string("/tmp")) + "/meridian-fuzz-dump-XXXXXX";
        fd_ = ::mkstemp(pattern.data());
        FUZZ_CHECK(fd_ >= 0);
        path_ = pattern;
    }
    ~DumpFile() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
    const std::string& write(std::string_view bytes) {
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
            FUZZ_CHECK(n > 0);
            done += static_cast<std::size_t>(n);
        }
        // Cut to size after writing: truncating to 0 first makes ext4 write
        // the file back at every close.
        FUZZ_CHECK(::ftruncate(fd_, static_cast<off_t>(bytes.size())) == 0);
        return path_;
    }

private:
    int fd_ = -1;
    std::string path_;
};

// The file's lines as the importer means them.
std::vector<std::string_view> linesOf(std::string_view file) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < file.size();) {
        const std::size_t end = std::min(file.find('\n', start), file.size());
        lines.push_back(file.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

void checkLineReader(const DumpInput& input, std::string_view file, std::size_t bufferBytes) {
    detail::LineReader reader(bufferBytes);
    FUZZ_CHECK(reader.open(input).ok());
    FUZZ_CHECK(file.starts_with(reader.head()));
    FUZZ_CHECK(reader.head().size() == std::min({file.size(), bufferBytes, std::size_t{4096}}));
    const auto expected = linesOf(file);
    std::string_view line;
    for (const std::string_view want : expected) {
        FUZZ_CHECK(reader.next(line));
        FUZZ_CHECK(line == want);
    }
    FUZZ_CHECK(!reader.next(line) && !reader.next(line));
    FUZZ_CHECK(reader.status().ok());
    FUZZ_CHECK(reader.lineNumber() == expected.size() && reader.consumed() == file.size());
}

bool equalIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

// appendRecord, then parseLine on what it wrote: the same key and value.
// Returns the line (without its '\n'); "" when the format refused.
std::string writeAndRead(DumpFormat format, std::string_view key, std::string_view value) {
    std::string out = "earlier line\n";
    const Status written = appendRecord(out, format, key, value);
    if (!written.ok()) {
        FUZZ_CHECK(written.code() == Status::Code::InvalidArgument);
        FUZZ_CHECK(out == "earlier line\n");  // nothing appended
        return {};
    }
    FUZZ_CHECK(out.starts_with("earlier line\n") && out.ends_with('\n'));
    const std::string line = out.substr(13, out.size() - 14);
    FUZZ_CHECK(line.find('\n') == std::string::npos);  // one line
    std::string k = "stale", v = "stale";
    const auto parsed = parseLine(format, line, k, v);
    FUZZ_CHECK(parsed.ok() && parsed.value() == LineKind::Record);
    FUZZ_CHECK(k == key && v == value);
    return line;
}

void checkRoundTrip(std::string_view key, std::string_view value) {
    FUZZ_CHECK(!writeAndRead(DumpFormat::LdbHex, key, value).empty());
    FUZZ_CHECK(!writeAndRead(DumpFormat::JsonLines, key, value).empty());
    const bool textCarries = key.find('\n') == std::string_view::npos && value.find('\n') == std::string_view::npos &&
                             key.find(kDelimiter) == std::string_view::npos && !key.ends_with(" ==>");
    FUZZ_CHECK(writeAndRead(DumpFormat::LdbText, key, value).empty() == !textCarries);
}

// One line of a file in `format`: parse it, write it back, compare.
Result<LineKind> checkLine(DumpFormat format, std::string_view line, std::string& key, std::string& value) {
    auto parsed = parseLine(format, line, key, value);
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.status().code() == Status::Code::InvalidArgument && !parsed.status().message().empty());
        return parsed;
    }
    if (parsed.value() == LineKind::Skipped) {
        FUZZ_CHECK(format == DumpFormat::JsonLines ? line.find_first_not_of(" \t\r\n") == std::string_view::npos
                                                   : line.find(kDelimiter) == std::string_view::npos);
        return parsed;
    }
    const std::string again = writeAndRead(format, key, value);
    switch (format) {
    case DumpFormat::LdbText: FUZZ_CHECK(again == line); break;
    case DumpFormat::LdbHex: FUZZ_CHECK(equalIgnoringCase(again, line)); break;
    case DumpFormat::JsonLines: {
        std::string k, v;
        FUZZ_CHECK(parseLine(format, again, k, v).ok());
        std::string third;
        FUZZ_CHECK(appendRecord(third, format, k, v).ok() && third == again + "\n");  // canonical
        break;
    }
    }
    return parsed;
}

void checkDetect(std::string_view file, bool hex) {
    const std::size_t first = file.find_first_not_of(" \t\r\n");
    const bool json = first != std::string_view::npos && file[first] == '{';
    const DumpFormat ldb = hex ? DumpFormat::LdbHex : DumpFormat::LdbText;
    FUZZ_CHECK(detectFormat(file, hex) == (json ? DumpFormat::JsonLines : ldb));
}

std::map<std::string, std::string> contents(const Storage& storage) {
    std::map<std::string, std::string> out;
    ScanRequest request;
    request.limit = 7;  // several pages
    for (;;) {
        auto page = storage.scan(request);
        FUZZ_CHECK(page.ok());
        for (const Entry& e : page->entries) FUZZ_CHECK(out.emplace(e.key, e.value).second);
        if (!page->nextCursor) return out;
        request.after = page->nextCursor;
    }
}

void checkImport(const std::string& path, const DumpInput& input, std::string_view file,
                 std::optional<DumpFormat> given, bool hex, std::size_t batchBytes) {
    // What the file says, line by line, as the importer reads it (the format
    // detected from its first 4096 bytes).
    const DumpFormat format = given.value_or(detectFormat(file.substr(0, 4096), hex));
    std::map<std::string, std::string> expected;
    std::uint64_t records = 0;
    std::uint64_t badLine = 0;
    std::string key, value;
    std::uint64_t number = 0;
    for (const std::string_view line : linesOf(file)) {
        ++number;
        const auto kind = checkLine(format, line, key, value);
        if (!kind.ok()) {
            badLine = number;
            break;
        }
        if (kind.value() == LineKind::Record) {
            ++records;
            expected[key] = value;  // the last one wins
        }
    }

    ImportOptions options;
    options.format = given;
    options.hex = hex;
    options.batchBytes = batchBytes;
    // Checking alone says the same, writing nothing.
    const ImportReport checked = checkDump(input, options);
    FUZZ_CHECK(checked.format == format);
    FUZZ_CHECK(checked.errorLine == badLine);
    FUZZ_CHECK(checked.ok() == (badLine == 0));
    if (checked.ok()) FUZZ_CHECK(checked.summary.keys == records);

    const StoragePtr storage = createMemoryStorage("fuzz");
    const ImportReport report = importDumpFile(storage, path, options);
    FUZZ_CHECK(report.format == format);
    if (badLine != 0) {
        FUZZ_CHECK(report.status.code() == Status::Code::InvalidArgument);
        FUZZ_CHECK(report.errorLine == badLine);
        FUZZ_CHECK(report.wroteNothing && !report.undo);
        FUZZ_CHECK(contents(*storage).empty());
        return;
    }
    FUZZ_CHECK(report.ok());
    FUZZ_CHECK(report.errorLine == 0);
    FUZZ_CHECK(report.summary.keys == records && report.summary.fileBytes == file.size());
    FUZZ_CHECK(report.wroteNothing == (records == 0));
    FUZZ_CHECK(contents(*storage) == expected);
    FUZZ_CHECK(report.undo && report.undo->keys() == records);
    FUZZ_CHECK(report.undo->undo().ok());
    FUZZ_CHECK(contents(*storage).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::uint8_t control = data[0];
    const std::size_t bufferBytes = 1 + data[1] % 64;
    const std::string_view file = meridian::fuzz::bytesOf(data + 2, size - 2);

    std::optional<DumpFormat> given;
    switch (control & 3) {
    case 0: given = DumpFormat::LdbText; break;
    case 1: given = DumpFormat::LdbHex; break;
    case 2: given = DumpFormat::JsonLines; break;
    default: break;  // detected
    }
    const bool hex = (control & 4) != 0;
    constexpr std::size_t kBatchBytes[] = {1, 7, 64, std::size_t{4} << 20};  // many batches, or one
    const std::size_t batchBytes = kBatchBytes[(control >> 3) & 3];

    checkDetect(file, hex);
    checkRoundTrip(file.substr(0, file.size() / 2), file.substr(file.size() / 2));
    static DumpFile dumpFile;
    const std::string& path = dumpFile.write(file);
    const auto input = DumpInput::open(path);  // a regular file: read in place, as often as needed
    FUZZ_CHECK(input.ok() && !input.value()->spooled() && input.value()->size() == file.size());
    checkLineReader(*input.value(), file, bufferBytes);
    checkImport(path, *input.value(), file, given, hex, batchBytes);
    return 0;
}
