#include "storage/keyspace.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "storage/namespaces.h"

namespace meridian::storage {

namespace {

constexpr std::uint64_t kProgressEvery = 4096;
// Pages of about this many bytes (keys + values), within these many entries.
constexpr std::uint64_t kPageBytes = 4u << 20;
constexpr std::size_t kMinPage = 16;
constexpr std::size_t kMaxPage = 4096;
constexpr std::size_t kMaxListedChildren = 10000;

// Groups and values best first: more bytes, then the earlier key.
bool groupBefore(const KeyspaceGroup& a, const KeyspaceGroup& b) {
    if (a.bytes != b.bytes) return a.bytes > b.bytes;
    return a.prefix < b.prefix;
}

bool valueBefore(const LargestValue& a, const LargestValue& b) {
    if (a.size != b.size) return a.size > b.size;
    return a.key < b.key;
}

// The `capacity` best items seen; the rest handed to `overflow`. A heap whose
// front is the worst item kept, so each add is O(log capacity).
template <class T, bool (*Before)(const T&, const T&)>
class Best {
public:
    explicit Best(std::size_t capacity) : capacity_(capacity) {}

    template <class Overflow>
    void add(T item, Overflow&& overflow) {
        if (items_.size() < capacity_) {
            items_.push_back(std::move(item));
            std::push_heap(items_.begin(), items_.end(), Before);
            return;
        }
        if (capacity_ == 0 || !Before(item, items_.front())) {
            overflow(std::move(item));
            return;
        }
        std::pop_heap(items_.begin(), items_.end(), Before);
        overflow(std::move(items_.back()));
        items_.back() = std::move(item);
        std::push_heap(items_.begin(), items_.end(), Before);
    }

    // Whether an item of this weight would be kept (values: the size alone,
    // before copying the key; later keys lose ties, so equal is not enough).
    bool wouldKeep(std::uint64_t weight) const {
        if (items_.size() < capacity_) return true;
        return capacity_ > 0 && weight > weightOf(items_.front());
    }

    std::vector<T> sorted() && {
        std::sort(items_.begin(), items_.end(), Before);
        return std::move(items_);
    }

private:
    static std::uint64_t weightOf(const KeyspaceGroup& g) { return g.bytes; }
    static std::uint64_t weightOf(const LargestValue& v) { return v.size; }

