// info: what is open, how, and how big it is (estimates from stats()), and
// which RocksDB wrote it and which one reads it.
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/version.h"

namespace meridian::cli {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + oneLine(name);
    return out;
}

std::vector<storage::LevelStats> nonEmptyLevels(const storage::Stats& stats) {
    std::vector<storage::LevelStats> levels;
    for (const auto& level : stats.levels)
        if (level.files > 0) levels.push_back(level);
    return levels;
}

// What the folder records about the RocksDB that wrote it (RocksDB only).
std::optional<storage::DatabaseVersions> versionsOf(const storage::StorageInfo& info) {
    if (info.backend != storage::Backend::RocksDb) return std::nullopt;
    return storage::databaseVersions(info.path);
}

std::string writtenBy(const storage::DatabaseVersions& v) {
    std::string text = v.writtenBy ? "RocksDB " + *v.writtenBy : "unknown (no OPTIONS file)";
    if (v.tableFormat) text += ", table format " + std::to_string(*v.tableFormat);
    return text;
}

// A hybrid store's state, or null.
std::string hybridJson(const storage::StorageInfo& info) {
    if (!info.hybrid) return "null";
    const storage::HybridState& h = *info.hybrid;
    return JsonLine{}
        .string("live", h.spilled ? "rocksdb" : "memory")
        .number("threshold_bytes", h.thresholdBytes)
        .number("memory_bytes", h.memoryBytes)
        .number("spilled_at", h.spilledAt)
        .number("spilled_bytes", h.spilledBytes)
        .string("last_spill_error", h.lastSpillError)
        .string("summary", h.summary)
        .str();
}

// The backend's own properties by name, as numbers where they are.
std::string propertiesJson(const storage::Stats& stats) {
    JsonLine out;
    for (const auto& [name, value] : stats.properties) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
        if (!value.empty() && *end == '\0' && value[0] != '-')
            out.number(name, static_cast<std::uint64_t>(n));
        else
            out.string(name, value);
    }
    return out.str();
}

// A memory store's compression figures (memory_storage.h), from its properties.
struct CompressionFigures {
    std::string codec;  // "zstd level 3", "none"
    std::uint64_t rawBytes = 0;
    std::uint64_t storedBytes = 0;
    std::uint64_t dictionaryBytes = 0;
    std::string ratio;  // "0.31", "n/a"
};

std::optional<CompressionFigures> compressionOf(const storage::StorageInfo& info, const storage::Stats& stats) {
    if (info.backend != storage::Backend::Memory) return std::nullopt;
    const auto text = [&stats](const char* name) {
        const auto it = stats.properties.find(name);
        return it == stats.properties.end() ? std::string() : it->second;
    };
    const auto number = [&text](const char* name) { return std::strtoull(text(name).c_str(), nullptr, 10); };
    return CompressionFigures{text("memory.compression"), number("memory.raw-bytes"), number("memory.stored-bytes"),
                       number("memory.dictionary-bytes"), text("memory.compression-ratio")};
}

