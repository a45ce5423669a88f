// Internal: how a database folder relates to the RocksDB engine we run,
// decided before RocksDB touches the folder.
//
// Two questions, both answered from files alone (the newest OPTIONS file and
// the footers of the SST files), writing nothing:
//  - Can this engine read it? A database whose tables are in a format newer
//    than the engine reads (format 6 from RocksDB 8.6, 7 from 10.4), or older
//    than it still reads (RocksDB 11 dropped formats 0 and 1), is refused as
//    Unsupported with the versions on both sides and the remedy, never as
//    "Corruption".
//  - Would a read-write open change what its own program reads? RocksDB
//    rewrites the OPTIONS file at every read-write open, in the engine's
//    dialect. The table format and compression are kept (we open with the
//    options the file records), but a RocksDB older than the engine then
//    refuses the new OPTIONS file's unknown options unless told to ignore
//    them. Such an open is refused with NeedsConfirmation and the notice to
//    show, until the caller says the user agreed.
//
// Thread safety: every function may be called from any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "storage/rocksdb/compat.h"
#include "storage/rocksdb/options_file.h"
#include "storage/rocksdb/table_format.h"
#include "storage/status.h"
#include "storage/version.h"

namespace meridian::storage::detail {

struct FolderVersions {
    std::optional<OptionsFileInfo> options;  // the newest OPTIONS file, when there is one that reads
    TableFormats tables;                     // the block-based SST files' footers

    std::optional<compat::Version> writtenBy() const;
    // The newest table format the folder records or holds (-1: none known).
    int newestFormat() const;
};

// Reads the newest OPTIONS file and every SST footer of `dbPath`.
FolderVersions readFolderVersions(const std::filesystem::path& dbPath);

// Unsupported, with the story and the remedy, when the engine cannot read the
// tables the folder holds or records.
Status checkEngineReads(const std::string& path, const FolderVersions& versions);

// The notice to show before a read-write open that would rewrite the OPTIONS
// file in a newer RocksDB's dialect; "" when it would not (the database was
// written by this engine's release or a newer one, or we cannot tell).
std::string optionsRewriteNotice(const std::string& path, const FolderVersions& versions);

// RocksDB's refusal to open, retold when it is about versions: "unsupported
// format_version" becomes Unsupported with the versions; other errors keep
// their category and gain a sentence when a newer RocksDB wrote the database.
Status explainRefusal(const Status& refusal, const std::string& path, const FolderVersions& versions);

// The public summary (storage/version.h) of what a folder records.
DatabaseVersions describe(const std::string& path, const FolderVersions& versions);

}  // namespace meridian::storage::detail
