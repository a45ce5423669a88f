// Export and import: keys (all, or under a prefix) to and from a dump file in
// one of the dump_format.h formats, streaming, with progress, cancel and a
// summary.
//
// Export reads one point in time (the given snapshot, or one taken when the
// export starts) page by page, and writes the file beside its destination
// under a temporary name that replaces `path` only once the dump is complete
// (fsynced first unless told otherwise): a failed or cancelled export leaves
// no half-written file, and an existing file at `path` stays as it was.
// Only a new file or a regular file is written: a symlink, FIFO, device or
// folder at `path` is refused (checkExportDestination(), dump_files.h).
//
// Import never leaves a half-applied file behind:
//  1. Checking: the whole file is read and every line parsed before anything
//     is written. A malformed line stops the import there, with its line
//     number, and nothing has been written.
//  2. Writing, after a snapshot is taken of the storage as it was:
//     - RocksDB (read-write): the free space is checked first (IOError with
//       the numbers when the import clearly will not fit), then the records
//       go into table files in a scratch folder inside the database folder,
//       which the database takes in one step (rocksdb/table_ingest.h). A
//       failure, a cancel, a crash or kill -9 at any moment leaves none of it
//       or all of it, on disk. A file out of key order is sorted in memory
//       first (it then costs about its own size in memory).
//     - Memory (or with atomicOnDisk off): applied in batches (each batch
//       atomic). If a write fails, the file changed under us, or the caller
//       cancels, what was written is undone (RollingBack) before returning;
//       a crash part-way leaves it partly applied.
//     Every key written is recorded (keys only; values are read back from the
//     snapshot when needed).
//  3. On success the caller gets an ImportUndo: one call puts every key the
//     import wrote back to what it held before (a key that did not exist is
//     removed).
// Readers that hold an older snapshot never see any of it; live readers see a
// RocksDB import land at once, and batches land one by one. The undo (and the rollback) restore the
// imported keys as of the snapshot: a write another user made to one of those
// keys in between is overwritten, writes to other keys are untouched.
// Duplicate keys in a file are applied in order (the last one wins), as
// ldb load does.
//
// Thread safety: every function may run on any thread (off the UI thread:
// they block for as long as the file takes). Callbacks run on the calling
// thread. An ImportUndo may be used from any thread, one call at a time.
// Lifetimes: an ImportUndo holds the storage and the snapshot taken before the
// import; while it lives, the backend keeps the old values the snapshot sees
// (RocksDB: compaction keeps them; memory: one old version per changed key).
// Drop it to commit the import for good.
// Errors: Status values (status.h); nothing throws.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/transfer/dump_files.h"
#include "storage/transfer/dump_format.h"
#include "storage/storage.h"

