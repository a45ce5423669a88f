// Hybrid storage: a store held in memory while it is small, moved into a
// RocksDB database at its path once its keys and values pass a threshold
// (default 64 MiB; 0: RocksDB from the start). Opened through the factory (StorageConfig::hybrid, or
// MERIDIAN_HYBRID_THRESHOLD=64MiB; see factory.h), like every Storage.
//
// Opening: a database already at the path is opened read-write through the
// factory (its lock checks included) and measured: up to the threshold it is
// loaded into memory, past it RocksDB stays the live side. A folder with no
// database gets an empty one, opened and held. Either way the database stays
// open and locked while the store lives, so nobody else writes it meanwhile.
// When it cannot be created or opened (another program holds it, no space),
// the store starts in memory alone, says why in its info, and tries again at
// the spill; a database that is there but cannot be opened is an error, as
// for any open (its data could not be shown).
//
// The spill: when a write takes the data past the threshold, a background
// thread copies the memory store (as of a snapshot) into the database while
// writes go on in memory and are logged; it then applies the log, and at the
// end stops new calls for a moment, applies what is left, syncs, and makes
// RocksDB the live side. So for callers the switch is atomic: every write is
// in memory before it or in RocksDB after it, none is lost or doubled, and a
// reader sees the data as of one side or the other, never a mix. The copy and
// the log go into the database as table files added in one step each
// (storage/rocksdb/table_ingest.h), not through its WAL and memtable. While
// the log is applied, writers go at half the pace it is applied at, in waits
// of microseconds (hybrid_pace.h), so it shrinks and what the final stop
// applies stays small. A spill that fails (disk
// full, the lock held by another program) leaves the store in memory and
// working, with the reason in info() and its warnings; it is tried again when
// the data has grown by another eighth of the threshold. stats() gives the
// last spill's figures (hybrid.spill-copy-us, hybrid.spill-drain-us,
// hybrid.writers-paced-us, hybrid.switch-pause-us).
//
// Snapshots taken before the spill stay valid: they keep reading the memory
// store, as of their moment, for as long as they are held.
//
// Closing (the last reference dropped): a store still in memory is written
// into the database (only what differs from what it holds) and synced, so
// nothing is lost either way; a failure then is logged through
// StorageConfig::log (a destructor has nobody to return it to).
//
// Durability: in memory, writes are not on disk until the spill or the close
// (WriteOptions::sync cannot change that); after the spill they are RocksDB
// writes, and a synced write survives a crash.
//
// Thread safety and lifetimes: as for every Storage (storage.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/factory.h"

namespace meridian::storage {

constexpr std::uint64_t kDefaultHybridThreshold = 64ull << 20;

// Opens a hybrid store at `path` with config.hybridThreshold (or the
// default). The factory calls this; config.mode must be ReadWrite.
OpenResult openHybridStorage(const std::string& path, const StorageConfig& config, std::uint64_t threshold);

// Whether a hybrid store of `path` is open in this process, after waiting
// while one is being opened or closed there (saved into its database). The
// factory calls it for every open that is not hybrid: none reads the
// database before that save, and none writes under an open store (refused).
bool hybridStoreOpenHere(const std::string& path);

// "64MiB", "64 MiB", "64M", "1.5GiB", "512KiB", "1048576" (bytes): KiB, MiB,
// GiB, TiB as powers of 1024 (K, M, G, T and KB, MB, GB, TB the same).
// nullopt for anything else, or a size that does not fit in 64 bits.
std::optional<std::uint64_t> parseByteSize(std::string_view text);

}  // namespace meridian::storage
