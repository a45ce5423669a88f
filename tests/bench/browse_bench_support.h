// browse_bench's support: failing loudly, timing and printing figures,
// waiting on the UI thread's event loop and watching it for stalls, the raw
// RocksDB counterparts of what the browser does, and the databases.
#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>
#include <QString>
#include <QTimer>

#include <rocksdb/db.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace meridian::bench {

namespace fs = std::filesystem;

inline constexpr std::size_t kFirstPage = 200;   // KeyListModel page sizes, set explicitly by Bench
inline constexpr std::size_t kNextPage = 2000;
inline constexpr int kTimeoutMs = 10 * 60 * 1000;  // for any single wait: something is broken past this

// ---------------------------------------------------------------------------
// Failing loudly. Never thrown through the Qt event loop: slots record what
// went wrong and quit the loop; the code after the loop throws.

struct BenchFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& what);
void check(bool ok, const std::string& what);
std::string hexOf(const std::string& bytes);

// ---------------------------------------------------------------------------
// Timing and reporting.

double msSince(const QElapsedTimer& t);

// CPU time of the whole process (every thread), in ms: less sensitive than
// wall time to other programs on a busy machine.
double cpuMs();
double median(std::vector<double> v);
// Round `round` of a paired measurement: ours first on even rounds, raw first
// on odd ones, so neither side always runs with the warmer cache.
void inAlternatingOrder(int round, const std::function<void()>& ours, const std::function<void()>& raw);
double percentile(std::vector<double> v, double p);
void say(const char* format, ...);

// One figure: "name   ours X   raw Y   ratio Zx   (goal) verdict   note".
void figure(const std::string& name, double ours, double raw, const char* unit, const std::string& goal, bool met,
            const std::string& note = {});

// ---------------------------------------------------------------------------
// Waiting on the UI thread's event loop.

class Waiter {
public:
    void finish() {
        done_ = true;
        loop_.quit();
    }
    bool done() const { return done_; }
    // Runs the event loop until finish() (or fails after timeoutMs).
    void wait(const std::string& what, int timeoutMs = kTimeoutMs) {
        if (done_) return;
        bool timedOut = false;
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop_, [&] {
            timedOut = true;
            loop_.quit();
        });
        guard.start(timeoutMs);
        loop_.exec();
        if (!done_) fail("timed out waiting for " + what + (timedOut ? "" : " (event loop quit early)"));
    }

private:
    QEventLoop loop_;
    bool done_ = false;
};

// Runs the event loop for `ms` milliseconds.
void spin(int ms);

// The longest gap between ticks of a 5 ms timer on the UI thread.
class StallMonitor {
public:
    StallMonitor() {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(5);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const double now = msSince(clock_);
            gaps_.push_back(now - last_);
            last_ = now;
        });
    }
    void start() {
        gaps_.clear();
        clock_.start();
        last_ = 0;
        timer_.start();
    }
    void stop() { timer_.stop(); }
    // Stops, counting the gap from the last tick to now too (work that ends
    // in a stall has no tick after it); the longest gap.
    double finish() {
        timer_.stop();
        gaps_.push_back(msSince(clock_) - last_);
        return maxGap();
    }
    double elapsedMs() const { return msSince(clock_); }
    double maxGap() const { return gaps_.empty() ? 0 : *std::max_element(gaps_.begin(), gaps_.end()); }
    double p99() const { return gaps_.empty() ? 0 : percentile(gaps_, 0.99); }
    std::size_t ticks() const { return gaps_.size(); }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    double last_ = 0;
    std::vector<double> gaps_;
};

std::uint64_t residentBytes();
double mb(double bytes);

// ---------------------------------------------------------------------------
// Raw RocksDB: what a plain RocksDB program would write.

std::unique_ptr<rocksdb::DB> rawOpen(const std::string& path, bool readOnly);
// Seek to the prefix with an upper bound and read one page of keys.
std::vector<std::string> rawPage(rocksdb::DB* db, const std::string& prefix, std::size_t limit);
// Every key, counted. fill_cache off, as RocksDB advises for bulk scans (and
// as ours does for keys-only reads).
std::uint64_t rawCount(rocksdb::DB* db);

// db_bench's key for index i: 8 bytes big-endian, then "00000000".
std::string benchKey(std::uint64_t i);

struct Inventory {
    std::uint64_t keys = 0;
    std::uint64_t keyBytes = 0;
    std::uint64_t walBytes = 0;  // *.log: what every open replays before it can read
    std::uint64_t sstBytes = 0;
    std::vector<std::string> samples;  // keys at 1%, 20%, 40%, 60%, 80%, 99% of the order
};

// ---------------------------------------------------------------------------
// The databases.

// A copy a read-write open may change: SST files are immutable in RocksDB, so
// they are hard links (copies across filesystems); everything else is copied.
// LOCK and the info LOGs are left out.
void makeWorkingCopy(const fs::path& from, const fs::path& to);

struct Database {
    QString label;      // "2M", "20k"
    std::string path;   // never opened read-write
    Inventory inv;
    bool made = false;  // made by this run: the key count is known exactly
};

// The database of `keys` keys: the one named by envVar, or made with db_bench
// in scratch; inventoried either way.
Database prepare(const QString& label, const char* envVar, std::uint64_t keys, const QString& scratch);

}  // namespace meridian::bench
