// FollowingLive: what the window does while its database is open following
// a live writer (a secondary instance):
//   - keeps the follower a second behind the writer in the background
//     (StorageSession::follow), so that a refresh replays little;
//   - shows the first catch-up (the writer's log since its last flush: the
//     open itself reads only the table files) in the task indicator, with a
//     Cancel that stops following (the view stays as it is until Refresh);
//   - watches the LOCK with the lock doctor's watcher and, when the program
//     that held it exits (or is killed), catches up a last time and shows the
//     WriterExitedBanner, within about a second.
// Nothing for other sessions.
//
// Lifetimes: the session is the window's; setSession(nullptr) before it goes.
// Thread safety: UI thread only.
#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>

#include "storage/lock/lock_probe.h"

namespace meridian::ui {

class LockWatcher;
class StorageSession;
class WriterExitedBanner;

class FollowingLive : public QObject {
    Q_OBJECT
public:
    FollowingLive(WriterExitedBanner* banner, QObject* parent = nullptr);

    void setSession(StorageSession* session);
    LockWatcher* lockWatcher() const { return watcher_; }
    // "db_bench (PID 4242)" while a program holds the lock, "" otherwise.
    QString writer() const { return writer_; }

signals:
    void taskStarted(const QString& what, QFuture<void> future);
    // The first catch-up finished: the views should show the writer's latest.
    void firstCatchUpFinished();
    void writerExited(const QString& writer);

private:
    void diagnosed(const storage::LockDiagnosis& diagnosis);

    WriterExitedBanner* banner_;
    LockWatcher* watcher_;
    QPointer<StorageSession> session_;
    QString writer_;
};

}  // namespace meridian::ui
