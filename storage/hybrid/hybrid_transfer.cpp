#include "storage/hybrid/hybrid_transfer.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace meridian::storage::hybrid {

namespace {

// Entries read at a time from each side: few enough that a memory store's
// writers, waiting for its lock while a page is read, hardly notice.
constexpr std::size_t kPage = 512;
constexpr std::uint64_t kBatchBytes = 64ull << 20;  // bytes written at a time (see the header)

// One side's entries in key order, a page at a time.
class Walk {
public:
    Walk(const Storage& store, const ReadOptions& read) : store_(store), read_(read) {}

    // The current entry, or null at the end; Status on a failed read.
    Result<const Entry*> current() {
        if (at_ < page_.size()) return &page_[at_];
        if (done_) return static_cast<const Entry*>(nullptr);
        ScanRequest request;
        request.after = cursor_;
        request.limit = kPage;
        request.read = read_;
        auto next = store_.scan(request);
        if (!next.ok()) return next.status();
        page_ = std::move(next->entries);
        at_ = 0;
        done_ = !next->nextCursor;
        cursor_ = std::move(next->nextCursor);
        if (page_.empty()) return static_cast<const Entry*>(nullptr);
        return &page_[0];
    }
    void advance() { ++at_; }

private:
    const Storage& store_;
    ReadOptions read_;
    std::vector<Entry> page_;
    std::size_t at_ = 0;
    bool done_ = false;
    std::optional<std::string> cursor_;
};

}  // namespace

Status mirror(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written, std::uint64_t stopPast) {
    std::uint64_t total = 0;
    Walk source(from, read);
    Walk target(to, {});
    WriteBatch batch;
    std::uint64_t batchBytes = 0;
    auto flush = [&]() -> Status {
        if (batch.empty()) return {};
        Status s = to.write(batch);
        total += batchBytes;
        if (written) *written += batchBytes;
        batch.clear();
        batchBytes = 0;
        return s;
    };
    for (;;) {
        auto a = source.current();
        if (!a.ok()) return a.status();
        auto b = target.current();
        if (!b.ok()) return b.status();
        const Entry* mine = a.value();
        const Entry* theirs = b.value();
        if (!mine && !theirs) break;
        if (mine && (!theirs || mine->key < theirs->key)) {
            batch.put(mine->key, mine->value);
            batchBytes += mine->key.size() + mine->value.size();
            source.advance();
        } else if (!mine || theirs->key < mine->key) {
            batch.remove(theirs->key);
            batchBytes += theirs->key.size();
            target.advance();
        } else {
            if (mine->value != theirs->value) {
                batch.put(mine->key, mine->value);
                batchBytes += mine->key.size() + mine->value.size();
            }
            source.advance();
            target.advance();
        }
        if (batchBytes >= kBatchBytes || total + batchBytes > stopPast) {
            if (Status s = flush(); !s.ok()) return s;
            if (total > stopPast) return Status::cancelled("past " + std::to_string(stopPast) + " bytes");
        }
    }
    return flush();
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
