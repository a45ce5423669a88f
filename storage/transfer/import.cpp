// Import (export_import.h): check the whole input, then write it, in one
// step for RocksDB (table files) or in batches undone on failure. The undo
// of an import is in import_undo.cpp.
#include "storage/transfer/export_import.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "storage/rocksdb/free_space.h"
#include "storage/rocksdb/table_ingest.h"
#include "storage/transfer/dump_files.h"
#include "storage/transfer/line_reader.h"

namespace meridian::storage {

namespace {

using Clock = std::chrono::steady_clock;
using detail::LineReader;

constexpr std::uint64_t kProgressEvery = 4096;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}


}  // namespace

const char* importStageName(ImportStage stage) {
    switch (stage) {
    case ImportStage::Checking: return "checking";
    case ImportStage::Writing: return "writing";
    case ImportStage::RollingBack: return "undoing";
    }
    return "unknown";
}

namespace {

// The writing pass over a checked input: its records again, in order. A
// line that no longer parses, or another number of records at the end, means
// the input changed since it was checked (Corruption).
class RecordPass {
public:
    RecordPass(const DumpInput& input, DumpFormat format) : input_(input), format_(format) {}

    Status open() { return reader_.open(input_); }

    // The next record; false at the end or on an error (then see finish()).
    bool next(std::string& key, std::string& value) {
        std::string_view line;
        while (reader_.next(line)) {
            auto kind = parseLine(format_, line, key, value);
            if (!kind.ok()) {
                status_ = changed("line " + std::to_string(reader_.lineNumber()) + ": " + kind.status().message());
                return false;
            }
            if (kind.value() != LineKind::Record) continue;
            ++records_;
            return true;
        }
        return false;
    }

    // Ok when every record was read and there were as many as when checked.
    Status finish(std::uint64_t checked) const {
        if (!status_.ok()) return status_;
        if (!reader_.status().ok()) return reader_.status();
        if (records_ != checked)
            return changed(std::to_string(checked) + " records when checked, " + std::to_string(records_) + " now");
        return {};
    }

    std::uint64_t records() const { return records_; }

private:
    Status changed(const std::string& how) const {
        return Status::corruption(input_.name() + " changed while it was imported (" + how + ")");
    }

    const DumpInput& input_;
    DumpFormat format_;
    LineReader reader_;
    Status status_;
    std::uint64_t records_ = 0;
};

// The second half of importDumpFile: applies the checked file.
class Importer {
public:
    Importer(const StoragePtr& storage, const DumpInput& input, const ImportOptions& options, ImportReport& report)
        : storage_(storage), input_(input), options_(options), report_(report) {}

    void run(std::uint64_t records) {
        auto undo = std::make_shared<ImportUndo>(storage_, storage_->snapshot());
        undo_ = undo.get();
        if (options_.stage) options_.stage(ImportStage::Writing, records);
        RecordPass pass(input_, report_.format);
        if (Status s = pass.open(); !s.ok()) return fail(s);
        std::string key, value;
        std::uint64_t written = 0;
        while (pass.next(key, value)) {
            if (pending_ >= options_.batchBytes) {
                if (Status s = flush(false); !s.ok()) return fail(s);
            }
            undo->record(key);  // before the write: a failed batch is undone too (harmless if it did not land)
            pending_ += key.size() + value.size();
            report_.summary.bytes += key.size() + value.size();
            batch_.put(key, value);
            ++written;
            if (written % kProgressEvery == 0 && options_.progress && !options_.progress(written))
                return fail(Status::cancelled("import cancelled"));
        }
        if (Status s = pass.finish(records); !s.ok()) return fail(s);
        if (Status s = flush(options_.sync); !s.ok()) return fail(s);
        if (options_.progress) options_.progress(written);
        report_.summary.keys = written;
        report_.wroteNothing = written == 0;
        report_.undo = std::move(undo);
    }

private:
    Status flush(bool sync) {
        if (batch_.empty() && !sync) return {};
        WriteOptions write;
        write.sync = sync;
        Status s = storage_->write(batch_, write);
        batch_.clear();
        pending_ = 0;
        return s;
    }

