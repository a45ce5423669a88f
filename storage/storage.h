// The Storage interface: one key-value store (one column family of one
// database), whatever backend holds it.
//
// Keys and values are byte strings: any byte, including NUL and invalid
// UTF-8, of any length. std::string is a byte container here, never text.
// Keys are ordered bytewise (memcmp, shorter first on a tie).
//
// Thread safety: every method of a Storage may be called from any number of
// threads at once. Writes are atomic per call (a WriteBatch applies all or
// nothing); reads see either all of a concurrent write or none of it.
//
// Lifetimes: storages are shared (std::shared_ptr) because the process-wide
// registry hands the same open database to everyone who opens its path. The
// database closes when the last Storage (and the last Snapshot) taken from it
// is released. A Snapshot keeps what it needs alive by itself; it may outlive
// the Storage it was taken from.
//
// Errors: see status.h. Nothing throws.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/inspection.h"
#include "storage/status.h"

namespace meridian::storage {

enum class Backend { RocksDb, Memory };
enum class OpenMode { ReadWrite, ReadOnly, Secondary };
// Auto resolves to MacOS on Apple platforms and Default elsewhere.
enum class TuningProfile { Auto, MacOS, Default };

const char* backendName(Backend);      // "RocksDB", "In memory"
const char* openModeName(OpenMode);    // "read-write", "read-only", "following live"
const char* profileName(TuningProfile);// "auto", "macOS", "default"

// A point-in-time view. Pass it in ReadOptions to read as of the moment it was
// taken; later writes never show through. Release it by dropping the pointer.
class Snapshot {
public:
    virtual ~Snapshot() = default;
    // Monotonic sequence number of the view (RocksDB's sequence, or the memory
    // backend's own counter).
    virtual std::uint64_t sequence() const = 0;
};
using SnapshotPtr = std::shared_ptr<const Snapshot>;

struct ReadOptions {
    SnapshotPtr snapshot;  // null: read the live data
};

struct WriteOptions {
    bool sync = false;  // fsync the WAL before returning (user edits use this)
};

// Puts and deletes applied together, atomically, in order.
class WriteBatch {
public:
    struct Op {
        bool isDelete;
        std::string key;
        std::string value;
    };
    void put(std::string_view key, std::string_view value) { ops_.push_back({false, std::string(key), std::string(value)}); }
    void remove(std::string_view key) { ops_.push_back({true, std::string(key), {}}); }
    const std::vector<Op>& ops() const { return ops_; }
    bool empty() const { return ops_.empty(); }
    std::size_t size() const { return ops_.size(); }
    void clear() { ops_.clear(); }

private:
    std::vector<Op> ops_;
};

struct Entry {
    std::string key;
    std::string value;  // empty in keys-only scans
    bool operator==(const Entry&) const = default;
};

// One page of a cursor scan. Seeks, never counts from the start.
//
// Forward (the default) lists keys in ascending order: from the first key
// under the prefix, from `startAt` (inclusive), or strictly after `after`.
// Backward (`reverse`, or `before` set) lists them in descending order: from
// the last key under the prefix, from `startAt` (inclusive: the last key at
// or before it), or strictly before `before`. Set at most one of `after`,
// `before` and `startAt`; `after` is ignored when scanning backward, and
// `startAt` whenever a cursor is set. A cursor or `startAt` outside the
// prefix's range clamps to its edge (or gives an empty page).
struct ScanRequest {
    std::string prefix;                // only keys starting with this (may be empty)
    std::optional<std::string> after;  // resume strictly after this key (a previous forward page's cursor)
    std::optional<std::string> before;   // resume strictly before this key, backward (a backward page's cursor)
    std::optional<std::string> startAt;  // or start at this key, inclusive (to jump; ignored with a cursor)
    bool reverse = false;              // descending key order (implied by `before`)
    std::size_t limit = 1000;          // at most this many entries (0 means no limit)
    bool keysOnly = false;             // leave Entry::value empty
    ReadOptions read;

