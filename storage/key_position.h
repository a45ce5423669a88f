// KeyPositions: where a key sits among the keys under a prefix, as a share
// of them, and back: a scrollbar over millions of keys without counting them.
//
// measure() reads up to `exactLimit` keys under the prefix (one keys-only
// scan). When that is all of them, it keeps them and every answer is exact
// (a rank). Otherwise answers are estimates from
// Storage::approximateExtent() (RocksDB: table file sizes, so a stretch of
// large values counts for more keys than it holds, and keys still only in
// the memtable count for nothing; memory: rows held), of the live data (a
// snapshot viewed is not taken into account). known() is false when the
// backend has no estimate or nothing under the prefix is measurable (a
// RocksDB database with more than `exactLimit` keys, all still in its
// memtable): say "position unknown" then.
//
// Thread safety: immutable after measure(); its calls may run on any thread
// with a storage that is safe to read there (the one it was measured on).
// Cost: measure(), one scan of up to `exactLimit` keys, or two seeks (the
// first and last keys) and a size estimate; then exact, a binary search;
// estimated (RocksDB), a few index lookups for position(), up to about 100
// size estimates for keyAt(); memory walks the rows for each estimate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage {

class KeyPositions {
public:
    static constexpr std::size_t kExactLimit = 100000;

    static KeyPositions measure(const Storage& storage, std::string prefix, const ReadOptions& read = {},
                                std::size_t exactLimit = kExactLimit);

    const std::string& prefix() const { return prefix_; }
    bool known() const { return exact_ ? !keys_.empty() : total_ > 0; }
    bool exact() const { return exact_; }

    // The share of the keys under the prefix that sort before `key`, in [0, 1].
    std::optional<double> position(const Storage& storage, std::string_view key) const;
    // A key with about `fraction` (clamped to [0, 1]) of the keys before it:
    // seek to it and take the first key at or after it. Exact: that key
    // itself; estimated: not necessarily a key that exists. 0 gives the first
    // key (exact) or the prefix.
    std::optional<std::string> keyAt(const Storage& storage, double fraction) const;

private:
    std::string prefix_;
    bool exact_ = false;
    std::vector<std::string> keys_;  // every key under the prefix, when exact
    std::uint64_t total_ = 0;        // the prefix's extent, when estimated
    std::string first_, last_;       // the first and last keys, when estimated: keyAt() bisects between them
};

}  // namespace meridian::storage
