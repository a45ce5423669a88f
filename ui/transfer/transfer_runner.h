// TransferRunner: export and import of keys for the GUI, one at a time.
//
// Runs storage/export_import.h through the session (StorageSession::runLong):
// off the UI thread, with progress and cancel, and reports each run once, on
// the UI thread, as a TransferOutcome with a one-line summary for the user.
//
// Export writes what the session shows: its column family, and the snapshot
// it views (readOptions()) or, when live, one snapshot taken as the export
// starts. A failed or cancelled export leaves no file (the storage layer
// writes a temporary file and renames it only when complete).
//
// Import goes into the session's column family, only when the session is
// writable and no edit is being written (importRefusal() says why not). A
// successful import is pushed on the EditController's undo stack as one
// ImportCommand ("Import N keys from FILE"): undo puts every imported key back
// to what it held before, redo puts the imported bytes back. Both run on the
// editor's writer, in order with the other edits. A malformed line, a cancel
// or a failed write leaves the database as it was (the storage layer checks
// the whole file first and rolls back what it wrote).
//
// Each run is a Job (ui/common/async.h): the outcome is read from the
// worker's own record, not from the future's result, so a cancel that comes
// too late to stop a finished import still reports (and makes undoable) what
// was imported.
//
// UI thread only.
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <variant>

#include "storage/transfer/dump_format.h"
#include "storage/transfer/export_import.h"
#include "ui/common/async.h"

namespace meridian::ui {

class EditController;
class StorageSession;

struct ExportRequest {
    QString path;
    storage::DumpFormat format = storage::DumpFormat::LdbHex;
    QByteArray prefix;  // only keys starting with these bytes (empty: all)
};

struct ImportRequest {
    QString path;
    storage::DumpFormat format = storage::DumpFormat::LdbHex;
};

struct TransferOutcome {
    enum class Kind { Export, Import };
    Kind kind = Kind::Export;
    bool ok = false;
    bool cancelled = false;
    QString path;
    QString family;
    storage::DumpFormat format = storage::DumpFormat::LdbHex;
    storage::TransferSummary summary;  // what was exported or imported
    quint64 errorLine = 0;             // import: 1-based line of a malformed line (0: none)
    bool wroteNothing = true;          // import: the database is as it was
    QString text;                      // the summary or the error, one or two sentences
};

class TransferRunner : public QObject {
    Q_OBJECT
public:
    // Works on edits->session().
    explicit TransferRunner(EditController* edits, QObject* parent = nullptr);
    ~TransferRunner() override;

    StorageSession* session() const;
    EditController* edits() const;  // out of line: QPointer needs the complete type
    bool isBusy() const { return busy_; }

    // Why an export / import cannot start now; empty when it can.
    QString exportRefusal() const;
    QString importRefusal() const;

    // Start a run; the outcome arrives as exportFinished / importFinished
    // (always from the event loop, also for a refusal). The future carries
    // the progress (records so far, as its progress text) and cancels the run.
    QFuture<void> startExport(const ExportRequest& request);
    QFuture<void> startImport(const ImportRequest& request);
    // Cancels the run in progress, if any.
    void cancel();

    // "ldb dump --hex", "ldb dump (text)", "JSON Lines".
    static QString formatName(storage::DumpFormat format);
    // The file name extension for a format, without the dot: "txt", "jsonl".
    static QString extension(storage::DumpFormat format);

signals:
    // A run started: for the status bar's task indicator.
    void taskStarted(const QString& what, QFuture<void> future);
    void busyChanged(bool busy);
    // What the run (or an import's undo / redo) is doing: "Writing: 40,000 of 300,000 keys".
    void progress(const QString& text);
    void exportFinished(const meridian::ui::TransferOutcome& outcome);
    void importFinished(const meridian::ui::TransferOutcome& outcome);
    // An import, or its undo or redo, changed keys of `family`: reload the views.
    void keysChanged(const QString& family);
    // A line for the status bar or the log, at the end of every run, undo and redo.
    void message(const QString& text, bool error);

private:
    struct Run;
    QFuture<void> refuse(TransferOutcome outcome);
    // The common start of a run: the run to fill, or the refusal already reported.
    std::variant<std::shared_ptr<Run>, QFuture<void>> prepare(TransferOutcome::Kind kind, const QString& path,
                                                              storage::DumpFormat format);
    QFuture<void> begin(const Job<Run>& job, const QString& what);
    void showProgress();
    void finishRun();
    void finishExport(Run& run, TransferOutcome& outcome);
    void finishImport(Run& run, TransferOutcome& outcome);
    void pushUndo(const Run& run, const TransferOutcome& outcome);
    void stepFinished(bool undo, const QString& family, const QString& name, quint64 keys, const storage::Status& status);

    QPointer<EditController> edits_;
    QFuture<void> future_;  // the run in progress
    std::shared_ptr<Run> run_;
    bool busy_ = false;
};

}  // namespace meridian::ui
