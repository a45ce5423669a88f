#include "storage/transfer/line_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace meridian::storage::detail {

LineReader::LineReader(std::size_t bufferBytes) : bufferBytes_(std::max<std::size_t>(bufferBytes, 1)) {}

LineReader::~LineReader() {
    if (fd_ >= 0) ::close(fd_);
}

Status LineReader::open(const DumpInput& input) {
    path_ = input.name();
    fd_ = input.reopen();
    if (fd_ < 0) return Status::ioError("cannot read " + path_ + ": " + std::strerror(errno));
    // No bigger than the input needs (a file may still grow while read): a
    // small input then costs a small buffer, not a megabyte zeroed for nothing.
    buffer_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(bufferBytes_, input.size() + 1)));
    fill();
    return status_;
}

std::string_view LineReader::head() const {
    return {buffer_.data() + begin_, std::min<std::size_t>(end_ - begin_, 4096)};
}

bool LineReader::next(std::string_view& line) {
    std::size_t searched = begin_;
    for (;;) {
        const void* found = std::memchr(buffer_.data() + searched, '\n', end_ - searched);
        if (found) {
            const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
            line = std::string_view(buffer_.data() + begin_, at - begin_);
            consumed_ += at + 1 - begin_;
            begin_ = at + 1;
            ++line_;
            return true;
        }
        if (eof_ || !status_.ok()) {
            if (!status_.ok() || begin_ == end_) return false;
            line = std::string_view(buffer_.data() + begin_, end_ - begin_);  // last line without '\n'
            consumed_ += end_ - begin_;
            begin_ = end_;
            ++line_;
            return true;
        }
        searched = end_ - begin_;  // after fill() moves the unread part to the front
        fill();
    }
}

// Moves the unread bytes to the front (growing the buffer when a line fills
// it) and reads more after them.
void LineReader::fill() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    for (;;) {
        const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) status_ = Status::ioError("cannot read " + path_ + ": " + std::strerror(errno));
        if (n == 0) eof_ = true;
        if (n > 0) end_ += static_cast<std::size_t>(n);
        return;
    }
}

}  // namespace meridian::storage::detail
