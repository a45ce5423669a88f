#include "storage/transfer/copy.h"

#include <fcntl.h>
#include <unistd.h>

#include <rocksdb/db.h>
#include <rocksdb/utilities/checkpoint.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <limits>
#include <memory>
#include <vector>

#include "storage/rocksdb/compat.h"
#include "storage/rocksdb/handle.h"
#include "storage/rocksdb/preflight.h"
#include "storage/rocksdb/status_mapping.h"

namespace meridian::storage {

namespace {

namespace fs = std::filesystem;
using detail::fromRocks;

constexpr std::uint64_t kProgressEvery = 4096;

// Ok when `destination` is free: missing (with an existing parent folder) or
// an empty folder (then `isEmptyFolder` is set).
Status checkDestination(const fs::path& destination, bool& isEmptyFolder) {
    isEmptyFolder = false;
    if (destination.empty()) return Status::invalidArgument("no destination folder given");
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(destination, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        return Status::ioError("cannot look at '" + destination.string() + "': " + ec.message());
    if (!fs::exists(status)) {
        const fs::path parent = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
        if (!fs::is_directory(parent, ec))
            return Status::notFound("the folder '" + parent.string() + "' does not exist");
        return {};
    }
    if (fs::is_directory(status) && fs::is_empty(destination, ec) && !ec) {
        isEmptyFolder = true;
        return {};
    }
    return Status::invalidArgument("'" + destination.string() +
                                   "' already exists; save into a new folder name or an empty folder");
}

void syncFolder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

fs::path parentOf(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

void syncFile(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// A read-only instance's checkpoint, completed with the write-ahead logs
// RocksDB left out. Newer RocksDB (seen with 11.0) includes only WAL files up
// to the instance's current WAL number, which a read-only instance, having
// opened none, has at 0: its checkpoint would drop every write not yet in a
// table file. Nobody writes beside a read-only open, so the source's logs are
// stable; a log older than what the checkpoint needs is skipped on recovery.
Status addMissingLogs(const fs::path& source, const fs::path& checkpoint) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(source, ec)) {
        if (entry.path().extension() != ".log" || !entry.is_regular_file(ec)) continue;
        const fs::path target = checkpoint / entry.path().filename();
        if (fs::exists(target, ec)) continue;
        if (!fs::copy_file(entry.path(), target, ec))
            return Status::ioError("cannot copy the write-ahead log '" + entry.path().string() + "' into the checkpoint: " +
                                   ec.message());
        syncFile(target);
    }
    if (ec) return Status::ioError("cannot list '" + source.string() + "': " + ec.message());
    syncFolder(checkpoint);
    return {};
}

// The options a copy of `family` is written with: when the source is a
// RocksDB database, its table options (the table format_version among them)
// and compression, so that a copy opens wherever the original does, even when
// our engine's defaults are newer; RocksDB's defaults otherwise.
rocksdb::ColumnFamilyOptions copyOptionsFor(const Storage& source, const std::string& family) {
    rocksdb::ColumnFamilyOptions out;
    const auto handle = detail::handleOf(source);
    rocksdb::ColumnFamilyHandle* cf = handle ? handle->family(family) : nullptr;
    if (!cf) return out;
    const rocksdb::Options theirs = handle->db->GetOptions(cf);
    out.table_factory = theirs.table_factory;
    out.compression = theirs.compression;
    out.compression_per_level = theirs.compression_per_level;
    out.bottommost_compression = theirs.bottommost_compression;
    out.compression_opts = theirs.compression_opts;
    out.bottommost_compression_opts = theirs.bottommost_compression_opts;
    return out;
}

// A new database being filled under a temporary name.
class NewDatabase {
public:
    ~NewDatabase() {
        close();
        if (!temp_.empty()) {
            std::error_code ec;
            fs::remove_all(temp_, ec);
        }
    }

    // `defaultFamily`: the options of the "default" column family.
    Status create(const fs::path& destination, const rocksdb::ColumnFamilyOptions& defaultFamily) {
        static std::atomic<unsigned> counter{0};
        std::error_code ec;
        for (int attempt = 0; attempt < 100; ++attempt) {
            fs::path candidate = destination;
            candidate += ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
            if (fs::create_directory(candidate, ec)) {
                temp_ = candidate;
                break;
            }
            if (ec) return Status::ioError("cannot create '" + candidate.string() + "': " + ec.message());
        }
        if (temp_.empty()) return Status::ioError("cannot create a temporary folder beside '" + destination.string() + "'");
        rocksdb::Options options(rocksdb::DBOptions(), defaultFamily);
        detail::applyProfile(options, detail::resolveProfile(TuningProfile::Auto), OpenMode::ReadWrite);
        options.create_if_missing = true;
        rocksdb::Status s = detail::compat::open(options, temp_.string(), &db_);
        if (s.ok()) detail::startLog(options, temp_.string());
        return fromRocks(s, temp_.string());
    }

    Result<rocksdb::ColumnFamilyHandle*> family(const std::string& name, const rocksdb::ColumnFamilyOptions& options) {
        if (name == rocksdb::kDefaultColumnFamilyName) return db_->DefaultColumnFamily();
        rocksdb::ColumnFamilyHandle* handle = nullptr;
        rocksdb::Status s = db_->CreateColumnFamily(options, name, &handle);
        if (!s.ok()) return fromRocks(s, temp_.string());
        families_.push_back(handle);
        return handle;
    }

    Status write(rocksdb::WriteBatch& batch) {
        rocksdb::WriteOptions options;
        options.disableWAL = true;  // flushed before the rename; a crash before it leaves only the temporary folder
        rocksdb::Status s = db_->Write(options, &batch);
        batch.Clear();
        return fromRocks(s, temp_.string());
    }

    // Flushes, closes and renames the database to `destination`.
    Status finish(const fs::path& destination) {
        std::vector<rocksdb::ColumnFamilyHandle*> all{db_->DefaultColumnFamily()};
        all.insert(all.end(), families_.begin(), families_.end());
        rocksdb::FlushOptions flush;
        flush.wait = true;
        if (Status s = fromRocks(db_->Flush(flush, all), temp_.string()); !s.ok()) return s;
        if (Status s = close(); !s.ok()) return s;
        syncFolder(temp_);
        std::error_code ec;
        fs::rename(temp_, destination, ec);
        if (ec) return Status::ioError("cannot move the new database to '" + destination.string() + "': " + ec.message());
        temp_.clear();
        syncFolder(parentOf(destination));
        return {};
    }

private:
    Status close() {
        if (!db_) return {};
        for (auto* handle : families_) db_->DestroyColumnFamilyHandle(handle);
        families_.clear();
        rocksdb::Status s = db_->Close();
        db_.reset();
        return fromRocks(s, temp_.string());
    }

    fs::path temp_;
    std::unique_ptr<rocksdb::DB> db_;
    std::vector<rocksdb::ColumnFamilyHandle*> families_;
};

}  // namespace

Result<std::uint64_t> checkpoint(const Storage& storage, const std::string& destination) {
    const auto handle = detail::handleOf(storage);
    if (!handle)
        return Status::unsupported(std::string("a checkpoint needs a RocksDB database, and this one is ") +
                                   backendName(storage.info().backend) + "; save it as a new RocksDB database instead");
    if (handle->mode == OpenMode::Secondary)
        return Status::unsupported("a database followed live cannot be checkpointed (RocksDB's secondary instances "
                                   "have no checkpoints); save a snapshot of it as a new RocksDB database instead");
    bool emptyFolder = false;
    if (Status s = checkDestination(destination, emptyFolder); !s.ok()) return s;
    std::error_code ec;
    if (emptyFolder && !fs::remove(destination, ec))
        return Status::ioError("cannot replace the empty folder '" + destination + "': " + ec.message());

    rocksdb::Checkpoint* raw = nullptr;
    if (Status s = fromRocks(rocksdb::Checkpoint::Create(handle->db.get(), &raw), handle->path); !s.ok()) return s;
    std::unique_ptr<rocksdb::Checkpoint> maker(raw);
    std::uint64_t sequence = 0;
    // Read-write: flush the memtables first, so the checkpoint needs no WAL
    // replay. Read-only: nothing can be flushed; the live WAL files are copied.
    const std::uint64_t logSizeForFlush =
        handle->mode == OpenMode::ReadWrite ? 0 : std::numeric_limits<std::uint64_t>::max();
    rocksdb::Status s = maker->CreateCheckpoint(destination, logSizeForFlush, &sequence);
    Status done = fromRocks(s, destination);
    if (done.ok() && handle->mode == OpenMode::ReadOnly) done = addMissingLogs(handle->path, destination);
    if (!done.ok()) {
        if (s.ok()) fs::remove_all(destination, ec);                 // no half a checkpoint
        if (emptyFolder) fs::create_directory(destination, ec);      // put the user's folder back
        return done;
    }
    syncFolder(parentOf(destination));
    return sequence;
}

Result<TransferSummary> saveAsRocksDb(const Storage& source, const std::string& destination,
                                      const SaveOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    bool emptyFolder = false;
    if (Status s = checkDestination(destination, emptyFolder); !s.ok()) return s;

    ReadOptions read = options.read;
    // One moment for every column family: a snapshot covers the whole database.
    if (!read.snapshot) read.snapshot = source.snapshot();
    const std::string own = source.info().columnFamily;
    const std::vector<std::string> names = options.allColumnFamilies ? source.columnFamilies()
                                                                     : std::vector<std::string>{own};

    NewDatabase target;
    if (Status s = target.create(destination, copyOptionsFor(source, rocksdb::kDefaultColumnFamilyName)); !s.ok())
        return s;
    TransferSummary summary;
    rocksdb::WriteBatch batch;
    for (const std::string& name : names) {
        auto scoped = source.columnFamily(name);
        if (!scoped.ok()) return scoped.status();
        auto family = target.family(name, copyOptionsFor(source, name));
        if (!family.ok()) return family.status();
        ScanRequest request;
        request.read = read;
        request.limit = 1024;
        for (;;) {
            auto page = scoped.value()->scan(request);
            if (!page.ok()) return page.status();
            for (const Entry& e : page->entries) {
                if (Status s = fromRocks(batch.Put(family.value(), e.key, e.value)); !s.ok()) return s;
                summary.bytes += e.key.size() + e.value.size();
                if (batch.GetDataSize() >= options.batchBytes)
                    if (Status s = target.write(batch); !s.ok()) return s;
                if (++summary.keys % kProgressEvery == 0 && options.progress && !options.progress(summary.keys))
                    return Status::cancelled("save cancelled; nothing was saved");
            }
            if (!page->nextCursor) break;
            request.after = std::move(page->nextCursor);
        }
        if (Status s = target.write(batch); !s.ok()) return s;
    }
    if (Status s = target.finish(destination); !s.ok()) return s;
    if (options.progress) options.progress(summary.keys);
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace meridian::storage
