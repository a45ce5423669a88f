// Internal: one open RocksDB database and its column family handles, shared
// by every RocksDbStorage (one per column family) and snapshot taken from it.
// Closed by its destructor. Not part of the public API.
#pragma once

#include <rocksdb/db.h>

#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/rocksdb/wal_mirror.h"
#include "storage/storage.h"

namespace meridian::storage::detail {

struct RocksDbHandle {
    std::string path;  // canonical
    OpenMode mode = OpenMode::ReadWrite;
    TuningProfile profile = TuningProfile::Default;  // resolved
    std::string secondaryDir;  // scratch folder of a secondary instance, removed on close
    std::optional<WalMirror> walMirror;  // a secondary's view of the writer's logs (wal_mirror.h)
    std::mutex catchUpMutex;             // one catch-up at a time: it links logs, then replays them
    std::vector<std::string> notes;
    std::vector<std::string> warnings;  // for StorageInfo::warnings: damage seen while opening read-only
    std::unique_ptr<rocksdb::DB> db;

    mutable std::shared_mutex familiesMutex;
    std::vector<std::pair<std::string, rocksdb::ColumnFamilyHandle*>> families;  // "default" first

    RocksDbHandle() = default;
    RocksDbHandle(const RocksDbHandle&) = delete;
    RocksDbHandle& operator=(const RocksDbHandle&) = delete;
    ~RocksDbHandle();

    // Null when absent. Handles stay valid until the RocksDbHandle is destroyed.
    rocksdb::ColumnFamilyHandle* family(std::string_view name) const;
    std::vector<std::string> familyNames() const;
    // Secondaries: links the writer's new logs and replays them (RocksDB
    // holds its database mutex meanwhile). Ok and nothing done otherwise.
    Status catchUp();
};

struct RocksDbOpenRequest {
    OpenMode mode = OpenMode::ReadWrite;
    TuningProfile profile = TuningProfile::Auto;
    bool createIfMissing = false;
    // A read-write open of a database an older RocksDB release wrote is
    // refused with NeedsConfirmation (engine_check.h) unless this is set.
    bool allowOptionsRewrite = false;
    // Following live: open from the MANIFEST and table files alone (the data
    // as of the writer's last flush) and leave its logs to the first
    // catchUp(), unless they are small (a few MiB: replayed at once).
    // Otherwise the open catches up before it returns.
    bool deferCatchUp = false;
};

// The open database behind a RocksDB storage (any of its column families);
// null for every other backend. For storage code that needs the rocksdb::DB
// itself (checkpoints), without RocksDB types in any public header.
std::shared_ptr<RocksDbHandle> handleOf(const Storage& storage);

// Preflight, load options, apply the profile and open: no registry involved.
Result<std::unique_ptr<RocksDbHandle>> openHandle(const std::string& path, const RocksDbOpenRequest& request);

}  // namespace meridian::storage::detail
