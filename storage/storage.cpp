#include "storage/storage.h"

namespace meridian::storage {

const char* backendName(Backend backend) {
    return backend == Backend::RocksDb ? "RocksDB" : "In memory";
}

std::string backendLabel(const StorageInfo& info) {
    if (info.hybrid) return info.backend == Backend::RocksDb ? "Hybrid · RocksDB" : "Hybrid · in memory";
    return backendName(info.backend);
}

const char* openModeName(OpenMode mode) {
    switch (mode) {
    case OpenMode::ReadWrite: return "read-write";
    case OpenMode::ReadOnly: return "read-only";
    case OpenMode::Secondary: return "following live";
    }
    return "unknown";
}

const char* profileName(TuningProfile profile) {
    switch (profile) {
    case TuningProfile::Auto: return "auto";
    case TuningProfile::MacOS: return "macOS";
    case TuningProfile::Default: return "default";
    }
    return "unknown";
}

std::optional<std::string> prefixUpperBound(std::string_view prefix) {
    std::string bound(prefix);
    while (!bound.empty()) {
        auto& last = reinterpret_cast<unsigned char&>(bound.back());
        if (last != 0xFF) {
            ++last;
            return bound;
        }
        bound.pop_back();
    }
    return std::nullopt;
}

ScanStart scanStart(const ScanRequest& r) {
    ScanStart start;
    start.backward = r.backward();
    const std::string_view prefix = r.prefix;
    if (!start.backward) {
        if (r.after && *r.after >= prefix) {
            start.key = r.after;
            start.inclusive = false;
        } else if (!r.after && r.startAt && *r.startAt > prefix) {
            start.key = r.startAt;
        }
        return start;
    }
    const std::optional<std::string>& from = r.before ? r.before : r.startAt;
    if (!from) return start;
    const auto upper = prefixUpperBound(prefix);
    if (upper && *from >= *upper) return start;  // past the prefix: from its last key
    // Keys under the prefix are >= prefix: none lies strictly before it.
    if (r.before ? *from <= prefix : *from < prefix) {
        start.empty = true;
        return start;
    }
    start.key = from;
    start.inclusive = !r.before;
    return start;
}

Result<bool> Storage::exists(std::string_view key, const ReadOptions& options) const {
    auto r = get(key, options);
    if (r.ok()) return true;
    if (r.status().code() == Status::Code::NotFound) return false;
    return r.status();
}

Status Storage::put(std::string_view key, std::string_view value, const WriteOptions& options) {
    WriteBatch batch;
    batch.put(key, value);
    return write(batch, options);
}

Status Storage::remove(std::string_view key, const WriteOptions& options) {
    WriteBatch batch;
    batch.remove(key);
    return write(batch, options);
}

std::vector<std::string> Storage::splitKeys(std::string_view, std::size_t, const ReadOptions&) const { return {}; }

Result<std::vector<KeyVersion>> Storage::keyVersions(std::string_view, std::size_t) const {
    return Status::unsupported("this storage keeps no versions to show");
}

Result<FilesReport> Storage::files(FileDetail) const { return Status::unsupported("this storage has no files"); }

Result<VerifyReport> Storage::verifyChecksums(const Progress&) const {
    return Status::unsupported("this storage has no checksums to verify");
}

Status Storage::compact(const std::optional<std::string>&, const std::optional<std::string>&) {
    return Status::unsupported("this storage has nothing to compact");
}

std::optional<std::uint64_t> Storage::approximateExtent(std::string_view, const std::optional<std::string>&) const {
    return std::nullopt;
}

Result<std::vector<Entry>> Storage::prefix(std::string_view prefix, const ReadOptions& options) const {
    std::vector<Entry> all;
    ScanRequest request;
    request.prefix = std::string(prefix);
    request.read = options;
    // Every page must read the same moment: without a snapshot, a batch
    // written between two pages would show half-applied (a key moved from the
    // end to the front listed twice or not at all).
    if (!request.read.snapshot) request.read.snapshot = snapshot();
    for (;;) {
        auto page = scan(request);
        if (!page.ok()) return page.status();
        for (auto& e : page->entries) all.push_back(std::move(e));
        if (!page->nextCursor) break;
        request.after = std::move(page->nextCursor);
    }
    return all;
}

}  // namespace meridian::storage
