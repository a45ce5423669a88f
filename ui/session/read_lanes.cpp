#include "ui/session/read_lanes.h"

#include <QSemaphore>

namespace meridian::ui {

ReadLanes::ReadLanes(int count) {
    for (int i = 0; i < count; ++i) {
        auto lane = std::make_unique<Lane>();
        lane->pool.setMaxThreadCount(1);
        lane->pool.setExpiryTimeout(-1);  // the same thread for the session's life: see the header
        lanes_.push_back(std::move(lane));
    }
}

ReadLanes::~ReadLanes() { waitForDone(); }

void ReadLanes::waitForDone() {
    for (auto& lane : lanes_) lane->pool.waitForDone();
    detail::TsanHandOff::onUiThread();  // what the tasks did happens before this (async.h)
}

ReadLanes::Lane& ReadLanes::leastBusy() {
    Lane* best = lanes_.front().get();
    for (auto& lane : lanes_)
        if (lane->queued.load() < best->queued.load()) best = lane.get();
    return *best;
}

void ReadLanes::touchEach(const std::function<void()>& touch) {
    // A semaphore, not QFuture::waitForFinished(): that may run a task that
    // has not started on the waiting thread, which is the wrong thread here.
    auto done = std::make_shared<QSemaphore>(0);
    for (auto& lane : lanes_)
        runOn(&lane->pool, [touch, done] {
            touch();
            done->release();
        });
    done->acquire(static_cast<int>(lanes_.size()));
}

}  // namespace meridian::ui
