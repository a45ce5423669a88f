// Internal: the one place that knows how RocksDB versions differ.
//
// We compile against RocksDB 7.8 (Debian 12) through 11.x and current main.
// Every API difference between those versions is bridged here, behind
// version guards on the headers' ROCKSDB_MAJOR / ROCKSDB_MINOR; no other file
// tests a RocksDB version. What differs:
//  - DB::Open, OpenForReadOnly and OpenAsSecondary: RocksDB 9.11 added
//    std::unique_ptr<DB>* overloads and 11.0 removed the raw-pointer ones.
//  - The newest block-based table format the engine reads: 5 up to 8.5, 6
//    from 8.6, 7 from 10.4 (include/rocksdb/table.h). Asked of the engine
//    itself at run time, so a newer shared library than the headers is
//    described truthfully.
//  - RocksDB 11 no longer reads the legacy table formats 0 and 1.
//
// Thread safety: every function may be called from any thread.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/version.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#define MERIDIAN_ROCKSDB_AT_LEAST(major, minor) \
    (ROCKSDB_MAJOR > (major) || (ROCKSDB_MAJOR == (major) && ROCKSDB_MINOR >= (minor)))

namespace meridian::storage::detail::compat {

using Descriptors = std::vector<rocksdb::ColumnFamilyDescriptor>;
using Handles = std::vector<rocksdb::ColumnFamilyHandle*>;

rocksdb::Status open(const rocksdb::DBOptions& options, const std::string& path, const Descriptors& families,
                     Handles* handles, std::unique_ptr<rocksdb::DB>* db);
rocksdb::Status open(const rocksdb::Options& options, const std::string& path, std::unique_ptr<rocksdb::DB>* db);
rocksdb::Status openForReadOnly(const rocksdb::DBOptions& options, const std::string& path,
                                const Descriptors& families, Handles* handles, std::unique_ptr<rocksdb::DB>* db);
rocksdb::Status openForReadOnly(const rocksdb::Options& options, const std::string& path,
                                std::unique_ptr<rocksdb::DB>* db);
rocksdb::Status openAsSecondary(const rocksdb::DBOptions& options, const std::string& path,
                                const std::string& secondaryPath, const Descriptors& families, Handles* handles,
                                std::unique_ptr<rocksdb::DB>* db);

// A RocksDB release number, as OPTIONS files record it ("7.8.3").
struct Version {
    std::array<int, 3> parts{0, 0, 0};
    std::string text() const;
    auto operator<=>(const Version&) const = default;
};
std::optional<Version> parseVersion(std::string_view text);

// The RocksDB library this process runs (which may be newer than the headers
// it was compiled against).
Version engineVersion();

// The newest block-based table format_version the engine reads and writes,
// and the oldest it still reads (2 from RocksDB 11, 0 before).
int newestTableFormat();
int oldestTableFormat();

// The first RocksDB release that reads table format `format` ("8.6" for 6,
// "10.4" for 7); "" when we do not know of one.
std::string firstReleaseReading(int format);

}  // namespace meridian::storage::detail::compat
