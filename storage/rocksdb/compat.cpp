#include "storage/rocksdb/compat.h"

#include <rocksdb/table.h>

#include <charconv>

namespace meridian::storage::detail::compat {

// RocksDB 9.11 added the std::unique_ptr<DB>* overloads; 11.0 removed the
// raw-pointer ones (upstream #14335).
#if MERIDIAN_ROCKSDB_AT_LEAST(9, 11)

rocksdb::Status open(const rocksdb::DBOptions& options, const std::string& path, const Descriptors& families,
                     Handles* handles, std::unique_ptr<rocksdb::DB>* db) {
    return rocksdb::DB::Open(options, path, families, handles, db);
}

rocksdb::Status open(const rocksdb::Options& options, const std::string& path, std::unique_ptr<rocksdb::DB>* db) {
    return rocksdb::DB::Open(options, path, db);
}

rocksdb::Status openForReadOnly(const rocksdb::DBOptions& options, const std::string& path,
                                const Descriptors& families, Handles* handles, std::unique_ptr<rocksdb::DB>* db) {
    return rocksdb::DB::OpenForReadOnly(options, path, families, handles, db);
}

rocksdb::Status openForReadOnly(const rocksdb::Options& options, const std::string& path,
                                std::unique_ptr<rocksdb::DB>* db) {
    return rocksdb::DB::OpenForReadOnly(options, path, db);
}

rocksdb::Status openAsSecondary(const rocksdb::DBOptions& options, const std::string& path,
                                const std::string& secondaryPath, const Descriptors& families, Handles* handles,
                                std::unique_ptr<rocksdb::DB>* db) {
    return rocksdb::DB::OpenAsSecondary(options, path, secondaryPath, families, handles, db);
}

#else

namespace {
rocksdb::Status adopt(rocksdb::Status s, rocksdb::DB* raw, std::unique_ptr<rocksdb::DB>* db) {
    db->reset(s.ok() ? raw : nullptr);
    if (!s.ok()) delete raw;
    return s;
}
}  // namespace

rocksdb::Status open(const rocksdb::DBOptions& options, const std::string& path, const Descriptors& families,
                     Handles* handles, std::unique_ptr<rocksdb::DB>* db) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, path, families, handles, &raw);
    return adopt(std::move(s), raw, db);
}

rocksdb::Status open(const rocksdb::Options& options, const std::string& path, std::unique_ptr<rocksdb::DB>* db) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, path, &raw);
    return adopt(std::move(s), raw, db);
}

rocksdb::Status openForReadOnly(const rocksdb::DBOptions& options, const std::string& path,
                                const Descriptors& families, Handles* handles, std::unique_ptr<rocksdb::DB>* db) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, path, families, handles, &raw);
    return adopt(std::move(s), raw, db);
}

rocksdb::Status openForReadOnly(const rocksdb::Options& options, const std::string& path,
                                std::unique_ptr<rocksdb::DB>* db) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, path, &raw);
    return adopt(std::move(s), raw, db);
}

rocksdb::Status openAsSecondary(const rocksdb::DBOptions& options, const std::string& path,
                                const std::string& secondaryPath, const Descriptors& families, Handles* handles,
                                std::unique_ptr<rocksdb::DB>* db) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::OpenAsSecondary(options, path, secondaryPath, families, handles, &raw);
    return adopt(std::move(s), raw, db);
}

#endif

std::string Version::text() const {
    return std::to_string(parts[0]) + "." + std::to_string(parts[1]) + "." + std::to_string(parts[2]);
}

std::optional<Version> parseVersion(std::string_view text) {
    Version v;
    std::size_t part = 0;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end && part < 3) {
        int n = 0;
        auto [next, ec] = std::from_chars(p, end, n);
        if (ec != std::errc() || n < 0) return std::nullopt;
        v.parts[part++] = n;
        p = next;
        if (p == end) break;
        if (*p != '.') return std::nullopt;
        ++p;
    }
    if (part < 2 || p != end) return std::nullopt;  // "7.8" and "7.8.3"; nothing after
    return v;
}

Version engineVersion() {
    static const Version version = [] {
        return parseVersion(rocksdb::GetRocksVersionAsString(true))
            .value_or(Version{{ROCKSDB_MAJOR, ROCKSDB_MINOR, ROCKSDB_PATCH}});
    }();
    return version;
}

int newestTableFormat() {
    // The engine validates format_version when a table factory is checked
    // (BlockBasedTableFactory::ValidateOptions): ask it rather than trust the
    // headers, which may be older than the library loaded.
    static const int newest = [] {
        int best = 0;
        constexpr int kProbeLimit = 16;
        for (int v = 2; v <= kProbeLimit; ++v) {
            rocksdb::BlockBasedTableOptions table;
            table.format_version = static_cast<std::uint32_t>(v);
            std::unique_ptr<rocksdb::TableFactory> factory(rocksdb::NewBlockBasedTableFactory(table));
            if (!factory->ValidateOptions(rocksdb::DBOptions(), rocksdb::ColumnFamilyOptions()).ok()) break;
            best = v;
        }
        if (best >= 2 && best < kProbeLimit) return best;
        // An engine that does not check: what its headers' release reads.
#if MERIDIAN_ROCKSDB_AT_LEAST(10, 4)
        return 7;
#elif MERIDIAN_ROCKSDB_AT_LEAST(8, 6)
        return 6;
#else
        return 5;
#endif
    }();
    return newest;
}

int oldestTableFormat() { return engineVersion().parts[0] >= 11 ? 2 : 0; }

std::string firstReleaseReading(int format) {
    switch (format) {
    case 6: return "8.6";
    case 7: return "10.4";
    default: return format <= 5 ? "6.6" : "";
    }
}

}  // namespace meridian::storage::detail::compat
