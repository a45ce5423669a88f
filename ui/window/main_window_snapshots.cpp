// MainWindow and snapshots: the Snapshots dock, the banner shown while one is
// viewed, comparing, saving to disk, and the question before an in-memory
// database with unsaved keys is closed.
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_editor.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/diff_dialog.h"
#include "ui/snapshots/disk_save.h"
#include "ui/snapshots/snapshot_banner.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/snapshots/snapshots_panel.h"
#include "ui/window/app_icons.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/task_indicator.h"

namespace meridian::ui {

void MainWindow::buildSnapshots() {
    snapshots_ = new SnapshotController(this);
    snapshots_->setGuard([this](const std::function<void()>& next) { return leaveEditorThen(next); });
    snapshotsPanel_ = new SnapshotsPanel(snapshots_, this);
    addDockWidget(Qt::LeftDockWidgetArea, snapshotsPanel_);
    resizeDocks({snapshotsPanel_}, {200}, Qt::Vertical);

    // The banner goes above the key list and the value editor.
    banner_ = new SnapshotBanner(snapshots_->backToLiveAction(), this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(banner_);
    layout->addWidget(takeCentralWidget(), 1);
    setCentralWidget(central);

    saveToDiskAction_ = new QAction(actionIcon(QStringLiteral("save-disk")), tr("Save to &Disk…"), this);
    saveToDiskAction_->setObjectName(QStringLiteral("saveToDiskAction"));
    connect(saveToDiskAction_, &QAction::triggered, this, [this] { chooseFolderAndSave(kViewedOrWhole); });
    compareAction_ = new QAction(actionIcon(QStringLiteral("compare")), tr("Co&mpare…"), this);
    compareAction_->setObjectName(QStringLiteral("compareAction"));
    compareAction_->setToolTip(tr("Keys added, removed and changed between a snapshot and the live database, "
                                  "or two snapshots"));
    connect(compareAction_, &QAction::triggered, this, [this] {
        compareSnapshots(snapshotsPanel_->currentRow() >= 0 ? snapshotsPanel_->currentRow()
                                                            : snapshots_->model()->size() - 1);
    });

    snapshots_->setBarrier([this](std::function<void()> next) { editActions_->controller()->whenIdle(this, std::move(next)); });
    connect(snapshots_, &SnapshotController::viewChanged, this, &MainWindow::snapshotViewChanged);
    connect(snapshots_, &SnapshotController::viewRenamed, this, [this] {
        const int row = snapshots_->viewedRow();
        banner_->showSnapshot(row >= 0 ? &snapshots_->model()->at(row) : nullptr);
    });
    connect(snapshots_, &SnapshotController::message, this, [this](const QString& m) {
        statusBar()->showMessage(m, 5000);
        log_->append(storage::LogLevel::Info, m);
    });
    connect(snapshotsPanel_, &SnapshotsPanel::compareRequested, this, &MainWindow::compareSnapshots);
    connect(snapshotsPanel_, &SnapshotsPanel::saveRequested, this,
            [this](int row) { chooseFolderAndSave(row); });
    auto* model = snapshots_->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, [this] {
            if (compare_) compare_->setSnapshots(snapshots_->model()->all());  // offers the ones there are
            updateActions();
        });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
}

void MainWindow::snapshotViewChanged() {
    const int row = snapshots_->viewedRow();
    const NamedSnapshot* viewed = row >= 0 ? &snapshots_->model()->at(row) : nullptr;
    banner_->showSnapshot(viewed);
    // The key list and namespace tree reload themselves (they follow the
    // session's read view); this is the window's part.
    if (session_)
        log_->append(storage::LogLevel::Info, viewed ? tr("viewing snapshot %1").arg(viewed->label())
                                                     : tr("viewing the live database"));
    updateActions();
}

void MainWindow::compareSnapshots(int row) {
    if (!session_) return;
    const auto& all = snapshots_->model()->all();
    if (!compare_) {
        compare_ = new DiffDialog(session_, all, this);  // deletes itself on close
        connect(compare_, &DiffDialog::taskStarted, tasks_, &TaskIndicator::track);
        connect(compare_, &DiffDialog::keyActivated, this, [this](const QByteArray& key) {
            auto show = [this, key] { valueEditor()->showKey(key); };
            if (leaveEditorThen(show)) show();
        });
    } else {
        compare_->setSnapshots(all);
    }
    compare_->setSides(row >= 0 && row < all.size() ? row : static_cast<int>(all.size()) - 1, -1);
    compare_->show();
    compare_->raise();
    compare_->activateWindow();
    compare_->compare();  // asked from a snapshot: show its changes at once (cancellable)
}

DiffDialog* MainWindow::compareDialog() const { return compare_; }

storage::SnapshotPtr MainWindow::snapshotToSave(int row) const {
    if (row == kViewedOrWhole) row = snapshots_->viewedRow();
    return row >= 0 && row < snapshots_->model()->size() ? snapshots_->model()->at(row).snapshot : nullptr;
}

void MainWindow::chooseFolderAndSave(int row, const std::function<void()>& then) {
    if (!session_) return;
    // What to save is decided now: the rows may change while the picker is open.
    storage::SnapshotPtr snapshot = snapshotToSave(row);
    QString what = tr("Save Database to Disk");
    for (const auto& s : snapshots_->model()->all())
        if (snapshot && s.snapshot == snapshot) what = tr("Save Snapshot “%1” to Disk").arg(s.name);
    auto* dialog = new QFileDialog(this, what);
    dialog->setObjectName(QStringLiteral("saveToDiskDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setLabelText(QFileDialog::Accept, tr("Save Here"));
    dialog->setDirectory(QFileInfo(QString::fromStdString(session_->info().path)).absolutePath());
    QPointer<StorageSession> session = session_;
    connect(dialog, &QFileDialog::fileSelected, this, [this, session, snapshot, then](const QString& folder) {
        if (session && session == session_) saveSnapshotToDisk(snapshot, folder, then);
    });
    dialog->open();
}

void MainWindow::saveToDisk(int row, const QString& destination, const std::function<void()>& then) {
    if (session_) saveSnapshotToDisk(snapshotToSave(row), destination, then);
}

void MainWindow::saveSnapshotToDisk(storage::SnapshotPtr snapshot, const QString& destination,
                                    const std::function<void()>& then) {
    if (!session_ || destination.isEmpty()) return;
    const bool wholeMemory = !snapshot && session_->info().backend == storage::Backend::Memory;
    const SaveJob job = ui::saveToDisk(*session_, std::move(snapshot), destination);
    saving_ = job.future;
    tasks_->track(tr("Saving to %1").arg(QFileInfo(destination).fileName()), saving_);
    // A watcher rather than deliver(): a cancelled save must say so too.
    auto* watcher = new QFutureWatcher<void>(this);
    QPointer<StorageSession> session = session_;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, destination, then, wholeMemory, session] {
        watcher->deleteLater();
        if (!job.outcome->ran || job.outcome->status.code() == storage::Status::Code::Cancelled) {
            const QString text = tr("Save to disk cancelled; nothing was written to %1.").arg(destination);
            statusBar()->showMessage(text, 8000);
            log_->append(storage::LogLevel::Info, text);
            return;
        }
        const SaveOutcome& outcome = *job.outcome;  // a cancel that came too late leaves it saved
        if (!outcome.status.ok()) {
            showError(tr("Could not save to disk"), QString::fromStdString(outcome.status.message()));
            return;
        }
        if (wholeMemory && session == session_) memoryAcceptedSequence_ = outcome.sequence;
        const QString text = describeSave(outcome, destination);
        log_->append(storage::LogLevel::Info, text);
        statusBar()->showMessage(text, 8000);
        if (then) {
            if (session == session_) then();
            return;
        }
        auto* box = new QMessageBox(QMessageBox::Information, tr("Saved to Disk"), text, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("savedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton* open = box->addButton(tr("Open It"), QMessageBox::ActionRole);
        connect(open, &QPushButton::clicked, this, [this, destination] { openWithDefaultMode(destination); });
        box->open();
    });
    watcher->setFuture(saving_);
}

bool MainWindow::mayLeaveDatabaseThen(const std::function<void()>& next) {
    if (leavePending_) return false;  // a wait or a question is under way; it goes on from there
    return leaveEditorThen(next) && waitForWritesThen(next) && leaveMemoryThen(next);
}

bool MainWindow::waitForWritesThen(const std::function<void()>& next) {
    auto resume = [this, next] {
        leavePending_ = false;
        next();  // asks again: by then nothing is being written
    };
    if (saving_.isRunning()) {
        // Closing would cancel it (and a checkpoint cannot stop half-way): wait.
        leavePending_ = true;
        statusBar()->showMessage(tr("Waiting for the save to disk to finish (Cancel in the status bar stops it)…"));
        auto* watcher = new QFutureWatcher<void>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [watcher, resume] {
            watcher->deleteLater();
            resume();
        });
        watcher->setFuture(saving_);
        return false;
    }
    if (editActions_->controller()->isBusy()) {
        // Edits still queued would be dropped with the session: let them land.
        leavePending_ = true;
        statusBar()->showMessage(tr("Waiting for edits to be written…"));
        editActions_->controller()->whenIdle(this, resume);
        return false;
    }
    return true;
}

bool MainWindow::leaveMemoryThen(const std::function<void()>& next) {
    if (memoryLeaveApproved_) return true;  // asked (or found nothing to save) just now: `next` is running
    if (!session_ || session_->info().backend != storage::Backend::Memory) return true;
    QPointer<StorageSession> session = session_;
    // `next` asks again: this time the answer is yes, at once.
    auto proceed = [this, next] {
        memoryLeaveApproved_ = true;
        next();
        memoryLeaveApproved_ = false;
    };
    leavePending_ = true;
    // Writes queued before the close request have landed (waitForWritesThen),
    // so the sequence read here covers them.
    StorageSession::deliver(memoryContents(*session_), this, [this, next, proceed, session](MemoryContents contents) {
        leavePending_ = false;
        if (session != session_) return;  // closed or replaced meanwhile
        if (contents.keys == 0 || memoryAcceptedSequence_ == contents.sequence) return proceed();
        const QString name = QFileInfo(QString::fromStdString(session_->info().path)).fileName();
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Save the In-Memory Database?"),
                                    (contents.keys == 1
                                         ? tr("“%1” is held in memory only: its one key is lost when it closes.")
                                         : tr("“%1” is held in memory only: its %2 keys are lost when it closes."))
                                        .arg(name.isEmpty() ? tr("In-memory database") : name,
                                             QLocale().toString(static_cast<qulonglong>(contents.keys))),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("saveMemoryBox"));
        box->setInformativeText(tr("Save them to disk as a RocksDB database first?"));
        box->setDefaultButton(QMessageBox::Save);
        box->setAttribute(Qt::WA_DeleteOnClose);
        leavePending_ = true;  // one question at a time
        const std::uint64_t sequence = contents.sequence;
        connect(box, &QMessageBox::finished, this, [this, box, next, proceed, sequence, session](int) {
            leavePending_ = false;
            if (session != session_) return;
            const auto choice = box->standardButton(box->clickedButton());
            if (choice == QMessageBox::Discard) {
                memoryAcceptedSequence_ = sequence;
                proceed();
            } else if (choice == QMessageBox::Save) {
                // The whole database; then `next` checks again, and asks again
                // if keys were written while the save ran.
                chooseFolderAndSave(kWholeDatabase, next);
            }
        });
        box->open();
    });
    return false;
}

}  // namespace meridian::ui
