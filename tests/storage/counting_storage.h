// CountingStorage: forwards every call to a real storage and counts the
// scan() calls and the entries they hand out, so a test can prove a listing
// or an estimate reads only what it should.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace meridian::test {

class CountingStorage final : public storage::Storage {
public:
    explicit CountingStorage(storage::StoragePtr inner) : inner_(std::move(inner)) {}
    mutable std::atomic<std::uint64_t> scans{0};
    mutable std::atomic<std::uint64_t> entries{0};

    storage::StorageInfo info() const override { return inner_->info(); }
    storage::Result<std::string> get(std::string_view k, const storage::ReadOptions& r) const override {
        return inner_->get(k, r);
    }
    storage::Status write(const storage::WriteBatch& b, const storage::WriteOptions& w) override { return inner_->write(b, w); }
    storage::Result<storage::ScanPage> scan(const storage::ScanRequest& request) const override {
        auto page = inner_->scan(request);
        ++scans;
        if (page.ok()) entries += page->entries.size();
        return page;
    }
    storage::Result<std::uint64_t> count(std::string_view p, const storage::ReadOptions& r,
                                         const storage::Progress& g) const override {
        return inner_->count(p, r, g);
    }
    std::optional<std::uint64_t> approximateExtent(std::string_view from, const std::optional<std::string>& to) const override {
        return inner_->approximateExtent(from, to);
    }
    storage::SnapshotPtr snapshot() const override { return inner_->snapshot(); }
    storage::Stats stats() const override { return inner_->stats(); }
    std::vector<std::string> columnFamilies() const override { return inner_->columnFamilies(); }
    storage::Result<std::shared_ptr<storage::Storage>> columnFamily(std::string_view n) const override {
        return inner_->columnFamily(n);
    }
    storage::Status createColumnFamily(std::string_view n) override { return inner_->createColumnFamily(n); }
    storage::Status catchUp() override { return inner_->catchUp(); }

private:
    storage::StoragePtr inner_;
};

}  // namespace meridian::test
