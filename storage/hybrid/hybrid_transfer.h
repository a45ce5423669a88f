// Copying one column family's keys between stores, for hybrid storage: into
// the database at a spill or a close, and out of it into memory at the open.
//
// Internal to storage/hybrid. Not thread-safe in itself: callers make sure
// nobody else writes `to` meanwhile (the hybrid store's spill thread, its
// open and its close are the only writers of the store they fill).
#pragma once

#include <cstdint>

#include "storage/storage.h"

namespace meridian::storage::hybrid {

// Makes `to` hold exactly what `from` holds as of `read`: writes the keys
// `to` lacks or holds with another value, and deletes the keys only `to`
// has. Both are walked in key order a page at a time, and `to` is written
// in batches of a few MiB (not synced). `written` (if given) counts the
// bytes of keys and values written.
Status mirror(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written = nullptr);

// Every column family of `from` into `to`, created there when missing
// (mirror() for each). `read` must be a snapshot of `from` (or live).
Status mirrorAll(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written = nullptr);

// The keys and values of every column family of `from`, added together
// (RocksDB: its estimate, which counts memtables' overhead too; use
// holdsKeys() to tell an empty database).
Result<std::uint64_t> dataBytes(const Storage& from);

// Whether any column family of `from` holds a key.
Result<bool> holdsKeys(const Storage& from);

}  // namespace meridian::storage::hybrid
