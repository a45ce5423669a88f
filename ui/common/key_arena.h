// KeyArena: many byte-string keys packed in fixed-size blocks, plus one
// 32-bit end offset per key.
//
// A key costs its bytes plus 4 bytes; blocks grow to 1 MiB (a larger key
// gets a block of its own), so a large arena has no geometric slack and
// appending never copies what is already stored (a single growing buffer measured 38 MB for
// a million 16-byte keys and copied itself on every doubling; this holds
// them in about 19 MB). That is what lets the key list page to the end of a
// large database with bounded memory. at() finds the key's block by binary
// search over the blocks (a million keys: ~20 blocks).
//
// Append-only; not thread-safe (UI thread).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::ui {

class KeyArena {
public:
    static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
    static constexpr std::size_t kFirstBlockBytes = 4096;

    void append(std::string_view key) {
        if (blocks_.empty() || blocks_.back().bytes.size() + key.size() > blocks_.back().bytes.capacity()) {
            // Blocks grow with the arena (4 KiB, then as large as all so
            // far) up to 1 MiB, so a short list stays small.
            Block block;
            block.bytes.reserve(std::max({std::min(kBlockBytes, std::max(kFirstBlockBytes, stored_)), key.size()}));
            block.first = ends_.size();
            blocks_.push_back(std::move(block));
        }
        std::string& bytes = blocks_.back().bytes;
        bytes.append(key);
        stored_ += key.size();
        ends_.push_back(static_cast<std::uint32_t>(bytes.size()));
    }
    std::size_t size() const { return ends_.size(); }
    bool empty() const { return ends_.empty(); }
    std::string_view at(std::size_t i) const {
        // The last block whose first key is at or before i.
        const auto block = std::prev(std::upper_bound(blocks_.begin(), blocks_.end(), i,
                                                      [](std::size_t index, const Block& b) { return index < b.first; }));
        const std::size_t begin = i == block->first ? 0 : ends_[i - 1];
        return std::string_view(block->bytes).substr(begin, ends_[i] - begin);
    }
    std::string_view back() const { return at(size() - 1); }
    void clear() {
        std::vector<Block>().swap(blocks_);
        std::vector<std::uint32_t>().swap(ends_);
        stored_ = 0;
    }
    std::size_t memoryBytes() const {
        std::size_t total = blocks_.capacity() * sizeof(Block) + ends_.capacity() * sizeof(std::uint32_t);
        for (const Block& b : blocks_) total += b.bytes.capacity();
        return total;
    }

private:
    struct Block {
        std::string bytes;      // whole keys only, never split
        std::size_t first = 0;  // index of its first key
    };
    std::vector<Block> blocks_;
    std::vector<std::uint32_t> ends_;  // end of key i within its block
    std::size_t stored_ = 0;           // key bytes in all blocks
};

}  // namespace meridian::ui
