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
// Compressed memory (MemoryOptions): a value of at least minValueSize bytes
// is held compressed when that makes it smaller, otherwise as written; keys
// are always held as written. Every read (get, scan, keyVersions, reads at a
// snapshot) returns exactly the bytes written, whatever form a version is
// held in; snapshots and versions behave as without compression.
// Small values compress badly one by one (each carries a frame and shares
// no repeats), so:
//  - values under 256 bytes written in one batch are compressed together, in
//    packs of about 1 KiB as written, when that is smaller; reading one
//    decompresses its pack (a scan, each pack once). A pack is held while
//    any version in it is;
//  - each column family trains a dictionary (at most 32 KiB) from the first
//    256 KiB of values it is given to compress, once, and compresses what is
//    written after with it. Values held before keep the form they were
//    written in (each version records its own) and read back as ever; the
//    dictionary lives as long as the store. One that does not make its
//    samples at least 10% smaller is dropped and another tried from the next
//    values, three times at most.
// Compression runs in the writing thread before the write takes the lock, so
// readers wait for none of it (nor for training, a fraction of a second once
// per column family, done by the writer that completes the samples);
// reads decompress under the shared lock, on any number of threads at once.
//
// The level trades write speed for size; reads cost about the same at every
// level (decompression does not depend on it):
//   zstd: 1..19, higher is smaller and slower to write; 0 means zstd's
//     default, 3.
//   LZ4: LZ4HC's levels 1..12, higher is smaller and slower to write; 0
//     means 9, LZ4HC's default. LZ4HC rather than LZ4's fast mode and its
//     "acceleration": with a dictionary, on values of tens to hundreds of
//     bytes, HC finds the longer matches that make them about a third
//     smaller again (0.25 vs 0.36 of the JSON benchmark's bytes, value by
//     value), decompresses as fast, and still writes tens of MB/s.
// A level outside a codec's range is clamped into it. What each holds and
// costs on the demo data and on JSON: README, "Compressed memory".
//
// Stats (properties, per column family, counting live values only, as
// memory.bytes does: the newest version of each key, not older versions kept
// for snapshots): memory.compression ("zstd level 3", "lz4 level 9",
// "none"), memory.raw-bytes (the values as written), memory.stored-bytes (the
// values as held, each pack once while any value in it is live, plus the
// column family's dictionary),
// memory.dictionary-bytes, memory.compression-ratio (stored / raw with two
// decimals, "0.31"; "n/a" while raw is 0). Without compression stored equals
// raw.
//
// Thread safety and lifetimes: as for every Storage (storage.h).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/storage.h"

namespace meridian::storage {

enum class Compression { None, Zstd, Lz4 };

struct MemoryOptions {
    Compression compression = Compression::None;
    int level = 0;                  // 0: the codec's default (zstd 3, LZ4HC 9); see above
    std::size_t minValueSize = 32;  // smaller values are always held as written

    bool operator==(const MemoryOptions&) const = default;
};

const char* compressionName(Compression);  // "none", "zstd", "lz4"
// "none", "zstd", "lz4" (any case); nullopt for anything else.
std::optional<Compression> parseCompression(std::string_view text);
// "zstd", "lz4", "none", optionally with a level: "zstd:19", "lz4:12".
// InvalidArgument, saying what is accepted, for anything else or a level out
// of the codec's range. minValueSize is taken from `base`.
Result<MemoryOptions> parseMemoryCompression(std::string_view spec, MemoryOptions base = {});
// "zstd level 3", "lz4 level 9", "none": the level resolved and clamped.
std::string describeCompression(const MemoryOptions& options);

// `label` is what info().path reports (e.g. the path a fallback stands in for).
StoragePtr createMemoryStorage(std::string label = {}, MemoryOptions options = {});

}  // namespace meridian::storage
