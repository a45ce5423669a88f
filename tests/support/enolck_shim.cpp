// LD_PRELOAD fault shim: makes POSIX record locks on files named ".../LOCK"
// behave as on a filesystem without locking (some network volumes).
//
//   LD_PRELOAD=libmeridian_enolck_shim.so program ...
//
// MERIDIAN_SHIM_LOCK_MODE selects the fault:
//   unset or "enolck"  F_SETLK, F_SETLKW, F_GETLK (and the OFD variants) on a
//                      LOCK file fail with ENOLCK, every time
//   "eagain-once"      the first F_SETLK/F_SETLKW on a LOCK file fails with
//                      EAGAIN ("somebody held it a moment ago"); everything
//                      after passes through
// Every other fcntl call, and lock calls on other files, pass through. The
// file name comes from readlink(/proc/self/fd/<fd>).
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

using FcntlFn = int (*)(int, int, ...);

bool isLockCommand(int cmd) {
    switch (cmd) {
    case F_SETLK:
    case F_SETLKW:
    case F_GETLK:
#ifdef F_OFD_SETLK
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
    case F_OFD_GETLK:
#endif
        return true;
    default:
        return false;
    }
}

bool isSetCommand(int cmd) { return cmd == F_SETLK || cmd == F_SETLKW; }

bool namesLockFile(int fd) {
    char link[64];
    char target[4096];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    if (n < 5) return false;
    target[n] = '\0';
    return std::strcmp(target + n - 5, "/LOCK") == 0;
}

bool eagainOnce() {
    const char* mode = std::getenv("MERIDIAN_SHIM_LOCK_MODE");
    return mode && std::strcmp(mode, "eagain-once") == 0;
}

std::atomic<bool> eagainSpent{false};

// Returns -1 with errno set when the call must fail, 0 when it passes through.
int injectedFault(int fd, int cmd) {
    if (!isLockCommand(cmd) || !namesLockFile(fd)) return 0;
    if (eagainOnce()) {
        if (isSetCommand(cmd) && !eagainSpent.exchange(true)) {
            errno = EAGAIN;
            return -1;
        }
        return 0;
    }
    errno = ENOLCK;
    return -1;
}

int forward(const char* symbol, int fd, int cmd, void* arg) {
    static std::atomic<FcntlFn> cache[2];
    const int slot = std::strcmp(symbol, "fcntl") == 0 ? 0 : 1;
    FcntlFn next = cache[slot].load();
    if (!next) {
        next = reinterpret_cast<FcntlFn>(::dlsym(RTLD_NEXT, symbol));
        if (!next) next = reinterpret_cast<FcntlFn>(::dlsym(RTLD_NEXT, "fcntl"));
        cache[slot].store(next);
    }
    return next(fd, cmd, arg);
}

}  // namespace

extern "C" {

// glibc reads the optional argument as a pointer too.
int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    if (injectedFault(fd, cmd) != 0) return -1;
    return forward("fcntl", fd, cmd, arg);
}

int fcntl64(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    if (injectedFault(fd, cmd) != 0) return -1;
    return forward("fcntl64", fd, cmd, arg);
}

}  // extern "C"
