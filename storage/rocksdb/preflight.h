// Internal: everything checked before RocksDB is allowed to touch a folder.
//
// A read-write DB::Open on a folder that is not a database (or whose CURRENT
// is damaged, or that uses a comparator we cannot honour) writes LOCK and LOG
// before it fails. Preflight refuses those cases first, having written
// nothing.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage::detail {

struct Preflight {
    std::string canonicalPath;
    bool createNew = false;  // the folder is missing or empty and createIfMissing allows a new database
};

// Checks `path` without writing anything, except creating the folder itself
// when createIfMissing is set for a read-write open.
Result<Preflight> preflight(const std::filesystem::path& path, OpenMode mode, bool createIfMissing);

// What the database's newest OPTIONS file says, as far as opening it correctly
// depends on it.
struct FamilyOptionsInfo {
    std::string name;
    std::string comparator;     // "" when the file does not say
    std::string mergeOperator;  // "" or "nullptr" when there is none
};

// The newest OPTIONS-<n> file in `dbPath` ("" when there is none).
std::string latestOptionsFile(const std::filesystem::path& dbPath);
// Parses the [CFOptions "<name>"] sections of an OPTIONS file.
Result<std::vector<FamilyOptionsInfo>> readFamilyOptions(const std::filesystem::path& optionsFile);

struct LoadedOptions {
    rocksdb::DBOptions db;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    bool fromOptionsFile = false;
    std::vector<std::string> notes;  // decisions worth logging
};

// The database's own options (from OPTIONS-*, or defaults plus the column
// family list from the MANIFEST), refusing comparators and merge operators we
// cannot honour. Writes nothing.
Result<LoadedOptions> loadOptions(const std::string& canonicalPath, bool createNew);

TuningProfile resolveProfile(TuningProfile profile);
// The notes' profile: on macOS no adaptive mutex, no mmap reads/writes, no
// direct I/O; everywhere max_open_files 256 (-1 for secondaries, which need
// it) and IncreaseParallelism(2).
void applyProfile(rocksdb::DBOptions& options, TuningProfile resolved, OpenMode mode);

}  // namespace meridian::storage::detail
