// browse_bench: how fast the key browser is, printed beside a raw RocksDB
// program doing the same work in the same run.
//
// The machine this runs on is shared and noisy, so every figure is printed
// next to its raw counterpart and as a ratio; repeated figures are medians of
// alternating runs (ours, raw, raw, ours, ...). Nothing here asserts a timing.
// It fails loudly (exit 1) when results are WRONG: counts or keys that differ
// from what the raw iterator sees, an open that fails, a page that never comes.
//
// Databases: `db_bench --benchmarks=fillseq --num=N --compression_type=none`
// with N = 2,000,000 and 20,000, made in a temporary folder, or reused from
// MERIDIAN_BENCH_DB_2M / MERIDIAN_BENCH_DB_20K (never modified: read-only
// opens only, and read-write opens go to a working copy whose immutable SST
// files are hard links). MERIDIAN_DB_BENCH names the db_bench program when it
// is on PATH neither as db_bench nor as rocksdb_db_bench.
//
// Figures:
//  1. open -> first page in the model (MainWindow::openDatabase ->
//     KeyListModel::firstPageLoaded) vs DB::Open + an iterator reading the
//     same page; read-write first open (as double-clicking does when the lock
//     is free; RocksDB replays the WAL db_bench left and flushes it),
//     read-write reopen (WAL already flushed) and read-only.
//  2. prefix change -> first page (several prefixes, median) vs Seek + page.
//  3. exact count throughput (KeyBrowser::countKeys) vs an iterator loop.
//  4. longest gap between 5 ms timer ticks on the UI thread while 3 runs.
//  5. memory after paging 1M rows into the KeyListModel (fetchMore), and
//     beside it how long that paging took and the UI thread's longest stall.
// Timings also show the process CPU time where it helps to see through the
// noise of other programs.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifdef __APPLE__
#include <mach/mach.h>
#else
#include <unistd.h>
#endif

#include "storage/registry.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/session/storage_session.h"
#include "ui/window/main_window.h"

namespace fs = std::filesystem;
using namespace meridian;

namespace {

constexpr std::size_t kFirstPage = 200;   // KeyListModel page sizes, set explicitly below
constexpr std::size_t kNextPage = 2000;
constexpr int kTimeoutMs = 10 * 60 * 1000;  // for any single wait: something is broken past this

// ---------------------------------------------------------------------------
// Failing loudly. Never thrown through the Qt event loop: slots record what
// went wrong and quit the loop; the code after the loop throws.

struct BenchFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& what) { throw BenchFailure(what); }

void check(bool ok, const std::string& what) {
    if (!ok) fail(what);
}

