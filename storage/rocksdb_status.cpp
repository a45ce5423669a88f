#include "storage/rocksdb_status.h"

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
        if (contains(raw, "lock hold by current process"))
            return Status::lockHeld(where + "this program already has the database open (" + raw + ")");
        const bool aboutLock = contains(raw, "LOCK") || contains(raw, "lock file");
        if (aboutLock && (contains(raw, "No locks available") || contains(raw, "not supported") ||
                          contains(raw, "Operation not supported")))
            return Status::unsupported(where + "the filesystem does not support file locking (" + raw + ")");
        if (aboutLock && contains(raw, "Permission denied"))
            return Status::ioError(where + "no permission to lock the database (" + raw + ")");
        if (aboutLock)  // "Resource temporarily unavailable", "Resource busy", ...
            return Status::lockHeld(where + "another process holds the database's LOCK (" + raw + ")");
        return Status::ioError(where + raw);
    }
    return Status::ioError(where + raw);
}

}  // namespace meridian::storage::detail
