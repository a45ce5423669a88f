#include "storage/memory/memory_storage.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "storage/memory/value_codec.h"

namespace meridian::storage {

using detail::DictionaryPtr;
using detail::StoredValue;

namespace {

constexpr std::uint64_t kLatest = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kProgressEvery = 4096;

struct Version {
    std::uint64_t seq;
    bool deleted;
    StoredValue value;  // empty for a tombstone
};

// Versions of one key, oldest first. Never empty while in a table.
using Chain = std::vector<Version>;

constexpr int kTrainingAttempts = 3;

struct Table {
    std::map<std::string, Chain, std::less<>> rows;
    std::uint64_t liveKeys = 0;
    std::uint64_t liveBytes = 0;        // keys and values as written
    std::uint64_t liveRawValues = 0;    // values as written
    std::uint64_t liveStoredValues = 0; // values as held
    std::uint64_t versions = 0;  // versions held in all chains (live values, old values, tombstones)
    // Compression: set once, then never replaced, so every version held
    // WithDictionary can rely on it for as long as the store lives.
    DictionaryPtr dictionary;
    detail::Samples samples;   // gathered until training starts
    bool training = false;     // a writer is training from samples taken out
    int attempts = 0;          // dictionaries tried
};

// State shared by every column family view and snapshot of one store.
struct Core {
    explicit Core(const MemoryOptions& options) : codec(options) {}

    mutable std::shared_mutex mutex;
    const detail::ValueCodec codec;
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

    // The bytes a value adds to (+1) or takes from (-1) what its table holds
    // for its live values: a pack counts once, while any value in it is live.
    // Caller holds the unique lock.
    static std::uint64_t heldFor(const StoredValue& value, int change) {
        if (value.form != detail::Form::InPack) return value.bytes.size();
        const std::size_t live = value.pack->liveValues;
        value.pack->liveValues = change > 0 ? live + 1 : live - 1;
        return (change > 0 ? live == 0 : live == 1) ? value.pack->whole.bytes.size() : 0;
    }

    // `value`: the op's value as it is to be held. Caller holds the unique lock.
    void apply(Table& table, const WriteBatch::Op& op, StoredValue value, std::uint64_t at) {
        auto it = table.rows.find(op.key);
        const Version* before = it == table.rows.end() ? nullptr : visible(it->second, kLatest);
        if (before) {
            --table.liveKeys;
            table.liveBytes -= op.key.size() + before->value.rawSize;
            table.liveRawValues -= before->value.rawSize;
            table.liveStoredValues -= heldFor(before->value, -1);
        }
        if (!op.isDelete) {
            ++table.liveKeys;
            table.liveBytes += op.key.size() + value.rawSize;
            table.liveRawValues += value.rawSize;
            table.liveStoredValues += heldFor(value, +1);
        }
        if (it == table.rows.end()) {
            if (op.isDelete) return;  // deleting an absent key leaves no trace
            it = table.rows.emplace(op.key, Chain{}).first;
        }
        Chain& chain = it->second;
        chain.push_back({at, op.isDelete, op.isDelete ? StoredValue{} : std::move(value)});
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
    // `table`: the family's, found under the core's lock.
    MemoryStorage(std::shared_ptr<Core> core, std::string family, Table* table)
        : core_(std::move(core)), family_(std::move(family)), table_(table) {}

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
        return decoded(table, v->value);
    }

