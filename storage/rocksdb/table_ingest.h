// Internal: an all-or-nothing bulk write into a RocksDB column family.
//
// Records are written, in key order, into table files (SstFileWriter) in a
// scratch folder inside the database folder, and then added in one step
// (IngestExternalFile: one MANIFEST record). A crash, kill -9 or power loss at
// any moment leaves either none of the records or all of them; never part.
// The table files use the column family's own options, so its table format
// and compression stay what they were.
//
// Readers holding an older snapshot do not see the records (the ingested
// files get a sequence number after every existing snapshot).
//
// A scratch folder left by a process that died before committing holds
// nothing the database refers to: removeStaleIngests() deletes such folders
// (the read-write open does, holding the LOCK, so no live import owns them).
//
// Thread safety: one TableIngest is used by one thread at a time.
// Lifetimes: destroying a TableIngest removes its scratch folder (after
// commit() the files have moved into the database and nothing is lost).
// Errors: Status values; nothing throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage::detail {

class TableIngest {
public:
    // Starts an ingest into `storage`'s column family. Returns null (and ok)
    // when `storage` is not a RocksDB database open read-write.
    static Result<std::unique_ptr<TableIngest>> begin(const Storage& storage);
    ~TableIngest();
    TableIngest(const TableIngest&) = delete;
    TableIngest& operator=(const TableIngest&) = delete;

    // Keys must come in strictly increasing bytewise order (InvalidArgument
    // otherwise, and the ingest is unusable).
    Status add(std::string_view key, std::string_view value);
    // A deletion of `key` (in the same order as add()): once committed, the
    // key is gone from the column family, whatever it held before.
    Status remove(std::string_view key);
    // Adds everything written, in one step, and syncs it. Ok with nothing
    // added is a no-op.
    Status commit();
    // Bytes of table files written so far.
    std::uint64_t fileBytes() const;

    struct State;

private:
    explicit TableIngest(std::unique_ptr<State> state);
    Status addEntry(std::string_view key, const std::string_view* value);  // null value: a deletion
    std::unique_ptr<State> state_;
};

// Name prefix of the scratch folders ("<db>/.meridian-import-<pid>-<n>").
inline constexpr std::string_view kIngestScratchPrefix = ".meridian-import-";

// The scratch folders in `databasePath` (real folders named with the prefix;
// a symlink is never one of ours). Outside an import in this process, every
// one is left by an import that never committed.
std::vector<std::filesystem::path> ingestScratchFolders(const std::string& databasePath);

// Removes the scratch folders of imports that never committed. Call only
// while holding the database's LOCK.
void removeStaleIngests(const std::string& databasePath);

}  // namespace meridian::storage::detail
