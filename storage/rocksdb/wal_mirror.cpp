#include "storage/rocksdb/wal_mirror.h"

#include <system_error>

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

// RocksDB names its logs "<number>.log".
bool isLogName(const fs::path& name) {
    const std::string s = name.native();
    if (s.size() <= 4 || !s.ends_with(".log")) return false;
    for (std::size_t i = 0; i + 4 < s.size(); ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

Status ioError(const std::string& what, const fs::path& path, const std::error_code& ec) {
    return Status::ioError(what + " '" + path.string() + "': " + ec.message());
}

}  // namespace

Result<WalMirror> makeWalMirror(const fs::path& source, const fs::path& folder) {
    std::error_code ec;
    fs::create_directory(folder, ec);
    if (ec) return ioError("cannot create the folder of write-ahead log links", folder, ec);
    return WalMirror{source, folder};
}

std::uintmax_t logBytes(const WalMirror& mirror) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (fs::directory_iterator it(mirror.source, ec), end; !ec && it != end; it.increment(ec)) {
        if (!isLogName(it->path().filename())) continue;
        std::error_code sized;
        const std::uintmax_t bytes = it->file_size(sized);
        if (!sized) total += bytes;
    }
    return total;
}

Status linkNewLogs(const WalMirror& mirror) {
    std::error_code ec;
    // Stale links first: a log deleted after this listing is RocksDB's usual
    // race with its writer (it reads what it can and tries again next time).
    for (fs::directory_iterator it(mirror.folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code exists;
        if (!fs::exists(it->path(), exists) && !exists) fs::remove(it->path(), exists);
    }
    if (ec) return ioError("cannot list", mirror.folder, ec);
    for (fs::directory_iterator it(mirror.source, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path name = it->path().filename();
        if (!isLogName(name)) continue;
        const fs::path link = mirror.folder / name;
        std::error_code linked;
        if (fs::is_symlink(fs::symlink_status(link, linked))) continue;
        fs::create_symlink(it->path(), link, linked);
        if (linked) return ioError("cannot link the write-ahead log", it->path(), linked);
    }
    if (ec) return ioError("cannot list the write-ahead logs in", mirror.source, ec);
    return {};
}

}  // namespace meridian::storage::detail
