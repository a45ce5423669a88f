// MemoryStorage: the in-memory backend. Nothing is persisted.
//
// A sorted map per column family under one reader/writer lock. Snapshots are
// real point-in-time views and cost O(1) to take: every key keeps a short
// chain of versions stamped with a sequence number, and a read at snapshot S
// sees the newest version with sequence <= S.
//
// Write-cost trade-off: while snapshots are alive, a write keeps the versions
// those snapshots still see (one per key per live snapshot generation at
// most), and a delete leaves a tombstone. Versions nobody can see are pruned
// on the next write to the same key; releasing the last snapshot sweeps the
// rest in one pass (O(keys touched since)). With no snapshots alive a key
// holds exactly one version.
//
// Thread safety and lifetimes: as for every Storage (storage.h).
#pragma once

#include <memory>
#include <string>

#include "storage/storage.h"

namespace meridian::storage {

// `label` is what info().path reports (e.g. the path a fallback stands in for).
StoragePtr createMemoryStorage(std::string label = {});

}  // namespace meridian::storage
