// The storage factory: the one way programs open a database.
//
//   auto opened = createStorage(path, StorageConfig{}.withMemoryFallback());
//   if (!opened.ok()) { report(opened.status); }
//   opened.storage->put("k", "v");
//   show(opened.report.summary());   // "RocksDB · read-write"
//
// Decisions, in order:
//  1. Memory is forced by config.forceMemory or, when config.useEnvironment,
//     by MERIDIAN_USE_MEMORY_STORAGE=1. Nothing on disk is touched.
//  2. Otherwise RocksDB is opened (through the process-wide registry) in
//     config.mode with config.profile.
//     A read-write or read-only open first asks probeLock(). When another
//     process holds the lock, it is refused with LockHeld (naming that
//     program) and the advice to follow live, before RocksDB touches the
//     folder: a read-write DB::Open beside a writer renames the writer's LOG
//     before failing, and a read-only open beside a writer is undefined
//     behaviour in RocksDB (rocksdb/db.h).
//     When the open fails on the lock, probeLock() says why:
//       free (nobody holds it any more): the leftover LOCK is cleared with
//         clearStaleLock() and the open retried once;
//       held by another process: the error names it (program, PID) and
//         advises following live; the lock is never touched;
//       unsupported (no file locking on this filesystem): the error says so
//         and names the MERIDIAN_USE_MEMORY_STORAGE=1 workaround;
//       held by this process: the registry shares handles, so this means
//         the database is open here in a mode that cannot be shared.
//     The diagnosis is kept in report.lock.
//     Before RocksDB touches the folder, what it records about the RocksDB
//     that wrote it (storage/version.h) is checked against our engine:
//       tables in a format the engine cannot read: Unsupported, with both
//         versions and the remedy, never "Corruption"; nothing is written;
//       a read-write open of a database an older RocksDB release wrote
//         (which rewrites its OPTIONS file in our engine's dialect):
//         NeedsConfirmation with the notice to show, unless
//         config.allowOptionsRewrite. Its table format and compression are
//         kept either way.
//  2b. Hybrid, when config.hybridThreshold is set or, when
//     config.useEnvironment, MERIDIAN_HYBRID_THRESHOLD=64MiB (a size, see
//     parseByteSize) is, and the mode is read-write: the store starts in
//     memory and moves into RocksDB at the path past the threshold
//     (hybrid_storage.h). Memory forced by step 1 wins over it; a read-only
//     or following-live open ignores it (the decision is logged). The
//     database at the path is opened as in step 2, and when that fails the
//     fallback of step 3 applies as for RocksDB.
//  3. If that fails (but not for NeedsConfirmation, which awaits the user)
//     and fallback is enabled (config.memoryFallback or
//     MERIDIAN_FALLBACK_MEMORY=1), an empty in-memory store stands in and the
//     report keeps the error that caused it. Without fallback the error is
//     returned and nothing else is tried.
//  Whichever way memory is chosen (1, or the fallback of 3), the store is made
//  with config.memory (MemoryOptions, memory/memory_storage.h: compressed
//  values). When config.useEnvironment, MERIDIAN_MEMORY_COMPRESSION=
//  zstd|lz4[:LEVEL] (or none) picks the compression instead, unless the
//  caller chose one (withMemoryOptions(), or a compression set in
//  config.memory), which wins; a value that does not parse is ignored with a
//  warning. Which one applies, and why, is logged like every other decision.
// Every decision is passed to config.log as it is made, and kept in the
// report. Environment values "1", "true", "yes", "on" (any case) mean on.
//
// Thread safety: createStorage may be called from any thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/lock/lock_probe.h"
#include "storage/memory/memory_storage.h"
#include "storage/storage.h"