    bool backward() const { return reverse || before.has_value(); }
};

struct ScanPage {
    std::vector<Entry> entries;
    // Set when more keys under the prefix follow in the page's direction:
    // pass it as the next request's `after` (forward) or `before` (backward).
    // Unset when the page reached the end (or, backward, the beginning).
    std::optional<std::string> nextCursor;
};

// Called now and then with the number of keys done so far. Return false to
// cancel: the call then returns Status::Code::Cancelled.
using Progress = std::function<bool(std::uint64_t done)>;

// A hybrid store's state (storage/hybrid/hybrid_storage.h).
struct HybridState {
    bool spilled = false;            // RocksDB is the live side (else memory)
    std::uint64_t thresholdBytes = 0;
    std::uint64_t memoryBytes = 0;   // keys and values held in memory, while in memory
    std::int64_t spilledAt = 0;      // Unix seconds of the spill; 0 when RocksDB was live from the open
    std::uint64_t spilledBytes = 0;  // the data's size when it spilled (or at the open)
    std::string lastSpillError;      // why the last spill failed; "" when none did
    // "in memory: 3.1 MiB of 64.0 MiB", "RocksDB since 14:02:11: spilled at 64.0 MiB"
    std::string summary;
};

struct StorageInfo {
    Backend backend = Backend::Memory;
    OpenMode mode = OpenMode::ReadWrite;
    std::string path;          // canonical path ("" for a pure in-memory store)
    std::string columnFamily;  // the column family this Storage reads and writes
    bool persistent = false;   // false: nothing is saved when the process exits
    TuningProfile profile = TuningProfile::Default;  // resolved, never Auto
    std::vector<std::string> warnings;  // things a user must know ("NOT persisted")
    std::optional<HybridState> hybrid;  // set for a hybrid store: `backend` is its live side
};

// The backend as a person names it: "RocksDB", "In memory", or for a hybrid
// store "Hybrid · in memory" / "Hybrid · RocksDB".
std::string backendLabel(const StorageInfo& info);

struct LevelStats {
    int level = 0;
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
};

// What a storage holds and costs, for a panel and `info --json`. Figures a
// backend does not have stay 0 (say "none"/"n/a", not "0 bytes", where it matters).
struct Stats {
    std::uint64_t estimatedKeys = 0;    // estimate for RocksDB, exact for memory
    // Estimated bytes of live keys + values. RocksDB: the table files a full
    // compaction would keep (the larger of RocksDB's own estimate and
    // compactedSizeEstimate(), inspection.h) plus the memtables' size
    // (which counts overwritten keys and per-entry overhead too); memory: exact.
    std::uint64_t liveDataBytes = 0;
    std::uint64_t totalFileBytes = 0;   // SST files on disk
    std::uint64_t blobFileBytes = 0;    // blob files on disk (RocksDB with BlobDB)
    std::uint64_t memtableBytes = 0;    // RocksDB: memtables; memory: its keys and values
    std::uint64_t pendingCompactionBytes = 0;  // RocksDB's estimate of bytes compaction still has to rewrite
    std::uint64_t blockCacheBytes = 0;  // RocksDB's block cache in use
    std::uint64_t sequence = 0;         // the latest sequence number
    std::uint64_t snapshots = 0;        // snapshots held open (by this process)
    std::int64_t oldestSnapshotTime = 0;  // Unix seconds the oldest was taken; 0 when none or unknown
    // Versions held beyond one per live key: old values and tombstones kept
    // for snapshots (memory; RocksDB keeps them in its files, see keyVersions()).
    std::uint64_t olderVersions = 0;
    std::vector<LevelStats> levels;
    std::map<std::string, std::string> properties;  // backend properties by name
};

class Storage {
public:
    virtual ~Storage() = default;

    virtual StorageInfo info() const = 0;

    // NotFound when the key is absent.
    virtual Result<std::string> get(std::string_view key, const ReadOptions& = {}) const = 0;
    Result<bool> exists(std::string_view key, const ReadOptions& = {}) const;

    // ReadOnly when the storage is not writable. put() and remove() are
    // one-operation batches.
    virtual Status write(const WriteBatch& batch, const WriteOptions& = {}) = 0;
    Status put(std::string_view key, std::string_view value, const WriteOptions& = {});
    Status remove(std::string_view key, const WriteOptions& = {});

