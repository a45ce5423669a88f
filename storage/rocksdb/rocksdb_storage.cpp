#include "storage/rocksdb/rocksdb_storage.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/metadata.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>

#include "storage/rocksdb/free_space.h"
#include "storage/rocksdb/inspection.h"
#include "storage/rocksdb/registry.h"
#include "storage/rocksdb/status_mapping.h"
#include "storage/search/key_ranges.h"

namespace meridian::storage {

namespace {

using detail::fromRocks;
using detail::RocksDbHandle;

constexpr std::uint64_t kProgressEvery = 4096;
constexpr std::uint64_t kLargeWriteBytes = 1u << 20;  // writes this big check the free space first

class RocksDbSnapshot final : public Snapshot {
public:
    RocksDbSnapshot(std::shared_ptr<RocksDbHandle> handle, const rocksdb::Snapshot* snapshot)
        : handle_(std::move(handle)),
          snapshot_(snapshot),
          // Taken now: a secondary's latest sequence moves on with every catch-up.
          sequence_(snapshot ? snapshot->GetSequenceNumber() : handle_->db->GetLatestSequenceNumber()) {}
    ~RocksDbSnapshot() override {
        if (snapshot_) handle_->db->ReleaseSnapshot(snapshot_);
    }
    std::uint64_t sequence() const override { return sequence_; }
    const RocksDbHandle* handle() const { return handle_.get(); }
    const rocksdb::Snapshot* raw() const { return snapshot_; }

private:
    std::shared_ptr<RocksDbHandle> handle_;
    const rocksdb::Snapshot* snapshot_;  // null on read-only instances, whose data never changes
    std::uint64_t sequence_;
};

class RocksDbStorage final : public Storage {
public:
    RocksDbStorage(std::shared_ptr<RocksDbHandle> handle, rocksdb::ColumnFamilyHandle* family, std::string name,
                   bool writable)
        : handle_(std::move(handle)), family_(family), name_(std::move(name)), writable_(writable) {}

    StorageInfo info() const override {
        StorageInfo info;
        info.backend = Backend::RocksDb;
        info.mode = writable_ ? OpenMode::ReadWrite
                              : (handle_->mode == OpenMode::ReadWrite ? OpenMode::ReadOnly : handle_->mode);
        info.path = handle_->path;
        info.columnFamily = name_;
        info.persistent = true;
        info.profile = handle_->profile;
        info.warnings = handle_->warnings;
        return info;
    }

    Result<std::string> get(std::string_view key, const ReadOptions& options) const override {
        auto ro = readOptions(options);
        if (!ro.ok()) return ro.status();
        std::string value;
        rocksdb::Status s = handle_->db->Get(ro.value(), family_, rocksdb::Slice(key.data(), key.size()), &value);
        if (s.IsNotFound()) return Status::notFound("key not found");
        if (!s.ok()) return fromRocks(s);
        return value;
    }

    Status write(const WriteBatch& batch, const WriteOptions& options) override {
        if (!writable_)
            return Status::readOnly(std::string("the database is open ") + openModeName(info().mode) +
                                    "; reopen it read-write to change it");
        std::uint64_t bytes = 0;
        for (const auto& op : batch.ops()) bytes += op.key.size() + op.value.size();
        // The WAL record, and the table file it is flushed into later.
        if (bytes >= kLargeWriteBytes)
            if (Status s = detail::checkFreeSpace(handle_->path, 2 * bytes + (4u << 20), "this write"); !s.ok())
                return s;
        rocksdb::WriteBatch raw;
        for (const auto& op : batch.ops()) {
            rocksdb::Status s = op.isDelete ? raw.Delete(family_, op.key) : raw.Put(family_, op.key, op.value);
            if (!s.ok()) return fromRocks(s);
        }
        rocksdb::WriteOptions wo;
        wo.sync = options.sync;
        return fromRocks(handle_->db->Write(wo, &raw));
    }

    Result<ScanPage> scan(const ScanRequest& request) const override {
        ScanPage page;
        Status s = walk(request.prefix, scanStart(request), request.read, !request.keysOnly,
                        [&](const rocksdb::Iterator& it) {
                            if (request.limit != 0 && page.entries.size() == request.limit) {
                                page.nextCursor = page.entries.back().key;
                                return false;
                            }
                            Entry e{it.key().ToString(), request.keysOnly ? std::string() : it.value().ToString()};
                            page.entries.push_back(std::move(e));
                            return true;
                        });
        if (!s.ok()) return s;
        return page;
    }

