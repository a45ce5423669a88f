#include "storage/hybrid/hybrid_pace.h"

#include <algorithm>

namespace meridian::storage::hybrid {

namespace {
constexpr double kMinRate = 1 << 20;  // bytes a second: a stalled estimate still lets writers on
constexpr double kBurst = 1 << 20;    // what an idle writer saves up, at most
}

void Pace::start(Clock::time_point now, double bytesPerSecond) {
    rate_ = std::max(bytesPerSecond, kMinRate);
    grantedBefore_ = 0;
    used_ = 0;
    since_ = now;
}

double Pace::granted(Clock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - since_).count();
    return grantedBefore_ + rate_ * std::max(elapsed, 0.0);
}

void Pace::setRate(Clock::time_point now, double bytesPerSecond) {
    grantedBefore_ = granted(now);
    since_ = now;
    rate_ = std::max(bytesPerSecond, kMinRate);
}

Pace::Clock::duration Pace::admit(Clock::time_point now, std::uint64_t bytes) {
    const double ahead = used_ - granted(now);
    if (ahead < -kBurst) {  // idle for a while: it saves up no more than a burst
        grantedBefore_ = used_ + kBurst;
        since_ = now;
    }
    if (ahead > 0)
        return std::max<Clock::duration>(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(ahead / rate_)),
                                         Clock::duration(1));
    used_ += static_cast<double>(bytes);
    return Clock::duration::zero();
}

}  // namespace meridian::storage::hybrid
