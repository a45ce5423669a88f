#include "storage/version.h"

#include "storage/rocksdb/compat.h"
#include "storage/rocksdb/engine_check.h"

namespace meridian::storage {

std::string rocksdbVersion() { return detail::compat::engineVersion().text(); }

std::string EngineInfo::summary() const {
    return "RocksDB " + version + " (reads table formats up to " + std::to_string(newestTableFormat) + ")";
}

EngineInfo engineInfo() {
    return {detail::compat::engineVersion().text(), detail::compat::newestTableFormat(),
            detail::compat::oldestTableFormat()};
}

DatabaseVersions databaseVersions(const std::string& path) {
    return detail::describe(path, detail::readFolderVersions(path));
}

}  // namespace meridian::storage
