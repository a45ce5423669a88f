// CatchUpLane: a session's catch-ups with a live writer (following live), on
// a thread of their own, so that reads never queue behind them.
//
// request() returns a catch-up that starts no earlier than the call: requests
// made while one waits to start share it, so F5 held down, the toolbar and
// auto-refresh together cost one catch-up, not a queue of them. After each
// catch-up the read lanes touch the new state before the lane takes the next
// one (read_lanes.h says why): the returned future finishes after that.
//
// follow() keeps the follower close behind the writer in the background (a
// catch-up `interval` after the previous one finished), so that a refresh
// replays a second of the writer's log, not everything since the last one.
// Each catch-up, asked for or not, is announced by caughtUp().
//
// Lifetimes: `storage` is asked for the storage to catch up (the session's
// current column family) on the UI thread at each request; `lanes` must
// outlive the lane. The destructor stops following and waits for the
// catch-up in flight (it cannot be interrupted; RocksDB's is seconds at most
// beside a busy writer when following).
//
// Thread safety: UI thread only.
#pragma once

#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

#include "storage/storage.h"

namespace meridian::ui {

class ReadLanes;

class CatchUpLane : public QObject {
    Q_OBJECT
public:
    CatchUpLane(std::function<storage::StoragePtr()> storage, ReadLanes& lanes, QObject* parent = nullptr);
    ~CatchUpLane() override;

    QFuture<storage::Status> request();
    void follow(int intervalMs);
    void stopFollowing();
    bool isFollowing() const { return following_; }
    bool isBusy() const { return inFlight_ > 0; }
    // Catch-ups finished so far.
    quint64 finished() const { return finished_; }

signals:
    void caughtUp(const storage::Status& status);

private:
    void scheduleNext();

    std::function<storage::StoragePtr()> storage_;
    ReadLanes& lanes_;
    QThreadPool pool_;
    QFuture<storage::Status> queued_;
    std::shared_ptr<std::atomic_bool> queuedStarted_;
    QTimer next_;
    bool following_ = false;
    int inFlight_ = 0;
    quint64 finished_ = 0;
};

}  // namespace meridian::ui
