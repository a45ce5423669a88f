#include "ui/transfer/transfer_runner.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QPromise>
#include <QUndoStack>

#include <atomic>
#include <variant>
#include <optional>

#include "ui/common/async.h"
#include "ui/common/text.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/edit_writer.h"
#include "ui/session/keys_progress.h"
#include "ui/session/storage_session.h"
#include "ui/transfer/import_command.h"

namespace meridian::ui {

namespace {

QString count(std::uint64_t n) { return QLocale().toString(static_cast<qulonglong>(n)); }

QString seconds(double s) { return QLocale().toString(s, 'f', 2); }

// The reason in "'<path>' line <n>: <reason> (read as <format>); nothing was imported".
QString malformedReason(const QString& message, quint64 line) {
    QString reason = message;
    const QString head = QStringLiteral("' line %1: ").arg(line);
    if (const auto at = reason.indexOf(head); at >= 0) reason = reason.mid(at + head.size());
    const QString tail = QStringLiteral("; nothing was imported");
    if (reason.endsWith(tail)) reason.chop(tail.size());
    return reason;
}

}  // namespace

// One export or import. The worker writes the results; the UI thread reads
// them once the future finished (the future's lock orders the two).
struct TransferRunner::Run {
    TransferOutcome::Kind kind = TransferOutcome::Kind::Export;
    QPointer<StorageSession> session;
    QString path;
    QString family;
    storage::DumpFormat format = storage::DumpFormat::LdbHex;
    bool cancelAsked = false;  // UI thread only

    std::atomic<int> stage{-1};  // ImportStage while importing
    std::atomic<std::uint64_t> total{0};
    std::atomic<std::uint64_t> done{0};

    bool started = false;  // the worker ran
    std::optional<storage::Result<storage::TransferSummary>> exported;
    storage::ImportReport imported;
    storage::SnapshotPtr after;  // taken as a successful import returned

