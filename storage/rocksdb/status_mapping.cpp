#include "storage/rocksdb/status_mapping.h"

#include <string_view>

namespace meridian::storage::detail {

namespace {
bool contains(const std::string& text, const char* needle) { return text.find(needle) != std::string::npos; }

// What rocksdb::Status::ToString() puts before the message (util/status.cc).
// Some RocksDB paths wrap a status's whole text in another of the same kind,
// hence "Corruption: Corruption: ...": every leading one goes.
constexpr std::string_view kRocksPrefixes[] = {
    "NotFound: ",          "Corruption: ",           "Not implemented: ",
    "Invalid argument: ",  "IO error: ",             "Merge in progress: ",
    "Result incomplete: ", "Shutdown in progress: ", "Operation timed out: ",
    "Operation aborted: ", "Resource busy: ",        "Operation expired: ",
    "Operation failed. Try again.: ", "Compaction too large: ", "Column family dropped: ",
};
}  // namespace

std::string withoutRocksPrefix(std::string text) {
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (std::string_view prefix : kRocksPrefixes) {
            if (text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0) {
                text.erase(0, prefix.size());
                stripped = true;
            }
        }
    }
    return text;
}

Status fromRocks(const rocksdb::Status& status, const std::string& context) {
    if (status.ok()) return {};
    // RocksDB's text as it is, for recognising it; without its own code for
    // showing it: our Status carries the code.
    const std::string raw = status.ToString();
    const std::string said = withoutRocksPrefix(raw);
    const std::string where = context.empty() ? std::string() : context + ": ";
    if (status.IsNotFound()) return Status::notFound(where + said);
    if (status.IsCorruption()) {
        // RocksDB calls a table format it does not know "Corrupt or
        // unsupported format_version"; explainRefusal() (engine_check.h)
        // retells that as versions, so it is not called damaged here.
        const bool aboutFormat = contains(raw, "format_version");
        return Status::corruption(where + (aboutFormat ? "" : "the database's files are damaged: ") + said);
    }
    if (status.IsNotSupported()) return Status::unsupported(where + said);
    if (status.IsInvalidArgument()) return Status::invalidArgument(where + said);
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
            return Status::lockHeld(where + "this program already has the database open (" + said + ")");
        if (contains(raw, "While lock file")) {
            if (contains(raw, "No locks available") || contains(raw, "not supported"))
                return Status::unsupported(where + "the filesystem does not support file locking (" + said + ")");
            if (contains(raw, "temporarily unavailable") || contains(raw, "Resource busy") ||
                contains(raw, "Permission denied"))  // POSIX lets F_SETLK report a conflict as EACCES
                return Status::lockHeld(where + "another process holds the database's LOCK (" + said + ")");
            return Status::ioError(where + "the database's LOCK could not be locked (" + said + ")");
        }
        if (contains(raw, "while open a file for lock")) {
            if (contains(raw, "Permission denied"))
                return Status::ioError(where + "no permission to open the database's LOCK file (" + said + ")");
            return Status::ioError(where + "the database's LOCK file cannot be opened (" + said + ")");
        }
        return Status::ioError(where + said);
    }
    return Status::ioError(where + said);
}

}  // namespace meridian::storage::detail