    // On every core: one key range per task (search/key_ranges.h), each an
    // iterator bounded to its range, all on one snapshot; a single range (one
    // core, or table files too few to cut) is one walk. `progress` gets the
    // total of all threads, one call at a time.
    Result<std::uint64_t> count(std::string_view prefix, const ReadOptions& options,
                                const Progress& progress) const override {
        const unsigned threads = defaultThreads();
        const std::vector<KeyRange> ranges = splitRange(*this, prefix, threads > 1 ? threads * 4 : 1, options);
        ReadOptions read = options;
        if (!read.snapshot) read.snapshot = snapshot();
        auto base = readOptions(read);
        if (!base.ok()) return base.status();
        const auto upper = prefixUpperBound(prefix);
        std::atomic<std::uint64_t> total{0};
        std::atomic<bool> stop{false};
        std::mutex mutex;  // progress, failure, reported
        std::optional<Status> failure;
        std::uint64_t reported = 0;
        forEachRange(ranges, threads, [&](const KeyRange& range, std::size_t) {
            rocksdb::ReadOptions ro = base.value();
            ro.fill_cache = false;
            const std::string lower = range.from ? *range.from : std::string(prefix);
            const rocksdb::Slice lowerSlice(lower);
            ro.iterate_lower_bound = &lowerSlice;
            const std::optional<std::string> until = range.until ? range.until : upper;
            rocksdb::Slice untilSlice;
            if (until) {
                untilSlice = rocksdb::Slice(*until);
                ro.iterate_upper_bound = &untilSlice;
            }
            std::unique_ptr<rocksdb::Iterator> it(handle_->db->NewIterator(ro, family_));
            std::uint64_t mine = 0;
            for (it->Seek(lowerSlice); it->Valid() && !stop.load(std::memory_order_relaxed); it->Next()) {
                if (!it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size()))) break;
                if (++mine == kProgressEvery) {
                    const std::uint64_t now = total += mine;
                    mine = 0;
                    if (progress) {
                        std::lock_guard lock(mutex);
                        if (now > reported) {
                            reported = now;
                            if (!progress(now)) stop = true;
                        }
                    }
                }
            }
            total += mine;
            if (Status s = fromRocks(it->status(), handle_->path); !s.ok()) {
                std::lock_guard lock(mutex);
                if (!failure) failure = s;
                stop = true;
            }
        });
        if (failure) return *failure;
        if (stop || (progress && !progress(total))) return Status::cancelled();
        return total.load();
    }

    // The table files' smallest keys at size quantiles: files are what the
    // reads cost, and their metadata is in memory (no read of the data).
    std::vector<std::string> splitKeys(std::string_view prefix, std::size_t parts, const ReadOptions&) const override {
        rocksdb::ColumnFamilyMetaData meta;
        handle_->db->GetColumnFamilyMetaData(family_, &meta);
        const auto upper = prefixUpperBound(prefix);
        std::vector<std::pair<std::string, std::uint64_t>> files;
        std::uint64_t total = 0;
        for (const auto& level : meta.levels)
            for (const auto& file : level.files) {
                if (upper && file.smallestkey >= *upper) continue;
                if (file.largestkey < prefix) continue;
                files.emplace_back(file.smallestkey, file.size);
                total += file.size;
            }
        std::sort(files.begin(), files.end());
        std::vector<std::string> cuts;
        if (parts < 2 || total == 0) return cuts;
        std::uint64_t seen = 0;
        std::size_t next = 1;
        for (const auto& [key, size] : files) {
            if (next >= parts) break;
            if (seen >= total * next / parts) {
                cuts.push_back(key);
                while (next < parts && seen >= total * next / parts) ++next;
            }
            seen += size;
        }
        return cuts;
    }

