#include "storage/memory/memory_storage.h"

#include <algorithm>
#include <limits>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <vector>

namespace meridian::storage {

namespace {

constexpr std::uint64_t kLatest = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kProgressEvery = 4096;

struct Version {
    std::uint64_t seq;
    bool deleted;
    std::string value;
};

// Versions of one key, oldest first. Never empty while in a table.
using Chain = std::vector<Version>;

struct Table {
    std::map<std::string, Chain, std::less<>> rows;
    std::uint64_t liveKeys = 0;
    std::uint64_t liveBytes = 0;
    std::uint64_t versions = 0;  // versions held in all chains (live values, old values, tombstones)
};

// State shared by every column family view and snapshot of one store.
struct Core {
    mutable std::shared_mutex mutex;
    std::string label;
    std::uint64_t seq = 0;
    std::map<std::string, Table, std::less<>> families;  // "default" always present
    std::vector<std::string> familyOrder;                 // creation order, "default" first
    std::multiset<std::uint64_t> liveSnapshots;
    // Keys whose chains hold more than their newest version, to be pruned when
    // the last snapshot goes (only those, not every key).
    struct DirtyOrder {
        bool operator()(const std::pair<Table*, std::string>& a, const std::pair<Table*, std::string>& b) const {
            if (a.first != b.first) return std::less<Table*>()(a.first, b.first);
            return a.second < b.second;
        }
    };
    std::set<std::pair<Table*, std::string>, DirtyOrder> dirty;

    // The version of `chain` visible at `at`, or null.
    static const Version* visible(const Chain& chain, std::uint64_t at) {
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            if (it->seq <= at) return it->deleted ? nullptr : &*it;
        return nullptr;
    }

    // Caller holds the unique lock.
    void apply(Table& table, const WriteBatch::Op& op, std::uint64_t at) {
        auto it = table.rows.find(op.key);
        const Version* before = it == table.rows.end() ? nullptr : visible(it->second, kLatest);
        if (before) {
            --table.liveKeys;
            table.liveBytes -= op.key.size() + before->value.size();
        }
        if (!op.isDelete) {
            ++table.liveKeys;
            table.liveBytes += op.key.size() + op.value.size();
        }
        if (it == table.rows.end()) {
            if (op.isDelete) return;  // deleting an absent key leaves no trace
            it = table.rows.emplace(op.key, Chain{}).first;
        }
        Chain& chain = it->second;
        chain.push_back({at, op.isDelete, op.isDelete ? std::string() : op.value});
        ++table.versions;
        prune(table, it);
    }

    // Drops the versions of one key that no reader can see any more: a chain
    // keeps its newest version plus, for each live snapshot, the version that
    // snapshot sees; so at most one version per live snapshot, however many
    // writes land while they are alive. Caller holds the unique lock.
    void prune(Table& table, std::map<std::string, Chain, std::less<>>::iterator it) {
        Chain& chain = it->second;
        const std::size_t before = chain.size();
        std::size_t kept = 0;
        for (std::size_t i = 0; i < chain.size(); ++i) {
            bool needed = i + 1 == chain.size();  // the newest: what live reads see
            if (!needed) {
                // Some snapshot S with chain[i].seq <= S < chain[i + 1].seq sees this version.
                auto s = liveSnapshots.lower_bound(chain[i].seq);
                needed = s != liveSnapshots.end() && *s < chain[i + 1].seq;
            }
            if (needed) {
                if (kept != i) chain[kept] = std::move(chain[i]);
                ++kept;
            }
        }
        chain.resize(kept);
        // Tombstones with nothing older before them read as "absent", as no version at all does.
        std::size_t leading = 0;
        while (leading < chain.size() && chain[leading].deleted) ++leading;
        chain.erase(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(leading));
        table.versions -= before - chain.size();
        if (chain.empty()) {
            dirty.erase(std::pair<Table*, std::string>(&table, it->first));
            table.rows.erase(it);
            return;
        }
        if (chain.size() > 1) dirty.emplace(&table, it->first);
    }

