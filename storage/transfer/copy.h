// Saving a database to disk as a new RocksDB database.
//
// checkpoint(): a RocksDB database, as it is now, via rocksdb::Checkpoint:
// SST files hard-linked (copied across filesystems), MANIFEST and WAL copied,
// so it costs little whatever the size. The result opens as a normal
// database. Every column family is included.
//
// saveAsRocksDb(): any backend (an in-memory store, a snapshot of either
// backend) streamed into a new database in batches, every column family (or
// just the storage's own) at one point in time. A RocksDB source's table
// format and compression carry over to the copy, whatever our engine's
// defaults, so that the copy opens wherever the original does.
//
// Destination: a path that does not exist yet, or an empty folder (a folder
// picker may have made it). Both build the database under a temporary name
// beside it and rename it into place when complete: a failure or a cancel
// leaves no half-written database behind.
//
// Thread safety: both may run on any thread while others use the storage;
// they block until done (run them off the UI thread).
// Errors: Status values. Unsupported for checkpoint() of a non-RocksDB
// storage; InvalidArgument for a destination that exists and is not an empty
// folder; Cancelled when progress said stop.
#pragma once

#include <cstdint>
#include <string>

#include "storage/transfer/export_import.h"
#include "storage/storage.h"

namespace meridian::storage {

// Writes a checkpoint of the database `storage` belongs to into
// `destination`; returns the sequence number it holds. Works on read-write
// and read-only opens; a database followed live (secondary) cannot be
// checkpointed (Unsupported: save a snapshot with saveAsRocksDb instead).
Result<std::uint64_t> checkpoint(const Storage& storage, const std::string& destination);

struct SaveOptions {
    ReadOptions read;               // the snapshot to save; none: one taken as the save starts
    bool allColumnFamilies = true;  // false: only the storage's own column family (under its own name)
    std::size_t batchBytes = 4u << 20;
    Progress progress;              // keys copied so far; return false to cancel
};

// Copies `source` into a new RocksDB database at `destination`.
Result<TransferSummary> saveAsRocksDb(const Storage& source, const std::string& destination,
                                      const SaveOptions& options = {});

}  // namespace meridian::storage
