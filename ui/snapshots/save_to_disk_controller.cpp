#include "ui/snapshots/save_to_disk_controller.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

#include "ui/common/async.h"
#include "ui/common/folder_dialog.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/disk_save.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"

namespace meridian::ui {


SaveToDiskController::SaveToDiskController(SnapshotController* snapshots, QWidget* dialogParent)
    : QObject(dialogParent), snapshots_(snapshots), dialogParent_(dialogParent) {}

void SaveToDiskController::setSession(StorageSession* session) { session_ = session; }

storage::SnapshotPtr SaveToDiskController::snapshotFor(SaveTarget target) const {
    int row = target.row;
    switch (target.kind) {
    case SaveTarget::Kind::WholeDatabase: return nullptr;
    case SaveTarget::Kind::ViewedOrWhole: row = snapshots_->viewedRow(); break;
    case SaveTarget::Kind::Snapshot: break;
    }
    return row >= 0 && row < snapshots_->model()->size() ? snapshots_->model()->at(row).snapshot : nullptr;
}

void SaveToDiskController::chooseFolderAndSave(SaveTarget target, std::function<void()> then) {
    if (!session_) return;
    // What to save is decided now: the rows may change while the picker is open.
    storage::SnapshotPtr snapshot = snapshotFor(target);
    QString what = tr("Save Database to Disk");
    for (const auto& s : snapshots_->model()->all())
        if (snapshot && s.snapshot == snapshot) what = tr("Save Snapshot “%1” to Disk").arg(s.name);
    auto* dialog = new NewOrEmptyFolderDialog(dialogParent_, what, tr("Save Here"),
                                              QFileInfo(QString::fromStdString(session_->info().path)).absolutePath());
    dialog->setObjectName(QStringLiteral("saveToDiskDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<StorageSession> session = session_;
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, session, snapshot, then = std::move(then)](const QString& folder) {
                if (session && session == session_) saveSnapshot(snapshot, folder, then);
            });
    dialog->open();
}

void SaveToDiskController::save(SaveTarget target, const QString& destination, std::function<void()> then) {
    if (session_) saveSnapshot(snapshotFor(target), destination, std::move(then));
}

void SaveToDiskController::whenSaved(QObject* guard, std::function<void()> next) {
    if (!saving_.isRunning()) return next();
    auto done = [next = std::move(next)] { next(); };
    onFinished(saving_, guard, done, done);
}

void SaveToDiskController::saveSnapshot(storage::SnapshotPtr snapshot, const QString& destination,
                                        std::function<void()> then) {
    if (!session_ || destination.isEmpty()) return;
    const bool wholeMemory = !snapshot && session_->info().backend == storage::Backend::Memory;
    const SaveJob job = ui::saveToDisk(*session_, std::move(snapshot), destination);
    saving_ = job.future;
    emit taskStarted(tr("Saving to %1").arg(QFileInfo(destination).fileName()), saving_);
    QPointer<StorageSession> session = session_;
    // Cancelled or not, the outcome says what happened: a cancel that came
    // after the last key leaves a saved database.
    onJobFinished(job, this, [this, destination, then, wholeMemory, session](const SaveOutcome& outcome) {
        if (!outcome.ran || outcome.status.code() == storage::Status::Code::Cancelled) {
            emit message(tr("Save to disk cancelled; nothing was written to %1.").arg(destination));
            return;
        }
        if (!outcome.status.ok()) {
            emit failed(tr("Could not save to disk"), QString::fromStdString(outcome.status.message()));
            return;
        }
        if (wholeMemory && session == session_) emit wholeMemorySaved(outcome.sequence);
        const QString text = describeSave(outcome, destination);
        emit message(text);
        if (then) {
            if (session == session_) then();
            return;
        }
        auto* box = new QMessageBox(QMessageBox::Information, tr("Saved to Disk"), text, QMessageBox::Ok, dialogParent_);
        box->setObjectName(QStringLiteral("savedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton* open = box->addButton(tr("Open It"), QMessageBox::ActionRole);
        connect(open, &QPushButton::clicked, this, [this, destination] { emit openRequested(destination); });
        box->open();
    });
}

}  // namespace meridian::ui
