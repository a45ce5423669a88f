#include "storage/rocksdb/table_ingest.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <vector>

#include "storage/rocksdb/handle.h"
#include "storage/rocksdb/status_mapping.h"

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {
// Table files of about this size; a file ends only between two keys, so the
// files never overlap and go in together.
constexpr std::uint64_t kFileBytes = 64u << 20;
}  // namespace

struct TableIngest::State {
    std::shared_ptr<RocksDbHandle> handle;
    rocksdb::ColumnFamilyHandle* family = nullptr;
    rocksdb::Options options;
    fs::path scratch;
    std::vector<std::string> files;  // finished
    std::unique_ptr<rocksdb::SstFileWriter> writer;
    std::string lastKey;
    bool any = false;
    bool broken = false;
    std::uint64_t finishedBytes = 0;

    Status finishFile() {
        if (!writer) return {};
        rocksdb::ExternalSstFileInfo info;
        rocksdb::Status s = writer->Finish(&info);
        writer.reset();
        if (!s.ok()) return fromRocks(s, handle->path);
        finishedBytes += info.file_size;
        return {};
    }

    Status openFile() {
        // The pages written stay in the OS's cache, as for any file: the data
        // is often read at once (a hybrid store's spill, an import's check).
        writer = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options, family,
                                                          /*invalidate_page_cache=*/false);
        const std::string name = (scratch / ("import-" + std::to_string(files.size() + 1) + ".sst")).string();
        rocksdb::Status s = writer->Open(name);
        if (!s.ok()) {
            writer.reset();
            return fromRocks(s, handle->path);
        }
        files.push_back(name);
        return {};
    }
};

Result<std::unique_ptr<TableIngest>> TableIngest::begin(const Storage& storage) {
    auto handle = handleOf(storage);
    const StorageInfo info = storage.info();
    if (!handle || info.mode != OpenMode::ReadWrite) return std::unique_ptr<TableIngest>();
    auto state = std::make_unique<State>();
    state->family = handle->family(info.columnFamily);
    if (!state->family) return Status::notFound("column family '" + info.columnFamily + "' is gone");
    state->options = rocksdb::Options(handle->db->GetDBOptions(), handle->db->GetOptions(state->family));
    static std::atomic<unsigned> counter{0};
    std::error_code ec;
    for (int attempt = 0; attempt < 100 && state->scratch.empty(); ++attempt) {
        fs::path candidate = fs::path(handle->path) / (std::string(kIngestScratchPrefix) + std::to_string(::getpid()) +
                                                       "-" + std::to_string(counter++));
        if (fs::create_directory(candidate, ec)) state->scratch = candidate;
        else if (ec) return Status::ioError("cannot create a scratch folder in '" + handle->path + "': " + ec.message());
    }
    if (state->scratch.empty()) return Status::ioError("cannot create a scratch folder in '" + handle->path + "'");
    state->handle = std::move(handle);
    return std::unique_ptr<TableIngest>(new TableIngest(std::move(state)));
}

TableIngest::TableIngest(std::unique_ptr<State> state) : state_(std::move(state)) {}

TableIngest::~TableIngest() {
    state_->writer.reset();  // an unfinished file is abandoned with its folder
    std::error_code ec;
    fs::remove_all(state_->scratch, ec);
}

Status TableIngest::add(std::string_view key, std::string_view value) { return addEntry(key, &value); }

Status TableIngest::remove(std::string_view key) { return addEntry(key, nullptr); }

Status TableIngest::addEntry(std::string_view key, const std::string_view* value) {
    State& st = *state_;
    if (st.broken) return Status::invalidArgument("the ingest already failed");
    if (st.any && key <= std::string_view(st.lastKey)) {
        st.broken = true;
        return Status::invalidArgument("keys for an ingest must be strictly increasing");
    }
    if (st.writer && st.writer->FileSize() >= kFileBytes) {
        if (Status s = st.finishFile(); !s.ok()) return st.broken = true, s;
    }
    if (!st.writer) {
        if (Status s = st.openFile(); !s.ok()) return st.broken = true, s;
    }
    const rocksdb::Slice k(key.data(), key.size());
    rocksdb::Status s = value ? st.writer->Put(k, rocksdb::Slice(value->data(), value->size())) : st.writer->Delete(k);
    if (!s.ok()) {
        st.broken = true;
        return fromRocks(s, st.handle->path);
    }
    st.lastKey.assign(key);
    st.any = true;
    return {};
}

Status TableIngest::commit() {
    State& st = *state_;
    if (st.broken) return Status::invalidArgument("the ingest already failed");
    if (Status s = st.finishFile(); !s.ok()) return st.broken = true, s;
    if (st.files.empty()) return {};
    rocksdb::IngestExternalFileOptions options;
    options.move_files = true;            // hard links within the folder: no copy
    options.snapshot_consistency = true;  // older snapshots keep not seeing it
    options.allow_global_seqno = true;
    options.allow_blocking_flush = true;  // a memtable holding any of these keys is flushed first
    rocksdb::Status s = st.handle->db->IngestExternalFile(st.family, st.files, options);
    st.broken = true;  // either way, this ingest is over
    return fromRocks(s, st.handle->path);
}

std::uint64_t TableIngest::fileBytes() const {
    return state_->finishedBytes + (state_->writer ? state_->writer->FileSize() : 0);
}

std::vector<fs::path> ingestScratchFolders(const std::string& databasePath) {
    std::vector<fs::path> folders;
    std::error_code ec;
    for (fs::directory_iterator it(databasePath, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename().string().rfind(kIngestScratchPrefix, 0) != 0) continue;
        std::error_code type;
        if (it->is_symlink(type) || !it->is_directory(type)) continue;
        folders.push_back(it->path());
    }
    return folders;
}

void removeStaleIngests(const std::string& databasePath) {
    for (const fs::path& folder : ingestScratchFolders(databasePath)) {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
}

}  // namespace meridian::storage::detail
