// search(): the keys under a prefix whose key or value matches a pattern
// (matcher.h), on several threads, in bounded memory.
//
// The prefix's keys are cut into ranges of about equal size on disk
// (key_ranges.h), one thread each, all reading one snapshot (the query's, or
// one taken for the search). A thread reads its range a page at a time; with
// values it never holds more than one page of them. Each match is reported
// to `found` as it is found, in no particular order; the result lists the
// first `limit` matches in key order, and says where to resume ("more")
// when more may follow.
//
// Thread safety: `found` and `progress` are called from the search's
// threads, one call at a time. `progress` gets the keys read so far, every
// few thousand keys; returning false cancels (Status Cancelled).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/search/matcher.h"
#include "storage/storage.h"

namespace meridian::storage {

struct SearchQuery {
    MatchKind kind = MatchKind::Substring;
    std::string pattern;  // for Bytes, the bytes themselves
    bool inKeys = true;
    bool inValues = false;
    std::string prefix;                // only keys under it
    std::optional<std::string> after;  // only keys after it (resume a previous search)
    ReadOptions read;                  // a snapshot to search, or the live data
    std::size_t limit = 0;             // stop after this many matches (0: all)
    unsigned threads = 0;              // 0: one per core
};

struct SearchMatch {
    std::string key;
    bool inKey = false;
    bool inValue = false;
    std::uint64_t valueBytes = 0;  // when values were read
};

struct SearchResult {
    std::vector<SearchMatch> matches;  // in key order, at most `limit`
    std::uint64_t scanned = 0;         // keys read
    // Set when more matches may follow: the next query's `after`.
    std::optional<std::string> resumeAfter;
};

using SearchFound = std::function<void(const SearchMatch&)>;

Result<SearchResult> search(const Storage& storage, const SearchQuery& query, const SearchFound& found = {},
                            const Progress& progress = {});

}  // namespace meridian::storage
