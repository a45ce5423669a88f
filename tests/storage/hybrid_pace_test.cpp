// The pace a hybrid store's writers keep while its spill applies the log
// (storage/hybrid/hybrid_pace.h), with time passed in: the rate is kept, no
// single wait is longer than one write's share, a new rate applies from then
// on, an idle writer saves up at most a burst, and a batch larger than the
// pace goes through with the writes after it waiting for it.
#include <QtTest>

#include <chrono>

#include "storage/hybrid/hybrid_pace.h"

using meridian::storage::hybrid::Pace;

class HybridPaceTest : public QObject {
    Q_OBJECT

private slots:
    void paceKeepsWritersToItsRateInShortWaits() {
        using namespace std::chrono;
        meridian::storage::hybrid::Pace pace;
        auto t = Pace::Clock::time_point{} + hours(1);
        pace.start(t, 10e6);  // 10 MB/s
        // A writer as fast as it can be, 1 KiB at a time, for a second.
        const auto end = t + seconds(1);
        double admitted = 0;
        Pace::Clock::duration longest{};
        while (t < end) {
            const auto wait = pace.admit(t, 1024);
            if (wait == Pace::Clock::duration::zero()) admitted += 1024;
            else t += wait;
            longest = std::max(longest, wait);
        }
        QVERIFY2(admitted >= 9.9e6 && admitted <= 10.1e6, qPrintable(QString::number(admitted)));
        QVERIFY(longest <= microseconds(110));  // never longer than one write's share
        // A new rate applies from now on; what was granted stays granted.
        pace.setRate(t, 1e9);
        QVERIFY(pace.admit(t + microseconds(2), 4096) == Pace::Clock::duration::zero());
        QVERIFY(pace.admit(t + microseconds(2), 4096) != Pace::Clock::duration::zero());
        QVERIFY(pace.admit(t + microseconds(10), 4096) == Pace::Clock::duration::zero());
        // An idle writer saves up at most a burst of 1 MiB.
        t += seconds(60);
        double burst = 0;
        while (pace.admit(t, 64 * 1024) == Pace::Clock::duration::zero()) burst += 64 * 1024;
        QVERIFY2(burst <= (1 << 20) + 64 * 1024, qPrintable(QString::number(burst)));
        // A write bigger than a second's pace goes when nothing is ahead, and the next waits for it.
        pace.start(t, 1 << 20);
        QVERIFY(pace.admit(t, 8 << 20) == Pace::Clock::duration::zero());
        const auto wait = pace.admit(t, 1);
        QVERIFY(wait > seconds(7) && wait <= seconds(8));
    }
};

QTEST_GUILESS_MAIN(HybridPaceTest)
#include "hybrid_pace_test.moc"
