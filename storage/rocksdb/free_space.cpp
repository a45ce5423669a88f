#include "storage/rocksdb/free_space.h"

#include <sys/statvfs.h>

#include <cstdio>

namespace meridian::storage::detail {

std::optional<std::uint64_t> freeBytes(const std::string& path) {
    struct statvfs fs{};
    if (::statvfs(path.c_str(), &fs) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
}

Status checkFreeSpace(const std::string& path, std::uint64_t needed, const std::string& what) {
    const auto free = freeBytes(path);
    if (!free || needed <= *free) return {};
    return Status::ioError(what + " needs about " + byteSize(needed) + " free on the disk holding '" + path +
                           "', which has " + byteSize(*free) + " free; nothing was written");
}

std::string byteSize(std::uint64_t bytes) {
    static constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(kUnits)) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
    return text;
}

}  // namespace meridian::storage::detail