    std::size_t capacity_;
    std::vector<T> items_;
};

void merge(KeyspaceGroup& into, const KeyspaceGroup& group) {
    into.keys += group.keys;
    into.bytes += group.bytes;
}

void finish(KeyspaceReport& report) {
    report.totalKeys = report.loose.keys + report.others.keys;
    report.totalBytes = report.loose.bytes + report.others.bytes;
    for (const auto& g : report.groups) {
        report.totalKeys += g.keys;
        report.totalBytes += g.bytes;
    }
}

// Whether `prefix` holds at most `limit` keys: a keys-only read of at most
// limit + 1 of them, a page at a time.
Result<bool> atMost(const Storage& storage, const std::string& prefix, std::uint64_t limit, const ReadOptions& read) {
    ScanRequest request;
    request.prefix = prefix;
    request.keysOnly = true;
    request.read = read;
    std::uint64_t seen = 0;
    for (;;) {
        request.limit = static_cast<std::size_t>(std::min<std::uint64_t>(limit + 1 - seen, 10000));
        auto page = storage.scan(request);
        if (!page.ok()) return page.status();
        seen += page->entries.size();
        if (seen > limit) return false;
        if (!page->nextCursor) return true;
        request.after = std::move(page->nextCursor);
    }
}

}  // namespace

Result<KeyspaceReport> measureKeyspace(const Storage& storage, const std::string& parent, char delimiter,
                                       std::size_t maxGroups, std::size_t topValues, const ReadOptions& read,
                                       const Progress& progress) {
    KeyspaceReport report;
    report.parent = parent;
    report.delimiter = delimiter;
    report.exact = true;
    report.known = true;

    Best<KeyspaceGroup, groupBefore> groups(maxGroups);
    Best<LargestValue, valueBefore> largest(topValues);
    auto toOthers = [&report](KeyspaceGroup&& g) {
        merge(report.others, g);
        ++report.otherGroups;
    };
    std::optional<KeyspaceGroup> current;  // the group being read: its keys are adjacent

    ScanRequest request;
    request.prefix = parent;
    request.read = read;
    // Every page at one moment: a batch between two pages must not count a
    // moved key twice or not at all.
    if (!request.read.snapshot) request.read.snapshot = storage.snapshot();
    std::size_t pageLimit = 256;
    std::uint64_t done = 0;
    std::uint64_t reportAt = kProgressEvery;
    for (;;) {
        request.limit = pageLimit;
        auto page = storage.scan(request);
        if (!page.ok()) return page.status();
        std::uint64_t pageBytes = 0;
        for (auto& entry : page->entries) {
            const std::uint64_t size = entry.key.size() + entry.value.size();
            pageBytes += size;
            const auto cut = entry.key.find(delimiter, parent.size());
            if (cut == std::string::npos) {
                ++report.loose.keys;
                report.loose.bytes += size;
            } else {
                const std::string_view segment(entry.key.data() + parent.size(), cut + 1 - parent.size());
                if (!current || current->segment != segment) {
                    if (current) groups.add(std::move(*current), toOthers);
                    current = KeyspaceGroup{entry.key.substr(0, cut + 1), std::string(segment), 0, 0};
                }
                ++current->keys;
                current->bytes += size;
            }
            if (largest.wouldKeep(entry.value.size()))
                largest.add(LargestValue{std::move(entry.key), entry.value.size()}, [](LargestValue&&) {});
        }
        done += page->entries.size();
        if (progress && done >= reportAt) {
            if (!progress(done)) return Status::cancelled("measuring the keyspace was cancelled");
            reportAt = done + kProgressEvery;
        }
        if (!page->nextCursor) break;
        request.after = std::move(page->nextCursor);
        // Pages of about kPageBytes: few round trips for small values, no
        // huge pages for large ones.
        const std::uint64_t average = std::max<std::uint64_t>(1, pageBytes / page->entries.size());
        pageLimit = static_cast<std::size_t>(std::clamp<std::uint64_t>(kPageBytes / average, kMinPage, kMaxPage));
    }
    if (current) groups.add(std::move(*current), toOthers);
    report.groups = std::move(groups).sorted();
    report.largest = std::move(largest).sorted();
    finish(report);
    return report;
}

Result<KeyspaceReport> estimateKeyspace(const Storage& storage, const std::string& parent, char delimiter,
                                        std::size_t maxGroups, const ReadOptions& read) {
    ReadOptions pinned = read;
    if (!pinned.snapshot) pinned.snapshot = storage.snapshot();
    const Stats stats = storage.stats();
    const auto upper = prefixUpperBound(parent);
    const auto all = storage.approximateExtent({}, std::nullopt);
    const auto under = storage.approximateExtent(parent, upper);
    const bool measurable = all && under && *all > 0 && *under > 0;

    // Per unit of extent: keys, and bytes (table files; the memory backend
    // has none, and its extent is rows: its key + value bytes).
    const double keysPerUnit = measurable ? double(stats.estimatedKeys) / double(*all) : 0;
    const std::uint64_t byteTotal = stats.totalFileBytes > 0 ? stats.totalFileBytes : stats.liveDataBytes;
    const double bytesPerUnit = measurable ? double(byteTotal) / double(*all) : 0;
    auto keysOf = [&](std::uint64_t units) { return static_cast<std::uint64_t>(std::llround(double(units) * keysPerUnit)); };
    auto bytesOf = [&](std::uint64_t units) { return static_cast<std::uint64_t>(std::llround(double(units) * bytesPerUnit)); };

    // Few keys: measure them. A bounded read confirms what the estimates
    // say (or stand in for them: keys only in the memtable, or a backend
    // without estimates).
    const bool smallStore = stats.estimatedKeys <= kKeyspaceExactKeys &&
                            stats.liveDataBytes + stats.memtableBytes <= kKeyspaceExactBytes;
    const bool smallParent = !measurable || (keysOf(*under) <= kKeyspaceExactKeys && bytesOf(*under) <= kKeyspaceExactBytes);
    if (smallStore || smallParent) {
        auto few = atMost(storage, parent, kKeyspaceExactKeys, pinned);
        if (!few.ok()) return few.status();
        if (few.value()) return measureKeyspace(storage, parent, delimiter, maxGroups, 0, pinned);
    }

    KeyspaceReport report;
    report.parent = parent;
    report.delimiter = delimiter;
    report.exact = false;
    report.known = measurable;
    if (!measurable) return report;

    const std::size_t listLimit = std::max(kKeyspaceListedChildren, std::min(maxGroups, kMaxListedChildren));
    auto listing = listNamespace(storage, parent, delimiter, listLimit, pinned);
    if (!listing.ok()) return listing.status();

    Best<KeyspaceGroup, groupBefore> groups(maxGroups);
    auto toOthers = [&report](KeyspaceGroup&& g) {
        merge(report.others, g);
        ++report.otherGroups;
    };
    std::uint64_t groupUnits = 0;
    std::uint64_t leaves = 0;
    for (const auto& child : listing->children) {
        if (!child.isGroup) {
            ++leaves;
            continue;
        }
        const std::uint64_t units = storage.approximateExtent(child.prefix, prefixUpperBound(child.prefix)).value_or(0);
        groupUnits += units;
        groups.add(KeyspaceGroup{child.prefix, child.segment, keysOf(units), bytesOf(units)}, toOthers);
    }
    report.groups = std::move(groups).sorted();

    // Past the last child listed: children not listed, groups or leaves.
    std::uint64_t tailUnits = 0;
    if (listing->truncated && !listing->children.empty()) {
        const NamespaceChild& last = listing->children.back();
        std::optional<std::string> resume;
        if (last.isGroup) resume = prefixUpperBound(last.prefix);  // none: the group runs to the end
        else resume = last.prefix + '\0';                          // the smallest key after the leaf
        if (resume) tailUnits = storage.approximateExtent(*resume, upper).value_or(0);
        report.others.keys += keysOf(tailUnits);
        report.others.bytes += bytesOf(tailUnits);
    }
    // The leaves listed are counted; their bytes are what the groups leave.
    report.loose.keys = leaves;
    if (leaves > 0) {
        const std::uint64_t accounted = groupUnits + tailUnits;
        report.loose.bytes = bytesOf(*under > accounted ? *under - accounted : 0);
    }
    finish(report);
    return report;
}

std::optional<std::uint64_t> estimatedKeysUnder(const Storage& storage, std::string_view prefix) {
    const auto part = storage.approximateExtent(prefix, prefixUpperBound(prefix));
    const auto all = storage.approximateExtent({}, std::nullopt);
    if (!part || !all || *all == 0) return std::nullopt;
    return static_cast<std::uint64_t>(double(storage.stats().estimatedKeys) * double(*part) / double(*all));
}

}  // namespace meridian::storage