    void fail(const Status& cause) {
        batch_.clear();
        if (options_.stage) options_.stage(ImportStage::RollingBack, undo_->keys());
        // The rollback must finish: progress is shown but cannot stop it.
        const Progress show = [this](std::uint64_t n) {
            if (options_.progress) options_.progress(n);
            return true;
        };
        const Status undone = undo_->undo(show, options_.batchBytes);
        report_.summary.keys = 0;
        report_.wroteNothing = undone.ok();
        const std::string written = std::to_string(undo_->keys()) + (undo_->keys() == 1 ? " key" : " keys");
        report_.status = undone.ok()
                             ? Status::error(cause.code(), cause.message() + "; the " + written +
                                                               " already written were undone: nothing was imported")
                             : Status::error(cause.code(), cause.message() + "; undoing the " + written +
                                                               " already written failed too (" + undone.toString() +
                                                               "): the import is partly applied");
    }

    const StoragePtr& storage_;
    const DumpInput& input_;
    const ImportOptions& options_;
    ImportReport& report_;
    ImportUndo* undo_ = nullptr;
    WriteBatch batch_;
    std::size_t pending_ = 0;
};

// What the checking pass learned about the file.
struct FileShape {
    std::uint64_t records = 0;
    std::uint64_t bytes = 0;  // keys and values
    bool sorted = true;       // keys strictly increasing: no sorting, no duplicates
};

// The second half of importDumpFile for RocksDB: the records go into table
// files that the database takes in one step (table_ingest.h), so nothing can
// be left half-applied, not even by a crash. A failure or cancel before that
// step leaves the database untouched; there is nothing to roll back.
class IngestImporter {
public:
    IngestImporter(const StoragePtr& storage, const DumpInput& input, const ImportOptions& options,
                   ImportReport& report)
        : storage_(storage), input_(input), options_(options), report_(report) {}

    void run(const FileShape& shape, detail::TableIngest& ingest) {
        // Taken before the ingest: the undo reads the old values from it.
        auto undo = std::make_shared<ImportUndo>(storage_, storage_->snapshot());
        if (options_.stage) options_.stage(ImportStage::Writing, shape.records);
        RecordPass pass(input_, report_.format);
        if (Status s = pass.open(); !s.ok()) return fail(s);
        std::string key, value;
        std::vector<std::pair<std::string, std::string>> unsorted;  // only for a file out of key order
        std::uint64_t read = 0;
        while (pass.next(key, value)) {
            ++read;
            report_.summary.bytes += key.size() + value.size();
            if (shape.sorted) {
                if (Status s = ingest.add(key, value); !s.ok()) return fail(s);
                undo->record(key);
            } else {
                unsorted.emplace_back(std::move(key), std::move(value));
                key.clear();
                value.clear();
            }
            if (read % kProgressEvery == 0 && options_.progress && !options_.progress(read))
                return fail(Status::cancelled("import cancelled"));
        }
        if (Status s = pass.finish(shape.records); !s.ok()) return fail(s);
        if (!shape.sorted) {
            // Key order, and the last record of a key wins, as ldb load applies them.
            std::stable_sort(unsorted.begin(), unsorted.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t i = 0; i < unsorted.size(); ++i) {
                undo->record(unsorted[i].first);  // duplicates included, as ImportUndo::keys() counts them
                if (i + 1 < unsorted.size() && unsorted[i + 1].first == unsorted[i].first) continue;
                if (Status s = ingest.add(unsorted[i].first, unsorted[i].second); !s.ok()) return fail(s);
            }
        }
        if (options_.progress && !options_.progress(read)) return fail(Status::cancelled("import cancelled"));
        if (Status s = ingest.commit(); !s.ok()) return fail(s);
        report_.summary.keys = read;
        report_.wroteNothing = read == 0;
        report_.undo = std::move(undo);
    }

private:
    void fail(const Status& cause) {
        report_.summary.keys = 0;
        report_.wroteNothing = true;
        report_.status = Status::error(cause.code(), cause.message() + "; nothing was imported");
    }

    const StoragePtr& storage_;
    const DumpInput& input_;
    const ImportOptions& options_;
    ImportReport& report_;
};

}  // namespace

