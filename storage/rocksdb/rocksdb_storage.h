// RocksDbStorage: the RocksDB backend.
//
// openRocksDb() goes through the process-wide registry (registry.h), so a
// second open of a database this process already has open shares the open
// handle instead of failing on RocksDB's lock. Every column family is opened;
// the returned Storage is scoped to one of them (Storage::columnFamily() gives
// the others).
//
// Before anything touches the folder, preflight refuses, writing nothing: a
// missing path, a file, a folder without CURRENT, a damaged CURRENT, and a
// database whose OPTIONS file names a comparator or merge operator we cannot
// honour. Read-only and following-live opens never write into the folder.
//
// Thread safety and lifetimes: as for every Storage (storage.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage {

struct RocksDbOptions {
    OpenMode mode = OpenMode::ReadWrite;
    TuningProfile profile = TuningProfile::Auto;
    bool createIfMissing = false;  // read-write only: create a missing or empty folder's database
    // Read-write only: open a database an older RocksDB release wrote, whose
    // OPTIONS file the open rewrites in this engine's dialect. Without it,
    // such an open is refused with NeedsConfirmation (see factory.h).
    bool allowOptionsRewrite = false;
    // Following live only: see StorageConfig::deferCatchUp (factory.h).
    bool deferCatchUp = false;
};

struct RocksDbOpened {
    StoragePtr storage;
    bool sharedHandle = false;       // this process already had it open; that handle is reused
    std::vector<std::string> notes;  // decisions worth logging (options source, profile, sharing)
};

Result<RocksDbOpened> openRocksDb(const std::string& path, const RocksDbOptions& options = {},
                                  std::string_view columnFamily = "default");

}  // namespace meridian::storage
