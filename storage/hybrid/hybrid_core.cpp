#include "storage/hybrid/hybrid_core.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "storage/hybrid/hybrid_registry.h"
#include "storage/hybrid/hybrid_transfer.h"
#include "storage/memory/memory_storage.h"
#include "storage/rocksdb/free_space.h"

namespace meridian::storage::hybrid {

namespace {

// The log of writes made during a spill is applied while writes go on until
// it holds less than this (or a sixteenth of the threshold, if less), which
// the final stop of every call then applies.
constexpr std::uint64_t kLogBound = 4ull << 20;
// A failed spill is tried again when the data has grown by an eighth of the
// threshold, and at least by this much (not on every write of a tiny one).
constexpr std::uint64_t kRetryStep = 64 * 1024;
// The longest the log is applied while writes go on, before the final stop.
constexpr auto kDrainTime = std::chrono::seconds(30);
constexpr std::uint64_t kSliceBytes = 16ull << 20;  // bytes of logged writes applied in one step while writes go on
constexpr std::uint64_t kSmallRest = 1ull << 20;  // what the final stop writes through the WAL rather than ingests (measured: ingesting 4 MiB stopped calls for less than the WAL did)

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string clockTime(std::int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm local{};
    localtime_r(&t, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M:%S", &local);
    return text;
}

}  // namespace

std::uint64_t batchBytes(const WriteBatch& batch) {
    std::uint64_t n = 0;
    for (const auto& op : batch.ops()) n += op.key.size() + op.value.size();
    return n;
}

// ---- Side ------------------------------------------------------------------

Result<StoragePtr> Side::family(std::string_view name) {
    if (name == "default") return root_;
    std::lock_guard lock(mutex_);
    if (auto it = families_.find(name); it != families_.end()) return it->second;
    auto view = root_->columnFamily(name);
    if (!view.ok()) return view.status();
    families_.emplace(std::string(name), view.value());
    return view.value();
}

// ---- Core ------------------------------------------------------------------

namespace {
std::uint64_t nextCoreId() {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
}
}  // namespace

Core::Core(std::string path, StorageConfig diskConfig, std::uint64_t threshold)
    : id(nextCoreId()), path_(std::move(path)), diskConfig_(std::move(diskConfig)), threshold_(threshold) {
    state_.thresholdBytes = threshold;
    nextAttempt_ = threshold;
}

Core::~Core() {
    // Marked closing first: an open of the path now waits for the save below.
    Registry::instance().closing(registryKey(path_));
    {
        std::lock_guard lock(spillerMutex_);
        if (spiller_.joinable()) spiller_.join();
    }
    if (opened_ && !spilled) save();
    // The database closes here (unless a snapshot still reads its side).
    live.reset();
    memory_.reset();
    disk_.reset();
    Registry::instance().closed(registryKey(path_));
}

void Core::logLine(LogLevel level, const std::string& text) const {
    if (diskConfig_.log) diskConfig_.log(level, "hybrid '" + path_ + "': " + text);
}

Status Core::openDisk() {
    OwnOpen own;  // the registry must not make this store wait for itself
    OpenResult opened = createStorage(path_, diskConfig_);
    if (!opened.ok()) return opened.status;
    disk_ = std::make_shared<Side>(opened.storage, true);
    std::lock_guard lock(stateMutex_);
    diskPath_ = opened.storage->info().path;
    return {};
}

Status Core::openDiskLate() {
    if (Status s = openDisk(); !s.ok()) return s;
    auto held = holdsKeys(*disk_->root());
    if (held.ok() && !held.value()) return {};
    disk_.reset();
    if (!held.ok()) return Status::ioError("the database at '" + path_ + "' could not be read: " + held.status().message());
    return Status::unsupported("a database with data of its own appeared at '" + path_ +
                              "' after this store opened; it is left as it is (not overwritten)");
}

Status Core::open(OpenReport& report) {
    std::error_code ec;
    const bool hasDatabase = std::filesystem::exists(std::filesystem::path(path_) / "CURRENT", ec);
    auto say = [&](LogLevel level, const std::string& text) {
        report.decisions.push_back(text);
        logLine(level, text);
    };
    if (Status s = openDisk(); !s.ok()) {
        // A database that is there but cannot be opened: its data could not be shown.
        if (hasDatabase) return s;
        std::lock_guard lock(stateMutex_);
        state_.lastSpillError = "the database could not be created: " + s.message();
        say(LogLevel::Warning, "in memory alone for now (" + state_.lastSpillError + "); tried again at the spill");
    }
    std::uint64_t onDisk = 0;
    if (disk_) {
        auto any = holdsKeys(*disk_->root());
        if (!any.ok()) return any.status();
        auto measured = dataBytes(*disk_->root());
        if (!measured.ok()) return measured.status();
        onDisk = any.value() ? measured.value() : 0;
    }
    if (disk_ && (onDisk > threshold_ || threshold_ == 0)) {  // a threshold of 0: never in memory
        live = disk_;
        spilled = true;
        std::lock_guard lock(stateMutex_);
        state_.spilled = true;
        state_.spilledBytes = onDisk;
        say(LogLevel::Info, "RocksDB is live: about " + detail::byteSize(onDisk) + " at the open, past the threshold of " +
                                detail::byteSize(threshold_));
        return {};
    }
    memory_ = std::make_shared<Side>(createMemoryStorage(path_, diskConfig_.memory), false);
    if (disk_ && onDisk > 0) {
        // RocksDB's measure counts compressed bytes: loading stops once the
        // keys and values themselves pass the threshold, and RocksDB stays live.
        std::uint64_t loaded = 0;
        Status s = mirrorAll(*disk_->root(), {}, *memory_->root(), &loaded, threshold_);
        if (s.code() == Status::Code::Cancelled) {
            memory_.reset();
            live = disk_;
            spilled = true;
            std::lock_guard lock(stateMutex_);
            state_.spilled = true;
            state_.spilledBytes = loaded;
            say(LogLevel::Info, "RocksDB is live: its keys and values pass the threshold of " + detail::byteSize(threshold_));
            return {};
        }
        if (!s.ok()) return s;
        onDisk = loaded;
    }
    live = memory_;
    say(LogLevel::Info, "in memory: " + detail::byteSize(onDisk) + " loaded, of a threshold of " +
                            detail::byteSize(threshold_));
    return {};
}

std::uint64_t Core::memoryBytes() const {
    if (!memory_) return 0;
    auto bytes = dataBytes(*memory_->root());
    return bytes.ok() ? bytes.value() : 0;
}

Status Core::writeMemory(const std::string& family, const WriteBatch& batch, const WriteOptions& options) {
    auto target = memory_->family(family);
    if (!target.ok()) return target.status();
    const std::uint64_t data = batchBytes(batch);
    const std::uint64_t bytes = data + batch.size();  // what it counts for in the log
    Status s;
    {
        // The spill thread, waiting for the lock, goes first: a writer that
        // writes again at once would otherwise take it back, again and again.
        while (spillWaits_.load()) std::this_thread::yield();
        std::unique_lock lock(logMutex_);
        // While the log is applied, writers go at half its pace (hybrid_pace.h):
        // the log shrinks, and each waits microseconds at a time rather than
        // for a whole slice. A log past its cap (the pace misjudged) waits for
        // the next slice.
        const auto arrived = std::chrono::steady_clock::now();
        bool waited = false;
        while (draining_ && !finalPhase_) {
            if (logBytes_ >= logCap_) {
                waited = true;
                logRoom_.wait(lock);
                continue;
            }
            const auto now = std::chrono::steady_clock::now();
            const auto wait = pace_.admit(now, bytes);
            if (wait == std::chrono::steady_clock::duration::zero()) break;
            waited = true;
            logRoom_.wait_until(lock, now + wait);  // or until the drain ends
        }
        if (waited)
            pacedMicros_ += static_cast<std::uint64_t>(
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - arrived).count());
        s = target.value()->write(batch, options);
        if (s.ok() && logging_) {
            log_.push_back({family, batch, bytes});
            logBytes_ += bytes;
        }
    }
    if (s.ok()) afterMemoryWrite(data);
    return s;
}

Status Core::createMemoryFamily(std::string_view name) {
    std::lock_guard lock(logMutex_);
    Status s = memory_->root()->createColumnFamily(name);
    if (s.ok() && logging_) log_.push_back({std::string(name), std::nullopt, 0});
    return s;
}

// Looks at the size now and then (every 1/64 of the threshold written, at
// most every MiB), and starts the spill thread past the threshold.
void Core::afterMemoryWrite(std::uint64_t bytes) {
    const std::uint64_t step = std::max<std::uint64_t>(1, std::min<std::uint64_t>(threshold_ / 64, 1u << 20));
    if (unchecked_.fetch_add(bytes) + bytes < step) return;
    unchecked_ = 0;
    if (spilling_.load() || memoryBytes() <= nextAttempt_.load()) return;
    std::lock_guard lock(spillerMutex_);
    if (spilling_.load()) return;  // another writer started it
    spilling_ = true;
    if (spiller_.joinable()) spiller_.join();  // the last attempt, finished
    spiller_ = std::thread([this] { spill(); });
}

void Core::spill() {
    const std::uint64_t size = memoryBytes();
    logLine(LogLevel::Info, "spilling " + detail::byteSize(size) + " into RocksDB");
    Status s = spillOnce(size);
    if (!s.ok()) {
        const std::uint64_t retryAt = size + std::max<std::uint64_t>(threshold_ / 8, kRetryStep);
        nextAttempt_ = retryAt;
        {
            std::lock_guard lock(stateMutex_);
            state_.lastSpillError = s.message();
        }
        logLine(LogLevel::Warning, "the spill failed, so the store stays in memory: " + s.message() +
                                       " (tried again at " + detail::byteSize(retryAt) + ")");
    }
    spilling_ = false;
}

std::unique_lock<std::mutex> Core::lockLogForSpill() {
    spillWaits_ = true;
    std::unique_lock lock(logMutex_);
    spillWaits_ = false;
    return lock;
}

void Core::stopLogging() {
    {
        auto lock = lockLogForSpill();
        logging_ = false;
        draining_ = false;
        finalPhase_ = false;
        log_.clear();
        logBytes_ = 0;
        logCap_ = 0;
    }
    logRoom_.notify_all();
}

Status Core::apply(const std::deque<Logged>& entries, bool final) {
    // Families are independent: those created meanwhile are created first (in
    // their order), then each family's batches go in as one write
    // (writeInOrder: the last write of each key). One ingest per family, not
    // per run of it: writers that take turns between families would
    // otherwise cost an ingest, with its syncs, per batch.
    std::map<std::string, std::vector<const WriteBatch*>, std::less<>> byFamily;
    std::uint64_t bytes = 0;
    for (const Logged& entry : entries) {
        if (!entry.batch) {
            if (Status s = disk_->root()->createColumnFamily(entry.family); !s.ok()) return s;
            continue;
        }
        byFamily[entry.family].push_back(&*entry.batch);
        bytes += entry.bytes;
    }
    // What the final stop applies, when small, goes through the WAL: one
    // sync, where an ingest makes several. Nothing is ingested after it.
    const Route route = final && bytes <= kSmallRest ? Route::Writes : Route::Tables;
    for (const auto& [family, batches] : byFamily) {
        auto target = disk_->family(family);
        if (!target.ok()) return target.status();
        if (Status s = writeInOrder(*target.value(), batches, route); !s.ok()) return s;
    }
    if (!final) return {};
    WriteOptions synced;
    synced.sync = true;  // everything written before it is on the disk too
    return disk_->root()->write(WriteBatch{}, synced);
}

Status Core::spillOnce(std::uint64_t size) {
    if (!disk_)
        if (Status s = openDiskLate(); !s.ok()) return s;
    // 1. From here every memory write is logged; the copy reads the moment before the first.
    SnapshotPtr moment;
    {
        auto lock = lockLogForSpill();
        logging_ = true;
        moment = memory_->root()->snapshot();
    }
    // 2. The copy, while writes go on in memory.
    ReadOptions read;
    read.snapshot = moment;
    using Clock = std::chrono::steady_clock;
    const auto copyStart = Clock::now();
    // Room for what the copy walks (it writes only what the database lacks).
    if (Status s = detail::checkFreeSpace(diskPath(), 2 * size + (4u << 20), "moving this store into RocksDB"); !s.ok()) {
        stopLogging();
        return s;
    }
    std::uint64_t copied = 0;
    if (Status s = mirrorAll(*memory_->root(), read, *disk_->root(), &copied); !s.ok()) {
        stopLogging();
        return s;
    }
    moment.reset();
    pacedMicros_ = 0;
    auto micros = [](Clock::duration d) {
        return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
    };
    auto rateOf = [](std::uint64_t bytes, Clock::duration took) {
        return static_cast<double>(bytes) / std::max(std::chrono::duration<double>(took).count(), 1e-3);
    };
    // 3. What was written meanwhile, a slice at a time from the oldest, while
    // writers go on at half the pace the slices are applied at, until what is
    // left is small or this has gone on for long.
    const auto drainStart = Clock::now();
    copyMicros_ = micros(drainStart - copyStart);
    {
        auto lock = lockLogForSpill();
        draining_ = true;
        logCap_ = 2 * std::max(logBytes_, kSliceBytes);  // should the pace misjudge, the log still does not grow much
        // A slice costs about twice what the copy did per byte (sorted
        // first, then freed): a quarter of the copy's pace, until the first
        // slice says better.
        pace_.start(drainStart, rateOf(std::max(copied, size), drainStart - copyStart) / 4);
    }
    const std::uint64_t bound = std::min(kLogBound, threshold_ / 16);
    std::uint64_t before = 0;  // the log when the last slice was taken
    std::uint64_t slices = 0;
    for (;;) {
        std::deque<Logged> slice;
        std::uint64_t taken = 0;
        {
            auto lock = lockLogForSpill();
            if (logBytes_ <= bound || Clock::now() - drainStart > kDrainTime) break;
            before = logBytes_;
            ++slices;
            while (!log_.empty() && taken < kSliceBytes) {
                taken += log_.front().bytes;
                slice.push_back(std::move(log_.front()));
                log_.pop_front();
            }
            logBytes_ -= taken;
        }
        const auto sliceStart = Clock::now();
        if (Status s = apply(slice, false); !s.ok()) {
            stopLogging();
            return s;
        }
        // Freeing the slice is part of its cost (the writers allocated it:
        // freeing it here can take as long as applying it).
        slice.clear();
        {
            auto lock = lockLogForSpill();
            const auto now = Clock::now();
            // Half the pace the slice went at; and a slice that did not shrink
            // the log by a quarter of itself (each step's own cost let writers
            // add about as much) halves the pace until one does.
            double rate = rateOf(taken, now - sliceStart) / 2;
            if (logBytes_ + taken / 4 > before) rate = std::min(rate, pace_.rate() / 2);
            pace_.setRate(now, rate);
        }
        logRoom_.notify_all();  // applied: room for writers held at the cap
    }
    drainMicros_ = micros(Clock::now() - drainStart);
    drainSlices_ = slices;
    // 4. The switch: no call runs while the rest is applied and synced.
    {
        auto lock = lockLogForSpill();
        finalPhase_ = true;  // a writer waiting for room goes on, and leaves the gate
    }
    logRoom_.notify_all();
    gate.close();
    const auto stopped = Clock::now();
    std::deque<Logged> rest;
    {
        auto lock = lockLogForSpill();
        rest.swap(log_);
    }
    Status s = apply(rest, true);
    if (!s.ok()) {
        stopLogging();
        gate.open();
        return s;
    }
    const std::uint64_t atSwitch = memoryBytes();
    SidePtr old = std::move(memory_);
    live = disk_;
    spilled = true;
    {
        std::lock_guard lock(stateMutex_);
        state_.spilled = true;
        state_.spilledAt = unixNow();
        state_.spilledBytes = atSwitch;
        state_.lastSpillError.clear();
    }
    stopLogging();
    lastPause_ = micros(Clock::now() - stopped);
    gate.open();
    logLine(LogLevel::Info, "spilled " + detail::byteSize(atSwitch) + " into RocksDB; calls stopped for " +
                                std::to_string(lastPause_.load() / 1000) + " ms");
    return {};  // `old` (the memory store) goes now, unless snapshots still read it
}

// At the close, a store still in memory goes into the database.
void Core::save() {
    if (!memory_) return;
    if (!disk_) {
        if (Status s = openDiskLate(); !s.ok()) {
            logLine(LogLevel::Error, "NOT SAVED: " + s.message());
            return;
        }
    }
    std::uint64_t written = 0;
    Status s = mirrorAll(*memory_->root(), {}, *disk_->root(), &written);
    if (s.ok()) s = apply({}, true);
    if (!s.ok())
        logLine(LogLevel::Error, "NOT SAVED in full: " + s.message());
    else
        logLine(LogLevel::Info, "saved into '" + path_ + "' (" + detail::byteSize(written) + " written)");
}

HybridState Core::state() const {
    HybridState out;
    {
        std::lock_guard lock(stateMutex_);
        out = state_;
    }
    if (!out.spilled) {
        out.memoryBytes = memoryBytes();
        out.summary = "in memory: " + detail::byteSize(out.memoryBytes) + " of " + detail::byteSize(out.thresholdBytes);
        if (!out.lastSpillError.empty())
            out.summary += "; the spill failed (" + out.lastSpillError + "), tried again at " +
                           detail::byteSize(nextAttempt_.load());
    } else if (out.spilledAt != 0) {
        out.summary = "RocksDB since " + clockTime(out.spilledAt) + ": spilled at " + detail::byteSize(out.spilledBytes);
    } else {
        out.summary = "RocksDB: more than " + detail::byteSize(out.thresholdBytes) + " at the open";
    }
    return out;
}

std::vector<std::string> Core::warnings() const {
    const HybridState s = state();
    std::vector<std::string> out;
    if (!s.spilled)
        out.push_back("Hybrid, in memory: written to disk at the spill (past " + detail::byteSize(s.thresholdBytes) +
                      ") or when closed; a crash before then loses what was written since the open.");
    if (!s.lastSpillError.empty()) out.push_back("The move into RocksDB failed: " + s.lastSpillError);
    return out;
}

std::string Core::diskPath() const {
    std::lock_guard lock(stateMutex_);
    return diskPath_.empty() ? path_ : diskPath_;
}

}  // namespace meridian::storage::hybrid
