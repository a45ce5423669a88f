// The lock doctor's storage half: what state a database's LOCK file is in,
// and clearing a stale one without ever deleting a lock somebody holds.
//
// RocksDB locks <db>/LOCK with fcntl(F_SETLK, F_WRLCK). The kernel drops that
// lock when the holder exits, so a LOCK file left behind is normal and
// harmless. probeLock() asks the kernel with F_GETLK on a read-only,
// O_NOFOLLOW descriptor and never creates the file. It never opens LOCK of a
// database this process has open (closing any descriptor of a file drops this
// process's POSIX locks on it): the registry answers for those.
//
// A lock nobody holds is not enough for a read-write open: RocksDB creates
// files in the folder and opens LOCK for writing. So when the lock would let
// a read-write open through, probeLock() also checks that this user may
// write the folder (and LOCK, when it exists) and that the filesystem is not
// mounted read-only; when not, the state is NotWritable.
//
// Thread safety: every function may be called from any thread. They block on
// the filesystem briefly (a network volume can make that longer): call them
// off the UI thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/storage.h"

namespace meridian::storage {

enum class LockState {
    NoLockFile,          // no LOCK file: nobody has opened it read-write since it was cleared
    Free,                // LOCK exists and nobody holds it (left by a clean exit or a crash): harmless
    HeldByThisProcess,   // this program has the database open (the registry knows)
    HeldByOtherProcess,  // another process holds it: holder says who
    Unsupported,         // the filesystem does not do POSIX locks (ENOLCK / ENOTSUP / EOPNOTSUPP)
    NotWritable,         // nobody holds it, but this user cannot write the folder or LOCK, or the
                         // filesystem is read-only: a read-write open would fail (reading works)
    Unknown,             // cannot tell: permission denied, not a regular file, ... (see explanation)
};

// "no-lock-file", "free", "held-by-this-process", "held-by-other-process",
// "unsupported", "not-writable", "unknown": stable, for --json and scripts.
const char* lockStateName(LockState state);

struct LockHolder {
    std::int64_t pid = 0;     // 0 when the OS does not say (e.g. a holder on another NFS client)
    std::string name;         // short name to show ("meridian-daemon"), "" when the OS does not tell
    std::string executable;   // path of the program when the OS tells, else its name, else ""
    std::string commandLine;  // arguments joined by spaces, "" when the OS does not tell
    std::optional<std::int64_t> startedAt;  // Unix seconds, when the OS tells
};

struct LockDiagnosis {
    LockState state = LockState::Unknown;
    std::string databasePath;  // as given, made absolute
    std::string lockPath;      // <db>/LOCK
    bool lockFileExists = false;
    std::uint64_t lockFileSize = 0;
    std::optional<std::int64_t> lockFileModified;  // Unix seconds
    std::optional<LockHolder> holder;              // HeldByOtherProcess only
    std::optional<OpenMode> openInThisProcess;     // HeldByThisProcess (and read-only/secondary opens)
    int osError = 0;                               // errno behind Unsupported / NotWritable / Unknown
    std::string explanation;  // plain words: what this means
    std::string advice;       // what is safe to do now

    // True when a read-write open would get the lock right now.
    bool canOpenReadWrite() const { return state == LockState::NoLockFile || state == LockState::Free; }
    bool canClearStaleLock() const { return state == LockState::Free; }
};

LockDiagnosis probeLock(const std::string& databasePath);

// What decides whether a read-write open could write the folder: errno
// values, 0 when fine.
struct WriteAccess {
    int folderError = 0;              // faccessat(folder, W_OK | X_OK, AT_EACCESS): EACCES, EROFS, ...
    int lockError = 0;                // faccessat(LOCK, W_OK, AT_EACCESS), when LOCK exists
    bool readOnlyFilesystem = false;  // statvfs(folder): ST_RDONLY
    bool writable() const { return folderError == 0 && lockError == 0 && !readOnlyFilesystem; }
};
// Asks the system about `databasePath` (absolute) and its LOCK.
WriteAccess checkWriteAccess(const std::string& databasePath, bool lockFileExists);
// The rule, apart from the system so that it can be tested as any user: a
// diagnosis in which the lock lets a read-write open through (NoLockFile,
// Free) becomes NotWritable, explained, when `access` says the open would
// fail. Every other diagnosis is left as it is.
void applyWriteAccess(LockDiagnosis& d, const WriteAccess& access);

// Removes a stale LOCK: only when probeLock() says Free, and race-free (takes
// the lock itself with F_SETLK on an O_NOFOLLOW descriptor, unlinks while
// holding it, then closes). Refuses, touching nothing: a LOCK that is a
// symlink or not a regular file, a folder without CURRENT, a lock held by
// anyone. On success returns what it did, in one sentence.
Result<std::string> clearStaleLock(const std::string& databasePath);

}  // namespace meridian::storage
