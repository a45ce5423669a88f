#include "storage/rocksdb/handle.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "storage/rocksdb/preflight.h"
#include "storage/rocksdb/status_mapping.h"

namespace meridian::storage::detail {

namespace fs = std::filesystem;

RocksDbHandle::~RocksDbHandle() {
    if (db) {
        for (auto& [name, handle] : families) db->DestroyColumnFamilyHandle(handle);
        families.clear();
        db->Close();
        db.reset();
    }
    if (!secondaryDir.empty()) {
        std::error_code ec;
        fs::remove_all(secondaryDir, ec);
    }
}

rocksdb::ColumnFamilyHandle* RocksDbHandle::family(std::string_view name) const {
    std::shared_lock lock(familiesMutex);
    for (const auto& [n, h] : families)
        if (n == name) return h;
    return nullptr;
}

std::vector<std::string> RocksDbHandle::familyNames() const {
    std::shared_lock lock(familiesMutex);
    std::vector<std::string> names;
    for (const auto& entry : families) names.push_back(entry.first);
    return names;
}

namespace {

Result<std::string> makeSecondaryDir() {
    std::string pattern = (fs::temp_directory_path() / "meridian-secondary-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return Status::ioError("cannot create a scratch folder for following live");
    return pattern;
}

// RocksDB's refusal of a database whose MANIFEST names another comparator
// ("Invalid argument: leveldb.BytewiseComparator: does not match existing
// comparator <name>") is not the caller's mistake: it is a database we do not
// support, and the user needs the comparator's name.
Status fromOpen(const rocksdb::Status& s, const std::string& path) {
    static constexpr std::string_view kMismatch = "does not match existing comparator ";
    const std::string text = s.ToString();
    if (const auto at = text.find(kMismatch); s.IsInvalidArgument() && at != std::string::npos) {
        std::string name = text.substr(at + kMismatch.size());
        while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
        return Status::unsupported("'" + path + "' orders its keys with the custom comparator '" + name +
                                   "'; this tool only reads bytewise-ordered databases and refuses rather than "
                                   "show keys in the wrong order or corrupt the database");
    }
    return fromRocks(s, path);
}

// Trial read-only open that writes nothing: catches a comparator mismatch the
// missing OPTIONS file could not tell us about, before a read-write open
// would create LOCK and LOG in a folder it then fails to open.
Status trialOpen(const std::string& path, const LoadedOptions& loaded) {
    rocksdb::DBOptions options = loaded.db;
    applyProfile(options, TuningProfile::Default, OpenMode::ReadOnly);
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, path, loaded.families, &handles, &raw);
    if (!s.ok()) return fromOpen(s, path);
    for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
    delete raw;
    return {};
}

}  // namespace

Result<std::unique_ptr<RocksDbHandle>> openHandle(const std::string& path, const RocksDbOpenRequest& request) {
    auto checked = preflight(path, request.mode, request.createIfMissing);
    if (!checked.ok()) return checked.status();
    auto loaded = loadOptions(checked->canonicalPath, checked->createNew);
    if (!loaded.ok()) return loaded.status();
    if (!loaded->fromOptionsFile && !checked->createNew && request.mode == OpenMode::ReadWrite) {
        if (Status s = trialOpen(checked->canonicalPath, loaded.value()); !s.ok()) return s;
    }

    auto handle = std::make_unique<RocksDbHandle>();
    handle->path = checked->canonicalPath;
    handle->mode = request.mode;
    handle->profile = resolveProfile(request.profile);
    handle->notes = loaded->notes;

    rocksdb::DBOptions options = loaded->db;
    applyProfile(options, handle->profile, request.mode);
    handle->notes.push_back(std::string("tuning profile: ") + profileName(handle->profile));

    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s;
    switch (request.mode) {
    case OpenMode::ReadWrite:
        s = rocksdb::DB::Open(options, handle->path, loaded->families, &handles, &raw);
        break;
    case OpenMode::ReadOnly:
        s = rocksdb::DB::OpenForReadOnly(options, handle->path, loaded->families, &handles, &raw);
        break;
    case OpenMode::Secondary: {
        auto dir = makeSecondaryDir();
        if (!dir.ok()) return dir.status();
        handle->secondaryDir = dir.value();
        s = rocksdb::DB::OpenAsSecondary(options, handle->path, handle->secondaryDir, loaded->families,
                                         &handles, &raw);
        break;
    }
    }
    if (!s.ok()) return fromOpen(s, handle->path);
    handle->db.reset(raw);
    for (std::size_t i = 0; i < handles.size(); ++i)
        handle->families.emplace_back(loaded->families[i].name, handles[i]);
    // "default" first, the rest in the order the database lists them.
    std::stable_partition(handle->families.begin(), handle->families.end(),
                          [](const auto& f) { return f.first == rocksdb::kDefaultColumnFamilyName; });
    return handle;
}

}  // namespace meridian::storage::detail
