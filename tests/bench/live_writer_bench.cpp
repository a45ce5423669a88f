// live_writer_bench: the window following a live db_bench writer, beside
// `ldb --secondary_path` reading the same database in the same run.
//
// It makes a database with `db_bench --benchmarks=fillrandom --num=N` (N =
// MERIDIAN_LIVE_BENCH_KEYS, default 2,000,000), starts a writer on it,
// `db_bench --benchmarks=overwrite --use_existing_db=1` (random keys, twice
// N's range, so about half its writes are new keys; db_bench 7.8's fillrandom
// refuses an existing database), lets it write for a few seconds so that its
// log holds tens of megabytes, and then, with the writer still writing:
//  1. open: MainWindow::openDatabase(following live) -> the first page of keys
//     (goal <= 2 s), and -> the first catch-up with the writer's log done;
//     beside `ldb --secondary_path=... scan --max_keys=200` (a new secondary
//     each time: open, replay the log, read a page) and beside our storage
//     opening the way the window did before (replaying the log inside the
//     open, before anything can be shown).
//  2. refresh: the toolbar's Refresh -> the key list reloaded with everything
//     the writer had written when it was pressed (a catch-up that starts
//     after the press; goal <= 1 s); beside the same ldb scan.
//  3. value: clicking a key -> its value shown, while the window keeps
//     catching up in the background (goal <= 200 ms, every one of them);
//     beside `ldb --secondary_path=... get KEY`; and beside the session as it
//     was, with catch-ups and reads on one two-thread pool: a get queued
//     behind two refreshes' catch-ups.
//  4. the writer killed (SIGKILL) -> the window's "has exited" bar (goal
//     <= 2 s; nothing to compare with).
// Each figure is the median of alternating runs (ours first, then ldb first).
// Nothing asserts a timing: it fails when something is wrong (an open fails,
// a refresh shows nothing new, a value differs from what the storage reads).
// The writer is killed at the end and on every failure.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <random>

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/utilities/options_util.h>

#include "browse_bench_support.h"
#include "storage/factory.h"
#include "storage/rocksdb/compat.h"
#include "storage/lock/lock_probe.h"
#include "storage/rocksdb/registry.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/common/async.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/window/main_window.h"
#include "ui/window/writer_exited_banner.h"

using namespace meridian;
using namespace meridian::bench;

namespace {

constexpr int kRounds = 3;
constexpr int kValueReads = 12;

QString findTool(const char* envName, std::initializer_list<const char*> names) {
    const QByteArray env = qgetenv(envName);
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    for (const char* name : names)
        if (QString found = QStandardPaths::findExecutable(QString::fromLatin1(name)); !found.isEmpty()) return found;
    fail(std::string(names.begin()[0]) + " not found (Debian: rocksdb-tools)");
}

// Runs a tool to the end; its wall time in ms. Fails unless it exits 0.
double runTool(const QString& program, const QStringList& args, QByteArray* output = nullptr) {
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.start(program, args);
    check(p.waitForStarted(), "cannot start " + program.toStdString());
    check(p.waitForFinished(kTimeoutMs), program.toStdString() + " did not finish");
    const double ms = msSince(t);
    const QByteArray out = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        fail(program.toStdString() + " " + args.join(' ').toStdString() + " failed: " +
             p.readAllStandardError().toStdString());
    if (output) *output = out;
    return ms;
}

// The live writer: started on construction, killed (SIGKILL) by kill() or the destructor.
class Writer {
public:
    Writer(const QString& dbBench, const QString& db, std::uint64_t keys) {
        process_.setStandardOutputFile(QProcess::nullDevice());
        process_.setStandardErrorFile(QProcess::nullDevice());
        process_.start(dbBench, {QStringLiteral("--benchmarks=overwrite"), QStringLiteral("--use_existing_db=1"),
                                 QStringLiteral("--num=%1").arg(2 * keys), QStringLiteral("--duration=3600"),
                                 QStringLiteral("--db=%1").arg(db)});
        check(process_.waitForStarted(), "cannot start the db_bench writer");
    }
    ~Writer() { kill(); }
    qint64 pid() const { return process_.processId(); }
    void kill() {
        if (process_.state() == QProcess::NotRunning) return;
        ::kill(static_cast<pid_t>(process_.processId()), SIGKILL);
        process_.waitForFinished(10000);
    }

private:
    QProcess process_;
};

struct Timed {
    std::vector<double> ours, raw, old;
};

// "Before": a secondary opened as the window opened one until now (the
// database's options, max_open_files=-1, IncreaseParallelism(2), the log
// replayed inside the open), in raw RocksDB so that it is a handle of its
// own beside the window's.
class RawSecondary {
public:
    RawSecondary(const QString& db, const QString& scratch) : dir_(scratch + QStringLiteral("/raw-secondary-XXXXXX")) {
        rocksdb::DBOptions options;
        rocksdb::ConfigOptions config;
        check(rocksdb::LoadLatestOptions(config, db.toStdString(), &options, &families_).ok(), "no OPTIONS file");
        options.max_open_files = -1;
        options.IncreaseParallelism(2);
        const rocksdb::Status s = storage::detail::compat::openAsSecondary(options, db.toStdString(),
                                                                           dir_.path().toStdString(), families_,
                                                                           &handles_, &db_);
        check(s.ok(), "raw OpenAsSecondary failed: " + s.ToString());
    }
    ~RawSecondary() {
        for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    }
    void catchUp() { check(db_->TryCatchUpWithPrimary().ok(), "raw TryCatchUpWithPrimary failed"); }
    std::size_t page() {
        std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}));
        std::size_t n = 0;
        for (it->SeekToFirst(); it->Valid() && n < 200; it->Next()) ++n;
        return n;
    }
    void get(const std::string& key) {
        std::string value;
        const rocksdb::Status s = db_->Get({}, key, &value);
        check(s.ok() || s.IsNotFound(), "raw Get failed: " + s.ToString());
    }

