// KeyArena: many byte-string keys in one contiguous buffer plus offsets.
//
// Each key costs its bytes plus an 8-byte offset, and the byte buffer grows
// geometrically (up to 2x slack): a million 16-byte keys measured 38 MB,
// against ~80 MB as separate QByteArrays. That is what lets the key list page
// to the end of a large database with bounded memory. Append-only; not
// thread-safe (UI thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::ui {

class KeyArena {
public:
    void append(std::string_view key) {
        bytes_.append(key);
        ends_.push_back(bytes_.size());
    }
    std::size_t size() const { return ends_.size(); }
    bool empty() const { return ends_.empty(); }
    std::string_view at(std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(bytes_).substr(begin, ends_[i] - begin);
    }
    std::string_view back() const { return at(size() - 1); }
    void clear() {
        std::string().swap(bytes_);
        std::vector<std::uint64_t>().swap(ends_);
    }
    std::size_t memoryBytes() const { return bytes_.capacity() + ends_.capacity() * sizeof(std::uint64_t); }

private:
    std::string bytes_;
    std::vector<std::uint64_t> ends_;
};

}  // namespace meridian::ui