    // Table files only (index lookups at the two ends): RocksDB's memtable
    // estimate is too coarse to keep positions in order (a longer range can
    // come out smaller). Without `to`, up to just past the last key.
    std::optional<std::uint64_t> approximateExtent(std::string_view from,
                                                   const std::optional<std::string>& to) const override {
        std::string limit;
        if (to) {
            limit = *to;
        } else {
            rocksdb::ReadOptions ro;
            ro.fill_cache = false;
            ro.total_order_seek = true;
            std::unique_ptr<rocksdb::Iterator> it(handle_->db->NewIterator(ro, family_));
            it->SeekToLast();
            if (!it->status().ok()) return std::nullopt;
            if (!it->Valid()) return 0;
            limit = it->key().ToString();
            limit.push_back('\0');  // the smallest key after it
        }
        if (limit <= from) return 0;
        rocksdb::SizeApproximationOptions options;
        options.include_memtables = false;
        options.include_files = true;
        const rocksdb::Range range(from, limit);
        std::uint64_t size = 0;
        if (!handle_->db->GetApproximateSizes(options, family_, &range, 1, &size).ok()) return std::nullopt;
        return size;
    }

    Result<std::vector<KeyVersion>> keyVersions(std::string_view key, std::size_t limit) const override {
        return detail::keyVersions(*handle_, family_, key, limit);
    }
    Result<FilesReport> files(FileDetail detail) const override { return detail::files(*handle_, family_, detail); }
    Result<VerifyReport> verifyChecksums(const Progress& progress) const override {
        return detail::verifyChecksums(*handle_, family_, progress);
    }
    Status compact(const std::optional<std::string>& from, const std::optional<std::string>& to) override {
        if (!writable_) return Status::readOnly("the database is open read-only: compacting it would write");
        return detail::compact(*handle_, family_, from, to);
    }

    SnapshotPtr snapshot() const override {
        const rocksdb::Snapshot* raw =
            handle_->mode == OpenMode::ReadWrite ? handle_->db->GetSnapshot() : nullptr;
        return std::make_shared<RocksDbSnapshot>(handle_, raw);
    }

    Stats stats() const override {
        Stats stats;
        auto intProperty = [&](const std::string& name) -> std::uint64_t {
            std::uint64_t v = 0;
            if (handle_->db->GetIntProperty(family_, name, &v)) stats.properties[name] = std::to_string(v);
            return v;
        };
        using P = rocksdb::DB::Properties;
        stats.estimatedKeys = intProperty(P::kEstimateNumKeys);
        const std::uint64_t rocksLive = intProperty(P::kEstimateLiveDataSize);
        stats.totalFileBytes = intProperty(P::kTotalSstFilesSize);
        stats.blobFileBytes = intProperty(P::kTotalBlobFileSize);
        stats.memtableBytes = intProperty(P::kCurSizeAllMemTables);
        stats.pendingCompactionBytes = intProperty(P::kEstimatePendingCompactionBytes);
        stats.blockCacheBytes = intProperty(P::kBlockCacheUsage);
        stats.snapshots = intProperty(P::kNumSnapshots);
        stats.oldestSnapshotTime = static_cast<std::int64_t>(intProperty(P::kOldestSnapshotTime));
        for (const auto& name : {P::kNumImmutableMemTable, P::kNumEntriesActiveMemTable, P::kNumDeletesActiveMemTable,
                                 P::kNumLiveVersions, P::kBackgroundErrors, P::kEstimateTableReadersMem})
            intProperty(name);
        auto files = detail::files(*handle_, family_, FileDetail::Metadata);
        if (files.ok()) {
            for (const auto& level : files.value().levels) stats.levels.push_back({level.level, level.files, level.bytes});
            stats.liveDataBytes = std::max(rocksLive, compactedSizeEstimate(files.value().tables));
        } else {
            stats.liveDataBytes = rocksLive;
        }
        // Keys only in the memtables (all of them, for a database read
        // from its log) count too, at the memtables' size.
        stats.liveDataBytes += stats.memtableBytes;
        stats.sequence = handle_->db->GetLatestSequenceNumber();
        stats.properties["rocksdb.sequence"] = std::to_string(stats.sequence);
        return stats;
    }

    std::vector<std::string> columnFamilies() const override { return handle_->familyNames(); }

    Result<std::shared_ptr<Storage>> columnFamily(std::string_view name) const override {
        auto* family = handle_->family(name);
        if (!family) return Status::notFound("no column family named '" + std::string(name) + "'");
        return std::shared_ptr<Storage>(std::make_shared<RocksDbStorage>(handle_, family, std::string(name), writable_));
    }

