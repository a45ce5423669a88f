// The demo database recipe: realistic data of a code-indexing daemon.
//
// Column family "default": project metadata, files and symbols as JSON under
// namespaced keys ("project:0007:file:00042"), trigram posting lists as
// binary varints, content blobs under binary (SHA-1) keys, counters as
// little-endian integers, a few non-ASCII keys. Column family "history":
// index events keyed by big-endian timestamps. About 110,000 keys in all.
// Deterministic: the same recipe always writes the same bytes.
//
// Thread safety: writes through `storage`; call from one thread.
#pragma once

#include <cstdint>
#include <functional>

#include "storage/storage.h"

namespace meridian::storage {

struct DemoSummary {
    std::uint64_t keys = 0;
    std::uint64_t bytes = 0;
};

// Fills `storage` (read-write, any backend) with the demo data. `progress`
// gets the keys written so far; returning false cancels (Cancelled).
Result<DemoSummary> writeDemoData(Storage& storage, const Progress& progress = {});

}  // namespace meridian::storage
