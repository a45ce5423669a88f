#include "storage/rocksdb/wal_end.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace meridian::storage::detail {

namespace {

// RocksDB's log format (db/log_format.h): 32 KiB blocks of records, each
// "masked crc32c (4), length (2), type (1)", then for a recyclable record the
// log number (4), then the payload. The checksum covers type, log number and
// payload.
constexpr std::size_t kBlockSize = 32768;
constexpr std::size_t kHeaderSize = 7;
constexpr std::size_t kRecyclableHeaderSize = 11;

bool recyclable(std::uint8_t type) { return (type >= 5 && type <= 8) || (type >= 10 && (type & 1) != 0); }

constexpr std::array<std::uint32_t, 256> crcTable() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;  // CRC-32C
        table[i] = c;
    }
    return table;
}

std::uint32_t crc32c(const unsigned char* data, std::size_t size) {
    static constexpr auto kTable = crcTable();
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) c = kTable[(c ^ data[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::uint32_t unmask(std::uint32_t masked) {
    const std::uint32_t rotated = masked - 0xa282ead8u;
    return (rotated >> 17) | (rotated << 15);
}

std::uint32_t fixed32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

enum class Record { Whole, Stale, Padding, Short, Bad };

// The record at `at` of a block holding `size` bytes.
Record recordAt(const unsigned char* block, std::size_t size, std::size_t at, std::uint32_t logNumber,
                std::size_t& next) {
    if (size - at < kHeaderSize) return Record::Short;
    const unsigned char* header = block + at;
    const std::size_t length = header[4] | static_cast<std::size_t>(header[5]) << 8;
    const std::uint8_t type = header[6];
    if (type == 0 && length == 0) return Record::Padding;  // a preallocated region
    const std::size_t headerSize = recyclable(type) ? kRecyclableHeaderSize : kHeaderSize;
    if (at + headerSize + length > kBlockSize) return Record::Bad;  // writers never cross a block
    if (at + headerSize + length > size) return Record::Short;
    if (crc32c(header + 6, headerSize - 6 + length) != unmask(fixed32(header))) return Record::Bad;
    next = at + headerSize + length;
    if (headerSize == kRecyclableHeaderSize && fixed32(header + 7) != logNumber) return Record::Stale;
    return Record::Whole;
}

// Whether any whole record of this log starts after `from` in the block.
bool wholeRecordAfter(const unsigned char* block, std::size_t size, std::size_t from, std::uint32_t logNumber) {
    for (std::size_t at = from + 1; at + kHeaderSize <= size; ++at) {
        std::size_t next = 0;
        if (recordAt(block, size, at, logNumber, next) == Record::Whole) return true;
    }
    return false;
}

}  // namespace

WalEnd walEnd(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return WalEnd::Unreadable;
    const auto logNumber =
        static_cast<std::uint32_t>(std::strtoull(std::filesystem::path(file).stem().string().c_str(), nullptr, 10));
    std::vector<unsigned char> block(kBlockSize);
    for (;;) {
        in.read(reinterpret_cast<char*>(block.data()), static_cast<std::streamsize>(kBlockSize));
        const auto size = static_cast<std::size_t>(in.gcount());
        if (in.bad()) return WalEnd::Unreadable;
        const bool last = size < kBlockSize;
        std::size_t at = 0;
        while (at < size) {
            std::size_t next = 0;
            switch (recordAt(block.data(), size, at, logNumber, next)) {
            case Record::Whole: at = next; continue;
            case Record::Stale: return WalEnd::Clean;  // an earlier life of a recycled file: the end
            case Record::Padding: at = size; continue;  // RocksDB skips the rest of the block
            case Record::Bad: return WalEnd::Damaged;
            case Record::Short:
                if (!last) {  // the block's trailer, too short for a header
                    at = size;
                    continue;
                }
                return wholeRecordAfter(block.data(), size, at, logNumber) ? WalEnd::Damaged : WalEnd::Cut;
            }
        }
        if (last) return WalEnd::Clean;
    }
}

bool walsDamageFree(const std::string& folder) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (entry.path().extension() != ".log" || !entry.is_regular_file(ec)) continue;
        const WalEnd end = walEnd(entry.path().string());
        if (end == WalEnd::Damaged || end == WalEnd::Unreadable) return false;
    }
    return !ec;
}

}  // namespace meridian::storage::detail
