// Copying one column family's keys between stores, for hybrid storage: into
// the database at a spill or a close, and out of it into memory at the open.
//
// Internal to storage/hybrid. Not thread-safe in itself: callers make sure
// nobody else writes `to` meanwhile (the hybrid store's spill thread, its
// open and its close are the only writers of the store they fill).
#pragma once

#include <cstdint>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage::hybrid {

// Makes `to` hold exactly what `from` holds as of `read`: writes the keys
// `to` lacks or holds with another value, and deletes the keys only `to`
// has. Both are walked in key order a page at a time.
// - `to` a RocksDB database: the differences go into table files added in
//   one step (storage/rocksdb/table_ingest.h), synced: a crash leaves all
//   of them or none, and nothing passes through the WAL and memtable.
// - `to` another store: written in batches of up to 64 MiB (not synced).
// `written` (if given) counts the bytes of keys and values written.
// `stopPast`: Cancelled once more than that many bytes were written (an
// ingest is then dropped: nothing is written).
Status mirror(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written = nullptr,
              std::uint64_t stopPast = UINT64_MAX);

// Every column family of `from` into `to`, created there when missing
// (mirror() for each). `read` must be a snapshot of `from` (or live).
Status mirrorAll(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written = nullptr,
                 std::uint64_t stopPast = UINT64_MAX);

// How writeInOrder() writes into a RocksDB database: as table files added in
// one step (synced), or as writes through its WAL (not synced).
enum class Route { Tables, Writes };

// Writes `batches` into `to` in order (a later write of a key wins): into a
// RocksDB database by `route` (Tables: one ingest of the last write of each
// key, newer than anything `to` already holds), into any other store as
// writes of a few MiB. `bytes` (if given) counts the keys and values written.
Status writeInOrder(Storage& to, const std::vector<const WriteBatch*>& batches, Route route = Route::Tables,
                    std::uint64_t* bytes = nullptr);

// The keys and values of every column family of `from`, added together
// (RocksDB: its estimate, which counts memtables' overhead too; use
// holdsKeys() to tell an empty database).
Result<std::uint64_t> dataBytes(const Storage& from);

// Whether any column family of `from` holds a key.
Result<bool> holdsKeys(const Storage& from);

}  // namespace meridian::storage::hybrid