namespace meridian::storage {

struct TransferSummary {
    std::uint64_t keys = 0;       // records exported, imported or copied
    std::uint64_t bytes = 0;      // their key and value bytes
    std::uint64_t fileBytes = 0;  // bytes of the dump written or read (0 for copies)
    double seconds = 0;           // wall time of the whole call
};

struct ExportOptions {
    DumpFormat format = DumpFormat::LdbHex;
    std::string prefix;   // only keys starting with this ("" for all)
    ReadOptions read;     // the snapshot to export; none: one taken as the export starts
    bool trailer = true;  // end the ldb formats with "Keys in range: <n>", as ldb dump does
    bool sync = true;     // exportDumpToFile: fsync the file before it replaces `path`
    Progress progress;    // keys written so far; return false to cancel
};

// Receives the dump in order, in chunks of about a megabyte. A non-ok status
// stops the export with that status.
using DumpSink = std::function<Status(std::string_view chunk)>;

// Streams the dump into `sink`. InvalidArgument (naming the key, in hex) when
// LdbText cannot carry a record; Cancelled when progress said stop.
Result<TransferSummary> exportDump(const Storage& storage, const ExportOptions& options, const DumpSink& sink);
// Writes the dump to `path` (replacing it only when complete, and only a
// regular file; see above). InvalidArgument naming what is at `path` when it
// is not a regular file.
Result<TransferSummary> exportDumpToFile(const Storage& storage, const std::string& path,
                                         const ExportOptions& options);

enum class ImportStage { Checking, Writing, RollingBack };
const char* importStageName(ImportStage stage);  // "checking", "writing", "undoing"

class ImportUndo;

struct ImportOptions {
    std::optional<DumpFormat> format;  // unset: detectFormat() on the file's first bytes
    bool hex = false;                  // with format unset: an ldb-format file is LdbHex
    std::size_t batchBytes = 4u << 20;  // bytes of keys and values per write batch
    bool sync = true;                  // sync the last batch (the import is durable once it returns)
    // RocksDB: all-or-nothing on disk through table files (see above). Off:
    // write batches, as for memory (kept to compare the two in benchmarks).
    bool atomicOnDisk = true;
    // Records done in the current stage; return false to cancel (in Writing,
    // what was written is undone first).
    Progress progress;
    // Called as each stage starts, with the number of records it will go
    // through (0 when not known yet: Checking).
    std::function<void(ImportStage, std::uint64_t total)> stage;
};

struct ImportReport {
    Status status;                  // ok, or why the import stopped
    DumpFormat format = DumpFormat::LdbText;  // the format read (detected or given)
    TransferSummary summary;        // what was imported (on failure: what was read before it)
    std::uint64_t errorLine = 0;    // 1-based line number of a malformed line (0: none)
    bool wroteNothing = true;       // nothing is left written (never started, or rolled back)
    std::shared_ptr<ImportUndo> undo;  // set on success
    bool ok() const { return status.ok(); }
};

// Imports `path` into `storage` (its column family). ReadOnly when the
// storage is not writable, NotFound / IOError for the file, InvalidArgument
// (with "<path> line <n>: <reason>") for a malformed line, Cancelled.
// A failure after writing began reports the rollback in the message and in
// wroteNothing (false only when the rollback itself failed).
// `path` is opened with DumpInput::open() (dump_files.h): "-" is the standard
// input, and a pipe or FIFO is read once.
ImportReport importDumpFile(const StoragePtr& storage, const std::string& path, const ImportOptions& options = {});
// The same from an input already opened.
ImportReport importDump(const StoragePtr& storage, const DumpInput& input, const ImportOptions& options = {});
// Step 1 alone, with no storage: reads and parses the whole input, writes
// nothing. On success summary.keys is the number of records; otherwise the
// status (and errorLine) say what importDump() would refuse. For callers that
// must know the input is good before they create a database for it.
ImportReport checkDump(const DumpInput& input, const ImportOptions& options = {});

// Puts back what one import changed. Idempotent: calling it again (after a
// cancel or an error) finishes the job; after it succeeds the imported keys
// read as before the import.
class ImportUndo {
public:
    ImportUndo(StoragePtr storage, SnapshotPtr before);
    // Keys the import wrote, duplicates included.
    std::uint64_t keys() const { return count_; }
    // Restores them in batches; progress counts keys restored (return false
    // to stop; call undo() again to finish).
    Status undo(const Progress& progress = {}, std::size_t batchBytes = 4u << 20) const;
    // The same for any point in time: puts every key the import wrote back to
    // what it held at `at` (a snapshot of this storage's database; a key
    // absent there is removed). undo() is restore(the snapshot before the
    // import); a snapshot taken as the import returns makes it a redo.
    Status restore(const SnapshotPtr& at, const Progress& progress = {}, std::size_t batchBytes = 4u << 20) const;

    // Records one key written (used by the importer).
    void record(std::string_view key);

private:
    StoragePtr storage_;
    SnapshotPtr before_;
    std::string keys_;  // length-prefixed (varint) keys, in the order written
    std::uint64_t count_ = 0;
};

}  // namespace meridian::storage
