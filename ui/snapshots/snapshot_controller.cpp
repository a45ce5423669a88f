#include "ui/snapshots/snapshot_controller.h"

#include <QAction>

#include "ui/common/app_icons.h"
#include "ui/common/async.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/snapshot_list_model.h"

namespace meridian::ui {

SnapshotController::SnapshotController(QObject* parent)
    : QObject(parent), model_(new SnapshotListModel(this)), take_(new QAction(this)), live_(new QAction(this)) {
    take_->setObjectName(QStringLiteral("takeSnapshotAction"));
    take_->setText(tr("Take &Snapshot"));
    take_->setIcon(actionIcon(QStringLiteral("snapshot")));
    take_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    take_->setProperty("tip", tr("A named, point-in-time view of the database (Ctrl+Shift+S)"));
    connect(take_, &QAction::triggered, this, [this] { take(); });

    live_->setObjectName(QStringLiteral("backToLiveAction"));
    live_->setText(tr("Back to &Live"));
    live_->setIcon(actionIcon(QStringLiteral("live")));
    live_->setToolTip(tr("Browse and edit the live database again"));
    connect(live_, &QAction::triggered, this, &SnapshotController::backToLive);
    connect(model_, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
        const int viewed = model_->viewedRow();
        if (!session_ || viewed < from.row() || viewed > to.row()) return;
        session_->renameReadView(model_->at(viewed).name);
        emit viewRenamed();
    });
    updateActions();
}

void SnapshotController::setSession(StorageSession* session) {
    ++generation_;
    session_ = session;
    model_->clear();  // snapshots belong to the database they were taken of
    updateActions();
}

QString SnapshotController::cannotTakeReason() const {
    if (!session_) return tr("Open a database first.");
    if (session_->info().mode == storage::OpenMode::Secondary)
        return tr("A database followed live cannot hold a snapshot: RocksDB ignores snapshots on this kind of "
                  "instance. Open it read-only for a fixed view, or save it to disk.");
    return {};
}

void SnapshotController::take(const QString& name) {
    if (const QString why = cannotTakeReason(); !why.isEmpty()) {
        emit message(why);
        return;
    }
    const quint64 generation = generation_;
    const QDateTime at = QDateTime::currentDateTime();
    auto takeNow = [this, generation, at, name] {
        if (generation != generation_ || !session_) return;  // closed meanwhile
        onResult(session_->run([](storage::Storage& s) { return s.snapshot(); }), this,
                                [this, generation, at, name](storage::SnapshotPtr snapshot) {
                                    if (generation != generation_ || !snapshot) return;
                                    const int row = model_->add({name, at, std::move(snapshot)});
                                    emit message(tr("Took %1").arg(model_->at(row).label()));
                                    emit taken(row);
                                });
    };
    if (barrier_) barrier_(takeNow);
    else takeNow();
}

void SnapshotController::view(int row) {
    if (!session_ || row < 0 || row >= model_->size() || row == model_->viewedRow()) return;
    const storage::SnapshotPtr wanted = model_->at(row).snapshot;
    auto go = [this, wanted] {
        // The row may have moved (a release) while the user was asked about edits.
        for (int r = 0; r < model_->size(); ++r)
            if (model_->at(r).snapshot == wanted) return applyView(r);
    };
    if (!guard_ || guard_(go)) go();
}

void SnapshotController::backToLive() {
    if (!session_ || model_->viewedRow() < 0) return;
    auto go = [this] {
        if (model_->viewedRow() >= 0) applyView(-1);
    };
    if (!guard_ || guard_(go)) go();
}

void SnapshotController::applyView(int row) {
    if (!session_) return;
    model_->setViewedRow(row);
    if (row < 0) session_->clearReadView();
    else session_->setReadView(model_->at(row).snapshot, model_->at(row).name);
    updateActions();
    emit viewChanged();
}

void SnapshotController::release(int row) {
    if (row < 0 || row >= model_->size()) return;
    if (row == model_->viewedRow()) {
        // Unsaved edits cannot exist while viewing (editing is off): go back at once.
        applyView(-1);
    }
    const QString name = model_->at(row).name;
    model_->remove(row);
    emit message(tr("Released %1").arg(name));
    updateActions();
}

int SnapshotController::viewedRow() const { return model_->viewedRow(); }

void SnapshotController::updateActions() {
    const QString why = cannotTakeReason();
    take_->setEnabled(why.isEmpty());
    take_->setToolTip(why.isEmpty() ? take_->property("tip").toString() : why);
    live_->setEnabled(model_->viewedRow() >= 0);
}

}  // namespace meridian::ui
