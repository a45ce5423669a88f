// RocksDB's side of Storage::keyVersions(), files(), verifyChecksums() and
// compact() (storage/inspection.h), for RocksDbStorage. Private to storage/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/inspection.h"
#include "storage/rocksdb/handle.h"
#include "storage/storage.h"

namespace meridian::storage::detail {

Result<std::vector<KeyVersion>> keyVersions(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family,
                                            std::string_view key, std::size_t limit);
Result<FilesReport> files(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family, FileDetail detail);
Result<VerifyReport> verifyChecksums(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family,
                                     const Progress& progress);
Status compact(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family,
               const std::optional<std::string>& from, const std::optional<std::string>& to);

}  // namespace meridian::storage::detail
