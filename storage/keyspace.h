// Keyspace at a glance: how many keys and bytes each namespace under a
// parent prefix holds ("user:", "order:", ... under "" with ':'), the keys
// with no delimiter after the parent, and the largest values.
//
// A namespace (a group) is the parent, then the bytes up to and including
// the next delimiter: "user:42:name" under "user:" belongs to "42:". Keys
// sort bytewise, so the keys of one group are adjacent. Keys, parents and
// delimiters are bytes: NUL, 0xFF, a delimiter as a key's last byte and an
// empty parent (everything) are all fine.
//
// Two ways to get the same report:
// - measureKeyspace() is exact: one forward scan of the keys and values under
//   the parent, paged by cursor, at one moment (the snapshot in `read`, or
//   one it takes). Memory stays bounded whatever the number of groups (a
//   binary database may have millions of accidental delimiter bytes): it
//   keeps the `maxGroups` largest groups and the `topValues` largest values,
//   and merges the rest into `others`. Cost: a read of every key and value
//   under the parent. It calls `progress` every few thousand keys (keys done
//   so far); a false answer stops it with Status::Code::Cancelled.
// - estimateKeyspace() is quick: when the parent holds few keys (at most
//   kKeyspaceExactKeys, and by the estimates at most kKeyspaceExactBytes of
//   data) it returns the exact measure (exact = true, no largest values).
//   Otherwise it lists the parent's children (listNamespace: one seek per
//   child, at most kKeyspaceListedChildren of them, or `maxGroups` if more,
//   up to 10,000) and estimates each group from Storage::approximateExtent():
//   keys = its share of the column family's extent × Stats::estimatedKeys;
//   bytes = that share of the table files' bytes (Stats::totalFileBytes,
//   compressed as stored, index and filter blocks included; the memory
//   backend: of Stats::liveDataBytes, key + value bytes). A group of larger
//   values than the rest is counted for more keys than it holds, and keys
//   still only in a RocksDB memtable count for nothing (`known` is false
//   when nothing under the parent is measurable: say "count exactly").
//   Extents are of the live data: a snapshot in `read` pins the listing
//   only. Leaf children are not estimated one by one: `loose` has their
//   exact number (every leaf the listing saw) and the bytes the listed
//   groups leave over; the part past a truncated listing goes to `others`.
//   Cost on RocksDB: a seek and a size estimate per child listed, whatever
//   the number of keys (about 60 ms for 2,500 namespaces of 5 million keys,
//   100 ms for the first 5,000 of 5 million keys without a delimiter); the
//   memory backend walks the rows it holds a few times.
//
// Thread safety: as the Storage it reads; both functions may run on any
// thread (off the UI thread: the exact measure reads everything).
// Errors: what the storage's scans return; Cancelled when `progress` says stop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage {

// estimateKeyspace() measures exactly at or below these.
inline constexpr std::uint64_t kKeyspaceExactKeys = 100000;
inline constexpr std::uint64_t kKeyspaceExactBytes = 64ull << 20;
// How many children of the parent an estimate lists (at least).
inline constexpr std::size_t kKeyspaceListedChildren = 5000;

struct KeyspaceGroup {
    std::string prefix;    // the full prefix: parent + segment (segment ends with the delimiter)
    std::string segment;   // the part after the parent
    std::uint64_t keys = 0;
    std::uint64_t bytes = 0;   // exact: key + value bytes; estimate: share of table-file bytes
};

struct LargestValue {
    std::string key;
    std::uint64_t size = 0;  // bytes of the value
};

struct KeyspaceReport {
    std::string parent;
    char delimiter = ':';
    bool exact = false;
    // Estimate: false when nothing under the parent is measurable (e.g.
    // every key still in the memtable): say "count exactly". Always true
    // when exact (an empty parent is known to be empty).
    bool known = true;
    // At most maxGroups, largest bytes first (ties: key order).
    std::vector<KeyspaceGroup> groups;
    // Keys directly under the parent with no delimiter after it (segment and prefix empty).
    KeyspaceGroup loose;
    // Groups beyond maxGroups (estimate: also whatever lies past the
    // children listed), merged; segment and prefix empty.
    KeyspaceGroup others;
    // How many groups `others` merges. Exact: all of them. Estimate: the
    // listed groups beyond maxGroups only, a lower bound when the listing
    // was cut short (groups past it are not counted).
    std::uint64_t otherGroups = 0;
    // Everything under the parent: the sum of groups, loose and others.
    std::uint64_t totalKeys = 0, totalBytes = 0;
    // Exact only: the topValues largest values, largest first (ties: key order).
    std::vector<LargestValue> largest;
};

Result<KeyspaceReport> estimateKeyspace(const Storage& storage, const std::string& parent, char delimiter,
                                        std::size_t maxGroups = 50, const ReadOptions& read = {});

Result<KeyspaceReport> measureKeyspace(const Storage& storage, const std::string& parent, char delimiter,
                                       std::size_t maxGroups = 50, std::size_t topValues = 10,
                                       const ReadOptions& read = {}, const Progress& progress = {});

// Keys under `prefix` by the estimates alone: its share of the column
// family's extent (Storage::approximateExtent) × Stats::estimatedKeys.
// nullopt when the backend cannot estimate or nothing is measurable. Live
// data; a few index lookups on RocksDB, a walk of the rows in memory.
std::optional<std::uint64_t> estimatedKeysUnder(const Storage& storage, std::string_view prefix);

}  // namespace meridian::storage