    virtual Result<ScanPage> scan(const ScanRequest& request) const = 0;

    // Exact number of keys under the prefix. Walks them: use the estimate in
    // stats() for anything interactive.
    virtual Result<std::uint64_t> count(std::string_view prefix, const ReadOptions& = {},
                                        const Progress& progress = {}) const = 0;

    // Up to parts - 1 keys that cut the keys under the prefix into parts of
    // about equal size, in any order, for walking them on several threads
    // (search/key_ranges.h). An estimate: empty when the backend has none
    // (memory) or the data is too small to cut.
    virtual std::vector<std::string> splitKeys(std::string_view prefix, std::size_t parts,
                                               const ReadOptions& = {}) const;

    // A measure of the data the keys in [from, to) hold (`to` unset: to the
    // last key), never smaller for a longer range: estimated bytes in table
    // files (RocksDB, block-granular; data not yet flushed from the memtable
    // is not counted; live data only, a snapshot is not taken into account),
    // rows held (memory, a walk of the range). For positions in the key
    // space (key_position.h), not a size to show. nullopt when the backend
    // cannot tell.
    virtual std::optional<std::uint64_t> approximateExtent(std::string_view from,
                                                           const std::optional<std::string>& to) const;

    // Under the keys (inspection.h). Unsupported where the backend has no
    // such thing to show.
    // Every internal version of `key` the database still holds, newest
    // first, at most `limit`: values kept for snapshots or not yet compacted
    // away, tombstones, merge operands. Live data: a snapshot viewed does not
    // hide newer versions.
    virtual Result<std::vector<KeyVersion>> keyVersions(std::string_view key, std::size_t limit = 1000) const;
    // The column family's table files by level, its blob files, and the
    // database's logs (RocksDB). Metadata and (FileDetail::Properties) table
    // properties only: no data is read.
    virtual Result<FilesReport> files(FileDetail detail = FileDetail::Properties) const;
    // Reads every table file of the column family and checks each block's
    // checksum, one file at a time (progress: files done). Writes nothing.
    // A file that fails is reported in the result, not as an error.
    virtual Result<VerifyReport> verifyChecksums(const Progress& progress = {}) const;
    // Compacts the keys in [from, to] (unset: from the first, to the last)
    // of the column family: RocksDB's CompactRange, to the bottom level.
    // ReadOnly on read-only storages.
    virtual Status compact(const std::optional<std::string>& from, const std::optional<std::string>& to);

    // Every entry under the prefix, in key order. Convenience over scan() for
    // small prefixes: it holds the whole result in memory.
    Result<std::vector<Entry>> prefix(std::string_view prefix, const ReadOptions& = {}) const;

    virtual SnapshotPtr snapshot() const = 0;
    virtual Stats stats() const = 0;

    // Column families of the database this storage belongs to, "default" first.
    virtual std::vector<std::string> columnFamilies() const = 0;
    // The same database scoped to another column family. NotFound if absent.
    virtual Result<std::shared_ptr<Storage>> columnFamily(std::string_view name) const = 0;
    // Adds a column family (read-write storages only). Ok if it exists.
    virtual Status createColumnFamily(std::string_view name) = 0;

    // Secondary instances: catch up with the primary's latest writes.
    // A no-op returning Ok for every other mode.
    virtual Status catchUp() = 0;
};

using StoragePtr = std::shared_ptr<Storage>;

// The smallest key greater than every key starting with `prefix`, or nullopt
// when there is none (empty prefix, or all 0xFF bytes).
std::optional<std::string> prefixUpperBound(std::string_view prefix);

// Where a scan starts, resolved from a request for the backends (one rule for
// both): the key to seek to, clamped into the prefix's range.
struct ScanStart {
    bool backward = false;
    // nullopt: the prefix's first key (forward) or its last (backward).
    std::optional<std::string> key;
    bool inclusive = true;  // whether `key` itself is listed
    bool empty = false;     // nothing under the prefix lies on that side
};
ScanStart scanStart(const ScanRequest& request);

}  // namespace meridian::storage
