#include "storage/hybrid/hybrid_storage.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "storage/hybrid/hybrid_core.h"
#include "storage/hybrid/hybrid_registry.h"

namespace meridian::storage {

namespace {

using hybrid::Core;
using hybrid::Entered;
using hybrid::SidePtr;

// A point in time of the side that was live when it was taken: it keeps
// reading that side (the memory store after a spill) for as long as it lives.
class HybridSnapshot final : public Snapshot {
public:
    HybridSnapshot(std::uint64_t core, SidePtr side, SnapshotPtr inner)
        : core_(core), side_(std::move(side)), inner_(std::move(inner)) {}
    std::uint64_t sequence() const override { return inner_->sequence(); }
    std::uint64_t core() const { return core_; }
    const SidePtr& side() const { return side_; }
    const SnapshotPtr& inner() const { return inner_; }

private:
    std::uint64_t core_;  // Core::id: an address could be reused by a later store
    SidePtr side_;
    SnapshotPtr inner_;
};

class HybridStorage final : public Storage {
public:
    HybridStorage(std::shared_ptr<Core> core, std::string family) : core_(std::move(core)), family_(std::move(family)) {}

    StorageInfo info() const override {
        Entered in(core_->gate);
        auto family = live();
        StorageInfo info = family.ok() ? family.value()->info() : StorageInfo{};
        info.path = core_->diskPath();
        info.columnFamily = family_;
        info.mode = OpenMode::ReadWrite;
        info.persistent = true;
        info.warnings = core_->warnings();  // not memory's "nothing is saved": it is, at the spill or close
        info.hybrid = core_->state();
        return info;
    }

    Result<std::string> get(std::string_view key, const ReadOptions& options) const override {
        Entered in(core_->gate);
        auto [family, read] = resolve(options);
        if (!family.ok()) return family.status();
        return family.value()->get(key, read);
    }

    Status write(const WriteBatch& batch, const WriteOptions& options) override {
        Entered in(core_->gate);
        if (!core_->spilled) return core_->writeMemory(family_, batch, options);
        auto family = live();
        if (!family.ok()) return family.status();
        return family.value()->write(batch, options);
    }

    Result<ScanPage> scan(const ScanRequest& request) const override {
        Entered in(core_->gate);
        auto [family, read] = resolve(request.read);
        if (!family.ok()) return family.status();
        ScanRequest inner = request;
        inner.read = read;
        return family.value()->scan(inner);
    }

    // Counted outside the gate, on a snapshot of the side live now: a long
    // count does not hold up a spill's switch (and so every other call).
    Result<std::uint64_t> count(std::string_view prefix, const ReadOptions& options,
                                const Progress& progress) const override {
        StoragePtr family;
        ReadOptions read;
        {
            Entered in(core_->gate);
            auto [resolved, innerRead] = resolve(options);
            if (!resolved.ok()) return resolved.status();
            family = resolved.value();
            read = innerRead;
            if (!read.snapshot) read.snapshot = family->snapshot();
        }
        return family->count(prefix, read, progress);
    }

    std::vector<std::string> splitKeys(std::string_view prefix, std::size_t parts, const ReadOptions& options) const override {
        Entered in(core_->gate);
        auto [family, read] = resolve(options);
        return family.ok() ? family.value()->splitKeys(prefix, parts, read) : std::vector<std::string>{};
    }

    std::optional<std::uint64_t> approximateExtent(std::string_view from, const std::optional<std::string>& to) const override {
        Entered in(core_->gate);
        auto family = live();
        return family.ok() ? family.value()->approximateExtent(from, to) : std::nullopt;
    }

    Result<std::vector<KeyVersion>> keyVersions(std::string_view key, std::size_t limit) const override {
        Entered in(core_->gate);
        auto family = live();
        if (!family.ok()) return family.status();
        return family.value()->keyVersions(key, limit);
    }

    Result<FilesReport> files(FileDetail detail) const override {
        Entered in(core_->gate);
        auto family = live();
        if (!family.ok()) return family.status();
        return family.value()->files(detail);
    }

    Result<VerifyReport> verifyChecksums(const Progress& progress) const override {
        Entered in(core_->gate);
        auto family = live();
        if (!family.ok()) return family.status();
        return family.value()->verifyChecksums(progress);
    }

    Status compact(const std::optional<std::string>& from, const std::optional<std::string>& to) override {
        Entered in(core_->gate);
        auto family = live();
        if (!family.ok()) return family.status();
        return family.value()->compact(from, to);
    }

    SnapshotPtr snapshot() const override {
        Entered in(core_->gate);
        const SidePtr& side = core_->live;
        return std::make_shared<HybridSnapshot>(core_->id, side, side->root()->snapshot());
    }

    Stats stats() const override {
        Entered in(core_->gate);
        auto family = live();
        Stats stats = family.ok() ? family.value()->stats() : Stats{};
        const HybridState state = core_->state();
        stats.properties["hybrid.live"] = state.spilled ? "rocksdb" : "memory";
        stats.properties["hybrid.threshold-bytes"] = std::to_string(state.thresholdBytes);
        stats.properties["hybrid.state"] = state.summary;
        if (state.spilled) stats.properties["hybrid.spilled-bytes"] = std::to_string(state.spilledBytes);
        if (core_->lastSwitchPauseMicros() != 0) {
            stats.properties["hybrid.switch-pause-us"] = std::to_string(core_->lastSwitchPauseMicros());
            const Core::SpillTimes times = core_->lastSpillTimes();
            stats.properties["hybrid.spill-copy-us"] = std::to_string(times.copyMicros);
            stats.properties["hybrid.spill-drain-us"] = std::to_string(times.drainMicros);
            stats.properties["hybrid.writers-paced-us"] = std::to_string(times.writersPacedMicros);
            stats.properties["hybrid.spill-drain-slices"] = std::to_string(times.drainSlices);
        }
        if (!state.lastSpillError.empty()) stats.properties["hybrid.last-spill-error"] = state.lastSpillError;
        return stats;
    }

