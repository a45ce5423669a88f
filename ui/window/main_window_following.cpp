// MainWindow while it follows a live writer: the first catch-up in the task
// indicator, the background catch-ups, and the bar when the writer exits
// (ui/window/following_live.h).
#include <QFileInfo>
#include <QLayout>

#include "ui/common/task_indicator.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/window/damage_banner.h"
#include "ui/window/following_live.h"
#include "ui/window/main_window.h"
#include "ui/window/writer_exited_banner.h"

namespace meridian::ui {

void MainWindow::buildFollowing() {
    writerBanner_ = new WriterExitedBanner(this);
    // Under the damage banner, above the key list (main_window_snapshots.cpp lays them out).
    if (auto* layout = qobject_cast<QBoxLayout*>(damageBanner_->parentWidget()->layout()))
        layout->insertWidget(layout->indexOf(damageBanner_) + 1, writerBanner_);
    writerBanner_->hide();
    following_ = new FollowingLive(writerBanner_, this);
    connect(following_, &FollowingLive::taskStarted, tasks_, &TaskIndicator::track);
    connect(following_, &FollowingLive::firstCatchUpFinished, this, &MainWindow::refresh);
    connect(following_, &FollowingLive::writerExited, this, [this](const QString& writer) {
        log_->append(storage::LogLevel::Info, tr("%1 has exited: the database is free").arg(writer));
        refresh();
    });
    connect(writerBanner_, &WriterExitedBanner::openForEditing, this,
            [this](const QString& path) { openDatabase(path, storage::OpenMode::ReadWrite); });
}

// The registry cannot turn a read-only or following handle read-write, so
// opening the same database read-write goes through reopen(): it closes the
// view first, keeps what the user looks at, and opens it as it was again if
// the read-write open fails.
bool MainWindow::reopensForEditing(const QString& path, storage::OpenMode mode) const {
    if (!session_ || mode != storage::OpenMode::ReadWrite) return false;
    const storage::StorageInfo info = session_->info();
    if (info.backend != storage::Backend::RocksDb || info.mode == storage::OpenMode::ReadWrite) return false;
    return QFileInfo(path).canonicalFilePath() == QFileInfo(QString::fromStdString(info.path)).canonicalFilePath();
}

}  // namespace meridian::ui
