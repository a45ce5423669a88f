#include "storage/key_position.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace meridian::storage {

namespace {

// Keys as fixed-length big-endian numbers: the bytes every key under the
// prefix shares, then this many bytes to bisect in (2^-96 of that key
// space: finer than any estimate).
constexpr std::size_t kTailBytes = 12;

using Digits = std::vector<std::uint8_t>;

// `key` cut or padded with `fill` to `length` bytes.
Digits padded(std::string_view key, std::size_t length, std::uint8_t fill) {
    Digits d(key.begin(), key.begin() + static_cast<std::ptrdiff_t>(std::min(key.size(), length)));
    d.resize(length, fill);
    return d;
}

// (a + b) / 2, digit by digit from the most significant.
Digits midpoint(const Digits& a, const Digits& b) {
    Digits sum(a.size() + 1, 0);
    unsigned carry = 0;
    for (std::size_t i = a.size(); i-- > 0;) {
        const unsigned s = unsigned(a[i]) + unsigned(b[i]) + carry;
        sum[i + 1] = static_cast<std::uint8_t>(s & 0xff);
        carry = s >> 8;
    }
    sum[0] = static_cast<std::uint8_t>(carry);
    Digits half(a.size(), 0);
    unsigned rest = 0;
    for (std::size_t i = 0; i < sum.size(); ++i) {
        const unsigned v = (rest << 8) | sum[i];
        if (i > 0) half[i - 1] = static_cast<std::uint8_t>(v >> 1);
        rest = v & 1;
    }
    return half;
}

std::string text(const Digits& d, std::size_t keep) {
    std::size_t n = d.size();
    while (n > keep && d[n - 1] == 0) --n;  // "ab\0\0" seeks like "ab", shown shorter
    return std::string(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(n));
}

}  // namespace

KeyPositions KeyPositions::measure(const Storage& storage, std::string prefix, const ReadOptions& read,
                                   std::size_t exactLimit) {
    KeyPositions p;
    p.prefix_ = std::move(prefix);
    if (exactLimit > 0) {
        ScanRequest request;
        request.prefix = p.prefix_;
        request.keysOnly = true;
        request.limit = exactLimit;
        request.read = read;
        auto page = storage.scan(request);
        if (page.ok() && !page->nextCursor) {
            p.exact_ = true;
            p.keys_.reserve(page->entries.size());
            for (auto& e : page->entries) p.keys_.push_back(std::move(e.key));
            return p;
        }
    }
    p.total_ = storage.approximateExtent(p.prefix_, prefixUpperBound(p.prefix_)).value_or(0);
    // The first and last keys: keys sharing a long start (user:0000001...)
    // are bisected from where they differ, not from the prefix's end.
    for (bool reverse : {false, true}) {
        ScanRequest edge;
        edge.prefix = p.prefix_;
        edge.keysOnly = true;
        edge.limit = 1;
        edge.reverse = reverse;
        edge.read = read;
        auto page = storage.scan(edge);
        if (!page.ok() || page->entries.empty()) {
            p.total_ = 0;  // nothing to place
            return p;
        }
        (reverse ? p.last_ : p.first_) = std::move(page->entries.front().key);
    }
    return p;
}

std::optional<double> KeyPositions::position(const Storage& storage, std::string_view key) const {
    if (!known()) return std::nullopt;
    if (exact_) {
        const auto rank = std::lower_bound(keys_.begin(), keys_.end(), key) - keys_.begin();
        return double(rank) / double(keys_.size());
    }
    if (key <= prefix_) return 0.0;
    if (!key.starts_with(prefix_)) return 1.0;  // past the prefix (a key before it is <= it)
    const auto before = storage.approximateExtent(prefix_, std::string(key));
    if (!before) return std::nullopt;
    return std::clamp(double(*before) / double(total_), 0.0, 1.0);
}

std::optional<std::string> KeyPositions::keyAt(const Storage& storage, double fraction) const {
    if (!known()) return std::nullopt;
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (exact_) {
        const auto i = std::min(keys_.size() - 1, static_cast<std::size_t>(fraction * double(keys_.size())));
        return keys_[i];
    }
    if (fraction == 0.0) return prefix_;
    const double target = fraction * double(total_);
    const double close = std::max(1.0, double(total_) / 4096);
    std::size_t shared = 0;
    while (shared < first_.size() && shared < last_.size() && first_[shared] == last_[shared]) ++shared;
    const std::size_t length = std::max(shared, prefix_.size()) + kTailBytes;
    Digits lo = padded(first_, length, 0x00), hi = padded(last_, length, 0xff);
    Digits mid = lo;
    for (std::size_t step = 0; step < 8 * kTailBytes; ++step) {
        Digits next = midpoint(lo, hi);
        if (next == lo) break;  // adjacent: nothing between to try
        mid = std::move(next);
        const auto before = storage.approximateExtent(prefix_, text(mid, prefix_.size()));
        if (!before) return std::nullopt;
        const double at = double(*before);
        if (std::abs(at - target) <= close) break;
        (at < target ? lo : hi) = mid;
    }
    return text(mid, prefix_.size());
}

}  // namespace meridian::storage
