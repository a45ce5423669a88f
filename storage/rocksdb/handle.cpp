#include "storage/rocksdb/handle.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "storage/rocksdb/compat.h"
#include "storage/rocksdb/damage_check.h"
#include "storage/rocksdb/engine_check.h"
#include "storage/rocksdb/preflight.h"
#include "storage/rocksdb/secondary_dir.h"
#include "storage/rocksdb/status_mapping.h"
#include "storage/rocksdb/table_ingest.h"
#include "storage/rocksdb/wal_end.h"

namespace meridian::storage::detail {

namespace fs = std::filesystem;

// Log a deferred following-live open still replays before it returns: a
// fraction of a second (a write costs about 5 µs to replay).
constexpr std::uintmax_t kReplayAtOpenBytes = 4u << 20;

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

Status RocksDbHandle::catchUp() {
    if (mode != OpenMode::Secondary) return {};
    std::lock_guard lock(catchUpMutex);
    if (walMirror)
        if (Status s = linkNewLogs(*walMirror); !s.ok()) return s;
    return fromRocks(db->TryCatchUpWithPrimary(), path);
}

std::vector<std::string> RocksDbHandle::familyNames() const {
    std::shared_lock lock(familiesMutex);
    std::vector<std::string> names;
    for (const auto& entry : families) names.push_back(entry.first);
    return names;
}

namespace {

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
        return customComparator(path, "", name);
    }
    return fromRocks(s, path);
}

// A read-only open, writing nothing: RocksDB's handles for `families`
// (destroyed with it).
struct ReadOnlyOpen {
    std::unique_ptr<rocksdb::DB> db;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    ReadOnlyOpen() = default;
    ReadOnlyOpen(const ReadOnlyOpen&) = delete;
    ReadOnlyOpen& operator=(const ReadOnlyOpen&) = delete;
    ~ReadOnlyOpen() { close(); }
    void close() {
        for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
        handles.clear();
        db.reset();
    }
};

rocksdb::Status openReadOnly(const std::string& path, const LoadedOptions& loaded,
                             rocksdb::WALRecoveryMode recovery, ReadOnlyOpen& out) {
    out.close();
    rocksdb::DBOptions options = loaded.db;
    applyProfile(options, TuningProfile::Default, OpenMode::ReadOnly);
    options.wal_recovery_mode = recovery;
    return compat::openForReadOnly(options, path, loaded.families, &out.handles, &out.db);
}

// How much of the write-ahead log a read-only open replayed.
enum class Replay {
    Whole,      // every record
    TailCut,    // all but an incomplete record at the end of a log
    UpToDamage  // up to damage in the middle of a log; the rest is not shown
};
struct Replayed {
    rocksdb::Status status;
    Replay replay = Replay::Whole;
    std::string damage;  // what strict replay said, unless Whole
};

// Replays as much as is safe to show. A write cut short by a crash (a killed
// writer, a power cut) leaves an incomplete record at the end of the log:
// it was never acknowledged, and nothing of it after the cut is on disk, so
// RocksDB's usual recovery drops it and so do we. Strict replay calls that
// damage; replay that tolerates incomplete tail records does not, but it
// also steps over a damaged record length, which wal_end.h tells apart.
// `open(mode)` opens read-only with that recovery mode, closing what it held.
template <class Open>
Replayed replayCarefully(const std::string& path, const LoadedOptions& loaded, Open&& open) {
    rocksdb::Status s = open(rocksdb::WALRecoveryMode::kAbsoluteConsistency);
    if (!s.IsCorruption()) return {s, Replay::Whole, {}};
    std::string damage = s.ToString();
    if (walsDamageFree(loaded.db.wal_dir.empty() ? path : loaded.db.wal_dir)) {
        s = open(rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords);
        if (s.ok()) return {s, Replay::TailCut, std::move(damage)};
    }
    return {open(rocksdb::WALRecoveryMode::kPointInTimeRecovery), Replay::UpToDamage, std::move(damage)};
}

constexpr const char* kTailCutNote =
    "the write-ahead log ends in a write cut short (the writing program stopped mid-write): it was never "
    "acknowledged, and it is left out";

