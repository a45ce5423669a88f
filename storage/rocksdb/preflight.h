// Internal: everything checked before RocksDB is allowed to touch a folder.
//
// A read-write DB::Open on a folder that is not a database (or whose CURRENT
// is damaged, or that uses a comparator we cannot honour) writes LOCK and LOG
// before it fails. Preflight refuses those cases first, having written
// nothing. It also refuses, naming the cause: a folder this user may not list
// ("permission denied", not "no CURRENT file"), and for a read-write open a
// LOCK that is not a regular file (RocksDB would follow a symlink and create
// its target, and cannot lock a folder or a FIFO).
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/rocksdb/engine_check.h"
#include "storage/storage.h"

namespace meridian::storage::detail {

struct Preflight {
    std::string canonicalPath;
    bool createNew = false;  // the folder is missing or empty and createIfMissing allows a new database
};

// Checks `path` without writing anything, except creating the folder itself
// when createIfMissing is set for a read-write open.
Result<Preflight> preflight(const std::filesystem::path& path, OpenMode mode, bool createIfMissing);

// The refusal of a database ordered by a comparator we cannot honour
// (`family` "" when RocksDB did not say which).
Status customComparator(const std::string& path, const std::string& family, const std::string& comparator);

struct LoadedOptions {
    rocksdb::DBOptions db;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    bool fromOptionsFile = false;
    std::vector<std::string> notes;  // decisions worth logging
};

// The database's own options, refusing comparators and merge operators we
// cannot honour. Writes nothing.
//  - From its newest OPTIONS file (`versions.options`): every option the file
//    records, the table format_version and compression among them, so that
//    what we write is in the database's own format, not our engine's newest.
//    Options a newer RocksDB wrote that the engine does not know are ignored,
//    with a note naming them.
//  - Without one: RocksDB's defaults and the column families the MANIFEST
//    lists, with the table format_version of its newest SST files.
Result<LoadedOptions> loadOptions(const std::string& canonicalPath, bool createNew, const FolderVersions& versions);

TuningProfile resolveProfile(TuningProfile profile);
// The notes' profile: on macOS no adaptive mutex, no mmap reads/writes, no
// direct I/O; everywhere max_open_files 256 (-1 for secondaries, which need
// it) and IncreaseParallelism(2). The logger (database_log.h): silent for
// read-only and secondary opens, ours for read-write ones.
void applyProfile(rocksdb::DBOptions& options, TuningProfile resolved, OpenMode mode);
// After a read-write open of `folder` with `options` succeeded: LOG gets the
// lines held back so far, and every later one.
void startLog(const rocksdb::DBOptions& options, const std::string& folder);

}  // namespace meridian::storage::detail
