// Internal: what a database's newest OPTIONS-<n> file says, read as text.
//
// RocksDB writes an OPTIONS file at every read-write open. It records the
// RocksDB release that wrote it ([Version] rocksdb_version), each column
// family's comparator and merge operator, and its table options, among them
// the table format_version its SST files are written with. We read it before
// RocksDB touches the folder: to refuse comparators and merge operators we
// cannot honour, to tell the truth about a database written by a newer
// RocksDB than ours, and to know when a read-write open would rewrite the
// file in a newer RocksDB's dialect.
//
// Reads only; thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/rocksdb/compat.h"
#include "storage/status.h"

namespace meridian::storage::detail {

struct FamilyOptionsInfo {
    std::string name;
    std::string comparator;            // "" when the file does not say
    std::string mergeOperator;         // "" or "nullptr" when there is none
    std::optional<int> formatVersion;  // [TableOptions/BlockBasedTable "<name>"] format_version
};

struct OptionsFileInfo {
    std::string path;                           // the file read
    std::optional<compat::Version> writtenBy;   // [Version] rocksdb_version
    std::vector<FamilyOptionsInfo> families;    // in the order of the file
    // Options this engine does not know ("metadata_write_temperature" in
    // DBOptions), which RocksDB ignores when the file is from a newer release.
    std::vector<std::string> unknownOptions;

    // The newest table format any column family is written with (0: none said).
    int newestFormatVersion() const;
};

// The newest OPTIONS-<n> file in `dbPath` ("" when there is none).
std::string latestOptionsFile(const std::filesystem::path& dbPath);

// Parses an OPTIONS file. IOError when it cannot be read.
Result<OptionsFileInfo> readOptionsFile(const std::filesystem::path& optionsFile);
// The same for the file's text (`path` is what info.path says). Any text is
// accepted: lines that are neither a section header nor "name = value" are
// skipped, and so is what comes before the first section.
OptionsFileInfo parseOptionsText(std::string_view text, std::string path = {});

}  // namespace meridian::storage::detail