void printJson(const Context& ctx, const storage::StorageInfo& info, const storage::Stats& stats,
               const std::vector<std::string>& families, const storage::OpenReport& report) {
    const storage::EngineInfo engine = storage::engineInfo();
    JsonLine versions;
    versions.string("engine_version", engine.version).number("engine_table_format", static_cast<std::int64_t>(engine.newestTableFormat));
    if (const auto v = versionsOf(info)) {
        if (v->writtenBy) versions.string("written_by", *v->writtenBy);
        if (v->tableFormat) versions.number("table_format", static_cast<std::int64_t>(*v->tableFormat));
        versions.strings("unknown_options", v->unknownOptions);
    }
    std::string levels = "[";
    for (const auto& level : nonEmptyLevels(stats)) {
        if (levels.size() > 1) levels.push_back(',');
        levels += JsonLine{}
                      .number("level", static_cast<std::int64_t>(level.level))
                      .number("files", level.files)
                      .number("bytes", level.bytes)
                      .str();
    }
    levels.push_back(']');
    JsonLine line;
    line
                   .string("backend", storage::backendName(info.backend))
                   .string("mode", storage::openModeName(info.mode))
                   .string("path", info.path)
                   .string("column_family", info.columnFamily)
                   .boolean("persistent", info.persistent)
                   .string("profile", storage::profileName(info.profile))
                   .strings("warnings", info.warnings)
                   .raw("hybrid", hybridJson(info))
                   .string("explanation", report.explanation)
                   .number("estimated_keys", stats.estimatedKeys)
                   .number("live_data_bytes", stats.liveDataBytes)
                   .number("sst_file_bytes", stats.totalFileBytes)
                   .number("blob_file_bytes", stats.blobFileBytes)
                   .number("memtable_bytes", stats.memtableBytes)
                   .number("pending_compaction_bytes", stats.pendingCompactionBytes)
                   .number("block_cache_bytes", stats.blockCacheBytes)
                   .number("sequence", stats.sequence)
                   .number("snapshots", stats.snapshots)
                   .number("oldest_snapshot_time", stats.oldestSnapshotTime)
                   .number("older_versions", stats.olderVersions)
                   .raw("levels", levels)
                   .raw("properties", propertiesJson(stats))
                   .strings("column_families", families)
                   .raw("rocksdb", versions.str());
    if (const auto c = compressionOf(info, stats)) {
        JsonLine compression;
        compression.string("codec", c->codec)
            .number("raw_bytes", c->rawBytes)
            .number("stored_bytes", c->storedBytes)
            .number("dictionary_bytes", c->dictionaryBytes);
        if (c->ratio != "n/a") compression.raw("ratio", c->ratio);  // a number, when there is one
        line.raw("compression", compression.str());
    }
    ctx.out << line.str() << '\n';
}

void printText(const Context& ctx, const storage::StorageInfo& info, const storage::Stats& stats,
               const std::vector<std::string>& families) {
    std::ostream& out = ctx.out;
    out << "backend: " << storage::backendName(info.backend) << '\n'
        << "mode: " << storage::openModeName(info.mode) << '\n'
        << "path: " << oneLine(info.path) << '\n'
        << "column family: " << oneLine(info.columnFamily) << '\n'
        << "persistent: " << (info.persistent ? "yes" : "no (not saved to disk)") << '\n'
        << "profile: " << storage::profileName(info.profile) << '\n';
    if (info.hybrid) out << "hybrid: " << oneLine(info.hybrid->summary) << '\n';
    for (const auto& warning : info.warnings) out << "warning: " << oneLine(warning) << '\n';
    out << "estimated keys: " << stats.estimatedKeys << '\n'
        << "live data bytes: " << stats.liveDataBytes << '\n'
        << "sst file bytes: " << stats.totalFileBytes << '\n'
        << "memtable bytes: " << stats.memtableBytes << '\n';
    if (stats.blobFileBytes) out << "blob file bytes: " << stats.blobFileBytes << '\n';
    if (info.backend == storage::Backend::RocksDb)
        out << "pending compaction bytes: " << stats.pendingCompactionBytes << '\n'
            << "block cache bytes: " << stats.blockCacheBytes << '\n';
    out << "sequence: " << stats.sequence << '\n';
    if (stats.olderVersions) out << "older versions held: " << stats.olderVersions << '\n';
    if (const auto c = compressionOf(info, stats)) {
        out << "compression: " << c->codec << '\n';
        out << "values written: " << c->rawBytes << " bytes, held: " << c->storedBytes << " bytes";
        if (c->dictionaryBytes) out << " (dictionary " << c->dictionaryBytes << " bytes included)";
        out << ", ratio " << c->ratio << '\n';
    }
    for (const auto& level : nonEmptyLevels(stats))
        out << "level " << level.level << ": " << level.files << " files, " << level.bytes << " bytes\n";
    out << "column families: " << joined(families) << '\n';
    out << "engine: " << storage::engineInfo().summary() << '\n';
    if (const auto v = versionsOf(info)) {
        out << "written by: " << writtenBy(*v) << '\n';
        if (!v->unknownOptions.empty())
            out << "options unknown to this RocksDB (ignored): " << joined(v->unknownOptions) << '\n';
    }
}

}  // namespace

storage::Status runInfo(const Context& ctx) {
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    const auto& db = *opened->storage;
    const storage::StorageInfo info = db.info();
    const storage::Stats stats = db.stats();
    const std::vector<std::string> families = db.columnFamilies();
    if (ctx.args.json)
        printJson(ctx, info, stats, families, opened->report);
    else
        printText(ctx, info, stats, families);
    return {};
}

}  // namespace meridian::cli
