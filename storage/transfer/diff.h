// Diffs: the keys added, removed and changed between two views, under an
// optional prefix. A view is a storage read live or at a snapshot, so this
// compares a snapshot with the live data, two snapshots of one database, or
// two databases (a checkpoint and the database it was taken from).
//
// Both views are walked once, in key order, page by page (cursor paging,
// never offsets), merging the two sorted streams: memory stays at two pages
// whatever the size of the databases. A view read live is pinned to a
// snapshot taken when the diff starts, so writes landing during the walk
// cannot show up half-applied.
//
// Thread safety: diff() may run on any thread (it blocks for as long as the
// walk takes: call it off the UI thread); the storages stay usable by others
// meanwhile. The sink and progress run on the calling thread.
// Lifetimes: a Difference passed to the sink is valid during the call only.
// Errors: Status values; a snapshot from another database is InvalidArgument;
// Cancelled when progress returns false.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "storage/storage.h"

namespace meridian::storage {

enum class ChangeKind { Added, Removed, Changed };
const char* changeKindName(ChangeKind kind);  // "added", "removed", "changed"

struct Difference {
    ChangeKind kind = ChangeKind::Changed;
    std::string key;
    std::string before;  // Removed, Changed: the value in the first view ("" otherwise)
    std::string after;   // Added, Changed: the value in the second view ("" otherwise)
};

struct DiffSummary {
    std::uint64_t added = 0;      // in the second view only
    std::uint64_t removed = 0;    // in the first view only
    std::uint64_t changed = 0;    // in both, with different values
    std::uint64_t unchanged = 0;  // in both, with the same value (or, keys only, in both)
    bool complete = true;         // false when the sink stopped the walk early
    bool identical() const { return added == 0 && removed == 0 && changed == 0; }
};

struct DiffOptions {
    std::string prefix;     // only keys starting with this ("" for all)
    bool keysOnly = false;  // compare key sets only: values are not read, nothing is Changed
    Progress progress;      // keys read so far, both views together; return false to cancel
    // Each view is read in pages of about this many bytes. Smaller pages hold
    // a memory store's lock for less time at a go (its writers wait for each page).
    std::size_t pageBytes = 4u << 20;
};

// Called once per difference, in key order. Return false to stop early (the
// summary then counts only what was walked and says complete = false).
using DiffSink = std::function<bool(const Difference&)>;

// Differences from `before` (read at beforeAt) to `after` (read at afterAt).
Result<DiffSummary> diff(const Storage& before, const ReadOptions& beforeAt, const Storage& after,
                         const ReadOptions& afterAt, const DiffOptions& options = {}, const DiffSink& sink = {});

}  // namespace meridian::storage