namespace {

// Step 1, checking: parses every line, writes nothing. The shape of the
// file, or nothing with report.status saying why not.
std::optional<FileShape> checkInput(const DumpInput& input, const ImportOptions& options, ImportReport& report) {
    LineReader reader;
    if (Status s = reader.open(input); !s.ok()) {
        report.status = s;
        return std::nullopt;
    }
    report.format = options.format.value_or(detectFormat(reader.head(), options.hex));
    if (options.stage) options.stage(ImportStage::Checking, 0);
    std::string key, value, previousKey;
    std::string_view line;
    std::uint64_t records = 0;
    FileShape shape;
    while (reader.next(line)) {
        auto kind = parseLine(report.format, line, key, value);
        if (!kind.ok()) {
            report.errorLine = reader.lineNumber();
            report.status = Status::invalidArgument(input.name() + " line " + std::to_string(report.errorLine) + ": " +
                                                    kind.status().message() + " (read as " +
                                                    dumpFormatName(report.format) + "); nothing was imported");
            return std::nullopt;
        }
        if (kind.value() != LineKind::Record) continue;
        if (records > 0 && key <= previousKey) shape.sorted = false;
        previousKey.swap(key);
        shape.bytes += previousKey.size() + value.size();
        if (++records % kProgressEvery == 0 && options.progress && !options.progress(records)) {
            report.status = Status::cancelled("import cancelled while checking the file; nothing was imported");
            return std::nullopt;
        }
    }
    if (!reader.status().ok()) {
        report.status = reader.status();
        return std::nullopt;
    }
    report.summary.fileBytes = reader.consumed();
    shape.records = records;
    return shape;
}

Status refusalToImportInto(const StoragePtr& storage) {
    if (!storage) return Status::invalidArgument("no storage to import into");
    if (const StorageInfo info = storage->info(); info.mode != OpenMode::ReadWrite)
        return Status::readOnly(std::string("the database is open ") + openModeName(info.mode) +
                                "; reopen it read-write to import into it");
    return {};
}

}  // namespace

ImportReport checkDump(const DumpInput& input, const ImportOptions& options) {
    const auto start = Clock::now();
    ImportReport report;
    if (const auto shape = checkInput(input, options, report)) report.summary.keys = shape->records;
    report.summary.seconds = secondsSince(start);
    return report;
}

ImportReport importDump(const StoragePtr& storage, const DumpInput& input, const ImportOptions& options) {
    const auto start = Clock::now();
    ImportReport report;
    auto finish = [&]() -> ImportReport {
        report.summary.seconds = secondsSince(start);
        return std::move(report);
    };
    if (Status s = refusalToImportInto(storage); !s.ok()) {
        report.status = s;
        return finish();
    }
    // 1. Checking: parse every line, write nothing.
    const auto shape = checkInput(input, options, report);
    if (!shape) return finish();
    // 2. Writing: RocksDB in one step, anything else in batches undone on failure.
    auto ingest = options.atomicOnDisk ? detail::TableIngest::begin(*storage)
                                       : Result<std::unique_ptr<detail::TableIngest>>(nullptr);
    if (!ingest.ok()) {
        report.status = Status::error(ingest.status().code(), ingest.status().message() + "; nothing was imported");
        return finish();
    }
    if (!ingest.value()) {
        Importer(storage, input, options, report).run(shape->records);
        return finish();
    }
    // The table files, a little index and filter overhead, and room for the MANIFEST and LOG.
    const std::uint64_t needed = shape->bytes + shape->bytes / 8 + (256u << 10);
    if (Status s = detail::checkFreeSpace(storage->info().path, needed,
                                          "importing " + std::to_string(shape->records) + " records");
        !s.ok()) {
        report.status = s;
        return finish();
    }
    IngestImporter(storage, input, options, report).run(*shape, *ingest.value());
    return finish();
}

ImportReport importDumpFile(const StoragePtr& storage, const std::string& path, const ImportOptions& options) {
    ImportReport report;
    if (Status s = refusalToImportInto(storage); !s.ok()) {
        report.status = s;
        return report;
    }
    auto input = DumpInput::open(path);
    if (!input.ok()) {
        report.status = input.status();
        return report;
    }
    return importDump(storage, *input.value(), options);
}

}  // namespace meridian::storage
