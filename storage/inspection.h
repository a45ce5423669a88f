// What lies under the keys: a key's internal versions, the table files and
// levels of a column family, and checksum verification. Types returned by
// Storage::keyVersions(), Storage::files() and Storage::verifyChecksums()
// (storage.h), and the helpers that read them. Plain data; no threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::storage {

enum class VersionType {
    Value,
    Deletion,        // a tombstone
    SingleDeletion,  // RocksDB's SingleDelete
    Merge,           // a merge operand
    RangeDeletion,   // a DeleteRange tombstone starting at the key
    BlobIndex,       // the value lives in a blob file
    Other,           // a newer kind (wide columns, timestamps): see typeName
};

// One internal version of a key, as the database still holds it.
struct KeyVersion {
    std::uint64_t sequence = 0;
    VersionType type = VersionType::Value;
    std::string typeName;    // RocksDB's own name ("PUT", "DELETE", ...)
    std::string value;       // the bytes (values and merge operands; empty for tombstones)
    std::uint64_t valueSize = 0;
};

const char* versionTypeName(VersionType type);  // "value", "deletion", ...

// One table (SST) file of a column family, from the live file metadata and
// its table properties.
struct TableFile {
    std::uint64_t number = 0;
    std::string name;        // "000012.sst"
    int level = 0;
    std::uint64_t size = 0;  // bytes on disk
    std::uint64_t entries = 0;
    std::uint64_t deletions = 0;       // point tombstones among the entries
    std::uint64_t rangeDeletions = 0;
    std::string smallestKey, largestKey;
    std::uint64_t smallestSequence = 0, largestSequence = 0;
    std::string compression;           // "NoCompression", "Snappy", ...
    std::uint64_t creationTime = 0;    // Unix seconds, 0 when unknown
};

struct LevelSummary {
    int level = 0;
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
    std::string smallestKey, largestKey;  // of the level's files; empty when it has none
};

struct BlobFile {
    std::uint64_t number = 0;
    std::string name;
    std::uint64_t size = 0;
    std::uint64_t blobs = 0;
    std::uint64_t garbageBytes = 0;
};

struct LogFile {
    std::uint64_t number = 0;
    std::string name;
    std::uint64_t size = 0;
    bool live = true;  // false: archived
};

// How much Storage::files() reads: the live file metadata only (in memory,
// cheap at any number of files: entries and deletions as the metadata
// records them, no compression, range deletions or creation time), or also
// every table file's properties (one read per file not yet open).
enum class FileDetail { Metadata, Properties };

// A column family's files, by level (every level RocksDB keeps, empty ones too).
struct FilesReport {
    std::string columnFamily;
    std::vector<LevelSummary> levels;
    std::vector<TableFile> tables;  // by level, then smallest key
    std::vector<BlobFile> blobs;
    std::vector<LogFile> logs;      // the database's write-ahead logs (shared by every family)
};

// The table files whose key range holds `key`, lowest level first: where
// a read of it looks (a range, not a bloom filter: the key may be absent).
std::vector<TableFile> filesHolding(const FilesReport& files, std::string_view key);

// The bytes a full compaction would leave, estimated from the table files
// alone: from the last level up, every file whose key range overlaps none
// already counted (among L0's overlapping files, the oldest first). Newer
// files over the same range are taken to rewrite those keys. Unlike
// RocksDB's rocksdb.estimate-live-data-size, which walks from L0 down, a
// small new file spanning the key range does not hide the levels beneath it.
std::uint64_t compactedSizeEstimate(const std::vector<TableFile>& tables);

// Checksum verification of every table file.
struct FileCheck {
    std::string name;
    std::uint64_t size = 0;
    bool ok = true;
    std::string error;  // RocksDB's words, when not ok
};

struct VerifyReport {
    std::vector<FileCheck> files;
    std::uint64_t bytes = 0;  // bytes of table files read
    bool clean() const {
        for (const auto& f : files)
            if (!f.ok) return false;
        return true;
    }
};

}  // namespace meridian::storage
