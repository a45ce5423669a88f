#include "ui/window/following_live.h"

#include "ui/common/async.h"
#include "ui/lockdoctor/lock_doctor_presenter.h"
#include "ui/lockdoctor/lock_watcher.h"
#include "ui/session/storage_session.h"
#include "ui/window/writer_exited_banner.h"

namespace meridian::ui {

namespace {
// Short: a catch-up replays what the writer wrote since the previous one, so
// the closer they follow each other the less a refresh waits for.
constexpr int kFollowIntervalMs = 250;
}

FollowingLive::FollowingLive(WriterExitedBanner* banner, QObject* parent)
    : QObject(parent), banner_(banner), watcher_(new LockWatcher(this)) {
    connect(watcher_, &LockWatcher::diagnosed, this, &FollowingLive::diagnosed);
}

void FollowingLive::setSession(StorageSession* session) {
    session_ = session;
    writer_.clear();
    banner_->hide();
    const bool following = session && session->info().mode == storage::OpenMode::Secondary;
    if (!following) {
        watcher_->stop();
        watcher_->setPath({});
        return;
    }
    watcher_->setPath(QString::fromStdString(session->info().path));
    watcher_->start();
    watcher_->probe();

    QFuture<storage::Status> first = session->catchUp();
    session->follow(kFollowIntervalMs);
    emit taskStarted(tr("Catching up with the writer"), QFuture<void>(first));
    onResult(
        first, this,
        [this, session](const storage::Status&) {
            if (session == session_) emit firstCatchUpFinished();
        },
        [this, session] {
            if (session == session_) session->stopFollowing();  // Cancel: the view stays as it is until Refresh
        });
}

void FollowingLive::diagnosed(const storage::LockDiagnosis& diagnosis) {
    if (!session_) return;
    using storage::LockState;
    if (diagnosis.state == LockState::HeldByOtherProcess) {
        writer_ = diagnosis.holder ? holderLabel(diagnosis) : tr("Another program");
        banner_->hide();
        return;
    }
    const bool free = diagnosis.state == LockState::Free || diagnosis.state == LockState::NoLockFile ||
                      diagnosis.state == LockState::NotWritable;
    if (!free || writer_.isEmpty()) return;
    const QString writer = writer_;
    writer_.clear();
    session_->catchUp();  // what it wrote last
    banner_->showExited(watcher_->path(), writer);
    emit writerExited(writer);
}

}  // namespace meridian::ui
