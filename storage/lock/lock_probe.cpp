#include "storage/lock/lock_probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifdef __APPLE__
#include <libproc.h>
#include <sys/proc_info.h>
#include <sys/sysctl.h>

#include <vector>
#endif

#include "storage/rocksdb/registry.h"

namespace meridian::storage {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDoNotDelete =
    " Do not delete LOCK by hand: that would let two programs write at once and damage the database.";

std::string errnoText(int error) { return std::strerror(error); }

std::string absolutePath(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec);
    if (ec) return path;
    return p.lexically_normal().string();
}

// Closes a descriptor on every path out. Only ever used on descriptors of a
// LOCK this process holds no POSIX lock on (see the header).
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    bool ok() const { return fd_ >= 0; }

private:
    int fd_;
};

bool isUnsupportedLockError(int error) {
    return error == ENOLCK || error == ENOTSUP || error == EOPNOTSUPP;
}

struct flock wholeFile(short type) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0;
    lock.l_len = 0;
    return lock;
}

// ---- who holds it -------------------------------------------------------

#ifdef __APPLE__

void describe(LockHolder& holder) {
    const int pid = static_cast<int>(holder.pid);
    char path[PROC_PIDPATHINFO_MAXSIZE] = {};
    if (proc_pidpath(pid, path, sizeof path) > 0) holder.executable = path;
    char name[2 * MAXCOMLEN + 1] = {};
    if (proc_name(pid, name, sizeof name) > 0) holder.name = name;
    struct proc_bsdinfo info {};
    if (proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &info, sizeof info) == static_cast<int>(sizeof info))
        holder.startedAt = static_cast<std::int64_t>(info.pbi_start_tvsec);

    // KERN_PROCARGS2: int argc, the executable path, NUL padding, then argc arguments.
    int maxArgs = 0;
    size_t size = sizeof maxArgs;
    int mibMax[2] = {CTL_KERN, KERN_ARGMAX};
    if (sysctl(mibMax, 2, &maxArgs, &size, nullptr, 0) != 0 || maxArgs <= 0) return;
    std::vector<char> buffer(static_cast<size_t>(maxArgs));
    size = buffer.size();
    int mib[3] = {CTL_KERN, KERN_PROCARGS2, pid};
    if (sysctl(mib, 3, buffer.data(), &size, nullptr, 0) != 0 || size < sizeof(int)) return;
    int argc = 0;
    std::memcpy(&argc, buffer.data(), sizeof argc);
    size_t at = sizeof argc;
    while (at < size && buffer[at] != '\0') ++at;  // the executable path
    while (at < size && buffer[at] == '\0') ++at;  // padding
    std::string line;
    for (int i = 0; i < argc && at < size; ++i) {
        const char* arg = buffer.data() + at;
        const size_t len = strnlen(arg, size - at);
        if (!line.empty()) line += ' ';
        line.append(arg, len);
        at += len + 1;
    }
    holder.commandLine = line;
}

#else  // Linux and other /proc systems

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::optional<std::int64_t> bootTime() {
    std::ifstream in("/proc/stat");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("btime ", 0) == 0) {
            try {
                return std::stoll(line.substr(6));
            } catch (...) {
                return std::nullopt;
            }
        }
    }
    return std::nullopt;
}

