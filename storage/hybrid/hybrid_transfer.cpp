#include "storage/hybrid/hybrid_transfer.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "storage/rocksdb/table_ingest.h"
#include "storage/transfer/diff.h"

namespace meridian::storage::hybrid {

namespace {

constexpr std::uint64_t kBatchBytes = 64ull << 20;  // bytes written at a time into a store that is not RocksDB
constexpr std::uint64_t kMergedBytes = 4ull << 20;  // writeInOrder's writes into a store that is not RocksDB
// Pages read from each side: a memory store's writers wait while a page is
// read (at 1 KiB values, about 0.2 ms for this much; 4 MiB took 3 ms).
constexpr std::size_t kPageBytes = 256u << 10;

// Where mirror() and writeInOrder() put keys: a table ingest when `to` is a
// RocksDB database (keys must then come in increasing order), else batches.
class Sink {
public:
    static Result<Sink> into(Storage& to, std::uint64_t batchBytes, Route route = Route::Tables) {
        if (route == Route::Writes) return Sink(to, nullptr, batchBytes);
        auto ingest = detail::TableIngest::begin(to);
        if (!ingest.ok()) return ingest.status();
        return Sink(to, std::move(ingest.value()), batchBytes);
    }
    Status put(std::string_view key, std::string_view value) {
        pending_ += key.size() + value.size();
        if (ingest_) return ingest_->add(key, value);
        batch_.put(key, value);
        return pending_ >= batchBytes_ ? flushBatch() : Status{};
    }
    Status remove(std::string_view key) {
        pending_ += key.size();
        if (ingest_) return ingest_->remove(key);
        batch_.remove(key);
        return pending_ >= batchBytes_ ? flushBatch() : Status{};
    }
    bool ingesting() const { return ingest_ != nullptr; }
    // Written so far, and what is waiting to be.
    std::uint64_t done() const { return done_; }
    std::uint64_t pending() const { return pending_; }
    Status finish() {
        if (!ingest_) return flushBatch();
        Status s = ingest_->commit();
        if (s.ok()) done_ += pending_;
        pending_ = 0;
        return s;
    }

private:
    Sink(Storage& to, std::unique_ptr<detail::TableIngest> ingest, std::uint64_t batchBytes)
        : to_(&to), ingest_(std::move(ingest)), batchBytes_(batchBytes) {}
    Status flushBatch() {
        if (batch_.empty()) return {};
        Status s = to_->write(batch_);
        batch_.clear();
        if (s.ok()) done_ += pending_;
        pending_ = 0;
        return s;
    }

    Storage* to_;
    std::unique_ptr<detail::TableIngest> ingest_;
    std::uint64_t batchBytes_;
    WriteBatch batch_;
    std::uint64_t pending_ = 0, done_ = 0;
};

}  // namespace

// The differences from what `to` holds to what `from` holds (storage/transfer/diff.h
// walks both in key order, a page at a time), put into `to`.
Status mirror(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written, std::uint64_t stopPast) {
    auto sink = Sink::into(to, kBatchBytes);
    if (!sink.ok()) return sink.status();
    Status failed;
    bool past = false;
    auto apply = [&](const Difference& d) {
        failed = d.kind == ChangeKind::Removed ? sink->remove(d.key) : sink->put(d.key, d.after);
        if (!failed.ok()) return false;
        past = sink->done() + sink->pending() > stopPast;
        return !past;
    };
    // `to` read live is pinned at the start of the walk: it does not see these writes.
    DiffOptions options;
    options.pageBytes = kPageBytes;
    auto walked = diff(to, {}, from, read, options, apply);
    // Stopped past its limit: what it took counts, written or not.
    if (written) *written += sink->done() + (past ? sink->pending() : 0);
    if (!failed.ok()) return failed;
    if (past) return Status::cancelled("past " + std::to_string(stopPast) + " bytes");
    if (!walked.ok()) return walked.status();
    const std::uint64_t before = sink->done();
    Status s = sink->finish();
    if (written) *written += sink->done() - before;
    return s;
}

Status writeInOrder(Storage& to, const std::vector<const WriteBatch*>& batches, Route route, std::uint64_t* bytes) {
    auto sink = Sink::into(to, kMergedBytes, route);
    if (!sink.ok()) return sink.status();
    auto one = [&](const WriteBatch::Op& op) { return op.isDelete ? sink->remove(op.key) : sink->put(op.key, op.value); };
    if (!sink->ingesting()) {
        for (const WriteBatch* batch : batches)
            for (const auto& op : batch->ops())
                if (Status s = one(op); !s.ok()) return s;
    } else {
        // A table holds each key once, in order: the last write of each.
        std::map<std::string_view, const WriteBatch::Op*> last;
        for (const WriteBatch* batch : batches)
            for (const auto& op : batch->ops()) last.insert_or_assign(std::string_view(op.key), &op);
        for (const auto& [key, op] : last)
            if (Status s = one(*op); !s.ok()) return s;
    }
    const std::uint64_t before = sink->done();
    Status s = sink->finish();
    if (bytes) *bytes += sink->done() - before;
    return s;
}

Status mirrorAll(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written,
                 std::uint64_t stopPast) {
    std::uint64_t total = 0;
    for (const std::string& name : from.columnFamilies()) {
        auto source = from.columnFamily(name);
        if (!source.ok()) return source.status();
        if (Status s = to.createColumnFamily(name); !s.ok()) return s;
        auto target = to.columnFamily(name);
        if (!target.ok()) return target.status();
        std::uint64_t here = 0;
        Status s = mirror(*source.value(), read, *target.value(), &here, stopPast - std::min(stopPast, total));
        total += here;
        if (written) *written += here;
        if (!s.ok()) return s;
    }
    return {};
}

Result<std::uint64_t> dataBytes(const Storage& from) {
    std::uint64_t total = 0;
    for (const std::string& name : from.columnFamilies()) {
        auto family = from.columnFamily(name);
        if (!family.ok()) return family.status();
        total += family.value()->stats().liveDataBytes;
    }
    return total;
}

Result<bool> holdsKeys(const Storage& from) {
    for (const std::string& name : from.columnFamilies()) {
        auto family = from.columnFamily(name);
        if (!family.ok()) return family.status();
        ScanRequest one;
        one.limit = 1;
        one.keysOnly = true;
        auto page = family.value()->scan(one);
        if (!page.ok()) return page.status();
        if (!page->entries.empty()) return true;
    }
    return false;
}

}  // namespace meridian::storage::hybrid
