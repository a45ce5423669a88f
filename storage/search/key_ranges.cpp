#include "storage/search/key_ranges.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace meridian::storage {

std::vector<KeyRange> splitRange(const Storage& storage, std::string_view prefix, std::size_t parts,
                                 const ReadOptions& read) {
    std::vector<std::string> cuts = parts > 1 ? storage.splitKeys(prefix, parts, read) : std::vector<std::string>{};
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    // Only cuts strictly inside the prefix's range split it.
    const auto upper = prefixUpperBound(prefix);
    std::erase_if(cuts, [&](const std::string& k) { return k <= prefix || (upper && k >= *upper); });
    std::vector<KeyRange> ranges;
    std::optional<std::string> from;
    for (auto& cut : cuts) {
        ranges.push_back({from, cut});
        from = std::move(cut);
    }
    ranges.push_back({from, std::nullopt});
    return ranges;
}

unsigned defaultThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

void forEachRange(const std::vector<KeyRange>& ranges, unsigned threads,
                  const std::function<void(const KeyRange&, std::size_t)>& work) {
    if (threads == 0) threads = defaultThreads();
    threads = std::min<unsigned>(threads, static_cast<unsigned>(ranges.size()));
    if (threads <= 1) {
        for (std::size_t i = 0; i < ranges.size(); ++i) work(ranges[i], i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i; (i = next.fetch_add(1)) < ranges.size();) work(ranges[i], i);
        });
}

}  // namespace meridian::storage
