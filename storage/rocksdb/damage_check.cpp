#include "storage/rocksdb/damage_check.h"

#include <rocksdb/metadata.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/table_properties.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "storage/rocksdb/free_space.h"
#include "storage/rocksdb/table_format.h"
#include "storage/rocksdb/table_ingest.h"

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool isTable(const std::string& name) { return endsWith(name, ".sst") || endsWith(name, ".ldb"); }

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Inodes of the table files in our own uncommitted import folders.
std::set<std::pair<dev_t, ino_t>> uncommittedImports(const fs::path& folder) {
    std::set<std::pair<dev_t, ino_t>> inodes;
    for (const fs::path& scratch : ingestScratchFolders(folder.string())) {
        std::error_code inner;
        for (fs::directory_iterator file(scratch, inner), stop; !inner && file != stop; file.increment(inner)) {
            struct stat st{};
            if (::lstat(file->path().c_str(), &st) == 0) inodes.emplace(st.st_dev, st.st_ino);
        }
    }
    return inodes;
}

std::string fileCount(std::size_t n, const char* one) {
    return std::to_string(n) + " " + one + (n == 1 ? "" : "s");
}

std::string listed(const UnlistedFiles& files) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(files.names.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + files.names[i];
    if (shown < files.names.size()) out += ", ...";
    return out;
}

std::string whatIsUnlisted(const UnlistedFiles& files) {
    return fileCount(files.names.size(), "table file") + " (" + byteSize(files.bytes) + ": " + listed(files) + ")" +
           (files.names.size() == 1 ? " is" : " are") + " not listed in the MANIFEST";
}

// True when every key the table file holds is readable in `db` (with this
// or a newer value): deleting the file then loses nothing a reader sees. So
// it is for the output of a flush a crash interrupted before the MANIFEST
// recorded it (its records are still in the WAL, which was just replayed)
// and of such a compaction (its inputs are still listed). The files a
// damaged MANIFEST forgot hold keys that are nowhere else.
bool everyKeyStillReadable(rocksdb::DB& db, const std::vector<rocksdb::ColumnFamilyHandle*>& families,
                           const std::string& file) {
    rocksdb::Options options;
    rocksdb::SstFileReader reader(options);
    if (!reader.Open(file).ok()) return false;
    const auto properties = reader.GetTableProperties();
    rocksdb::ColumnFamilyHandle* family = nullptr;
    for (auto* f : families)
        if (properties && f->GetName() == properties->column_family_name) family = f;
    if (!family) return false;
    std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        rocksdb::PinnableSlice found;
        if (!db.Get(rocksdb::ReadOptions(), family, it->key(), &found).ok()) return false;
    }
    return it->status().ok();
}

constexpr const char* kWhatToDo = "Open it read-only, copy the folder, or repair a copy (ldb repair)";

}  // namespace

UnlistedFiles unlistedFiles(rocksdb::DB& db, const std::vector<rocksdb::ColumnFamilyHandle*>& families,
                            const std::string& folder) {
    std::set<std::string> live;
    std::vector<rocksdb::LiveFileMetaData> tables;
    db.GetLiveFilesMetaData(&tables);
    for (const auto& t : tables) live.insert(baseName(t.name));
    std::vector<rocksdb::ColumnFamilyMetaData> metadata;
    db.GetAllColumnFamilyMetaData(&metadata);
    for (const auto& family : metadata)
        for (const auto& blob : family.blob_files) live.insert(baseName(blob.blob_file_name));

    const auto ours = uncommittedImports(folder);
    UnlistedFiles result;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool table = isTable(name);
        if (!(table || endsWith(name, ".blob")) || live.count(name)) continue;
        struct stat st{};
        if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (ours.count({st.st_dev, st.st_ino})) continue;
        if (table) {  // a table cut short by a crash has no footer
            const auto footer = readTableFooter(it->path());
            if (!footer || footer->kind == TableKind::Unknown) continue;
            if (everyKeyStillReadable(db, families, it->path().string())) continue;  // a crash's leftover
        }
        result.names.push_back(name);
        result.bytes += static_cast<std::uint64_t>(st.st_size);
    }
    std::sort(result.names.begin(), result.names.end());
    return result;
}

Status refuseWriting(const std::string& folder, const UnlistedFiles& files) {
    return Status::damaged("'" + folder + "' looks damaged: " + whatIsUnlisted(files) +
                           "; opening for writing would delete them. " + kWhatToDo +
                              ". Nothing was changed");
}

Status refuseWritingWal(const std::string& folder, const std::string& damage) {
    return Status::damaged("'" + folder + "' looks damaged: its write-ahead log does not replay cleanly (" +
                              damage + "); opening for writing would drop the records after the damage for good. " +
                              kWhatToDo + ". Nothing was changed");
}

std::string unlistedWarning(const UnlistedFiles& files) {
    return "the database looks damaged: " + whatIsUnlisted(files) +
           ", so their keys are not shown: the view may be incomplete. Do not open it for writing, which would "
           "delete them";
}

std::string walWarning(const std::string& damage) {
    return "the database's write-ahead log is damaged (" + damage +
           "); showing what could be read before the damage: the view may be incomplete. Do not open it for "
           "writing, which would drop the rest for good";
}

}  // namespace meridian::storage::detail