    Status createColumnFamily(std::string_view name) override {
        if (name.empty()) return Status::invalidArgument("a column family needs a name");
        if (!writable_) return Status::readOnly("the database is not open read-write");
        std::unique_lock lock(handle_->familiesMutex);
        for (const auto& f : handle_->families)
            if (f.first == name) return {};
        rocksdb::ColumnFamilyHandle* created = nullptr;
        rocksdb::Status s = handle_->db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), std::string(name), &created);
        if (!s.ok()) return fromRocks(s, handle_->path);
        handle_->families.emplace_back(std::string(name), created);
        return {};
    }

    Status catchUp() override { return handle_->catchUp(); }

    const std::shared_ptr<RocksDbHandle>& handle() const { return handle_; }

private:
    Result<rocksdb::ReadOptions> readOptions(const ReadOptions& options) const {
        rocksdb::ReadOptions ro;
        if (options.snapshot) {
            auto* snap = dynamic_cast<const RocksDbSnapshot*>(options.snapshot.get());
            if (!snap || snap->handle() != handle_.get())
                return Status::invalidArgument("the snapshot belongs to another database");
            ro.snapshot = snap->raw();
        }
        return ro;
    }

    // Visits the keys under `prefix` from `start` in its direction until
    // `visit` returns false.
    template <class Visit>
    Status walk(std::string_view prefix, const ScanStart& start, const ReadOptions& options, bool needValues,
                Visit&& visit) const {
        if (start.empty) return {};
        auto ro = readOptions(options);
        if (!ro.ok()) return ro.status();
        const auto upper = prefixUpperBound(prefix);
        rocksdb::Slice upperSlice;
        if (upper) {
            upperSlice = rocksdb::Slice(*upper);
            ro.value().iterate_upper_bound = &upperSlice;
        }
        // Backward, the lower bound stops the walk at the prefix's first key
        // instead of reading on through whatever lies before it.
        const rocksdb::Slice prefixSlice(prefix.data(), prefix.size());
        if (start.backward && !prefix.empty()) ro.value().iterate_lower_bound = &prefixSlice;
        ro.value().fill_cache = needValues;
        std::unique_ptr<rocksdb::Iterator> it(handle_->db->NewIterator(ro.value(), family_));
        if (start.backward) {
            if (!start.key) {
                it->SeekToLast();  // the last key below the upper bound
            } else {
                it->SeekForPrev(rocksdb::Slice(*start.key));
                if (!start.inclusive && it->Valid() && it->key() == rocksdb::Slice(*start.key)) it->Prev();
            }
        } else {
            it->Seek(start.key ? rocksdb::Slice(*start.key) : prefixSlice);
            if (start.key && !start.inclusive && it->Valid() && it->key() == rocksdb::Slice(*start.key)) it->Next();
        }
        for (; it->Valid(); start.backward ? it->Prev() : it->Next()) {
            if (!it->key().starts_with(prefixSlice)) break;
            if (!visit(*it)) break;
        }
        return fromRocks(it->status(), handle_->path);
    }

    std::shared_ptr<RocksDbHandle> handle_;
    rocksdb::ColumnFamilyHandle* family_;
    std::string name_;
    bool writable_;
};

}  // namespace

namespace detail {
std::shared_ptr<RocksDbHandle> handleOf(const Storage& storage) {
    const auto* rocks = dynamic_cast<const RocksDbStorage*>(&storage);
    return rocks ? rocks->handle() : nullptr;
}
}  // namespace detail

Result<RocksDbOpened> openRocksDb(const std::string& path, const RocksDbOptions& options,
                                  std::string_view columnFamily) {
    detail::RocksDbOpenRequest request{options.mode, options.profile, options.createIfMissing,
                                       options.allowOptionsRewrite, options.deferCatchUp};
    auto acquired = detail::acquire(path, request);
    if (!acquired.ok()) return acquired.status();
    auto& handle = acquired->handle;
    auto* family = handle->family(columnFamily);
    if (!family)
        return Status::notFound("'" + handle->path + "' has no column family named '" + std::string(columnFamily) + "'");
    RocksDbOpened opened;
    opened.sharedHandle = acquired->shared;
    opened.notes = handle->notes;
    if (acquired->shared)
        opened.notes.push_back(std::string("already open ") + openModeName(handle->mode) +
                               " in this program: sharing that handle");
    const bool writable = handle->mode == OpenMode::ReadWrite && options.mode == OpenMode::ReadWrite;
    opened.storage = std::make_shared<RocksDbStorage>(handle, family, std::string(columnFamily), writable);
    return opened;
}

}  // namespace meridian::storage
