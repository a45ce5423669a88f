// Pacing writers to a rate, for the spill's drain (hybrid_core.cpp): while
// the log of writes made during the copy is applied, writers go at half the
// rate it is applied at, so the log shrinks, and each waits only for as long
// as it is ahead of that rate (microseconds at a time) rather than stopping
// until a whole slice is applied. RocksDB slows writers the same way when
// compaction falls behind (its "delayed write rate").
//
// Internal to storage/hybrid. Not thread-safe: the caller holds a lock.
// Pure: time is passed in, so a test can drive it.
#pragma once

#include <chrono>
#include <cstdint>

namespace meridian::storage::hybrid {

class Pace {
public:
    using Clock = std::chrono::steady_clock;

    // From `now`, at `bytesPerSecond` (at least 1 MiB/s), with nothing granted yet.
    void start(Clock::time_point now, double bytesPerSecond);
    // The rate from `now` on; what was granted until now stays granted.
    void setRate(Clock::time_point now, double bytesPerSecond);
    double rate() const { return rate_; }

    // Zero: a write of `bytes` may go now (and is counted). Otherwise how long
    // to wait before asking again: writes already counted are ahead of the
    // rate by that much. A write larger than the rate allows in one go is let
    // through when nothing is ahead, and those after it wait for it.
    Clock::duration admit(Clock::time_point now, std::uint64_t bytes);

private:
    double granted(Clock::time_point now) const;

    double rate_ = 0;
    double grantedBefore_ = 0;  // granted until since_
    Clock::time_point since_{};
    double used_ = 0;
};

}  // namespace meridian::storage::hybrid
