// UiThreadWatch: how long the UI thread went without running its event loop
// while something ran: the longest gap between ticks of a 5 ms timer, from
// start() to finish(). What the user feels as a stall is the gap beyond the
// tick. UI thread only; header-only, for the benchmarks that show values.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>

namespace meridian::bench {

class UiThreadWatch {
public:
    static constexpr int kTickMs = 5;

    UiThreadWatch() {
        tick_.setTimerType(Qt::PreciseTimer);
        tick_.setInterval(kTickMs);
        QObject::connect(&tick_, &QTimer::timeout, [this] { mark(); });
    }

    void start() {
        worst_ = 0;
        last_ = 0;
        clock_.start();
        tick_.start();
    }
    // Milliseconds since start().
    double elapsedMs() const { return static_cast<double>(clock_.nsecsElapsed()) / 1e6; }
    // Stops watching; the longest gap seen, in milliseconds.
    double finish() {
        tick_.stop();
        mark();
        return worst_;
    }

private:
    void mark() {
        const double now = elapsedMs();
        worst_ = std::max(worst_, now - last_);
        last_ = now;
    }

    QElapsedTimer clock_;
    QTimer tick_;
    double last_ = 0;
    double worst_ = 0;
};

}  // namespace meridian::bench