// Before a read-write open, with nothing written: would RocksDB throw data
// away (damage_check.h)? Also catches a comparator mismatch a missing OPTIONS
// file could not tell us about, before a read-write open would create LOCK
// and LOG in a folder it then fails to open.
Status checkNothingLost(const std::string& path, const LoadedOptions& loaded, const FolderVersions& versions) {
    ReadOnlyOpen replayed;
    const Replayed outcome = replayCarefully(
        path, loaded, [&](rocksdb::WALRecoveryMode mode) { return openReadOnly(path, loaded, mode, replayed); });
    if (outcome.replay == Replay::UpToDamage && outcome.status.ok()) return refuseWritingWal(path, outcome.damage);
    if (!outcome.status.ok()) return explainRefusal(fromOpen(outcome.status, path), path, versions);
    if (outcome.replay == Replay::TailCut) {
        // Only if the recovery the read-write open will run stops at the
        // same point: point-in-time recovery stops at the first cut, and
        // would drop any later log.
        ReadOnlyOpen asWritten;
        if (!openReadOnly(path, loaded, loaded.db.wal_recovery_mode, asWritten).ok() ||
            asWritten.db->GetLatestSequenceNumber() != replayed.db->GetLatestSequenceNumber())
            return refuseWritingWal(path, outcome.damage);
    }
    if (auto unlisted = unlistedFiles(*replayed.db, replayed.handles, path); !unlisted.empty())
        return refuseWriting(path, unlisted);
    return {};
}

}  // namespace

Result<std::unique_ptr<RocksDbHandle>> openHandle(const std::string& path, const RocksDbOpenRequest& request) {
    auto checked = preflight(path, request.mode, request.createIfMissing);
    if (!checked.ok()) return checked.status();
    const std::string& canonical = checked->canonicalPath;
    FolderVersions versions;
    if (!checked->createNew) {
        versions = readFolderVersions(canonical);
        if (Status s = checkEngineReads(canonical, versions); !s.ok()) return s;
        if (request.mode == OpenMode::ReadWrite && !request.allowOptionsRewrite) {
            if (std::string notice = optionsRewriteNotice(canonical, versions); !notice.empty())
                return Status::needsConfirmation(std::move(notice));
        }
    }
    auto loaded = loadOptions(canonical, checked->createNew, versions);
    if (!loaded.ok()) return loaded.status();
    if (!checked->createNew && request.mode == OpenMode::ReadWrite) {
        if (Status s = checkNothingLost(canonical, loaded.value(), versions); !s.ok()) return s;
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
    rocksdb::Status s;
    switch (request.mode) {
    case OpenMode::ReadWrite:
        s = compat::open(options, handle->path, loaded->families, &handles, &handle->db);
        break;
    case OpenMode::ReadOnly: {
        // Damage in the WAL is shown, not stepped over in silence.
        const Replayed outcome = replayCarefully(handle->path, loaded.value(), [&](rocksdb::WALRecoveryMode mode) {
            for (auto* h : handles) handle->db->DestroyColumnFamilyHandle(h);
            handles.clear();
            handle->db.reset();
            options.wal_recovery_mode = mode;
            return compat::openForReadOnly(options, handle->path, loaded->families, &handles, &handle->db);
        });
        s = outcome.status;
        if (s.ok() && outcome.replay == Replay::TailCut) handle->notes.push_back(kTailCutNote);
        if (s.ok() && outcome.replay == Replay::UpToDamage) handle->warnings.push_back(walWarning(outcome.damage));
        break;
    }
    case OpenMode::Secondary: {
        auto dir = makeSecondaryDir();
        if (!dir.ok()) return dir.status();
        handle->secondaryDir = dir.value();
        // An empty log folder of our own: the open replays no log (wal_mirror.h).
        const fs::path walDir = loaded->db.wal_dir;
        auto mirror = makeWalMirror(walDir.empty() || walDir.is_relative() ? fs::path(handle->path) : walDir,
                                    fs::path(handle->secondaryDir) / "wal");
        if (!mirror.ok()) return mirror.status();
        handle->walMirror = mirror.value();
        options.wal_dir = handle->walMirror->folder.string();
        s = compat::openAsSecondary(options, handle->path, handle->secondaryDir, loaded->families, &handles,
                                    &handle->db);
        break;
    }
    }
    if (!s.ok()) return explainRefusal(fromOpen(s, handle->path), handle->path, versions);
    startLog(options, handle->path);
    if (request.mode == OpenMode::ReadOnly)
        if (auto unlisted = unlistedFiles(*handle->db, handles, handle->path); !unlisted.empty())
            handle->warnings.push_back(unlistedWarning(unlisted));
    if (request.mode == OpenMode::ReadWrite) removeStaleIngests(handle->path);  // we hold the LOCK now
    for (std::size_t i = 0; i < handles.size(); ++i)
        handle->families.emplace_back(loaded->families[i].name, handles[i]);
    // "default" first, the rest in the order the database lists them.
    std::stable_partition(handle->families.begin(), handle->families.end(),
                          [](const auto& f) { return f.first == rocksdb::kDefaultColumnFamilyName; });
    // A little log is replayed at once, so that the open shows the latest:
    // only a long replay is worth a first page from the table files alone.
    if (request.mode == OpenMode::Secondary &&
        (!request.deferCatchUp || logBytes(*handle->walMirror) <= kReplayAtOpenBytes))
        if (Status caught = handle->catchUp(); !caught.ok()) return caught;
    return handle;
}

}  // namespace meridian::storage::detail