namespace meridian::storage {

enum class LogLevel { Debug, Info, Warning, Error };
const char* logLevelName(LogLevel);
using LogHook = std::function<void(LogLevel, const std::string&)>;

struct StorageConfig {
    OpenMode mode = OpenMode::ReadWrite;
    bool createIfMissing = false;
    bool forceMemory = false;
    bool memoryFallback = false;
    bool useEnvironment = true;  // honour MERIDIAN_USE_MEMORY_STORAGE / MERIDIAN_FALLBACK_MEMORY /
                                 // MERIDIAN_MEMORY_COMPRESSION
    TuningProfile profile = TuningProfile::Auto;
    std::string columnFamily = "default";
    // The user agreed that a read-write open may rewrite the OPTIONS file of
    // a database an older RocksDB release wrote (see decision 2 above).
    bool allowOptionsRewrite = false;
    // Following live: return as soon as the table files are open, showing
    // the data as of the writer's last flush, and leave replaying its
    // write-ahead log (seconds beside a busy writer) to the first catchUp().
    // A log of a few MiB is replayed at once all the same.
    bool deferCatchUp = false;
    // Hybrid storage (storage/hybrid/hybrid_storage.h): in memory while the
    // data is at most this many bytes of keys and values, RocksDB at the path
    // past it. Unset: not hybrid, unless MERIDIAN_HYBRID_THRESHOLD says so.
    std::optional<std::uint64_t> hybridThreshold;
    // How a memory store (forced, from the environment, or a fallback) holds
    // its values: compression, level, smallest value compressed.
    MemoryOptions memory;
    bool memoryChosen = false;  // set by withMemoryOptions(): MERIDIAN_MEMORY_COMPRESSION is not used
    LogHook log;

    StorageConfig withForceMemory(bool on = true) const { auto c = *this; c.forceMemory = on; return c; }
    StorageConfig withMemoryFallback(bool on = true) const { auto c = *this; c.memoryFallback = on; return c; }
    StorageConfig withMode(OpenMode m) const { auto c = *this; c.mode = m; return c; }
    StorageConfig withCreateIfMissing(bool on = true) const { auto c = *this; c.createIfMissing = on; return c; }
    StorageConfig withProfile(TuningProfile p) const { auto c = *this; c.profile = p; return c; }
    StorageConfig withColumnFamily(std::string name) const { auto c = *this; c.columnFamily = std::move(name); return c; }
    StorageConfig withEnvironment(bool on) const { auto c = *this; c.useEnvironment = on; return c; }
    StorageConfig withLog(LogHook hook) const { auto c = *this; c.log = std::move(hook); return c; }
    StorageConfig withOptionsRewrite(bool on = true) const { auto c = *this; c.allowOptionsRewrite = on; return c; }
    StorageConfig withDeferredCatchUp(bool on = true) const { auto c = *this; c.deferCatchUp = on; return c; }
    StorageConfig withHybrid(std::optional<std::uint64_t> threshold) const { auto c = *this; c.hybridThreshold = threshold; return c; }
    StorageConfig withMemoryOptions(MemoryOptions o) const {
        auto c = *this;
        c.memory = o;
        c.memoryChosen = true;
        return c;
    }
};

// Why the live backend is the one it is.
enum class OpenReason {
    Requested,            // RocksDB, as asked
    ForcedByConfig,       // memory: the caller's config forced it
    ForcedByEnvironment,  // memory: MERIDIAN_USE_MEMORY_STORAGE
    Fallback,             // memory: RocksDB failed and fallback was enabled
    Failed,               // nothing is open
};

struct OpenReport {
    Backend backend = Backend::Memory;
    OpenMode mode = OpenMode::ReadWrite;
    OpenReason reason = OpenReason::Failed;
    std::string path;            // as asked
    bool fallbackEnabled = false;
    bool fallbackFromEnvironment = false;
    Status cause;                // the RocksDB error behind a fallback or failure
    std::string explanation;     // one or two sentences: what is live and why
    std::string advice;          // what the user can do about it ("" when nothing is needed)
    std::vector<std::string> decisions;  // every decision, in order
    bool hybrid = false;         // a hybrid store (storage/hybrid/hybrid_storage.h); `backend` is its live side
    std::optional<LockDiagnosis> lock;   // the LOCK diagnosis when it mattered: a lock failure, a refusal
                                         // beside a live writer, a filesystem without locking

    // "RocksDB · read-write", "In memory · not saved", ...
    std::string summary() const;
};

struct OpenResult {
    StoragePtr storage;  // null when status is not ok
    OpenReport report;
    Status status;
    bool ok() const { return status.ok(); }
};

OpenResult createStorage(const std::string& path, const StorageConfig& config);
// createStorage(path, StorageConfig{}): read-write, no creation, the
// environment decides about memory.
OpenResult createDefaultStorage(const std::string& path);

// True when the variable is set to 1/true/yes/on.
bool environmentFlag(const char* name);

}  // namespace meridian::storage
