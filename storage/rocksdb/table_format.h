// Internal: which table format a database's SST files are written in, read
// from each file's footer (its last 12 bytes: format_version, then the magic
// number), without RocksDB. For a database without an OPTIONS file, and to
// say exactly what a refused database holds.
//
// Reads only; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace meridian::storage::detail {

enum class TableKind { BlockBased, Plain, Cuckoo, Unknown };

struct TableFooter {
    TableKind kind = TableKind::Unknown;
    int formatVersion = 0;  // 0 for the legacy footers
};

// The footer of one SST file; nullopt when it cannot be read or is too short.
std::optional<TableFooter> readTableFooter(const std::filesystem::path& sstFile);

struct TableFormats {
    std::uint64_t files = 0;  // block-based SST files read
    int oldest = -1;          // -1 when there are none
    int newest = -1;
};

// The block-based table formats of every *.sst file directly in `dbPath`.
TableFormats scanTableFormats(const std::filesystem::path& dbPath);

}  // namespace meridian::storage::detail
