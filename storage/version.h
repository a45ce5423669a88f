// The RocksDB engine this program runs with, and how a database on disk
// relates to it, for About boxes, `meridian-db --version` / `info`, bug
// reports, and the question a front end asks before a read-write open.
// Front ends call this instead of including RocksDB's headers (ui/ never
// does).
//
// Thread safety: every function may be called from any thread.
// Errors: databaseVersions() reads files only and never fails; it leaves
// fields unset when the folder does not say.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace meridian::storage {

// The RocksDB library this program runs with ("7.8.3"), which may be newer
// than the headers it was built against.
std::string rocksdbVersion();

struct EngineInfo {
    std::string version;        // "11.0.4"
    int newestTableFormat = 0;  // the newest block-based table format_version it reads (5, 6, 7)
    int oldestTableFormat = 0;  // the oldest it still reads (0; 2 from RocksDB 11)
    // "RocksDB 11.0.4 (reads table formats up to 7)"
    std::string summary() const;
};
EngineInfo engineInfo();

// What a database folder records about the RocksDB that wrote it, read from
// its newest OPTIONS file and its SST files' footers.
struct DatabaseVersions {
    std::optional<std::string> writtenBy;  // [Version] rocksdb_version of the newest OPTIONS file
    std::optional<int> tableFormat;        // the newest table format_version it records or holds
    // Options the writer knew and this engine does not (ignored when opening).
    std::vector<std::string> unknownOptions;
    // False when this engine cannot read its tables; `notice` then says why
    // and what to do (the same text an open is refused with).
    bool readable = true;
    // A read-write open by this engine would rewrite the OPTIONS file in a
    // newer RocksDB's dialect (writtenBy is an older release than the
    // engine). The factory refuses such an open with NeedsConfirmation unless
    // StorageConfig::allowOptionsRewrite says the user agreed; `notice` is
    // the sentence to show before asking.
    bool optionsRewrite = false;
    std::string notice;  // "" when there is nothing to say
};
DatabaseVersions databaseVersions(const std::string& path);

}  // namespace meridian::storage
