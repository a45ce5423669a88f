// Internal: reading an import's input line by line (import.cpp).
//
// A line ends with '\n' (not included); a last line without one is still a
// line. The input is read through one buffer, grown when a line does not
// fit, so a line of any length is read whole.
//
// Not thread-safe: one reader, one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "storage/transfer/dump_files.h"

namespace meridian::storage::detail {

class LineReader {
public:
    // `bufferBytes`: how much is read at a time (at least 1; less for a
    // smaller input).
    explicit LineReader(std::size_t bufferBytes = std::size_t{1} << 20);
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;
    ~LineReader();

    // Reads `input` from its start (through a descriptor of its own) and
    // fills the first buffer. IOError when it cannot be read.
    Status open(const DumpInput& input);

    // The input's first bytes, up to 4096 of them (valid right after open()).
    std::string_view head() const;

    // The next line, a view into the buffer that stays valid until the next
    // call. False at the end of the input or on a read error (see status()).
    bool next(std::string_view& line);

    const Status& status() const { return status_; }
    std::uint64_t lineNumber() const { return line_; }    // lines returned so far
    std::uint64_t consumed() const { return consumed_; }  // their bytes, line ends included

private:
    void fill();

    std::size_t bufferBytes_;
    std::string path_;
    int fd_ = -1;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false;
    Status status_;
    std::uint64_t line_ = 0;
    std::uint64_t consumed_ = 0;
};

}  // namespace meridian::storage::detail
