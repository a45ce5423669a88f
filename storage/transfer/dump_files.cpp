#include "storage/transfer/dump_files.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace meridian::storage {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kCopyBytes = 1u << 20;

Status ioError(const std::string& what, const std::string& path, int error) {
    const std::string text = what + " '" + path + "': " + std::strerror(error);
    if (error == ENOENT) return Status::notFound(text);
    return Status::ioError(text);
}

const char* kindOf(mode_t mode) {
    if (S_ISLNK(mode)) return "a symbolic link";
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

std::string temporaryFolder() {
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec);
    return ec ? std::string("/tmp") : dir.string();
}

// An unnamed file in the temporary folder: nobody else can open it, and it
// is gone once its last descriptor closes, whatever happens to the process.
int unnamedTemporaryFile(const std::string& dir) {
#ifdef O_TMPFILE
    const int unnamed = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (unnamed >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return unnamed;
#endif
    std::string pattern = (fs::path(dir) / "meridian-import-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return fd;
    ::unlink(pattern.c_str());
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

// read(), waiting for data when the descriptor is non-blocking (a standard
// input some parent left that way).
ssize_t readSome(int fd, char* buffer, std::size_t size) {
    for (;;) {
        const ssize_t n = ::read(fd, buffer, size);
        if (n >= 0) return n;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return n;
        struct pollfd wait {};
        wait.fd = fd;
        wait.events = POLLIN;
        if (::poll(&wait, 1, -1) < 0 && errno != EINTR) return -1;
    }
}

// IOError with strerror() alone as its message.
Status writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Status::ioError(std::strerror(errno));
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return {};
}

// Closes a descriptor on every path out unless released.
class Fd {
public:
    explicit Fd(int fd, bool owned = true) : fd_(fd), owned_(owned) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (owned_ && fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    int release() {
        owned_ = false;
        return fd_;
    }

private:
    int fd_;
    bool owned_;
};

}  // namespace

Status checkExportDestination(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        const int error = errno;
        if (error == ENOENT) return {};  // a new file (a missing folder on the way is said when creating it)
        return ioError("cannot examine the export's destination", path, error);
    }
    if (S_ISREG(st.st_mode)) return {};
    if (S_ISDIR(st.st_mode)) return Status::invalidArgument("'" + path + "' is a folder; name a file");
    struct stat target {};
    const bool linkToAFile = S_ISLNK(st.st_mode) && ::stat(path.c_str(), &target) == 0 && S_ISREG(target.st_mode);
    return Status::invalidArgument("'" + path + "' is " + kindOf(st.st_mode) +
                                   ", not a regular file: export writes only a new file or over a regular file, "
                                   "and never follows a symbolic link. Nothing was written (" +
                                   (linkToAFile ? "name the file it points to instead" : "for the standard output, give '-'") +
                                   ")");
}

DumpInput::~DumpInput() {
    if (fd_ >= 0) ::close(fd_);
}

int DumpInput::reopen() const {
    const int fd = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return fd;
    if (::lseek(fd, 0, SEEK_SET) < 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

namespace {

// `path` ("-": the standard input, not closed) opened for reading without
// waiting for a FIFO's writer, then made blocking again (so that a FIFO
// nobody writes to reads as empty); `st` is what it is.
Result<int> openInput(const std::string& path, const char* what, struct stat& st) {
    const bool standardInput = path == "-";
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    Fd source(standardInput ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), !standardInput);
    if (source.get() < 0) return ioError("cannot open", path, errno);
    if (::fstat(source.get(), &st) != 0) return ioError("cannot examine", path, errno);
    if (S_ISDIR(st.st_mode)) return Status::invalidArgument("'" + path + "' is a folder, not " + what);
    if (!standardInput) {
        const int flags = ::fcntl(source.get(), F_GETFL);
        if (flags < 0 || ::fcntl(source.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
            return ioError("cannot read", path, errno);
    }
    return source.release();
}

}  // namespace

Result<std::string> readWholeInput(const std::string& path) {
    if (path.empty()) return Status::invalidArgument("no file name given");
    struct stat st {};
    auto opened = openInput(path, "a file", st);
    if (!opened.ok()) return opened.status();
    Fd source(opened.value(), path != "-");
    std::string content;
    if (S_ISREG(st.st_mode)) content.reserve(static_cast<std::size_t>(st.st_size));
    std::vector<char> buffer(kCopyBytes);
    for (;;) {
        const ssize_t n = readSome(source.get(), buffer.data(), buffer.size());
        if (n < 0) return ioError("cannot read", path, errno);
        if (n == 0) return content;
        content.append(buffer.data(), static_cast<std::size_t>(n));
    }
}

Result<std::shared_ptr<DumpInput>> DumpInput::open(const std::string& path) {
    if (path.empty()) return Status::invalidArgument("no file name given for the import");
    std::shared_ptr<DumpInput> input(new DumpInput());
    const bool standardInput = path == "-";
    input->name_ = standardInput ? std::string("the standard input") : "'" + path + "'";

    struct stat st {};
    auto opened = openInput(path, "a dump file", st);
    if (!opened.ok()) return opened.status();
    Fd source(opened.value(), !standardInput);
    if (!standardInput && S_ISREG(st.st_mode)) {  // read in place, as often as needed
        input->fd_ = source.release();
        input->size_ = static_cast<std::uint64_t>(st.st_size);
        return input;
    }

    // Read once: keep a private copy to read as often as the import needs.
    const std::string dir = temporaryFolder();
    Fd spool(unnamedTemporaryFile(dir));
    if (spool.get() < 0) return ioError("cannot create a temporary file for the import in", dir, errno);
    std::vector<char> buffer(kCopyBytes);
    std::uint64_t total = 0;
    for (;;) {
        const ssize_t n = readSome(source.get(), buffer.data(), buffer.size());
        if (n < 0) return ioError("cannot read", path, errno);
        if (n == 0) break;
        if (Status s = writeAll(spool.get(), buffer.data(), static_cast<std::size_t>(n)); !s.ok())
            return Status::ioError("cannot keep a copy of " + input->name_ + " in '" + dir + "': " + s.message());
        total += static_cast<std::uint64_t>(n);
    }
    if (total == 0) {
        std::string message = input->name_ + " is empty: nothing was read from it";
        if (S_ISFIFO(st.st_mode) && !standardInput) message += " (a FIFO reads as empty while nobody writes to it)";
        return Status::invalidArgument(message + "; nothing was imported");
    }
    input->fd_ = spool.release();
    input->spooled_ = true;
    input->size_ = total;
    return input;
}

}  // namespace meridian::storage
