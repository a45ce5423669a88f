#include "storage/rocksdb/engine_check.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#ifndef MERIDIAN_RELEASE_ROCKSDB
#error "MERIDIAN_RELEASE_ROCKSDB (the RocksDB release packages are built with) must be defined by the build"
#endif

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

const compat::Version& engine() {
    static const compat::Version v = compat::engineVersion();
    return v;
}

// Releases differ in what they write from one minor version to the next; a
// patch release does not add options.
bool olderRelease(const compat::Version& a, const compat::Version& b) {
    return a.parts[0] < b.parts[0] || (a.parts[0] == b.parts[0] && a.parts[1] < b.parts[1]);
}

std::string quoted(const std::string& path) { return "'" + path + "'"; }

constexpr const char* kUnchanged = " Nothing in the folder was changed.";

// What to do about tables in a format newer than the engine reads.
std::string newerRemedy(int format, const std::optional<compat::Version>& writtenBy) {
    std::string first = compat::firstReleaseReading(format);
    if (first.empty()) first = writtenBy ? writtenBy->text() : "a release that reads table format " + std::to_string(format);
    return "Open it with a build that uses RocksDB " + first + " or newer: the release packages use RocksDB " +
           MERIDIAN_RELEASE_ROCKSDB + ", and the README (\"A newer RocksDB\") says how to build with it.";
}

Status newerThanEngine(const std::string& path, int format, const std::optional<compat::Version>& writtenBy) {
    std::string what = "table format " + std::to_string(format);
    if (writtenBy && !olderRelease(*writtenBy, engine())) what = writtenBy->text() + ", " + what;
    return Status::unsupported(quoted(path) + " was written by a newer RocksDB (" + what +
                               ") than this build uses: RocksDB " + engine().text() +
                               ", which reads table formats up to " + std::to_string(compat::newestTableFormat()) +
                               ". " + newerRemedy(format, writtenBy) + kUnchanged);
}

Status olderThanEngine(const std::string& path, int format) {
    return Status::unsupported(quoted(path) + " holds table files in format " + std::to_string(format) +
                               ", which RocksDB " + std::to_string(engine().parts[0]) +
                               " no longer reads (this build uses RocksDB " + engine().text() +
                               ", which reads table formats " + std::to_string(compat::oldestTableFormat()) +
                               " to " + std::to_string(compat::newestTableFormat()) +
                               "). Open it with a build that uses RocksDB 10 or older, or rewrite its tables with "
                               "a full compaction in such a RocksDB." + kUnchanged);
}

// "format_version 6" / "format_version: 6" in RocksDB's refusal.
std::optional<int> refusedFormat(const std::string& message) {
    std::string lower = message;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto at = lower.find("unsupported format_version");
    if (at == std::string::npos) return std::nullopt;
    std::size_t p = at + std::string_view("unsupported format_version").size();
    while (p < lower.size() && (lower[p] == ':' || lower[p] == ' ')) ++p;
    int n = 0;
    auto [end, ec] = std::from_chars(lower.data() + p, lower.data() + lower.size(), n);
    if (ec != std::errc() || end == lower.data() + p) return std::nullopt;
    return n;
}

}  // namespace

std::optional<compat::Version> FolderVersions::writtenBy() const {
    return options ? options->writtenBy : std::nullopt;
}

int FolderVersions::newestFormat() const {
    int newest = tables.newest;
    if (options) newest = std::max(newest, options->newestFormatVersion());
    return newest;
}

FolderVersions readFolderVersions(const fs::path& dbPath) {
    FolderVersions versions;
    if (const std::string file = latestOptionsFile(dbPath); !file.empty()) {
        auto info = readOptionsFile(file);
        if (info.ok()) versions.options = std::move(info.value());
    }
    versions.tables = scanTableFormats(dbPath);
    return versions;
}

Status checkEngineReads(const std::string& path, const FolderVersions& versions) {
    if (const int newest = versions.newestFormat(); newest > compat::newestTableFormat())
        return newerThanEngine(path, newest, versions.writtenBy());
    if (versions.tables.files > 0 && versions.tables.oldest < compat::oldestTableFormat())
        return olderThanEngine(path, versions.tables.oldest);
    return {};
}

std::string optionsRewriteNotice(const std::string& path, const FolderVersions& versions) {
    const auto by = versions.writtenBy();
    if (!by || !olderRelease(*by, engine())) return {};
    const int format = versions.newestFormat();
    const std::string keeps = format >= 0 ? "table format " + std::to_string(format) + " and its compression"
                                          : "its table format and compression";
    return quoted(path) + " was written by RocksDB " + by->text() + ", and this build uses RocksDB " +
           engine().text() + ". Opening it for writing rewrites its OPTIONS file in RocksDB " + engine().text() +
           "'s dialect. Its data keeps " + keeps + ", so RocksDB " + by->text() +
           " still reads it, but RocksDB " + by->text() +
           "'s own tools (ldb, sst_dump) will then need --ignore_unknown_options to load its options. "
           "Open it read-only to leave every file as it is.";
}

Status explainRefusal(const Status& refusal, const std::string& path, const FolderVersions& versions) {
    if (refusal.ok()) return refusal;
    const std::string& text = refusal.message();
    if (const auto format = refusedFormat(text)) {
        if (*format > compat::newestTableFormat()) {
            Status told = newerThanEngine(path, *format, versions.writtenBy());
            return Status::unsupported(told.message() + " (RocksDB said: " + text + ")");
        }
        if (*format < compat::oldestTableFormat()) return olderThanEngine(path, *format);
    }
    if (text.find("Unsupported legacy magic number") != std::string::npos) return olderThanEngine(path, 0);
    if (const auto by = versions.writtenBy(); by && olderRelease(engine(), *by))
        return Status::error(refusal.code(), text + " (The database was written by RocksDB " + by->text() +
                                                 ", newer than this build's " + engine().text() +
                                                 "; a build with a newer RocksDB may open it.)");
    return refusal;
}

DatabaseVersions describe(const std::string& path, const FolderVersions& versions) {
    DatabaseVersions out;
    if (const auto by = versions.writtenBy()) out.writtenBy = by->text();
    if (const int format = versions.newestFormat(); format >= 0) out.tableFormat = format;
    if (versions.options) out.unknownOptions = versions.options->unknownOptions;
    if (Status s = checkEngineReads(path, versions); !s.ok()) {
        out.readable = false;
        out.notice = s.message();
        return out;
    }
    out.notice = optionsRewriteNotice(path, versions);
    out.optionsRewrite = !out.notice.empty();
    return out;
}

}  // namespace meridian::storage::detail
