// ReadLanes: the threads a session's quick reads run on (a page of keys, a
// value, a namespace level), apart from its long work and its catch-ups.
//
// Each lane is a pool of one thread that never expires, so a thread keeps
// what RocksDB caches per thread. That matters when following a live writer:
// a read takes RocksDB's database mutex when its thread has not read since
// the last catch-up replaced the database's state, and a catch-up holds that
// mutex while it replays the writer's log (seconds beside a busy writer).
// The catch-up lane therefore has every lane touch the new state right after
// each catch-up (touchEach), before the next one starts: reads then never
// wait for a catch-up, and a catch-up may wait for reads.
//
// run() picks the lane with the least work queued. Results come back as a
// QFuture; receive them with onResult() (ui/common/async.h).
//
// Thread safety: run() and touchEach() may be called from any thread;
// touchEach() blocks until every lane ran its task, so never call it on a
// lane or on the UI thread. The destructor waits for the lanes' work.
#pragma once

#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "ui/common/async.h"

namespace meridian::ui {

class ReadLanes {
public:
    explicit ReadLanes(int count = 2);
    ~ReadLanes();
    ReadLanes(const ReadLanes&) = delete;
    ReadLanes& operator=(const ReadLanes&) = delete;

    template <class F>
    auto run(F&& work) {
        Lane& lane = leastBusy();
        lane.queued.fetch_add(1);
        return runOn(&lane.pool, [&lane, work = std::forward<F>(work)]() mutable {
            struct Done {
                std::atomic<int>& queued;
                ~Done() { queued.fetch_sub(1); }
            } done{lane.queued};
            return work();
        });
    }

    // Runs `touch` once on every lane; returns when all have run it.
    void touchEach(const std::function<void()>& touch);
    void waitForDone();

private:
    struct Lane {
        QThreadPool pool;
        std::atomic<int> queued{0};
    };
    Lane& leastBusy();
    std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace meridian::ui
