// Internal: what RocksDB would throw away if we opened a database read-write.
//
// RocksDB trusts its MANIFEST and its write-ahead log. A MANIFEST cut short
// (a bad copy, a disk error) opens without a word, and the first read-write
// open then deletes every table file the short MANIFEST does not list: data
// gone for good. A WAL with damaged records is replayed up to the damage and
// the rest is dropped the same way (point-in-time recovery, RocksDB's
// default). Before any read-write open we therefore:
//  - replay the WAL read-only under absolute-consistency recovery, which
//    refuses damage instead of skipping it;
//  - compare the table (*.sst, *.ldb) and blob (*.blob) files in the folder
//    with the live files the MANIFEST lists.
// Leftovers of a crash are not damage, and do not count:
//  - a table file with no valid footer (a flush or compaction cut short);
//  - a complete table file every key of which the database still reads (a
//    flush or compaction finished just before the crash, before the MANIFEST
//    recorded it: its records are still in the WAL, or in its inputs);
//  - a table file an import of ours linked in but never committed (the same
//    inode is still in its scratch folder, table_ingest.h).
// The files a damaged MANIFEST forgot hold keys that are nowhere else.
//
// Reads only; opens read-only; writes nothing. Thread-safe (no shared state).
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <string>
#include <vector>

#include <rocksdb/db.h>

#include "storage/status.h"

namespace meridian::storage::detail {

struct UnlistedFiles {
    std::vector<std::string> names;  // file names in the folder, sorted
    std::uint64_t bytes = 0;
    bool empty() const { return names.empty(); }
};

// Table and blob files in `folder` that the open `db` (any mode; `families`:
// its column family handles) does not list as live, leftovers of a crash
// left out. Reads every key of an unlisted complete table file until one is
// missing.
UnlistedFiles unlistedFiles(rocksdb::DB& db, const std::vector<rocksdb::ColumnFamilyHandle*>& families,
                            const std::string& folder);

// The refusal of a read-write open: Damaged, "N table files (X MiB) are
// not listed in the MANIFEST; opening for writing would delete them. ...".
Status refuseWriting(const std::string& folder, const UnlistedFiles& files);
// The same for a write-ahead log that does not replay cleanly (`damage`: what
// RocksDB said).
Status refuseWritingWal(const std::string& folder, const std::string& damage);

// The warnings for a read-only view of such a database.
std::string unlistedWarning(const UnlistedFiles& files);
std::string walWarning(const std::string& damage);

}  // namespace meridian::storage::detail
