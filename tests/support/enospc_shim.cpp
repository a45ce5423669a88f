// LD_PRELOAD fault shim: a disk that fills up, for the files of one folder.
//
//   MERIDIAN_SHIM_ENOSPC_DIR=/path/to/db LD_PRELOAD=libmeridian_enospc_shim.so program ...
//
// Writes to files under MERIDIAN_SHIM_ENOSPC_DIR (write, pwrite, writev,
// pwritev and fallocate, the calls RocksDB and our logger use) succeed for
// the first MERIDIAN_SHIM_ENOSPC_AFTER bytes in all (default 0) and fail with
// ENOSPC from then on, as on a full filesystem. With MERIDIAN_SHIM_FREE_BYTES
// set, statvfs on a path under the folder reports that many bytes free.
// Everything else passes through. File names come from
// readlink(/proc/self/fd/<fd>).
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

const char* folder() {
    static const char* dir = std::getenv("MERIDIAN_SHIM_ENOSPC_DIR");
    return dir && *dir ? dir : nullptr;
}

bool under(const char* path) {
    const char* dir = folder();
    if (!dir || !path) return false;
    const std::size_t n = std::strlen(dir);
    return std::strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

bool inFolder(int fd) {
    if (!folder()) return false;
    char link[64];
    char target[4096];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    if (n <= 0) return false;
    target[n] = '\0';
    return under(target);
}

std::atomic<long long> budget{-1};  // bytes still allowed; -1: not read yet

// True when `bytes` more may be written to `fd`; false with errno = ENOSPC.
bool allowed(int fd, std::size_t bytes) {
    if (bytes == 0 || !inFolder(fd)) return true;
    long long left = budget.load();
    if (left < 0) {
        const char* after = std::getenv("MERIDIAN_SHIM_ENOSPC_AFTER");
        budget.compare_exchange_strong(left, after ? std::atoll(after) : 0);
        left = budget.load();
    }
    for (;;) {
        if (static_cast<unsigned long long>(left) < bytes) {
            errno = ENOSPC;
            return false;
        }
        if (budget.compare_exchange_weak(left, left - static_cast<long long>(bytes))) return true;
    }
}

template <class Fn>
Fn next(const char* symbol) {
    return reinterpret_cast<Fn>(::dlsym(RTLD_NEXT, symbol));
}

std::size_t total(const struct iovec* iov, int count) {
    std::size_t n = 0;
    for (int i = 0; i < count; ++i) n += iov[i].iov_len;
    return n;
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* data, size_t n) {
    static auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
    if (!allowed(fd, n)) return -1;
    return real(fd, data, n);
}

ssize_t pwrite(int fd, const void* data, size_t n, off_t at) {
    static auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
    if (!allowed(fd, n)) return -1;
    return real(fd, data, n, at);
}

ssize_t pwrite64(int fd, const void* data, size_t n, off64_t at) {
    static auto real = next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
    if (!allowed(fd, n)) return -1;
    return real(fd, data, n, at);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    static auto real = next<ssize_t (*)(int, const struct iovec*, int)>("writev");
    if (!allowed(fd, total(iov, count))) return -1;
    return real(fd, iov, count);
}

ssize_t pwritev(int fd, const struct iovec* iov, int count, off_t at) {
    static auto real = next<ssize_t (*)(int, const struct iovec*, int, off_t)>("pwritev");
    if (!allowed(fd, total(iov, count))) return -1;
    return real(fd, iov, count, at);
}

int fallocate(int fd, int mode, off_t at, off_t length) {
    static auto real = next<int (*)(int, int, off_t, off_t)>("fallocate");
    if (inFolder(fd) && !allowed(fd, 1)) return -1;  // a full disk has no room to reserve
    return real(fd, mode, at, length);
}

int fallocate64(int fd, int mode, off64_t at, off64_t length) {
    static auto real = next<int (*)(int, int, off64_t, off64_t)>("fallocate64");
    if (inFolder(fd) && !allowed(fd, 1)) return -1;
    return real(fd, mode, at, length);
}

int statvfs(const char* path, struct statvfs* out) {
    static auto real = next<int (*)(const char*, struct statvfs*)>("statvfs");
    const int rc = real(path, out);
    const char* freeBytes = std::getenv("MERIDIAN_SHIM_FREE_BYTES");
    if (rc == 0 && freeBytes && under(path) && out->f_frsize > 0) {
        out->f_bavail = static_cast<fsblkcnt_t>(std::strtoull(freeBytes, nullptr, 10) / out->f_frsize);
        out->f_bfree = out->f_bavail;
    }
    return rc;
}

}  // extern "C"
