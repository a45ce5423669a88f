// MainWindow and snapshots: the Snapshots dock, the banner shown while one is
// viewed, comparing, and saving to disk (SaveToDiskController).
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QStatusBar>
#include <QVBoxLayout>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/common/app_icons.h"
#include "ui/common/async.h"
#include "ui/common/task_indicator.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_editor.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/diff_dialog.h"
#include "ui/snapshots/save_to_disk_controller.h"
#include "ui/snapshots/snapshot_banner.h"
#include "ui/window/damage_banner.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/snapshots/snapshots_panel.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildSnapshots() {
    snapshots_ = new SnapshotController(this);
    snapshots_->setGuard([this](const std::function<void()>& next) { return editActions_->leaveEditorThen(next); });
    diskSaves_ = new SaveToDiskController(snapshots_, this);
    connect(diskSaves_, &SaveToDiskController::taskStarted, tasks_, &TaskIndicator::track);
    connect(diskSaves_, &SaveToDiskController::message, this, [this](const QString& text) {
        log_->append(storage::LogLevel::Info, text);
        statusBar()->showMessage(text, 8000);
    });
    connect(diskSaves_, &SaveToDiskController::failed, this, &MainWindow::showError);
    connect(diskSaves_, &SaveToDiskController::openRequested, this,
            [this](const QString& path) { openWithDefaultMode(path); });
    snapshotsPanel_ = new SnapshotsPanel(snapshots_, this);
    addDockWidget(Qt::LeftDockWidgetArea, snapshotsPanel_);
    resizeDocks({snapshotsPanel_}, {200}, Qt::Vertical);

    // The banner goes above the key list and the value editor.
    banner_ = new SnapshotBanner(snapshots_->backToLiveAction(), this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    damageBanner_ = new DamageBanner(this);  // a damaged database's warnings, while it is open
    layout->addWidget(damageBanner_);
    layout->addWidget(banner_);
    layout->addWidget(takeCentralWidget(), 1);
    setCentralWidget(central);

    saveToDiskAction_ = new QAction(actionIcon(QStringLiteral("save-disk")), tr("Save to &Disk…"), this);
    saveToDiskAction_->setObjectName(QStringLiteral("saveToDiskAction"));
    connect(saveToDiskAction_, &QAction::triggered, this,
            [this] { diskSaves_->chooseFolderAndSave(SaveTarget::viewedOrWhole()); });
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
            [this](int row) { diskSaves_->chooseFolderAndSave(SaveTarget::snapshotAt(row)); });
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
            if (editActions_->leaveEditorThen(show)) show();
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

}  // namespace meridian::ui
