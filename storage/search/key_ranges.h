// KeyRanges: the keys under a prefix cut into parts of about equal size on
// disk, for work that walks them on several threads (search, exact counts).
//
// The cut points come from Storage::splitKeys(), an estimate (RocksDB: the
// table files' key ranges and sizes); a backend without one gives a single
// range. Every key under the prefix lies in exactly one range.
//
// forEachRange() runs `work` on each range on a thread of its own (at most
// `threads` at once; 0: one per core) and returns when all have ended.
//
// Thread safety: the storage is read from several threads at once, which
// every Storage allows. Lifetimes: `work` is called on those threads while
// forEachRange() runs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage {

struct KeyRange {
    std::optional<std::string> from;   // inclusive; unset: the prefix's first key
    std::optional<std::string> until;  // exclusive; unset: past the prefix's last key
    bool contains(std::string_view key) const {
        return (!from || key >= *from) && (!until || key < *until);
    }
};

std::vector<KeyRange> splitRange(const Storage& storage, std::string_view prefix, std::size_t parts,
                                 const ReadOptions& read = {});

unsigned defaultThreads();

void forEachRange(const std::vector<KeyRange>& ranges, unsigned threads,
                  const std::function<void(const KeyRange& range, std::size_t index)>& work);

}  // namespace meridian::storage
