#include "storage/hybrid/hybrid_transfer.h"

#include <algorithm>
#include <string>

#include "storage/transfer/diff.h"

namespace meridian::storage::hybrid {

namespace {

constexpr std::uint64_t kBatchBytes = 64ull << 20;  // bytes written at a time (see the header)

}  // namespace

// The differences from what `to` holds to what `from` holds (storage/transfer/diff.h
// walks both in key order, a page at a time), applied to `to` in batches.
Status mirror(const Storage& from, const ReadOptions& read, Storage& to, std::uint64_t* written, std::uint64_t stopPast) {
    WriteBatch batch;
    std::uint64_t batchBytes = 0, total = 0;
    Status failed;
    bool past = false;
    auto flush = [&]() -> Status {
        if (batch.empty()) return {};
        Status s = to.write(batch);
        total += batchBytes;
        if (written) *written += batchBytes;
        batch.clear();
        batchBytes = 0;
        return s;
    };
    auto apply = [&](const Difference& d) {
        if (d.kind == ChangeKind::Removed) {
            batch.remove(d.key);
            batchBytes += d.key.size();
        } else {
            batch.put(d.key, d.after);
            batchBytes += d.key.size() + d.after.size();
        }
        if (batchBytes >= kBatchBytes || total + batchBytes > stopPast) {
            failed = flush();
            if (!failed.ok()) return false;
            if (total > stopPast) {
                past = true;
                return false;
            }
        }
        return true;
    };
    // `to` read live is pinned at the start of the walk: it does not see these writes.
    auto walked = diff(to, {}, from, read, {}, apply);
    if (!failed.ok()) return failed;
    if (past) return Status::cancelled("past " + std::to_string(stopPast) + " bytes");
    if (!walked.ok()) return walked.status();
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