    // Records `n` for showProgress() and reports it; false once cancelled.
    bool tick(KeysProgress<void>& report, std::uint64_t n) {
        done = n;
        return report(n);
    }
};

TransferRunner::TransferRunner(EditController* edits, QObject* parent) : QObject(parent), edits_(edits) {}

TransferRunner::~TransferRunner() {
    // Nobody is left to report to: stop (an import rolls back what it wrote).
    if (busy_) future_.cancel();
}

EditController* TransferRunner::edits() const { return edits_; }

StorageSession* TransferRunner::session() const { return edits_ ? edits_->session() : nullptr; }

QString TransferRunner::exportRefusal() const {
    if (!session()) return tr("Open a database first.");
    if (busy_) return tr("An export or import is running; wait for it or cancel it.");
    return {};
}

QString TransferRunner::importRefusal() const {
    if (!session()) return tr("Open a database first.");
    if (!edits_->isWritable()) return edits_->readOnlyReason();
    if (busy_) return tr("An export or import is running; wait for it or cancel it.");
    if (edits_->isBusy()) return tr("Edits are still being written; import when they are done.");
    return {};
}

QString TransferRunner::formatName(storage::DumpFormat format) {
    switch (format) {
    case storage::DumpFormat::LdbHex: return tr("ldb dump --hex");
    case storage::DumpFormat::LdbText: return tr("ldb dump (text)");
    case storage::DumpFormat::JsonLines: return tr("JSON Lines");
    }
    return {};
}

QString TransferRunner::extension(storage::DumpFormat format) {
    return format == storage::DumpFormat::JsonLines ? QStringLiteral("jsonl") : QStringLiteral("txt");
}

std::variant<std::shared_ptr<TransferRunner::Run>, QFuture<void>> TransferRunner::prepare(TransferOutcome::Kind kind,
                                                                                       const QString& path,
                                                                                       storage::DumpFormat format) {
    const bool exporting = kind == TransferOutcome::Kind::Export;
    TransferOutcome outcome;
    outcome.kind = kind;
    outcome.path = path;
    outcome.format = format;
    StorageSession* session = this->session();
    if (session) outcome.family = session->columnFamily();
    if (QString why = exporting ? exportRefusal() : importRefusal(); !why.isEmpty()) {
        outcome.text = why;
        return refuse(std::move(outcome));
    }
    if (path.isEmpty()) {
        outcome.text = exporting ? tr("Choose the file to export to.") : tr("Choose the file to import.");
        return refuse(std::move(outcome));
    }
    auto run = std::make_shared<Run>();
    run->kind = kind;
    run->session = session;
    run->path = path;
    run->family = outcome.family;
    run->format = format;
    return run;
}

QFuture<void> TransferRunner::startExport(const ExportRequest& request) {
    auto prepared = prepare(TransferOutcome::Kind::Export, request.path, request.format);
    if (auto* refused = std::get_if<QFuture<void>>(&prepared)) return *refused;
    auto run = std::get<std::shared_ptr<Run>>(std::move(prepared));
    StorageSession* session = run->session;
    storage::ExportOptions options;
    options.format = request.format;
    options.prefix = request.prefix.toStdString();
    options.read = session->readOptions();  // what the user is looking at
    const std::string path = QFile::encodeName(request.path).toStdString();
    auto job = session->startJob(run, [options, path](QPromise<void>& promise, storage::Storage& s, Run& run) mutable {
        run.started = true;
        promise.setProgressRange(0, 0);
        KeysProgress report(promise);
        options.progress = [&](std::uint64_t done) { return run.tick(report, done); };
        run.exported = storage::exportDumpToFile(s, path, options);
    });
    return begin(job, tr("Exporting keys…"));
}

QFuture<void> TransferRunner::startImport(const ImportRequest& request) {
    auto prepared = prepare(TransferOutcome::Kind::Import, request.path, request.format);
    if (auto* refused = std::get_if<QFuture<void>>(&prepared)) return *refused;
    auto run = std::get<std::shared_ptr<Run>>(std::move(prepared));
    StorageSession* session = run->session;
    const std::string path = QFile::encodeName(request.path).toStdString();
    const storage::DumpFormat format = request.format;
    // The import's undo keeps the storage: it needs shared ownership.
    storage::StoragePtr target = session->storagePtr();
    auto job = session->startJob(run, [path, format, target](QPromise<void>& promise, storage::Storage&, Run& run) {
        run.started = true;
        promise.setProgressRange(0, 0);
        KeysProgress report(promise);
        storage::ImportOptions options;
        options.format = format;
        options.progress = [&](std::uint64_t done) { return run.tick(report, done); };
        options.stage = [&](storage::ImportStage stage, std::uint64_t total) {
            run.stage = static_cast<int>(stage);
            run.total = total;
            run.tick(report, 0);
        };
        run.imported = storage::importDumpFile(target, path, options);
        // What redo puts back: the database as this import left it.
        if (run.imported.ok()) run.after = target->snapshot();
    });
    return begin(job, tr("Importing keys…"));
}

void TransferRunner::cancel() {
    if (!busy_ || !run_) return;
    run_->cancelAsked = true;
    future_.cancel();
}

QFuture<void> TransferRunner::refuse(TransferOutcome outcome) {
    QPromise<void> promise;
    promise.start();
    promise.finish();
    // Reported from the event loop, like every outcome.
    QMetaObject::invokeMethod(
        this,
        [this, outcome = std::move(outcome)] {
            if (outcome.kind == TransferOutcome::Kind::Export) emit exportFinished(outcome);
            else emit importFinished(outcome);
            emit message(outcome.text, true);
        },
        Qt::QueuedConnection);
    return promise.future();
}

QFuture<void> TransferRunner::begin(const Job<Run>& job, const QString& what) {
    run_ = job.outcome;
    future_ = job.future;
    busy_ = true;
    onProgress(job.future, this, [this](int, const QString&) { showProgress(); });
    onJobFinished(job, this, [this](const Run&) { finishRun(); });
    emit taskStarted(what, job.future);
    emit busyChanged(true);
    return job.future;
}

void TransferRunner::showProgress() {
    if (!run_) return;
    const std::uint64_t done = run_->done;
    if (run_->kind == TransferOutcome::Kind::Export)
        return emit progress(tr("Exporting: %1 so far").arg(keysText(done)));
    const QString total = count(run_->total);
    switch (static_cast<storage::ImportStage>(run_->stage.load())) {
    case storage::ImportStage::Checking:
        return emit progress(tr("Checking every line first: %1 records so far").arg(count(done)));
    case storage::ImportStage::Writing: return emit progress(tr("Writing: %1 of %2 keys").arg(count(done), total));
    case storage::ImportStage::RollingBack:
        return emit progress(tr("Undoing what was written: %1 of %2 keys").arg(count(done), total));
    }
}

void TransferRunner::finishRun() {
    if (!busy_ || !run_) return;
    std::shared_ptr<Run> run = std::move(run_);
    busy_ = false;
    TransferOutcome outcome;
    outcome.kind = run->kind;
    outcome.path = run->path;
    outcome.family = run->family;
    outcome.format = run->format;
    if (run->kind == TransferOutcome::Kind::Export) finishExport(*run, outcome);
    else finishImport(*run, outcome);
    if (outcome.kind == TransferOutcome::Kind::Export) emit exportFinished(outcome);
    else emit importFinished(outcome);
    emit message(outcome.text, !outcome.ok && !outcome.cancelled);
    emit busyChanged(false);
}

void TransferRunner::finishExport(Run& run, TransferOutcome& outcome) {
    const QString file = QFileInfo(run.path).fileName();
    if (!run.started || !run.exported) {
        outcome.cancelled = true;
        outcome.text = tr("Export cancelled before it started: %1 was not written.").arg(file);
        return;
    }
    const auto& result = *run.exported;
    if (result.ok()) {
        outcome.ok = true;
        outcome.summary = result.value();
        outcome.text = tr("Exported %1 (%2) to %3 in %4 s; the file is %5.")
                           .arg(keysText(outcome.summary.keys), sizeText(outcome.summary.bytes), file,
                                seconds(outcome.summary.seconds), sizeText(outcome.summary.fileBytes));
    } else if (result.status().code() == storage::Status::Code::Cancelled) {
        outcome.cancelled = true;
        outcome.text = tr("Export cancelled: %1 was not written.").arg(file);
    } else {
        outcome.text = tr("Export failed, %1 was not written: %2").arg(file, qs(result.status().message()));
    }
}

void TransferRunner::finishImport(Run& run, TransferOutcome& outcome) {
    const QString file = QFileInfo(run.path).fileName();
    if (!run.started) {
        outcome.cancelled = true;
        outcome.text = tr("Import cancelled before it started: nothing was imported.");
        return;
    }
    const storage::ImportReport& report = run.imported;
    outcome.format = report.format;
    outcome.summary = report.summary;
    outcome.errorLine = report.errorLine;
    outcome.wroteNothing = report.wroteNothing;
    const QString why = qs(report.status.message());
    if (report.ok()) {
        outcome.ok = true;
        outcome.text = tr("Imported %1 (%2) from %3 in %4 s (%5).")
                           .arg(keysText(report.summary.keys), sizeText(report.summary.bytes), file,
                                seconds(report.summary.seconds), formatName(report.format));
        if (run.cancelAsked) outcome.text += tr(" Cancel came after the last key was written.");
        if (report.undo && report.summary.keys > 0) {
            outcome.text += tr(" Edit > Undo takes the whole import back.");
            pushUndo(run, outcome);
        }
        emit keysChanged(outcome.family);
    } else if (report.errorLine > 0) {
        outcome.text = tr("%1 line %2: %3 — nothing was imported.")
                           .arg(file, count(report.errorLine), malformedReason(why, report.errorLine));
    } else if (report.status.code() == storage::Status::Code::Cancelled && report.wroteNothing) {
        outcome.cancelled = true;
        outcome.text = tr("Import cancelled: nothing was imported.");
    } else {
        outcome.text = tr("Import failed: %1").arg(why);
        if (!report.wroteNothing) emit keysChanged(outcome.family);
    }
}

void TransferRunner::pushUndo(const Run& run, const TransferOutcome& outcome) {
    // The history belongs to the database it was made on.
    if (!edits_ || !run.session || edits_->session() != run.session) return;
    EditWriter* writer = edits_->writer();
    const QString name = QFileInfo(run.path).fileName();
    const quint64 keys = run.imported.undo->keys();
    QPointer<TransferRunner> self(this);
    ImportCommand::Hooks hooks;
    hooks.started = [self, keys](bool undo, QFuture<void> future) {
        if (!self) return;
        onProgress(future, self, [self, undo, keys](int, const QString& done) {
            const QString text = undo ? tr("Undoing the import: %1 of %2 keys") : tr("Redoing the import: %1 of %2 keys");
            emit self->progress(text.arg(count(done.toULongLong()), count(keys)));
        });
    };
    hooks.finished = [self, family = outcome.family, name, keys](bool undo, const storage::Status& status) {
        if (self) self->stepFinished(undo, family, name, keys, status);
    };
    const QString text = keys == 1 ? tr("Import 1 key from %1").arg(name)
                                   : tr("Import %1 keys from %2").arg(count(keys), name);
    edits_->undoStack()->push(new ImportCommand(writer, outcome.family.toStdString(), text, run.imported.undo,
                                                run.after, std::move(hooks)));
}

void TransferRunner::stepFinished(bool undo, const QString& family, const QString& name, quint64 keys,
                                  const storage::Status& status) {
    emit keysChanged(family);
    if (status.ok()) {
        emit message(undo ? tr("Undid the import of %1 from %2.").arg(keysText(keys), name)
                          : tr("Redid the import of %1 from %2.").arg(keysText(keys), name),
                     false);
        return;
    }
    // Part of the step may have landed: the history no longer describes the database.
    if (edits_) edits_->undoStack()->clear();
    emit message((undo ? tr("Undoing the import from %1 failed: %2") : tr("Redoing the import from %1 failed: %2"))
                         .arg(name, qs(status.message())) +
                     tr(" The undo history was cleared: it no longer matches the database."),
                 true);
}

}  // namespace meridian::ui
