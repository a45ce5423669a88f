#include "storage/rocksdb/table_format.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

// table/block_based/block_based_table_builder.cc, plain_table_builder.cc,
// cuckoo_table_builder.cc; the legacy block-based one from table/format.cc.
constexpr std::uint64_t kBlockBased = 0x88e241b785f4cff7ull;
constexpr std::uint64_t kLegacyBlockBased = 0xdb4775248b80fb57ull;
constexpr std::uint64_t kPlain = 0x8242229663bf9564ull;
constexpr std::uint64_t kLegacyPlain = 0x4f3418eb7a8f13b8ull;
constexpr std::uint64_t kCuckoo = 0x926789d0c5f17873ull;

std::uint64_t fixed(const unsigned char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

std::optional<TableFooter> readTableFooter(const fs::path& sstFile) {
    const int fd = ::open(sstFile.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return std::nullopt;
    std::optional<TableFooter> footer;
    const off_t size = ::lseek(fd, 0, SEEK_END);
    std::array<unsigned char, 12> tail{};
    if (size >= static_cast<off_t>(tail.size()) &&
        ::pread(fd, tail.data(), tail.size(), size - static_cast<off_t>(tail.size())) ==
            static_cast<ssize_t>(tail.size())) {
        const std::uint64_t magic = fixed(tail.data() + 4, 8);
        const int version = static_cast<int>(fixed(tail.data(), 4));
        if (magic == kBlockBased) footer = TableFooter{TableKind::BlockBased, version};
        else if (magic == kLegacyBlockBased) footer = TableFooter{TableKind::BlockBased, 0};
        else if (magic == kPlain) footer = TableFooter{TableKind::Plain, version};
        else if (magic == kLegacyPlain) footer = TableFooter{TableKind::Plain, 0};
        else if (magic == kCuckoo) footer = TableFooter{TableKind::Cuckoo, version};
        else footer = TableFooter{TableKind::Unknown, 0};
    }
    ::close(fd);
    return footer;
}

TableFormats scanTableFormats(const fs::path& dbPath) {
    TableFormats formats;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dbPath, ec)) {
        if (entry.path().extension() != ".sst" || !entry.is_regular_file(ec)) continue;
        const auto footer = readTableFooter(entry.path());
        if (!footer || footer->kind != TableKind::BlockBased) continue;
        ++formats.files;
        formats.oldest = formats.oldest < 0 ? footer->formatVersion : std::min(formats.oldest, footer->formatVersion);
        formats.newest = std::max(formats.newest, footer->formatVersion);
    }
    return formats;
}

}  // namespace meridian::storage::detail
