// The files at either end of a transfer: where an export may write, and the
// input of an import, opened once.
//
// Export: only a new file, or over a regular file. A symbolic link (as the
// last component: never followed), a FIFO, a device, a socket or a folder at
// the destination is refused, so that exporting to /dev/null as root cannot
// replace the system's /dev/null with a regular file.
//
// Import: DumpInput::open() opens the input without ever waiting for a FIFO's
// writer (O_NONBLOCK, cleared once open: a FIFO nobody writes to reads as
// empty), then:
//  - a regular file is read in place, through the descriptor opened here, as
//    often as the import needs (checking, then writing);
//  - anything else (the standard input "-", a pipe such as /dev/stdin or
//    /dev/fd/N, a FIFO, a character device) can only be read once: it is read
//    to its end right away into an unnamed temporary file in the temporary
//    folder (TMPDIR), which the import then reads as often as it needs, and
//    which disappears with the DumpInput (or the process). Such an input that
//    gives no bytes at all is refused as empty: a pipe nobody wrote to is
//    almost certainly a mistake.
//
// Thread safety: a DumpInput is used by one import at a time.
// Errors: Status values (status.h); nothing throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/status.h"

namespace meridian::storage {

// Ok when `path` names nothing yet or a regular file; InvalidArgument saying
// what is there otherwise (IOError when it cannot be examined).
Status checkExportDestination(const std::string& path);

// The whole of `path` ("-": the standard input) in memory, opened as
// DumpInput::open() opens it (a FIFO nobody writes to reads as empty, never
// waited for). For values: NotFound / IOError / InvalidArgument (a folder).
Result<std::string> readWholeInput(const std::string& path);

class DumpInput {
public:
    // `path` "-" is the standard input.
    static Result<std::shared_ptr<DumpInput>> open(const std::string& path);

    DumpInput(const DumpInput&) = delete;
    DumpInput& operator=(const DumpInput&) = delete;
    ~DumpInput();

    // The input as messages name it: "'<path>'", or "the standard input" for "-".
    const std::string& name() const { return name_; }
    // A new descriptor of the input, positioned at its start; the caller closes
    // it. -1 (errno set) when the system refuses one. The descriptors share
    // one position: read through one at a time.
    int reopen() const;
    // True when the input was read into a temporary file (it could be read once only).
    bool spooled() const { return spooled_; }
    // Its size when opened (regular files) or read (spooled inputs).
    std::uint64_t size() const { return size_; }

private:
    DumpInput() = default;
    std::string name_;
    int fd_ = -1;
    bool spooled_ = false;
    std::uint64_t size_ = 0;
};

}  // namespace meridian::storage