    // Caller holds the unique lock; called when the last snapshot is released.
    void sweep() {
        const auto keys = std::move(dirty);  // prune() edits `dirty`: walk a copy
        dirty.clear();
        for (const auto& [table, key] : keys) {
            auto it = table->rows.find(key);
            if (it != table->rows.end()) prune(*table, it);
        }
    }
};

class MemorySnapshot final : public Snapshot {
public:
    MemorySnapshot(std::shared_ptr<Core> core, std::uint64_t seq) : core_(std::move(core)), seq_(seq) {}
    ~MemorySnapshot() override {
        std::unique_lock lock(core_->mutex);
        core_->liveSnapshots.erase(core_->liveSnapshots.find(seq_));
        if (core_->liveSnapshots.empty()) core_->sweep();
    }
    std::uint64_t sequence() const override { return seq_; }
    const Core* core() const { return core_.get(); }

private:
    std::shared_ptr<Core> core_;
    std::uint64_t seq_;
};

class MemoryStorage final : public Storage {
public:
    MemoryStorage(std::shared_ptr<Core> core, std::string family)
        : core_(std::move(core)), family_(std::move(family)) {}

    StorageInfo info() const override {
        StorageInfo info;
        info.backend = Backend::Memory;
        info.mode = OpenMode::ReadWrite;
        info.path = core_->label;
        info.columnFamily = family_;
        info.persistent = false;
        info.profile = TuningProfile::Default;
        info.warnings.push_back(
            "In memory: NOTHING IS SAVED TO DISK. Every key is lost when the program exits "
            "unless you save it to a database first.");
        return info;
    }

    Result<std::string> get(std::string_view key, const ReadOptions& options) const override {
        auto at = readPoint(options);
        if (!at.ok()) return at.status();
        std::shared_lock lock(core_->mutex);
        const Table& table = this->table();
        auto it = table.rows.find(key);
        const Version* v = it == table.rows.end() ? nullptr : Core::visible(it->second, at.value());
        if (!v) return Status::notFound("key not found");
        return v->value;
    }

    Status write(const WriteBatch& batch, const WriteOptions&) override {
        std::unique_lock lock(core_->mutex);
        const std::uint64_t at = ++core_->seq;
        Table& table = this->table();
        for (const auto& op : batch.ops()) core_->apply(table, op, at);
        return {};
    }

    Result<ScanPage> scan(const ScanRequest& request) const override {
        auto at = readPoint(request.read);
        if (!at.ok()) return at.status();
        ScanPage page;
        std::shared_lock lock(core_->mutex);
        const Table& table = this->table();
        const ScanStart start = scanStart(request);
        if (start.empty) return page;
        // Adds the row if visible; false once the page is full (the cursor set).
        auto take = [&](const auto& row) {
            const Version* v = Core::visible(row.second, at.value());
            if (!v) return true;
            if (request.limit != 0 && page.entries.size() == request.limit) {
                page.nextCursor = page.entries.back().key;
                return false;
            }
            page.entries.push_back({row.first, request.keysOnly ? std::string() : v->value});
            return true;
        };
        if (!start.backward) {
            auto it = !start.key        ? table.rows.lower_bound(std::string_view(request.prefix))
                      : start.inclusive ? table.rows.lower_bound(*start.key)
                                        : table.rows.upper_bound(*start.key);
            for (; it != table.rows.end() && it->first.starts_with(request.prefix); ++it)
                if (!take(*it)) break;
            return page;
        }
        // Backward: `it` is one past the first row to list.
        auto it = table.rows.end();
        if (start.key)
            it = start.inclusive ? table.rows.upper_bound(*start.key) : table.rows.lower_bound(*start.key);
        else if (auto upper = prefixUpperBound(request.prefix))
            it = table.rows.lower_bound(*upper);
        while (it != table.rows.begin()) {
            --it;
            if (!it->first.starts_with(request.prefix) || !take(*it)) break;
        }
        return page;
    }

    Result<std::uint64_t> count(std::string_view prefix, const ReadOptions& options,
                                const Progress& progress) const override {
        auto at = readPoint(options);
        if (!at.ok()) return at.status();
        // Count in pages so writers are not locked out for the whole walk, all
        // pages at one moment: without a snapshot a batch landing between two
        // pages would be counted half (a moved key counted twice or not at all).
        ReadOptions read = options;
        if (!read.snapshot) read.snapshot = snapshot();
        std::uint64_t n = 0;
        std::optional<std::string> after;
        for (;;) {
            ScanRequest request;
            request.prefix = std::string(prefix);
            request.after = after;
            request.limit = 65536;
            request.keysOnly = true;
            request.read = read;
            auto page = scan(request);
            if (!page.ok()) return page.status();
            for (std::size_t i = 0; i < page->entries.size(); ++i)
                if (++n % kProgressEvery == 0 && progress && !progress(n)) return Status::cancelled();
            if (!page->nextCursor) break;
            after = std::move(page->nextCursor);
        }
        if (progress && !progress(n)) return Status::cancelled();
        return n;
    }