private:
    QTemporaryDir dir_;
    std::vector<rocksdb::ColumnFamilyDescriptor> families_;
    std::vector<rocksdb::ColumnFamilyHandle*> handles_;
    std::unique_ptr<rocksdb::DB> db_;
};

class LiveBench {
public:
    LiveBench(QString db, QString ldb, QString scratch) : db_(std::move(db)), ldb_(std::move(ldb)), scratch_(scratch) {
        window_.resize(1180, 720);
        window_.show();
    }

    ui::KeyListModel* model() const { return window_.keyBrowser()->model(); }
    ui::StorageSession* session() const { return window_.session(); }

    // openDatabase(following live) -> first page; also -> first catch-up done.
    std::pair<double, double> open() {
        close();
        Waiter page;
        QElapsedTimer t;
        double firstPage = 0;
        QString failed;
        const auto c1 = QObject::connect(model(), &ui::KeyListModel::firstPageLoaded, &window_, [&] {
            if (page.done()) return;
            firstPage = msSince(t);
            page.finish();
        });
        const auto c2 = QObject::connect(&window_, &ui::MainWindow::openFailed, &window_, [&](const QString& m) {
            failed = m;
            page.finish();
        });
        t.start();
        window_.openDatabase(db_, storage::OpenMode::Secondary, storage::StorageConfig{}.withEnvironment(false));
        page.wait("the first page while following live");
        QObject::disconnect(c1);
        QObject::disconnect(c2);
        check(failed.isEmpty(), "following live failed: " + failed.toStdString());
        check(model()->rowCount() > 0, "the first page is empty");
        while (session()->catchUpsFinished() == 0) spin(5);
        return {firstPage, msSince(t)};
    }

    void close() {
        window_.closeDatabase();
        const std::string path = db_.toStdString();
        while (storage::detail::openModeInProcess(path)) spin(2);
    }

    // Refresh -> the key list reloaded after a catch-up that started after the press.
    double refresh() {
        const std::uint64_t before = sequence();
        Waiter reloaded;
        QElapsedTimer t;
        double ms = 0;
        const auto c = QObject::connect(model(), &ui::KeyListModel::firstPageLoaded, &window_, [&] {
            if (reloaded.done()) return;
            ms = msSince(t);
            reloaded.finish();
        });
        t.start();
        window_.findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
        reloaded.wait("the key list after Refresh");
        QObject::disconnect(c);
        check(sequence() > before, "Refresh showed nothing new although the writer writes");
        return ms;
    }