    // Values are compressed before the lock is taken, with the dictionary of
    // the moment; the writer whose values complete the samples trains the
    // dictionary after it lets go of the lock (memory_storage.h).
    Status write(const WriteBatch& batch, const WriteOptions&) override {
        const detail::ValueCodec& codec = core_->codec;
        Table& table = *table_;
        DictionaryPtr dictionary;
        if (codec.compresses()) {
            std::shared_lock lock(core_->mutex);
            dictionary = table.dictionary;
        }
        std::vector<StoredValue> held = codec.encode(batch, dictionary.get());
        std::optional<detail::Samples> toTrain;
        {
            std::unique_lock lock(core_->mutex);
            const std::uint64_t at = ++core_->seq;
            for (std::size_t i = 0; i < held.size(); ++i) core_->apply(table, batch.ops()[i], std::move(held[i]), at);
            toTrain = takeSamples(table, batch);
        }
        if (toTrain) {
            DictionaryPtr trained = codec.train(*toTrain);
            std::unique_lock lock(core_->mutex);
            table.dictionary = std::move(trained);
            table.training = false;
        }
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
        Status failure;
        detail::PackCache cache;
        // Adds the row if visible; false once the page is full (the cursor set).
        auto take = [&](const auto& row) {
            const Version* v = Core::visible(row.second, at.value());
            if (!v) return true;
            if (request.limit != 0 && page.entries.size() == request.limit) {
                page.nextCursor = page.entries.back().key;
                return false;
            }
            if (request.keysOnly) {
                page.entries.push_back({row.first, std::string()});
                return true;
            }
            auto value = decoded(table, v->value, &cache);
            if (!value.ok()) {
                failure = value.status();
                return false;
            }
            page.entries.push_back({row.first, std::move(value.value())});
            return true;
        };
        if (!start.backward) {
            auto it = !start.key        ? table.rows.lower_bound(std::string_view(request.prefix))
                      : start.inclusive ? table.rows.lower_bound(*start.key)
                                        : table.rows.upper_bound(*start.key);
            for (; it != table.rows.end() && it->first.starts_with(request.prefix); ++it)
                if (!take(*it)) break;
            if (!failure.ok()) return failure;
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
        if (!failure.ok()) return failure;
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
            if (!v->deleted) {
                auto value = decoded(table, v->value);
                if (!value.ok()) return value.status();
                version.value = std::move(value.value());
            }
            version.valueSize = version.value.size();
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
        // Live values only, as memory.bytes (memory_storage.h).
        const std::uint64_t dictionary = table.dictionary ? detail::dictionaryBytes(*table.dictionary) : 0;
        const std::uint64_t stored = table.liveStoredValues + dictionary;
        stats.properties["memory.compression"] = describeCompression(core_->codec.options());
        stats.properties["memory.raw-bytes"] = std::to_string(table.liveRawValues);
        stats.properties["memory.stored-bytes"] = std::to_string(stored);
        stats.properties["memory.dictionary-bytes"] = std::to_string(dictionary);
        stats.properties["memory.compression-ratio"] = ratioText(stored, table.liveRawValues);
        return stats;
    }

    std::vector<std::string> columnFamilies() const override {
        std::shared_lock lock(core_->mutex);
        return core_->familyOrder;
    }

    Result<std::shared_ptr<Storage>> columnFamily(std::string_view name) const override {
        std::shared_lock lock(core_->mutex);
        const auto it = core_->families.find(name);
        if (it == core_->families.end()) return Status::notFound("no column family named '" + std::string(name) + "'");
        return std::shared_ptr<Storage>(std::make_shared<MemoryStorage>(core_, std::string(name), &it->second));
    }

    Status createColumnFamily(std::string_view name) override {
        if (name.empty()) return Status::invalidArgument("a column family needs a name");
        std::unique_lock lock(core_->mutex);
        if (core_->families.try_emplace(std::string(name)).second) core_->familyOrder.emplace_back(name);
        return {};
    }

    Status catchUp() override { return {}; }

private:
    // The family's table: families are never removed and map nodes never
    // move, so the pointer taken when this view was made stays good.
    const Table& table() const { return *table_; }

    // The value as written. Caller holds the lock (shared is enough).
    Result<std::string> decoded(const Table& table, const StoredValue& value, detail::PackCache* cache = nullptr) const {
        auto bytes = core_->codec.decode(value, table.dictionary.get(), cache);
        if (!bytes) return Status::corruption("a value held compressed in memory did not decompress");
        return std::move(*bytes);
    }

    // Gathers the batch's values that would be compressed until there are
    // enough to train a dictionary from; then hands them over, once, to the
    // writer that completed them. Caller holds the unique lock.
    std::optional<detail::Samples> takeSamples(Table& table, const WriteBatch& batch) const {
        const detail::ValueCodec& codec = core_->codec;
        if (!codec.compresses() || table.dictionary || table.training || table.attempts >= kTrainingAttempts)
            return std::nullopt;
        bool enough = false;
        for (const auto& op : batch.ops())
            if (!op.isDelete && codec.wants(op.value.size()) && !enough)
                enough = detail::ValueCodec::addSample(table.samples, op.value);
        if (!enough) return std::nullopt;
        table.training = true;
        ++table.attempts;
        return std::exchange(table.samples, {});
    }

    static std::string ratioText(std::uint64_t stored, std::uint64_t raw) {
        if (raw == 0) return "n/a";
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", static_cast<double>(stored) / static_cast<double>(raw));
        return text;
    }

    Result<std::uint64_t> readPoint(const ReadOptions& options) const {
        if (!options.snapshot) return kLatest;
        auto* snap = dynamic_cast<const MemorySnapshot*>(options.snapshot.get());
        if (!snap || snap->core() != core_.get())
            return Status::invalidArgument("the snapshot belongs to another database");
        return snap->sequence();
    }

    std::shared_ptr<Core> core_;
    std::string family_;
    Table* table_;
};

}  // namespace

StoragePtr createMemoryStorage(std::string label, MemoryOptions options) {
    auto core = std::make_shared<Core>(options);
    core->label = std::move(label);
    Table* table = &core->families.try_emplace("default").first->second;
    core->familyOrder.push_back("default");
    return std::make_shared<MemoryStorage>(std::move(core), "default", table);
}

}  // namespace meridian::storage