    // The chain, newest first: values kept for snapshots and tombstones.
    Result<std::vector<KeyVersion>> keyVersions(std::string_view key, std::size_t limit) const override {
        std::shared_lock lock(core_->mutex);
        std::vector<KeyVersion> out;
        const Table& table = this->table();
        const auto it = table.rows.find(key);
        if (it == table.rows.end()) return out;
        for (auto v = it->second.rbegin(); v != it->second.rend() && out.size() < limit; ++v) {
            KeyVersion version;
            version.sequence = v->seq;
            version.type = v->deleted ? VersionType::Deletion : VersionType::Value;
            version.typeName = versionTypeName(version.type);
            version.value = v->value;
            version.valueSize = v->value.size();
            out.push_back(std::move(version));
        }
        return out;
    }

    // Rows held, deleted ones kept for snapshots included: exact enough for
    // a position, and a walk of the range (memory stores are small).
    std::optional<std::uint64_t> approximateExtent(std::string_view from,
                                                   const std::optional<std::string>& to) const override {
        std::shared_lock lock(core_->mutex);
        const Table& table = this->table();
        const auto begin = table.rows.lower_bound(from);
        const auto end = to ? table.rows.lower_bound(*to) : table.rows.end();
        if (to && *to <= from) return 0;
        return static_cast<std::uint64_t>(std::distance(begin, end));
    }

    SnapshotPtr snapshot() const override {
        std::unique_lock lock(core_->mutex);
        core_->liveSnapshots.insert(core_->seq);
        return std::make_shared<MemorySnapshot>(core_, core_->seq);
    }

    Stats stats() const override {
        std::shared_lock lock(core_->mutex);
        const Table& table = this->table();
        Stats stats;
        stats.estimatedKeys = table.liveKeys;
        stats.liveDataBytes = table.liveBytes;
        stats.memtableBytes = table.liveBytes;
        stats.sequence = core_->seq;
        stats.snapshots = core_->liveSnapshots.size();
        stats.olderVersions = table.versions > table.liveKeys ? table.versions - table.liveKeys : 0;
        stats.properties["memory.keys"] = std::to_string(table.liveKeys);
        stats.properties["memory.bytes"] = std::to_string(table.liveBytes);
        stats.properties["memory.versions"] = std::to_string(table.versions);
        stats.properties["memory.live-snapshots"] = std::to_string(core_->liveSnapshots.size());
        stats.properties["memory.sequence"] = std::to_string(core_->seq);
        return stats;
    }

    std::vector<std::string> columnFamilies() const override {
        std::shared_lock lock(core_->mutex);
        return core_->familyOrder;
    }

    Result<std::shared_ptr<Storage>> columnFamily(std::string_view name) const override {
        std::shared_lock lock(core_->mutex);
        if (core_->families.find(name) == core_->families.end())
            return Status::notFound("no column family named '" + std::string(name) + "'");
        return std::shared_ptr<Storage>(std::make_shared<MemoryStorage>(core_, std::string(name)));
    }

    Status createColumnFamily(std::string_view name) override {
        if (name.empty()) return Status::invalidArgument("a column family needs a name");
        std::unique_lock lock(core_->mutex);
        if (core_->families.try_emplace(std::string(name)).second) core_->familyOrder.emplace_back(name);
        return {};
    }

    Status catchUp() override { return {}; }

private:
    const Table& table() const { return core_->families.find(family_)->second; }
    Table& table() { return core_->families.find(family_)->second; }

    Result<std::uint64_t> readPoint(const ReadOptions& options) const {
        if (!options.snapshot) return kLatest;
        auto* snap = dynamic_cast<const MemorySnapshot*>(options.snapshot.get());
        if (!snap || snap->core() != core_.get())
            return Status::invalidArgument("the snapshot belongs to another database");
        return snap->sequence();
    }

    std::shared_ptr<Core> core_;
    std::string family_;
};

}  // namespace

StoragePtr createMemoryStorage(std::string label) {
    auto core = std::make_shared<Core>();
    core->label = std::move(label);
    core->families.try_emplace("default");
    core->familyOrder.push_back("default");
    return std::make_shared<MemoryStorage>(std::move(core), "default");
}

}  // namespace meridian::storage