std::string hexOf(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// ---------------------------------------------------------------------------
// Timing and reporting.

double msSince(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

// CPU time of the whole process (every thread), in ms: less sensitive than
// wall time to other programs on a busy machine.
double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
    check(!v.empty(), "median of no samples");
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(std::vector<double> v, double p) {
    check(!v.empty(), "percentile of no samples");
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

void say(const char* format, ...) {
    va_list args;
    va_start(args, format);
    std::vfprintf(stdout, format, args);
    va_end(args);
    std::fflush(stdout);
}

// One figure: "name   ours X   raw Y   ratio Zx   (goal) verdict   note".
void figure(const std::string& name, double ours, double raw, const char* unit, const std::string& goal, bool met,
            const std::string& note = {}) {
    const double ratio = raw > 0 ? ours / raw : 0;
    say("%-36s ours %9.2f %-6s raw %9.2f %-6s ratio %6.2fx   (%s) %s%s%s\n", name.c_str(), ours, unit, raw, unit,
        ratio, goal.c_str(), met ? "met" : "MISSED", note.empty() ? "" : "   ", note.c_str());
}

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
void spin(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

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
    double maxGap() const { return gaps_.empty() ? 0 : *std::max_element(gaps_.begin(), gaps_.end()); }
    double p99() const { return gaps_.empty() ? 0 : percentile(gaps_, 0.99); }
    std::size_t ticks() const { return gaps_.size(); }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    double last_ = 0;
    std::vector<double> gaps_;
};

std::uint64_t residentBytes() {
#ifdef __APPLE__
    mach_task_basic_info info;
    mach_msg_type_number_t count = MACH_TASK_BASIC_INFO_COUNT;
    if (task_info(mach_task_self(), MACH_TASK_BASIC_INFO, reinterpret_cast<task_info_t>(&info), &count) != KERN_SUCCESS)
        fail("task_info failed");
    return info.resident_size;
#else
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    check(f != nullptr, "cannot read /proc/self/statm");
    unsigned long long size = 0, resident = 0;
    const int n = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    check(n == 2, "cannot parse /proc/self/statm");
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
#endif
}

double mb(double bytes) { return bytes / (1024.0 * 1024.0); }

// ---------------------------------------------------------------------------
// Raw RocksDB: what a plain RocksDB program would write.

class NullLogger final : public rocksdb::Logger {
public:
    using rocksdb::Logger::Logv;
    void Logv(const char*, va_list) override {}
};

std::unique_ptr<rocksdb::DB> rawOpen(const std::string& path, bool readOnly) {
    rocksdb::Options options;
    // A read-only open writes nothing into the folder (as ours): no LOG.
    if (readOnly) options.info_log = std::make_shared<NullLogger>();
    rocksdb::DB* db = nullptr;
    const rocksdb::Status s = readOnly ? rocksdb::DB::OpenForReadOnly(options, path, &db)
                                       : rocksdb::DB::Open(options, path, &db);
    check(s.ok(), "raw RocksDB open of " + path + " failed: " + s.ToString());
    return std::unique_ptr<rocksdb::DB>(db);
}

std::optional<std::string> upperBound(const std::string& prefix) {
    std::string upper = prefix;
    while (!upper.empty()) {
        if (static_cast<unsigned char>(upper.back()) != 0xff) {
            upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
            return upper;
        }
        upper.pop_back();
    }
    return std::nullopt;
}

// Seek to the prefix with an upper bound and read one page of keys.
std::vector<std::string> rawPage(rocksdb::DB* db, const std::string& prefix, std::size_t limit) {
    rocksdb::ReadOptions ro;
    const auto upper = upperBound(prefix);
    rocksdb::Slice upperSlice;
    if (upper) {
        upperSlice = rocksdb::Slice(*upper);
        ro.iterate_upper_bound = &upperSlice;
    }
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    std::vector<std::string> keys;
    for (it->Seek(prefix); it->Valid() && keys.size() < limit; it->Next()) {
        if (!it->key().starts_with(prefix)) break;
        keys.push_back(it->key().ToString());
    }
    check(it->status().ok(), "raw iterator: " + it->status().ToString());
    return keys;
}

// Every key, counted. fill_cache off, as RocksDB advises for bulk scans (and
// as ours does for keys-only reads).
std::uint64_t rawCount(rocksdb::DB* db) {
    rocksdb::ReadOptions ro;
    ro.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    std::uint64_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    check(it->status().ok(), "raw iterator: " + it->status().ToString());
    return n;
}

struct Inventory {
    std::uint64_t keys = 0;
    std::uint64_t keyBytes = 0;
    std::uint64_t walBytes = 0;  // *.log: what every open replays before it can read
    std::uint64_t sstBytes = 0;
    std::vector<std::string> samples;  // keys at 1%, 20%, 40%, 60%, 80%, 99% of the order
};

// One raw pass over everything: the exact count every later figure is checked
// against, sample keys for prefixes, and a warm OS page cache for everyone.
Inventory inventory(const std::string& path) {
    auto db = rawOpen(path, true);
    Inventory inv;
    {
        std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
            ++inv.keys;
            inv.keyBytes += it->key().size();
        }
        check(it->status().ok(), "raw iterator: " + it->status().ToString());
    }
    check(inv.keys > 0, path + " holds no keys");
    for (const auto& entry : fs::directory_iterator(path)) {
        if (!entry.is_regular_file()) continue;
        if (entry.path().extension() == ".log") inv.walBytes += entry.file_size();
        if (entry.path().extension() == ".sst") inv.sstBytes += entry.file_size();
    }
    std::vector<std::uint64_t> at;
    for (double f : {0.01, 0.2, 0.4, 0.6, 0.8, 0.99}) at.push_back(static_cast<std::uint64_t>(f * (inv.keys - 1)));
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    std::uint64_t i = 0;
    std::size_t next = 0;
    for (it->SeekToFirst(); it->Valid() && next < at.size(); it->Next(), ++i)
        while (next < at.size() && at[next] == i) {
            inv.samples.push_back(it->key().ToString());
            ++next;
        }
    check(inv.samples.size() == at.size(), "could not sample keys of " + path);
    return inv;
}

// ---------------------------------------------------------------------------
// The databases.

QString findDbBench() {
    const QByteArray env = qgetenv("MERIDIAN_DB_BENCH");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    for (const char* name : {"db_bench", "rocksdb_db_bench"}) {
        const QString found = QStandardPaths::findExecutable(QString::fromLatin1(name));
        if (!found.isEmpty()) return found;
    }
    return {};
}

void makeDatabase(const QString& dir, std::uint64_t keys) {
    const QString dbBench = findDbBench();
    check(!dbBench.isEmpty(),
          "db_bench not found: install RocksDB's tools (Debian: rocksdb-tools), set MERIDIAN_DB_BENCH, or give "
          "existing databases in MERIDIAN_BENCH_DB_2M / MERIDIAN_BENCH_DB_20K");
    const QStringList args{QStringLiteral("--benchmarks=fillseq"), QStringLiteral("--num=%1").arg(keys),
                           QStringLiteral("--db=%1").arg(dir), QStringLiteral("--compression_type=none")};
    say("# making %s: %s %s\n", qPrintable(dir), qPrintable(dbBench), qPrintable(args.join(' ')));
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(dbBench, args);
    check(p.waitForStarted(), "cannot start " + dbBench.toStdString());
    check(p.waitForFinished(kTimeoutMs), "db_bench did not finish");
    const QByteArray output = p.readAll();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        fail("db_bench failed (exit " + std::to_string(p.exitCode()) + "):\n" + output.toStdString());
    say("#   made in %.1f s\n", msSince(t) / 1000);
}

// A copy a read-write open may change: SST files are immutable in RocksDB, so
// they are hard links (copies across filesystems); everything else is copied.
// LOCK and the info LOGs are left out.
void makeWorkingCopy(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::remove_all(to, ec);
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (name == "LOCK" || name.rfind("LOG", 0) == 0) continue;
        if (entry.path().extension() == ".sst") {
            fs::create_hard_link(entry.path(), to / name, ec);
            if (!ec) continue;
        }
        fs::copy_file(entry.path(), to / name, fs::copy_options::overwrite_existing);
    }
}

struct Database {
    QString label;      // "2M", "20k"
    std::string path;   // never opened read-write
    Inventory inv;
    bool made = false;  // made by this run: the key count is known exactly
};

Database prepare(const QString& label, const char* envVar, std::uint64_t keys, const QString& scratch) {
    Database db;
    db.label = label;
    const QByteArray env = qgetenv(envVar);
    if (!env.isEmpty()) {
        const QFileInfo given(QString::fromLocal8Bit(env));
        check(given.isDir() && QFileInfo::exists(given.absoluteFilePath() + "/CURRENT"),
              std::string(envVar) + "=" + env.toStdString() + " is not a RocksDB database folder");
        db.path = given.canonicalFilePath().toStdString();
        say("# %s database: reusing %s (%s)\n", qPrintable(label), db.path.c_str(), envVar);
    } else {
        const QString dir = scratch + "/db" + label;
        makeDatabase(dir, keys);
        db.path = QFileInfo(dir).canonicalFilePath().toStdString();
        db.made = true;
    }
    QElapsedTimer t;
    t.start();
    db.inv = inventory(db.path);
    say("# %s database: %llu keys, %.1f MB of keys, %.1f MB in SST files, %.1f MB of WAL to replay; raw inventory "
        "pass %.0f ms\n",
        qPrintable(label), static_cast<unsigned long long>(db.inv.keys), mb(static_cast<double>(db.inv.keyBytes)),
        mb(static_cast<double>(db.inv.sstBytes)), mb(static_cast<double>(db.inv.walBytes)), msSince(t));
    if (db.made)
        check(db.inv.keys == keys, "db_bench made " + std::to_string(db.inv.keys) + " keys, not " + std::to_string(keys));
    return db;
}

// ---------------------------------------------------------------------------
// Ours: the real window.

std::vector<std::string> modelKeys(const ui::KeyListModel* model) {
    std::vector<std::string> keys;
    const auto rows = static_cast<std::size_t>(model->rowCount());
    keys.reserve(rows);
    for (std::size_t i = 0; i < rows; ++i) keys.push_back(model->keyAt(static_cast<int>(i)).toStdString());
    return keys;
}

void checkSameKeys(const std::vector<std::string>& ours, const std::vector<std::string>& raw, const std::string& what) {
    if (ours.size() != raw.size())
        fail(what + ": the model shows " + std::to_string(ours.size()) + " keys, raw RocksDB reads " +
             std::to_string(raw.size()));
    for (std::size_t i = 0; i < ours.size(); ++i)
        if (ours[i] != raw[i])
            fail(what + ": row " + std::to_string(i) + " is " + hexOf(ours[i]) + ", raw RocksDB reads " + hexOf(raw[i]));
}

class Bench {
public:
    Bench() {
        window_.resize(1180, 720);
        window_.show();
        model()->setPageSize(kFirstPage, kNextPage);
    }
    ~Bench() { window_.closeDatabase(); }

    ui::KeyListModel* model() const { return window_.keyBrowser()->model(); }
    ui::KeyBrowser* browser() const { return window_.keyBrowser(); }

    struct Opened {
        double firstPageMs = 0;  // openDatabase -> firstPageLoaded
        double openMs = 0;       // openDatabase -> databaseOpened (factory open + installing the session)
        double cpuMs = 0;        // process CPU time over firstPageMs
        std::vector<std::string> keys;
    };

    // MainWindow::openDatabase -> the first page in the model.
    Opened open(const std::string& path, storage::OpenMode mode) {
        close();
        Opened result;
        Waiter waiter;
        QString failed;
        QElapsedTimer t;
        double cpuStart = 0;
        const auto onOpened = QObject::connect(&window_, &ui::MainWindow::databaseOpened, &window_,
                                               [&] { result.openMs = msSince(t); });
        const auto onPage = QObject::connect(model(), &ui::KeyListModel::firstPageLoaded, &window_, [&] {
            if (waiter.done()) return;
            result.firstPageMs = msSince(t);
            result.cpuMs = cpuMs() - cpuStart;
            waiter.finish();
        });
        const auto onFailed = QObject::connect(&window_, &ui::MainWindow::openFailed, &window_, [&](const QString& m) {
            failed = m;
            waiter.finish();
        });
        const auto onError = QObject::connect(model(), &ui::KeyListModel::errorOccurred, &window_,
                                              [&](const QString& m) {
                                                  failed = m;
                                                  waiter.finish();
                                              });
        cpuStart = cpuMs();
        t.start();
        window_.openDatabase(QString::fromStdString(path), mode, storage::StorageConfig{}.withEnvironment(false));
        waiter.wait("the first page after opening " + path);
        for (const auto& c : {onOpened, onPage, onFailed, onError}) QObject::disconnect(c);
        check(failed.isEmpty(), "opening " + path + " failed: " + failed.toStdString());
        check(window_.session() != nullptr, "no session after opening " + path);
        check(window_.session()->info().backend == storage::Backend::RocksDb, path + " did not open with RocksDB");
        check(model()->prefix().isEmpty(), "the model kept a prefix across opens");
        result.keys = modelKeys(model());
        open_ = path;
        return result;
    }

    // Closes the window's database and waits until RocksDB has really closed
    // it (the registry forgets it), so a raw open of the same path can follow.
    void close() {
        window_.closeDatabase();
        if (open_.empty()) return;
        QElapsedTimer t;
        t.start();
        while (storage::detail::openModeInProcess(open_)) {
            if (t.elapsed() > kTimeoutMs) fail(open_ + " stayed open after MainWindow::closeDatabase");
            spin(2);
        }
        open_.clear();
    }

    // KeyBrowser::setPrefix (what typing does) -> firstPageLoaded.
    double changePrefix(const std::string& prefix, std::vector<std::string>* keys = nullptr) {
        Waiter waiter;
        double ms = -1;
        QString failed;
        QElapsedTimer t;
        const auto onPage = QObject::connect(model(), &ui::KeyListModel::firstPageLoaded, &window_, [&] {
            if (waiter.done()) return;
            ms = msSince(t);
            waiter.finish();
        });
        const auto onError = QObject::connect(model(), &ui::KeyListModel::errorOccurred, &window_,
                                              [&](const QString& m) {
                                                  failed = m;
                                                  waiter.finish();
                                              });
        t.start();
        browser()->setPrefix(QByteArray::fromStdString(prefix));
        if (model()->prefix().toStdString() != prefix)
            fail("KeyBrowser::setPrefix(" + hexOf(prefix) + ") set the model's prefix to " +
                 hexOf(model()->prefix().toStdString()) + " (field text '" +
                 browser()->prefixField()->text().toStdString() + "')");
        waiter.wait("the first page of prefix " + hexOf(prefix));
        QObject::disconnect(onPage);
        QObject::disconnect(onError);
        check(failed.isEmpty(), "prefix " + hexOf(prefix) + ": " + failed.toStdString());
        if (keys) *keys = modelKeys(model());
        return ms;
    }

    struct Counted {
        double ms = 0;
        double cpuMs = 0;  // process CPU time meanwhile (the counting thread, mostly)
        int progressReports = 0;
        QString lastProgress;
        qint64 count = -1;
        double maxGapMs = 0;
        double p99GapMs = 0;
        std::size_t ticks = 0;
    };

    // KeyBrowser::countKeys -> countFinished, with the stall monitor running.
    Counted count() {
        Counted result;
        Waiter waiter;
        QElapsedTimer t;
        double cpuStart = 0;
        const auto onDone = QObject::connect(browser(), &ui::KeyBrowser::countFinished, &window_, [&](qint64 n) {
            result.ms = msSince(t);
            result.cpuMs = cpuMs() - cpuStart;
            result.count = n;
            waiter.finish();
        });
        // The progress the window's task indicator shows (the first report
        // always gets through Qt's throttling: at least one for 4096+ keys).
        QFutureWatcher<void> progress;
        QObject::connect(&progress, &QFutureWatcherBase::progressTextChanged, &window_,
                         [&](const QString& text) {
                             ++result.progressReports;
                             result.lastProgress = text;
                         });
        const auto onStarted = QObject::connect(browser(), &ui::KeyBrowser::taskStarted, &window_,
                                                [&](const QString&, QFuture<void> future) {
                                                    progress.setFuture(future);
                                                });
        StallMonitor monitor;
        monitor.start();
        cpuStart = cpuMs();
        t.start();
        browser()->countKeys();
        QObject::disconnect(onStarted);
        check(browser()->isCounting(), "KeyBrowser::countKeys did not start a count");
        waiter.wait("an exact count");
        monitor.stop();
        QObject::disconnect(onDone);
        result.maxGapMs = monitor.maxGap();
        result.p99GapMs = monitor.p99();
        result.ticks = monitor.ticks();
        return result;
    }

    struct Paged {
        double ms = 0;
        double maxGapMs = 0;
        std::size_t pages = 0;
    };

    // fetchMore until the model holds `rows` rows (or the prefix ends).
    Paged pageTo(std::size_t rows) {
        Paged result;
        Waiter waiter;
        QString failed;
        const QModelIndex root;
        auto more = [&] {
            if (waiter.done()) return;
            if (static_cast<std::size_t>(model()->rowCount()) >= rows || model()->atEnd()) {
                waiter.finish();
                return;
            }
            if (model()->canFetchMore(root)) {
                model()->fetchMore(root);
                ++result.pages;
            }
        };
        const auto onPage = QObject::connect(model(), &ui::KeyListModel::pageLoaded, &window_, more);
        const auto onError = QObject::connect(model(), &ui::KeyListModel::errorOccurred, &window_,
                                              [&](const QString& m) {
                                                  failed = m;
                                                  waiter.finish();
                                              });
        StallMonitor monitor;
        monitor.start();
        QElapsedTimer t;
        t.start();
        more();
        waiter.wait("paging to " + std::to_string(rows) + " rows");
        result.ms = msSince(t);
        monitor.stop();
        QObject::disconnect(onPage);
        QObject::disconnect(onError);
        check(failed.isEmpty(), "paging: " + failed.toStdString());
        result.maxGapMs = monitor.maxGap();
        return result;
    }

private:
    ui::MainWindow window_;
    std::string open_;
};

// ---------------------------------------------------------------------------
// 1. Open -> first page.

struct RawOpened {
    double ms = 0;
    double cpuMs = 0;
    std::vector<std::string> keys;
};

// DB::Open / OpenForReadOnly + an iterator reading the first page (closing not timed).
RawOpened rawOpenFirstPage(const std::string& path, bool readOnly) {
    RawOpened result;
    const double cpuStart = cpuMs();
    QElapsedTimer t;
    t.start();
    auto db = rawOpen(path, readOnly);
    result.keys = rawPage(db.get(), {}, kFirstPage);
    result.ms = msSince(t);
    result.cpuMs = cpuMs() - cpuStart;
    return result;
}

struct OpenFigures {
    double ours = 0, raw = 0, oursOpen = 0, oursCpu = 0, rawCpu = 0;
};

enum class OpenCase { FirstReadWrite, ReopenReadWrite, ReadOnly };

OpenFigures measureOpen(Bench& bench, const Database& db, OpenCase which, const fs::path& scratch, int reps) {
    std::vector<double> ours, raw, oursOpen, oursCpu, rawCpu;
    const fs::path oursCopy = scratch / ("ours-" + db.label.toStdString());
    const fs::path rawCopy = scratch / ("raw-" + db.label.toStdString());
    const bool readOnly = which == OpenCase::ReadOnly;
    const auto mode = readOnly ? storage::OpenMode::ReadOnly : storage::OpenMode::ReadWrite;
    if (which == OpenCase::ReopenReadWrite) {
        // The first read-write open replays and flushes the WAL; after it, every open is a reopen.
        makeWorkingCopy(db.path, oursCopy);
        makeWorkingCopy(db.path, rawCopy);
        bench.open(oursCopy.string(), mode);
        bench.close();
        rawOpen(rawCopy.string(), false).reset();
    }
    const std::vector<std::string> expected = rawPage(rawOpen(db.path, true).get(), {}, kFirstPage);
    for (int r = 0; r < reps; ++r) {
        if (which == OpenCase::FirstReadWrite) {
            makeWorkingCopy(db.path, oursCopy);
            makeWorkingCopy(db.path, rawCopy);
        }
        const std::string oursPath = readOnly ? db.path : oursCopy.string();
        const std::string rawPath = readOnly ? db.path : rawCopy.string();
        auto runOurs = [&] {
            auto o = bench.open(oursPath, mode);
            bench.close();
            checkSameKeys(o.keys, expected, "first page after opening " + db.label.toStdString());
            ours.push_back(o.firstPageMs);
            oursOpen.push_back(o.openMs);
            oursCpu.push_back(o.cpuMs);
        };
        auto runRaw = [&] {
            auto o = rawOpenFirstPage(rawPath, readOnly);
            checkSameKeys(o.keys, expected, "raw first page of " + db.label.toStdString());
            raw.push_back(o.ms);
            rawCpu.push_back(o.cpuMs);
        };
        if (r % 2 == 0) {
            runOurs();
            runRaw();
        } else {
            runRaw();
            runOurs();
        }
    }
    return {median(ours), median(raw), median(oursOpen), median(oursCpu), median(rawCpu)};
}

// ---------------------------------------------------------------------------

int run(const QString& scratchDir) {
    const fs::path scratch = scratchDir.toStdString();
    say("# browse_bench: ours (Meridian Inspector, real MainWindow) beside raw RocksDB %d.%d.%d in the same run\n",
        ROCKSDB_MAJOR, ROCKSDB_MINOR, ROCKSDB_PATCH);
    say("# scratch folder %s (removed at exit)\n", qPrintable(scratchDir));

    const Database small = prepare(QStringLiteral("20k"), "MERIDIAN_BENCH_DB_20K", 20000, scratchDir);
    const Database big = prepare(QStringLiteral("2M"), "MERIDIAN_BENCH_DB_2M", 2000000, scratchDir);

    Bench bench;
    // Warm-up (thread pools, fonts, first paint), not measured.
    bench.open(small.path, storage::OpenMode::ReadOnly);
    bench.close();

    say("\n# 1. open -> first page in the model (%zu keys), median of alternating runs\n", kFirstPage);
    struct Case {
        OpenCase which;
        const char* suffix;
        const char* note;
        int reps;
    };
    const Case cases[] = {
        {OpenCase::FirstReadWrite, "", "read-write, first open: RocksDB replays and flushes the WAL db_bench left", 3},
        {OpenCase::ReopenReadWrite, "_reopen", "read-write, WAL already flushed", 5},
        {OpenCase::ReadOnly, "_readonly", "read-only: RocksDB replays the WAL into memory at every open", 5},
    };
    for (const auto& c : cases) {
        const OpenFigures s = measureOpen(bench, small, c.which, scratch, c.reps);
        const OpenFigures b = measureOpen(bench, big, c.which, scratch, c.reps);
        char note[320];
        std::snprintf(note, sizeof note, "%s; databaseOpened after %.1f ms; cpu ours %.1f ms raw %.1f ms", c.note,
                      s.oursOpen, s.oursCpu, s.rawCpu);
        figure("open_to_first_page_20k" + std::string(c.suffix), s.ours, s.raw, "ms", "goal < 50 ms", s.ours < 50, note);
        std::snprintf(note, sizeof note, "%s; databaseOpened after %.1f ms; cpu ours %.1f ms raw %.1f ms", c.note,
                      b.oursOpen, b.oursCpu, b.rawCpu);
        figure("open_to_first_page_2M" + std::string(c.suffix), b.ours, b.raw, "ms", "goal < 50 ms", b.ours < 50, note);
        const double oursGrowth = b.ours / s.ours, rawGrowth = b.raw / s.raw;
        say("%-36s ours %9.2fx        raw %9.2fx        (goal: 2M no slower than 20k, 20%% noise allowed) %s\n",
            ("open_growth_2M_vs_20k" + std::string(c.suffix)).c_str(), oursGrowth, rawGrowth,
            oursGrowth <= 1.2 ? "met" : "MISSED");
    }
    std::error_code ec;
    fs::remove_all(scratch / "ours-2M", ec);
    fs::remove_all(scratch / "raw-2M", ec);
    fs::remove_all(scratch / "ours-20k", ec);
    fs::remove_all(scratch / "raw-20k", ec);

    // Figures 2-5 on the 2M database, read-only (it is never changed), with
    // a raw read-only instance open beside it.
    bench.open(big.path, storage::OpenMode::ReadOnly);
    auto raw = rawOpen(big.path, true);

    say("\n# 2. prefix change -> first page (KeyBrowser::setPrefix -> firstPageLoaded)\n");
    std::vector<std::string> prefixes;
    const std::size_t lengths[] = {5, 6, 7};
    for (std::size_t i = 0; i < big.inv.samples.size(); ++i) {
        const std::string& key = big.inv.samples[i];
        prefixes.push_back(key.substr(0, std::min(key.size(), lengths[i % 3])));
    }
    prefixes.push_back(std::string("\xff\xff\xfe", 3));  // (in db_bench keys) matches nothing
    prefixes.push_back({});                              // back to everything
    // No prefix twice: setting the prefix the field already shows changes nothing.
    for (std::size_t i = 1; i < prefixes.size();) {
        if (std::find(prefixes.begin(), prefixes.begin() + static_cast<std::ptrdiff_t>(i), prefixes[i]) !=
            prefixes.begin() + static_cast<std::ptrdiff_t>(i))
            prefixes.erase(prefixes.begin() + static_cast<std::ptrdiff_t>(i));
        else
            ++i;
    }
    std::vector<double> oursPrefix, rawPrefix;
    const int prefixRounds = 6;  // the first is a warm-up
    for (int round = 0; round < prefixRounds; ++round) {
        for (const auto& prefix : prefixes) {
            std::vector<std::string> shown;
            double rawMs = 0;
            std::vector<std::string> expected;
            auto runRaw = [&] {
                QElapsedTimer t;
                t.start();
                expected = rawPage(raw.get(), prefix, kFirstPage);
                rawMs = msSince(t);
            };
            double oursMs = 0;
            if (round % 2 == 0) {
                oursMs = bench.changePrefix(prefix, &shown);
                runRaw();
            } else {
                runRaw();
                oursMs = bench.changePrefix(prefix, &shown);
            }
            checkSameKeys(shown, expected, "first page of prefix " + hexOf(prefix));
            if (round == 0) continue;
            oursPrefix.push_back(oursMs);
            rawPrefix.push_back(rawMs);
        }
    }
    {
        char note[128];
        std::snprintf(note, sizeof note, "%zu prefixes x %d rounds; ours p90 %.2f ms, max %.2f ms", prefixes.size(),
                      prefixRounds - 1, percentile(oursPrefix, 0.9), percentile(oursPrefix, 1.0));
        figure("prefix_to_first_page_2M", median(oursPrefix), median(rawPrefix), "ms", "no goal given; median", true,
               note);
    }

    say("\n# 3/4. exact count of all keys (KeyBrowser::countKeys) and the UI thread meanwhile\n");
    check(bench.model()->prefix().isEmpty(), "the prefix should be empty before counting");
    std::vector<double> oursRate, rawRate, oursCpuRate, rawCpuRate, gaps;
    double worstGap = 0, worstP99 = 0;
    int fewestProgress = INT_MAX;
    const int countReps = 3;
    for (int r = 0; r < countReps; ++r) {
        auto runOurs = [&] {
            const auto c = bench.count();
            if (c.count != static_cast<qint64>(big.inv.keys))
                fail("KeyBrowser::countKeys counted " + std::to_string(c.count) + " keys; raw RocksDB has " +
                     std::to_string(big.inv.keys));
            check(bench.browser()->lastCount() == c.count, "the browser does not show the count it finished with");
            if (big.inv.keys >= 4096 && c.progressReports == 0)
                fail("a count of " + std::to_string(big.inv.keys) + " keys reported no progress to the task indicator");
            oursRate.push_back(static_cast<double>(c.count) / (c.ms / 1000));
            oursCpuRate.push_back(static_cast<double>(c.count) / (c.cpuMs / 1000));
            gaps.push_back(c.maxGapMs);
            fewestProgress = std::min(fewestProgress, c.progressReports);
            worstGap = std::max(worstGap, c.maxGapMs);
            worstP99 = std::max(worstP99, c.p99GapMs);
        };
        auto runRaw = [&] {
            const double cpuStart = cpuMs();
            QElapsedTimer t;
            t.start();
            const auto n = rawCount(raw.get());
            const double ms = msSince(t);
            rawCpuRate.push_back(static_cast<double>(n) / ((cpuMs() - cpuStart) / 1000));
            check(n == big.inv.keys, "raw count " + std::to_string(n) + " != " + std::to_string(big.inv.keys));
            rawRate.push_back(static_cast<double>(n) / (ms / 1000));
        };
        if (r % 2 == 0) {
            runOurs();
            runRaw();
        } else {
            runRaw();
            runOurs();
        }
    }
    {
        const double ours = median(oursRate) / 1e6, rawM = median(rawRate) / 1e6;
        const double oursCpu = median(oursCpuRate) / 1e6, rawCpu = median(rawCpuRate) / 1e6;
        say("%-36s ours %9.2f Mkeys/s raw %9.2f Mkeys/s ratio %6.2fx   (goal >= 0.8x) %s   median of %d; per CPU "
            "second: ours %.2f raw %.2f Mkeys, ratio %.2fx\n",
            "count_throughput_2M", ours, rawM, ours / rawM, ours / rawM >= 0.8 ? "met" : "MISSED", countReps, oursCpu,
            rawCpu, oursCpu / rawCpu);
    }
    {
        StallMonitor idle;
        idle.start();
        spin(1000);
        idle.stop();
        char note[200];
        std::snprintf(note, sizeof note,
                      "raw column: the same timer on an idle loop; ours median of %d counts %.2f ms, p99 %.2f ms; "
                      "progress shown >= %d times a count",
                      countReps, median(gaps), worstP99, fewestProgress);
        figure("ui_stall_during_count_2M", worstGap, idle.maxGap(), "ms", "goal < 50 ms", worstGap < 50, note);
    }

    say("\n# 5. memory after paging 1M rows into the KeyListModel (fetchMore, %zu keys a page)\n", kNextPage);
    const std::size_t target = std::min<std::uint64_t>(1000000, big.inv.keys);
    // A fresh model holding only the first page: go to another prefix and back.
    bench.changePrefix(std::string("\x01", 1));
    bench.changePrefix({});
    const std::uint64_t rssBefore = residentBytes();
    const std::size_t modelBefore = bench.model()->memoryBytes();
    const auto paged = bench.pageTo(target);
    const std::uint64_t rssAfter = residentBytes();
    const std::size_t modelAfter = bench.model()->memoryBytes();
    const auto rows = static_cast<std::size_t>(bench.model()->rowCount());
    check(rows >= target, "paging stopped at " + std::to_string(rows) + " rows");
    // Check every row against raw RocksDB, and time raw reading as many keys.
    std::uint64_t rawBytes = 0;
    double rawReadMs = 0;
    {
        QElapsedTimer t;
        t.start();
        std::vector<std::string> keys;
        {
            std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions()));
            for (it->SeekToFirst(); it->Valid() && keys.size() < rows; it->Next()) keys.push_back(it->key().ToString());
            check(it->status().ok(), "raw iterator: " + it->status().ToString());
        }
        rawReadMs = msSince(t);
        check(keys.size() == rows, "raw RocksDB has fewer keys than the model shows");
        for (std::size_t i = 0; i < rows; ++i) {
            const QByteArray shown = bench.model()->keyAt(static_cast<int>(i));
            if (std::string_view(shown.constData(), static_cast<std::size_t>(shown.size())) != keys[i])
                fail("after paging, row " + std::to_string(i) + " is " + hexOf(shown.toStdString()) + ", raw reads " +
                     hexOf(keys[i]));
            rawBytes += keys[i].size();
        }
    }
    const double rssDelta = static_cast<double>(rssAfter) - static_cast<double>(rssBefore);
    const double modelDelta = static_cast<double>(modelAfter) - static_cast<double>(modelBefore);
    {
        char note[160];
        std::snprintf(note, sizeof note, "%zu rows; raw column: the keys' own bytes; model ratio %.2fx",
                      rows, modelDelta / static_cast<double>(rawBytes));
        figure("memory_rss_after_1M_rows", mb(rssDelta), mb(static_cast<double>(rawBytes)), "MB",
               "no goal given; RSS delta", true, note);
        figure("memory_model_after_1M_rows", mb(modelDelta), mb(static_cast<double>(rawBytes)), "MB",
               "KeyListModel::memoryBytes", true);
        std::snprintf(note, sizeof note, "%zu fetchMore calls; raw column: one iterator reading as many keys", paged.pages);
        figure("page_through_1M_rows", paged.ms, rawReadMs, "ms", "no goal given", true, note);
        figure("ui_stall_while_paging_1M", paged.maxGapMs, 5, "ms", "goal < 50 ms", paged.maxGapMs < 50,
               "raw column: the timer interval");
    }

    raw.reset();
    bench.close();
    say("\n# all results checked against raw RocksDB: OK\n");
    return 0;
}

}  // namespace

// The offscreen platform warns about every window it shows; nothing else is hidden.
static QtMessageHandler previousHandler = nullptr;
static void messages(QtMsgType type, const QMessageLogContext& context, const QString& text) {
    if (text.contains(QLatin1String("does not support propagateSizeHints"))) return;
    if (previousHandler)
        previousHandler(type, context, text);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, text)));
}

int main(int argc, char* argv[]) {
    previousHandler = qInstallMessageHandler(messages);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings (recent databases) go to the scratch folder, not the user's.
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/meridian-bench-XXXXXX"));
    if (!scratch.isValid()) {
        std::fprintf(stderr, "browse_bench: cannot create a scratch folder in %s\n", qPrintable(QDir::tempPath()));
        return 1;
    }
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(scratch.path() + QStringLiteral("/config")));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MeridianBench"));
    QApplication::setApplicationName(QStringLiteral("browse_bench"));
    try {
        return run(scratch.path());
    } catch (const BenchFailure& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "\nbrowse_bench: FAILED: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "\nbrowse_bench: FAILED: %s\n", e.what());
        return 1;
    }
}