    std::vector<std::string> columnFamilies() const override {
        Entered in(core_->gate);
        return core_->live->root()->columnFamilies();
    }

    Result<std::shared_ptr<Storage>> columnFamily(std::string_view name) const override {
        Entered in(core_->gate);
        auto family = core_->live->family(name);
        if (!family.ok()) return family.status();
        return std::shared_ptr<Storage>(std::make_shared<HybridStorage>(core_, std::string(name)));
    }

    Status createColumnFamily(std::string_view name) override {
        if (name.empty()) return Status::invalidArgument("a column family needs a name");
        Entered in(core_->gate);
        if (!core_->spilled) return core_->createMemoryFamily(name);
        return core_->live->root()->createColumnFamily(name);
    }

    Status catchUp() override { return {}; }

private:
    // Call inside the gate.
    Result<StoragePtr> live() const { return core_->live->family(family_); }

    // The family and read options a read goes to: the live side's, or the
    // side a snapshot was taken of (its own snapshot inside). Inside the gate.
    std::pair<Result<StoragePtr>, ReadOptions> resolve(const ReadOptions& options) const {
        if (!options.snapshot) return {live(), options};
        const auto* snap = dynamic_cast<const HybridSnapshot*>(options.snapshot.get());
        if (!snap || snap->core() != core_->id)
            return {Status::invalidArgument("the snapshot belongs to another database"), options};
        ReadOptions inner = options;
        inner.snapshot = snap->inner();
        return {snap->side()->family(family_), inner};
    }

    std::shared_ptr<Core> core_;
    std::string family_;
};

}  // namespace

namespace {

OpenResult failed(OpenResult result, Status status) {
    result.status = status;
    result.report.reason = OpenReason::Failed;
    result.report.cause = status;
    result.report.explanation = status.message();
    return result;
}

// A view of `family` of the store, and the report saying what it is.
OpenResult handOut(OpenResult result, const std::shared_ptr<Core>& core, const std::string& family, bool shared) {
    HybridState state;
    {
        Entered in(core->gate);
        if (auto view = core->live->family(family); !view.ok()) return failed(std::move(result), view.status());
        state = core->state();
    }
    OpenReport& report = result.report;
    result.storage = std::make_shared<HybridStorage>(core, family);
    report.backend = state.spilled ? Backend::RocksDb : Backend::Memory;
    report.mode = OpenMode::ReadWrite;
    report.reason = OpenReason::Requested;
    report.hybrid = true;
    report.explanation = "Hybrid storage at '" + report.path + "'" + (shared ? " (open here already, shared), " : ", ") +
                         state.summary + ": it moves into RocksDB past the threshold, and is saved there when closed.";
    return result;
}

}  // namespace

OpenResult openHybridStorage(const std::string& path, const StorageConfig& config, std::uint64_t threshold) {
    OpenResult result;
    result.report.path = path;
    // Open in this process already: shared, as the RocksDB registry shares a
    // handle; being opened or closed: waited for.
    const std::string key = hybrid::registryKey(path);
    hybrid::Registry& registry = hybrid::Registry::instance();
    if (auto shared = registry.claim(key)) {
        result.report.decisions.push_back("hybrid storage at '" + path + "' is open in this program already: shared");
        return handOut(std::move(result), shared, config.columnFamily, true);
    }
    // The database at the path: read-write, created when missing, its lock
    // checks as for any open; failures come back here (no fallback inside).
    StorageConfig disk = config;
    disk.mode = OpenMode::ReadWrite;
    disk.createIfMissing = true;
    disk.forceMemory = false;
    disk.memoryFallback = false;
    disk.useEnvironment = false;
    disk.hybridThreshold.reset();
    disk.columnFamily = "default";
    auto core = std::make_shared<Core>(path, disk, threshold);
    Status s = core->open(result.report);
    if (s.ok()) {
        result = handOut(std::move(result), core, config.columnFamily, false);
        s = result.status;
    }
    if (!s.ok()) {
        core.reset();  // closed without saving: nothing was handed out
        registry.abandoned(key);
        return failed(std::move(result), s);
    }
    core->markOpened();
    registry.opened(key, core);
    return result;
}

bool hybridStoreOpenHere(const std::string& path) { return hybrid::Registry::instance().settledOpen(hybrid::registryKey(path)); }

std::optional<std::uint64_t> parseByteSize(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end == text.data() || number < 0) return std::nullopt;
    std::string unit(end, text.data() + text.size());
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (unit.ends_with("IB")) unit.erase(unit.size() - 2, 1);  // KiB as KB
    if (unit.size() == 2 && unit[1] == 'B') unit.pop_back();
    int shift = 0;
    if (unit.empty() || unit == "B") shift = 0;
    else if (unit == "K") shift = 10;
    else if (unit == "M") shift = 20;
    else if (unit == "G") shift = 30;
    else if (unit == "T") shift = 40;
    else return std::nullopt;
    const double bytes = std::ldexp(number, shift);
    if (bytes >= 18446744073709551615.0 || bytes != std::floor(bytes)) return std::nullopt;
    return static_cast<std::uint64_t>(bytes);
}

}  // namespace meridian::storage