    // A click on row `row` -> its value in the editor; checks the bytes.
    double selectValue(int row) {
        QTableView* list = window_.keyBrowser()->view();
        const QModelIndex index = model()->index(row);
        const QByteArray key = model()->keyAt(row);
        ui::ValueEditor* editor = window_.valueEditor();
        Waiter shown;
        double ms = 0;
        QElapsedTimer t;
        const auto c = QObject::connect(editor, &ui::ValueEditor::valueLoaded, &window_, [&](const QByteArray& k) {
            if (k != key || shown.done()) return;
            ms = msSince(t);
            shown.finish();
        });
        list->scrollTo(index);
        t.start();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, list->visualRect(index).center());
        shown.wait("the value of a selected key");
        QObject::disconnect(c);
        check(editor->key() == key, "the editor shows another key");
        return ms;
    }

    std::uint64_t sequence() {
        auto f = session()->run([](storage::Storage& s) { return s.stats().properties["rocksdb.sequence"]; });
        std::string seq;
        Waiter w;
        ui::onResult(f, &window_, [&](const std::string& v) {
            seq = v;
            w.finish();
        });
        w.wait("the sequence number");
        return std::stoull(seq);
    }

    double ldbScan() {
        QTemporaryDir secondary(scratch_ + QStringLiteral("/ldb-secondary-XXXXXX"));
        return runTool(ldb_, {QStringLiteral("--db=%1").arg(db_), QStringLiteral("--secondary_path=%1").arg(secondary.path()),
                              QStringLiteral("scan"), QStringLiteral("--max_keys=200")});
    }

    double ldbGet(const QByteArray& key) {
        QTemporaryDir secondary(scratch_ + QStringLiteral("/ldb-secondary-XXXXXX"));
        return runTool(ldb_, {QStringLiteral("--db=%1").arg(db_), QStringLiteral("--secondary_path=%1").arg(secondary.path()),
                              QStringLiteral("get"), QStringLiteral("--key_hex"),
                              QStringLiteral("0x") + QString::fromLatin1(key.toHex())});
    }

    // Opening as the window did before: the log replayed inside the open, then a page.
    double oldOpen() {
        QElapsedTimer t;
        t.start();
        RawSecondary old(db_, scratch_);
        check(old.page() > 0, "no first page");
        return msSince(t);
    }

    // Refresh as the window did before: no catch-up in the background, so a
    // refresh replays everything the writer wrote since the previous one,
    // then reads a page.
    double oldRefresh(RawSecondary& old) {
        QElapsedTimer t;
        t.start();
        old.catchUp();
        check(old.page() > 0, "no page");
        return msSince(t);
    }

    // The session as it was: catch-ups and reads on one pool of two threads.
    // Two refreshes' catch-ups (F5 and auto-refresh), then a get: its wait.
    double oldSharedPoolGet(RawSecondary& old, const std::string& key) {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        for (int i = 0; i < 2; ++i) ui::runOn(&pool, [&old] { old.catchUp(); });
        QElapsedTimer t;
        t.start();
        std::atomic<qint64> doneAt{-1};
        // Not QFuture::waitForFinished(): it would run a get still queued right here.
        ui::runOn(&pool, [&old, &key, &t, &doneAt] {
            old.get(key);
            doneAt = t.nsecsElapsed();
        });
        pool.waitForDone();
        return static_cast<double>(doneAt.load()) / 1e6;
    }

    ui::MainWindow& window() { return window_; }

private:
    ui::MainWindow window_;
    QString db_, ldb_, scratch_;
};

void report(const char* name, const std::vector<double>& ours, const std::vector<double>& raw, double goalMs,
            const std::string& note = {}) {
    const double o = median(ours);
    const double worst = *std::max_element(ours.begin(), ours.end());
    figure(name, o, median(raw), "ms", "goal <= " + std::to_string(static_cast<int>(goalMs)) + " ms, worst " +
                                            std::to_string(static_cast<int>(worst)) + " ms",
           worst <= goalMs, note);
}

