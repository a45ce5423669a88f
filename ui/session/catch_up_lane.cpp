#include "ui/session/catch_up_lane.h"

#include "ui/common/async.h"
#include "ui/session/read_lanes.h"

namespace meridian::ui {

CatchUpLane::CatchUpLane(std::function<storage::StoragePtr()> storage, ReadLanes& lanes, QObject* parent)
    : QObject(parent), storage_(std::move(storage)), lanes_(lanes) {
    pool_.setMaxThreadCount(1);
    next_.setSingleShot(true);
    connect(&next_, &QTimer::timeout, this, [this] {
        if (following_) request();
    });
}

CatchUpLane::~CatchUpLane() {
    stopFollowing();
    pool_.waitForDone();
    detail::TsanHandOff::onUiThread();  // what the catch-up did happens before this (async.h)
}

QFuture<storage::Status> CatchUpLane::request() {
    // Not started yet: it will see everything written until it starts.
    if (queuedStarted_ && !queuedStarted_->load() && !queued_.isFinished()) return queued_;
    auto started = std::make_shared<std::atomic_bool>(false);
    storage::StoragePtr s = storage_();
    ReadLanes* lanes = &lanes_;
    const bool follower = s->info().mode == storage::OpenMode::Secondary;
    QFuture<storage::Status> future = runOn(&pool_, [s, started, lanes, follower] {
        started->store(true);
        storage::Status status = s->catchUp();
        // Any key: what matters is that each lane's thread reads the new state now.
        if (follower) lanes->touchEach([s] { (void)s->get(std::string_view()); });
        return status;
    });
    queued_ = future;
    queuedStarted_ = std::move(started);
    ++inFlight_;
    // Its future cancelled (Cancel in the task indicator) still ends when the
    // catch-up does: RocksDB's cannot be interrupted.
    auto ended = [this] {
        --inFlight_;
        ++finished_;
        scheduleNext();
    };
    onFinished(
        future, this,
        [this, future, ended] {
            ended();
            if (future.resultCount() > 0) emit caughtUp(future.result());
        },
        ended);
    return future;
}

void CatchUpLane::follow(int intervalMs) {
    next_.setInterval(intervalMs);
    if (following_) return;
    following_ = true;
    if (inFlight_ == 0) request();
}

void CatchUpLane::stopFollowing() {
    following_ = false;
    next_.stop();
}

void CatchUpLane::scheduleNext() {
    if (following_ && inFlight_ == 0) next_.start();
}

}  // namespace meridian::ui
