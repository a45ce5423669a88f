#include "storage/rocksdb/status_mapping.h"

namespace meridian::storage::detail {

namespace {
bool contains(const std::string& text, const char* needle) { return text.find(needle) != std::string::npos; }
}  // namespace

Status fromRocks(const rocksdb::Status& status, const std::string& context) {
    if (status.ok()) return {};
    const std::string raw = status.ToString();
    const std::string where = context.empty() ? std::string() : context + ": ";
    if (status.IsNotFound()) return Status::notFound(where + raw);
    if (status.IsCorruption()) return Status::corruption(where + raw);
    if (status.IsNotSupported()) return Status::unsupported(where + raw);
    if (status.IsInvalidArgument()) return Status::invalidArgument(where + raw);
    if (status.IsIOError() || status.IsBusy() || status.IsTryAgain()) {
        if (status.IsNoSpace() || contains(raw, "No space left on device"))
            return Status::ioError(where + "the disk is full (" + raw +
                                   "); what was acknowledged before is safe. Free some space and try again");
        // RocksDB 7.8 (env/fs_posix.cc LockFile), as observed:
        //   "IO error: lock hold by current process, acquire time <t> acquiring thread <n>: <db>/LOCK: No locks available"
        //   "IO error: While lock file: <db>/LOCK: Resource temporarily unavailable"   (another process)
        //   "IO error: While lock file: <db>/LOCK: No locks available"                 (ENOLCK: no locking)
        //   "IO error: while open a file for lock: <db>/LOCK: <strerror>"              (cannot open LOCK)
        if (contains(raw, "lock hold by current process"))
            return Status::lockHeld(where + "this program already has the database open (" + raw + ")");
        if (contains(raw, "While lock file")) {
            if (contains(raw, "No locks available") || contains(raw, "not supported"))
                return Status::unsupported(where + "the filesystem does not support file locking (" + raw + ")");
            if (contains(raw, "temporarily unavailable") || contains(raw, "Resource busy") ||
                contains(raw, "Permission denied"))  // POSIX lets F_SETLK report a conflict as EACCES
                return Status::lockHeld(where + "another process holds the database's LOCK (" + raw + ")");
            return Status::ioError(where + "the database's LOCK could not be locked (" + raw + ")");
        }
        if (contains(raw, "while open a file for lock")) {
            if (contains(raw, "Permission denied"))
                return Status::ioError(where + "no permission to open the database's LOCK file (" + raw + ")");
            return Status::ioError(where + "the database's LOCK file cannot be opened (" + raw + ")");
        }
        return Status::ioError(where + raw);
    }
    return Status::ioError(where + raw);
}

}  // namespace meridian::storage::detail
