// The state one hybrid store shares between its column family views and
// snapshots, and the spill that moves it from memory into RocksDB
// (hybrid_storage.h says what is promised). Internal to storage/hybrid.
//
// Thread safety: every call on the store passes the Gate; the live side
// (`live`, `spilled`) changes only while the gate is closed, so a call sees
// one side from start to end. Memory writes hold logMutex, so the log of
// writes made during a spill's copy is in the order memory applied them.
// Only the spill thread (and the open and the close, when no call runs)
// touches `disk`.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/factory.h"
#include "storage/hybrid/hybrid_gate.h"
#include "storage/hybrid/hybrid_pace.h"
#include "storage/storage.h"

namespace meridian::storage::hybrid {

// One side of the store (memory or the database at the path): its "default"
// family and the other families' views, made once.
class Side {
public:
    Side(StoragePtr root, bool onDisk) : root_(std::move(root)), onDisk_(onDisk) {}
    Result<StoragePtr> family(std::string_view name);
    const StoragePtr& root() const { return root_; }
    bool onDisk() const { return onDisk_; }

private:
    StoragePtr root_;
    bool onDisk_;
    std::mutex mutex_;
    std::map<std::string, StoragePtr, std::less<>> families_;
};
using SidePtr = std::shared_ptr<Side>;

class Core {
public:
    Core(std::string path, StorageConfig diskConfig, std::uint64_t threshold);
    ~Core();  // waits for a spill, then saves a store still in memory

    // Opening: the database at the path opened (or not, and why), then
    // measured and loaded. Only before the store is handed out.
    Status open(OpenReport& report);
    // The store was handed out: from now on its close saves it.
    void markOpened() { opened_ = true; }
    // Unique for the process's life (snapshots name their store by it, not by an address that may be reused).
    const std::uint64_t id;

    Gate gate;
    SidePtr live;  // changes only while the gate is closed
    bool spilled = false;

    // A memory write, and the log of it while a spill copies. Call inside the gate.
    Status writeMemory(const std::string& family, const WriteBatch& batch, const WriteOptions& options);
    Status createMemoryFamily(std::string_view name);

    HybridState state() const;
    std::vector<std::string> warnings() const;
    std::string diskPath() const;
    // The longest the last spill stopped calls for, in microseconds.
    std::uint64_t lastSwitchPauseMicros() const { return lastPause_.load(); }
    // The last spill's phases, in microseconds: the copy, the drain of the
    // log while writes went on, and the time writers spent waiting for their
    // pace (or for room in the log) during the drain, added up over writers.
    // `drainSlices`: how many steps the drain applied the log in.
    struct SpillTimes {
        std::uint64_t copyMicros = 0, drainMicros = 0, writersPacedMicros = 0, drainSlices = 0;
    };
    SpillTimes lastSpillTimes() const {
        return {copyMicros_.load(), drainMicros_.load(), pacedMicros_.load(), drainSlices_.load()};
    }

private:
    struct Logged {
        std::string family;
        std::optional<WriteBatch> batch;  // none: the family was created
        std::uint64_t bytes = 0;          // what it counts for in the log
    };

    void afterMemoryWrite(std::uint64_t bytes);
    std::uint64_t memoryBytes() const;
    void spill();
    Status spillOnce(std::uint64_t size);  // `size`: the memory store's, measured as it started
    Status openDisk();
    // The database at the path, opened now (not at the open): refused, and
    // closed again, when it holds data this store never loaded.
    Status openDiskLate();
        // The log's entries into the database; `final`: the switch's (then synced).
    Status apply(const std::deque<Logged>& entries, bool final);
    // logMutex_, for the spill thread: writers let it go first.
    std::unique_lock<std::mutex> lockLogForSpill();
    void stopLogging();
    void save();
    void logLine(LogLevel level, const std::string& text) const;

    const std::string path_;
    const StorageConfig diskConfig_;
    const std::uint64_t threshold_;
    SidePtr memory_;  // while memory is live
    SidePtr disk_;    // open and locked, or null

    std::mutex logMutex_;
    std::atomic<bool> spillWaits_{false};  // the spill thread wants logMutex_
    std::condition_variable logRoom_;
    bool logging_ = false;
    bool draining_ = false;  // the copy is done: writers are paced while the log is applied
    bool finalPhase_ = false;
    std::deque<Logged> log_;
    std::uint64_t logBytes_ = 0;
    Pace pace_;                     // writers' pace while draining
    std::uint64_t logCap_ = 0;      // while draining, writers wait while the log holds this much

    std::atomic<bool> spilling_{false};
    std::atomic<std::uint64_t> unchecked_{0};
    std::atomic<std::uint64_t> nextAttempt_{0};
    std::atomic<std::uint64_t> lastPause_{0};
    std::atomic<std::uint64_t> copyMicros_{0}, drainMicros_{0}, pacedMicros_{0}, drainSlices_{0};
    std::mutex spillerMutex_;  // starting, and joining, the spill thread
    std::thread spiller_;
    bool opened_ = false;      // open() succeeded and the store was handed out: save at the close

    mutable std::mutex stateMutex_;
    HybridState state_;
    std::string diskPath_;
};

// The bytes a batch writes (keys and values).
std::uint64_t batchBytes(const WriteBatch& batch);

}  // namespace meridian::storage::hybrid
