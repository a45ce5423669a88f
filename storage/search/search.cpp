#include "storage/search/search.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "storage/search/key_ranges.h"

namespace meridian::storage {

namespace {

constexpr std::uint64_t kProgressEvery = 4096;

// Pages: keys only are small; with values, a page of values is what a thread holds.
std::size_t pageSize(const SearchQuery& q) { return q.inValues ? 256 : 4096; }

}  // namespace

Result<SearchResult> search(const Storage& storage, const SearchQuery& query, const SearchFound& found,
                            const Progress& progress) {
    auto made = Matcher::make(query.kind, query.pattern);
    if (!made.ok()) return made.status();
    const Matcher& matches = made.value();
    if (!query.inKeys && !query.inValues) return Status::invalidArgument("search keys, values, or both");
    ReadOptions read = query.read;
    if (!read.snapshot) read.snapshot = storage.snapshot();  // every thread reads one moment

    const unsigned threads = query.threads ? query.threads : defaultThreads();
    // More ranges than threads: a range that ends early frees its thread for another.
    std::vector<KeyRange> ranges = splitRange(storage, query.prefix, threads > 1 ? threads * 4 : 1, read);
    if (query.after)
        std::erase_if(ranges, [&](const KeyRange& r) { return r.until && *r.until <= *query.after; });

    std::mutex mutex;  // found, progress, failure
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> scanned{0};
    std::optional<Status> failure;
    std::vector<std::vector<SearchMatch>> perRange(ranges.size());
    std::atomic<bool> limited{false};
    std::uint64_t reported = 0;  // under `mutex`

    forEachRange(ranges, threads, [&](const KeyRange& range, std::size_t index) {
        ScanRequest request;
        request.prefix = query.prefix;
        request.keysOnly = !query.inValues;
        request.limit = pageSize(query);
        request.read = read;
        if (query.after && range.contains(*query.after)) request.after = query.after;
        else request.startAt = range.from;
        std::vector<SearchMatch>& mine = perRange[index];
        std::uint64_t sinceReport = 0;
        while (!stop.load(std::memory_order_relaxed)) {
            auto page = storage.scan(request);
            if (!page.ok()) {
                std::lock_guard lock(mutex);
                if (!failure) failure = page.status();
                stop = true;
                return;
            }
            bool rangeEnded = false;
            for (const Entry& e : page->entries) {
                if (range.until && e.key >= *range.until) {
                    rangeEnded = true;
                    break;
                }
                ++sinceReport;
                const bool k = query.inKeys && matches(e.key);
                const bool v = query.inValues && matches(e.value);
                if (k || v) {
                    SearchMatch m{e.key, k, v, query.inValues ? e.value.size() : 0};
                    if (found) {
                        std::lock_guard lock(mutex);
                        found(m);
                    }
                    mine.push_back(std::move(m));
                    // The range's first `limit` matches are all it can add to the first `limit` overall.
                    if (query.limit && mine.size() == query.limit) {
                        limited = true;
                        break;
                    }
                }
            }
            // Progress once a page, every few thousand keys of all threads together.
            const std::uint64_t total = scanned += sinceReport;
            sinceReport = 0;
            if (progress) {
                std::lock_guard lock(mutex);
                if (total - reported >= kProgressEvery) {
                    reported = total;
                    if (!progress(total)) stop = true;
                }
            }
            if (rangeEnded || !page->nextCursor || (query.limit && mine.size() == query.limit)) return;
            request.startAt.reset();
            request.after = std::move(page->nextCursor);
        }
    });
    if (failure) return *failure;
    SearchResult result;
    result.scanned = scanned;
    if (stop || (progress && !progress(result.scanned))) return Status::cancelled();
    for (auto& matches : perRange)
        for (auto& m : matches) result.matches.push_back(std::move(m));
    // Ranges are in key order, and each range's matches too.
    if (query.limit && result.matches.size() > query.limit) {
        result.matches.resize(query.limit);
        limited = true;
    }
    if (limited && !result.matches.empty()) result.resumeAfter = result.matches.back().key;
    return result;
}

}  // namespace meridian::storage