int run() {
    const QString dbBench = findTool("MERIDIAN_DB_BENCH", {"db_bench", "rocksdb_db_bench"});
    const QString ldb = findTool("MERIDIAN_LDB", {"ldb", "rocksdb_ldb"});
    const QByteArray keysEnv = qgetenv("MERIDIAN_LIVE_BENCH_KEYS");
    const std::uint64_t keys = keysEnv.isEmpty() ? 2000000 : keysEnv.toULongLong();
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/live-writer-bench-XXXXXX"));
    check(scratch.isValid(), "cannot make a scratch folder");
    const QString db = scratch.path() + QStringLiteral("/db");

    say("# making %llu keys: db_bench --benchmarks=fillrandom --num=%llu\n", (unsigned long long)keys,
        (unsigned long long)keys);
    QElapsedTimer made;
    made.start();
    runTool(dbBench, {QStringLiteral("--benchmarks=fillrandom"), QStringLiteral("--num=%1").arg(keys),
                      QStringLiteral("--db=%1").arg(db)});
    say("#   made in %.1f s\n", msSince(made) / 1000);

    Writer writer(dbBench, db, keys);
    QElapsedTimer held;
    held.start();
    while (storage::probeLock(db.toStdString()).state != storage::LockState::HeldByOtherProcess) {
        check(held.elapsed() < 60000, "the db_bench writer did not take the database's LOCK");
        spin(50);
    }
    spin(8000);  // tens of megabytes of log by now
    say("# writer: db_bench (PID %lld) --benchmarks=overwrite --use_existing_db=1 --num=%llu, writing since 8 s\n",
        (long long)writer.pid(), (unsigned long long)(2 * keys));

    double load[3] = {0, 0, 0};
    if (::getloadavg(load, 3) == 3) say("# load average %.2f %.2f %.2f on %d cores\n", load[0], load[1], load[2],
                                         QThread::idealThreadCount());
    LiveBench bench(db, ldb, scratch.path());
    Timed opens, refreshes, values;
    std::vector<double> caughtUp, oldGets;
    for (int round = 0; round < kRounds; ++round) {
        inAlternatingOrder(
            round,
            [&] {
                const auto [page, current] = bench.open();
                opens.ours.push_back(page);
                caughtUp.push_back(current);
                bench.close();  // ldb and the old way run without our follower beside them
            },
            [&] { opens.raw.push_back(bench.ldbScan()); });
        opens.old.push_back(bench.oldOpen());
    }
    say("\n");
    report("open: first page (following live)", opens.ours, opens.raw, 2000,
           "ldb: --secondary_path scan --max_keys=200");
    say("%-36s ours %9.2f ms (first catch-up with the writer's log done)   before: %9.2f ms (log replayed inside "
        "the open)\n",
        "open: data current", median(caughtUp), median(opens.old));

    std::mt19937 random(42);
    bench.open();
    {
        RawSecondary old(db, scratch.path());
        for (int round = 0; round < kRounds; ++round) {
            spin(1500);  // the writer writes on; the window catches up in the background
            // Each side runs alone: ldb's replay competes for the two cores
            // with our follower while it runs, so ours waits until the
            // follower has caught up with what was written meanwhile.
            inAlternatingOrder(round, [&] { refreshes.ours.push_back(bench.refresh()); },
                               [&] {
                                   refreshes.raw.push_back(bench.ldbScan());
                                   spin(1500);
                               });
            refreshes.old.push_back(bench.oldRefresh(old));
            spin(1500);
        }
    }
    report("refresh: new keys shown", refreshes.ours, refreshes.raw, 1000, "ldb: a new --secondary_path scan");
    say("%-36s before: %9.2f ms (median; worst %.2f ms): the catch-up of everything since the previous refresh\n",
        "refresh: as the window was", median(refreshes.old),
        *std::max_element(refreshes.old.begin(), refreshes.old.end()));

    const int rows = bench.model()->rowCount();
    for (int i = 0; i < kValueReads; ++i) {
        spin(static_cast<int>(random() % 700));  // land anywhere between background catch-ups
        const int row = static_cast<int>(random() % static_cast<unsigned>(std::min(rows, 40)));
        if (i % 2 == 0) bench.session()->catchUp();  // and half of them while one surely runs
        inAlternatingOrder(i, [&] { values.ours.push_back(bench.selectValue(row)); },
                           [&] {
                               values.raw.push_back(bench.ldbGet(bench.model()->keyAt(row)));
                               spin(1500);
                           });
    }
    report("value: selected key shown", values.ours, values.raw, 200, "ldb: --secondary_path get");
    {
        RawSecondary old(db, scratch.path());
        const std::string key = bench.model()->keyAt(0).toStdString();
        for (int i = 0; i < kRounds; ++i) {
            spin(1500);
            oldGets.push_back(bench.oldSharedPoolGet(old, key));
        }
        say("%-36s before: %9.2f ms (median; worst %.2f ms): a get behind two catch-ups on one two-thread pool\n",
            "value: as the session was", median(oldGets), *std::max_element(oldGets.begin(), oldGets.end()));
    }

    // 4. The writer exits.
    ui::WriterExitedBanner* bar = bench.window().writerExitedBanner();
    check(!bar->isVisible(), "the writer-exited bar shows while the writer writes");
    QElapsedTimer killed;
    killed.start();
    writer.kill();
    while (!bar->isVisible()) {
        check(killed.elapsed() < 30000, "the window did not notice the writer's exit");
        spin(5);
    }
    const double noticed = msSince(killed);
    say("%-36s ours %9.2f ms   (goal <= 2000 ms) %s   \"%s\"\n", "writer killed: bar shown", noticed,
        noticed <= 2000 ? "met" : "MISSED", qPrintable(bar->text()));
    bench.close();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("live_writer_bench"));
    try {
        return run();
    } catch (const BenchFailure& e) {
        std::fprintf(stderr, "live_writer_bench: FAILED: %s\n", e.what());
        return 1;
    }
}