// /proc/<pid>/stat field 22: start time in clock ticks after boot. The
// command name (field 2) may hold spaces and parentheses: count after the
// last ')'.
std::optional<std::int64_t> startTime(const std::string& proc) {
    const std::string stat = readWhole(proc + "/stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    for (int index = 3; fields >> field; ++index) {
        if (index != 22) continue;
        const auto boot = bootTime();
        const long ticks = ::sysconf(_SC_CLK_TCK);
        if (!boot || ticks <= 0) return std::nullopt;
        try {
            return *boot + static_cast<std::int64_t>(std::stoull(field) / static_cast<unsigned long long>(ticks));
        } catch (...) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void describe(LockHolder& holder) {
    const std::string proc = "/proc/" + std::to_string(holder.pid);
    std::error_code ec;
    const fs::path exe = fs::read_symlink(proc + "/exe", ec);
    if (!ec) holder.executable = exe.string();

    std::string comm = readWhole(proc + "/comm");
    while (!comm.empty() && (comm.back() == '\n' || comm.back() == '\0')) comm.pop_back();

    std::string cmdline = readWhole(proc + "/cmdline");
    while (!cmdline.empty() && cmdline.back() == '\0') cmdline.pop_back();
    for (char& c : cmdline)
        if (c == '\0') c = ' ';
    holder.commandLine = cmdline;

    if (!holder.executable.empty()) {
        std::string base = fs::path(holder.executable).filename().string();
        const std::string deleted = " (deleted)";  // the program was replaced on disk while running
        if (base.size() > deleted.size() && base.ends_with(deleted)) base.resize(base.size() - deleted.size());
        holder.name = base;
    } else {
        holder.name = comm;
        holder.executable = comm;
    }
    holder.startedAt = startTime(proc);
}

#endif

std::string holderLabel(const LockHolder& holder) {
    if (holder.pid <= 0) return "Another program (its process ID is not visible from here, e.g. on another computer)";
    const std::string name = holder.name.empty() ? std::string("Another program") : holder.name;
    return name + " (PID " + std::to_string(holder.pid) + ")";
}

// ---- filling a diagnosis ------------------------------------------------

void setState(LockDiagnosis& d, LockState state, std::string explanation, std::string advice) {
    d.state = state;
    d.explanation = std::move(explanation);
    d.advice = std::move(advice);
}

void unknown(LockDiagnosis& d, int error, std::string explanation, std::string advice) {
    d.osError = error;
    setState(d, LockState::Unknown, std::move(explanation), std::move(advice));
}

void recordFile(LockDiagnosis& d, const struct stat& st) {
    d.lockFileExists = true;
    d.lockFileSize = static_cast<std::uint64_t>(st.st_size);
    d.lockFileModified = static_cast<std::int64_t>(st.st_mtime);
}

void heldByThisProcess(LockDiagnosis& d) {
    setState(d, LockState::HeldByThisProcess, "This program already has the database open for writing.",
             "Use the window that has it open. Nothing needs clearing: the lock goes away when it is closed.");
}

void heldByOther(LockDiagnosis& d, std::int64_t pid) {
    LockHolder holder;
    holder.pid = pid;
    if (pid > 0) describe(holder);
    const std::string who = holderLabel(holder);
    d.holder = holder;
    setState(d, LockState::HeldByOtherProcess, who + " has the database open for writing.",
             "Open it following live to read alongside it, or quit that program first." + std::string(kDoNotDelete));
}

void unsupported(LockDiagnosis& d, int error) {
    d.osError = error;
    setState(d, LockState::Unsupported,
             "The filesystem holding this database does not support file locking (" + errnoText(error) +
                 "), so nobody can tell whether another program is writing to it, and RocksDB refuses to open "
                 "it for writing. Some network volumes behave like this.",
             "Copy the database folder to a local disk and open the copy. If no other program is writing to "
             "it, opening it read-only works. To work without the database, set MERIDIAN_USE_MEMORY_STORAGE=1 "
             "(an empty in-memory store; nothing is saved).");
}

// probeLock()'s part that opens LOCK; runs with opens in this process paused.
void probeLockFile(LockDiagnosis& d);

}  // namespace

const char* lockStateName(LockState state) {
    switch (state) {
    case LockState::NoLockFile: return "no-lock-file";
    case LockState::Free: return "free";
    case LockState::HeldByThisProcess: return "held-by-this-process";
    case LockState::HeldByOtherProcess: return "held-by-other-process";
    case LockState::Unsupported: return "unsupported";
    case LockState::NotWritable: return "not-writable";
    case LockState::Unknown: return "unknown";
    }
    return "unknown";
}

LockDiagnosis probeLock(const std::string& databasePath) {
    LockDiagnosis d;
    d.databasePath = absolutePath(databasePath);
    d.lockPath = (fs::path(d.databasePath) / "LOCK").string();

    struct stat dirStat {};
    if (::stat(d.databasePath.c_str(), &dirStat) != 0) {
        const int error = errno;
        unknown(d, error, "'" + d.databasePath + "' cannot be examined: " + errnoText(error) + ".",
                "Check the path and that you may read the folder.");
        return d;
    }
    if (!S_ISDIR(dirStat.st_mode)) {
        unknown(d, ENOTDIR, "'" + d.databasePath + "' is not a folder, so it has no LOCK file.",
                "Choose the folder that contains the database's CURRENT file.");
        return d;
    }

    // Ask the registry before any descriptor of LOCK exists: if this process
    // holds the lock, closing a descriptor of LOCK would silently drop it. And
    // keep every open in this process waiting until our descriptor is closed.
    detail::withOpensPaused(databasePath, [&](std::optional<OpenMode> mode) {
        d.openInThisProcess = mode;
        probeLockFile(d);
    });
    if (d.state == LockState::NoLockFile || d.state == LockState::Free)
        applyWriteAccess(d, checkWriteAccess(d.databasePath, d.lockFileExists));
    return d;
}

WriteAccess checkWriteAccess(const std::string& databasePath, bool lockFileExists) {
    WriteAccess access;
    // AT_EACCESS: the effective user, the one a read-write open runs as.
    if (::faccessat(AT_FDCWD, databasePath.c_str(), W_OK | X_OK, AT_EACCESS) != 0) access.folderError = errno;
    const std::string lock = (fs::path(databasePath) / "LOCK").string();
    if (lockFileExists && ::faccessat(AT_FDCWD, lock.c_str(), W_OK, AT_EACCESS) != 0 &&
        errno != ENOENT)
        access.lockError = errno;
    struct statvfs fs {};
    if (::statvfs(databasePath.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY)) access.readOnlyFilesystem = true;
    return access;
}

void applyWriteAccess(LockDiagnosis& d, const WriteAccess& access) {
    if (d.state != LockState::NoLockFile && d.state != LockState::Free) return;
    if (access.writable()) return;
    const std::string nobody = d.state == LockState::Free ? "Nobody holds the lock, but " : "There is no LOCK file, but ";
    const std::string reading = " Reading works: open it read-only or follow it live.";
    if (access.readOnlyFilesystem || access.folderError == EROFS || access.lockError == EROFS) {
        d.osError = EROFS;
        setState(d, LockState::NotWritable,
                 nobody + "'" + d.databasePath + "' is on a read-only filesystem, so it cannot be opened for writing.",
                 "To edit it, remount the filesystem read-write or copy the folder to a writable disk." + reading);
        return;
    }
    const bool folder = access.folderError != 0;
    const int error = folder ? access.folderError : access.lockError;
    d.osError = error;
    const bool denied = error == EACCES || error == EPERM;
    const std::string why = denied ? "permission denied" : errnoText(error);
    setState(d, LockState::NotWritable,
             nobody + (folder ? "this user may not write in '" + d.databasePath + "' (" + why +
                                    "), where a read-write open creates its files"
                              : "this user may not write its LOCK file '" + d.lockPath + "' (" + why +
                                    "), which a read-write open must open for writing") +
                 ", so it cannot be opened for writing.",
             (denied ? std::string("To edit it, run as a user who may write there (its owner), or change the ") +
                           (folder ? "folder's" : "LOCK file's") + " permissions."
                     : std::string("Check the folder and its filesystem.")) +
                 reading);
}

namespace {

void probeLockFile(LockDiagnosis& d) {

    struct stat lockStat {};
    const bool exists = ::lstat(d.lockPath.c_str(), &lockStat) == 0;
    const int lstatError = exists ? 0 : errno;
    if (exists) recordFile(d, lockStat);

    if (d.openInThisProcess == OpenMode::ReadWrite) {
        heldByThisProcess(d);
        return;
    }
    if (!exists) {
        if (lstatError == ENOENT) {
            setState(d, LockState::NoLockFile, "There is no LOCK file: no program has the database open for writing.",
                     "Nothing to do: the database can be opened.");
        } else {
            unknown(d, lstatError, "LOCK cannot be examined: " + errnoText(lstatError) + ".",
                    "Check that you may read the database folder.");
        }
        return;
    }
    if (S_ISLNK(lockStat.st_mode)) {
        unknown(d, ELOOP, "LOCK is a symbolic link, not the file RocksDB creates. This tool does not follow it.",
                "Look at where the link points and remove it yourself if it is a mistake; nothing was changed.");
        return;
    }
    if (!S_ISREG(lockStat.st_mode)) {
        unknown(d, EINVAL,
                std::string("LOCK is ") + (S_ISDIR(lockStat.st_mode) ? "a folder" : "not a regular file") +
                    ", not the file RocksDB creates, so RocksDB cannot lock the database.",
                "Move it out of the database folder yourself if it is a mistake; nothing was changed.");
        return;
    }

    // O_NONBLOCK: if LOCK became a FIFO since lstat, opening must not hang.
    Fd fd(::open(d.lockPath.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!fd.ok()) {
        const int error = errno;
        if (error == ENOENT) {
            d.lockFileExists = false;
            setState(d, LockState::NoLockFile, "There is no LOCK file (it was removed a moment ago).",
                     "Nothing to do: the database can be opened.");
        } else {
            unknown(d, error, "LOCK cannot be opened to ask who holds it: " + errnoText(error) + ".",
                    error == EACCES ? "Run as a user who may read the database folder's files."
                                    : "Check the database folder's permissions and filesystem.");
        }
        return;
    }
    struct stat fdStat {};
    if (::fstat(fd.get(), &fdStat) != 0 || !S_ISREG(fdStat.st_mode)) {
        unknown(d, EINVAL, "LOCK changed while it was being examined.", "Try again.");
        return;
    }

    struct flock query = wholeFile(F_WRLCK);
    if (::fcntl(fd.get(), F_GETLK, &query) != 0) {
        const int error = errno;
        if (isUnsupportedLockError(error)) {
            unsupported(d, error);
        } else {
            unknown(d, error, "The system could not say whether LOCK is held: " + errnoText(error) + ".",
                    "Try again; if it persists, check the filesystem.");
        }
        return;
    }
    if (query.l_type == F_UNLCK) {
        setState(d, LockState::Free,
                 "LOCK is there but no program holds it. It was left behind when a program closed or "
                 "crashed; that is normal and harmless.",
                 "Open the database normally. Clearing the leftover LOCK is optional.");
        return;
    }
    heldByOther(d, static_cast<std::int64_t>(query.l_pid));
    return;
}

}  // namespace

namespace {

// clearStaleLock()'s part that opens LOCK; runs with opens in this process paused.
Result<std::string> clearLockFile(const std::string& lockPath, const std::string& refused,
                                  std::optional<OpenMode> openHere) {
    struct stat before {};
    if (::lstat(lockPath.c_str(), &before) != 0 || !S_ISREG(before.st_mode))
        return Status::unsupported(refused + "LOCK changed while it was being examined; try again.");
    Fd fd(::open(lockPath.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!fd.ok()) {
        const int error = errno;
        return Status::ioError(refused + "LOCK cannot be opened: " + errnoText(error) + ".");
    }
    struct stat opened {};
    if (::fstat(fd.get(), &opened) != 0 || !S_ISREG(opened.st_mode) || opened.st_dev != before.st_dev ||
        opened.st_ino != before.st_ino)
        return Status::unsupported(refused + "LOCK changed while it was being examined; try again.");

    // Take the lock ourselves: from here until close, no RocksDB can get it.
    struct flock take = wholeFile(F_WRLCK);
    if (::fcntl(fd.get(), F_SETLK, &take) != 0) {
        const int error = errno;
        if (isUnsupportedLockError(error))
            return Status::unsupported(refused + "the filesystem does not support file locking (" + errnoText(error) + ").");
        return Status::lockHeld(refused + "another program took the lock a moment ago (" + errnoText(error) +
                                "). Probe again to see who.");
    }
    // A read-write open in this process since the probe would hold the lock
    // too (POSIX locks are per process, so F_SETLK above succeeded): stop.
    if (openHere == OpenMode::ReadWrite)
        return Status::lockHeld(refused + "this program opened the database a moment ago.");
    struct stat now {};
    if (::lstat(lockPath.c_str(), &now) != 0 || !S_ISREG(now.st_mode) || now.st_dev != opened.st_dev ||
        now.st_ino != opened.st_ino)
        return Status::unsupported(refused + "LOCK was replaced while it was being cleared; try again.");
    if (::unlink(lockPath.c_str()) != 0) {
        const int error = errno;
        return Status::ioError(refused + "removing it failed: " + errnoText(error) + ".");
    }
    return std::string();
}

}  // namespace

Result<std::string> clearStaleLock(const std::string& databasePath) {
    const std::string dir = absolutePath(databasePath);
    const std::string lockPath = (fs::path(dir) / "LOCK").string();
    const std::string refused = "Did not clear LOCK in '" + dir + "': ";

    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Status::notFound(refused + "it is not a folder.");
    const std::string current = (fs::path(dir) / "CURRENT").string();
    if (::stat(current.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return Status::notADatabase(refused + "it has no CURRENT file, so it is not a RocksDB database.");

    const LockDiagnosis d = probeLock(databasePath);
    switch (d.state) {
    case LockState::Free: break;
    case LockState::NoLockFile: return Status::notFound(refused + "there is no LOCK file.");
    case LockState::HeldByThisProcess:
    case LockState::HeldByOtherProcess: return Status::lockHeld(refused + d.explanation + " " + d.advice);
    case LockState::Unsupported: return Status::unsupported(refused + d.explanation);
    case LockState::NotWritable: return Status::ioError(refused + d.explanation);
    case LockState::Unknown: return Status::unsupported(refused + d.explanation);
    }

    // Opens in this process wait until our descriptor of LOCK is closed.
    Result<std::string> outcome = Status::ioError(refused + "nothing was done.");
    detail::withOpensPaused(databasePath, [&](std::optional<OpenMode> openHere) {
        outcome = clearLockFile(lockPath, refused, openHere);
    });
    if (!outcome.ok()) return outcome;
    return "Removed the leftover LOCK file from '" + dir + "'; no program held it.";
}

}  // namespace meridian::storage
