#include "storage/rocksdb/inspection.h"

#include <rocksdb/db.h>
#include <rocksdb/metadata.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/table_properties.h>
#include <rocksdb/utilities/debug.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "storage/rocksdb/status_mapping.h"

namespace meridian::storage::detail {

namespace {

namespace fs = std::filesystem;

// RocksDB's ValueType codes (db/dbformat.h), stable on disk.
VersionType typeOf(int code) {
    switch (code) {
    case 0x0: return VersionType::Deletion;
    case 0x1: return VersionType::Value;
    case 0x2: return VersionType::Merge;
    case 0x7: return VersionType::SingleDeletion;
    case 0xF: return VersionType::RangeDeletion;
    case 0x11: return VersionType::BlobIndex;
    default: return VersionType::Other;
    }
}

std::string tableName(std::uint64_t number) {
    char name[32];
    std::snprintf(name, sizeof name, "%06llu.sst", static_cast<unsigned long long>(number));
    return name;
}

}  // namespace

Result<std::vector<KeyVersion>> keyVersions(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family,
                                            std::string_view key, std::size_t limit) {
    std::vector<rocksdb::KeyVersion> raw;
    const rocksdb::Slice k(key.data(), key.size());
    // The internal keys of [key, key], newest first as RocksDB orders them.
    if (Status s = fromRocks(rocksdb::GetAllKeyVersions(handle.db.get(), family, k, k, limit, &raw), handle.path);
        !s.ok())
        return s;
    std::vector<KeyVersion> out;
    out.reserve(raw.size());
    for (auto& r : raw) {
        if (r.user_key != key) continue;
        KeyVersion v;
        v.sequence = r.sequence;
        v.type = typeOf(r.type);
        v.typeName = r.GetTypeName();
        v.valueSize = r.value.size();
        if (v.type == VersionType::Value || v.type == VersionType::Merge) v.value = std::move(r.value);
        out.push_back(std::move(v));
    }
    std::stable_sort(out.begin(), out.end(), [](const KeyVersion& a, const KeyVersion& b) { return a.sequence > b.sequence; });
    return out;
}

Result<FilesReport> files(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family, FileDetail detail) {
    FilesReport report;
    report.columnFamily = family->GetName();
    rocksdb::ColumnFamilyMetaData meta;
    handle.db->GetColumnFamilyMetaData(family, &meta);
    // Table properties by file number (keys are paths).
    rocksdb::TablePropertiesCollection props;
    if (detail == FileDetail::Properties)
        if (Status s = fromRocks(handle.db->GetPropertiesOfAllTables(family, &props), handle.path); !s.ok()) return s;
    std::map<std::uint64_t, std::shared_ptr<const rocksdb::TableProperties>> byNumber;
    for (const auto& [path, p] : props) {
        const std::string name = fs::path(path).filename().string();
        byNumber[std::strtoull(name.c_str(), nullptr, 10)] = p;
    }
    for (const auto& level : meta.levels) {
        LevelSummary summary;
        summary.level = level.level;
        summary.files = level.files.size();
        summary.bytes = level.size;
        std::vector<TableFile> tables;
        for (const auto& f : level.files) {
            TableFile t;
            t.number = f.file_number;
            t.name = tableName(f.file_number);
            t.level = level.level;
            t.size = f.size;
            t.smallestKey = f.smallestkey;
            t.largestKey = f.largestkey;
            t.smallestSequence = f.smallest_seqno;
            t.largestSequence = f.largest_seqno;
            t.entries = f.num_entries;
            t.deletions = f.num_deletions;
            t.creationTime = f.file_creation_time;
            if (auto it = byNumber.find(f.file_number); it != byNumber.end() && it->second) {
                const auto& p = *it->second;
                t.entries = p.num_entries;
                t.deletions = p.num_deletions;
                t.rangeDeletions = p.num_range_deletions;
                t.compression = p.compression_name;
                if (t.creationTime == 0) t.creationTime = p.file_creation_time ? p.file_creation_time : p.creation_time;
            }
            tables.push_back(std::move(t));
        }
        std::sort(tables.begin(), tables.end(),
                  [](const TableFile& a, const TableFile& b) { return a.smallestKey < b.smallestKey; });
        for (const auto& t : tables) {
            if (summary.smallestKey.empty() || t.smallestKey < summary.smallestKey) summary.smallestKey = t.smallestKey;
            if (t.largestKey > summary.largestKey) summary.largestKey = t.largestKey;
        }
        report.levels.push_back(std::move(summary));
        for (auto& t : tables) report.tables.push_back(std::move(t));
    }
    for (const auto& b : meta.blob_files) {
        BlobFile blob;
        blob.number = b.blob_file_number;
        blob.name = b.blob_file_name;
        blob.size = b.blob_file_size;
        blob.blobs = b.total_blob_count;
        blob.garbageBytes = b.garbage_blob_bytes;
        report.blobs.push_back(std::move(blob));
    }
    // Logs: the folder's *.log files (and archived ones), read from the
    // directory, which every RocksDB release and mode can list.
    std::error_code ec;
    for (const auto& [dir, live] : {std::pair{fs::path(handle.path), true}, {fs::path(handle.path) / "archive", false}}) {
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            if (it->path().extension() != ".log") continue;
            LogFile log;
            log.name = it->path().filename().string();
            log.number = std::strtoull(log.name.c_str(), nullptr, 10);
            log.size = it->file_size(ec);
            log.live = live;
            report.logs.push_back(std::move(log));
        }
        ec.clear();
    }
    std::sort(report.logs.begin(), report.logs.end(), [](const LogFile& a, const LogFile& b) { return a.number < b.number; });
    return report;
}

Result<VerifyReport> verifyChecksums(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family,
                                     const Progress& progress) {
    rocksdb::ColumnFamilyMetaData meta;
    handle.db->GetColumnFamilyMetaData(family, &meta);
    const rocksdb::Options options(handle.db->GetDBOptions(), handle.db->GetOptions(family));
    VerifyReport report;
    std::uint64_t done = 0;
    for (const auto& level : meta.levels)
        for (const auto& f : level.files) {
            if (progress && !progress(done)) return Status::cancelled();
            FileCheck check;
            check.name = tableName(f.file_number);
            check.size = f.size;
            // Its own reader, not the database's table cache: every block is read from the file.
            rocksdb::SstFileReader reader(options);
            rocksdb::Status s = reader.Open((fs::path(f.directory) / f.relative_filename).string());
            rocksdb::ReadOptions read;
            read.fill_cache = false;
            read.verify_checksums = true;
            if (s.ok()) s = reader.VerifyChecksum(read);
            check.ok = s.ok();
            if (!s.ok()) check.error = s.ToString();
            report.bytes += f.size;
            report.files.push_back(std::move(check));
            ++done;
        }
    if (progress && !progress(done)) return Status::cancelled();
    return report;
}

Status compact(const RocksDbHandle& handle, rocksdb::ColumnFamilyHandle* family, const std::optional<std::string>& from,
               const std::optional<std::string>& to) {
    rocksdb::CompactRangeOptions options;
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    std::optional<rocksdb::Slice> begin, end;
    if (from) begin = rocksdb::Slice(*from);
    if (to) end = rocksdb::Slice(*to);
    return fromRocks(handle.db->CompactRange(options, family, begin ? &*begin : nullptr, end ? &*end : nullptr),
                     handle.path);
}

}  // namespace meridian::storage::detail
