// reach_bench: reaching any key and searching, on a db_bench database of
// MERIDIAN_REACH_BENCH_KEYS keys (default 5,000,000; MERIDIAN_BENCH_DB_5M
// reuses one made by `db_bench --benchmarks=fillseq --compression_type=none`),
// beside raw RocksDB or ldb doing the same work in the same run:
//  1. Go to Key at 11 positions from the first key to the last -> rows
//     visible (KeyListModel::positioned), beside a raw Seek reading 200 keys
//     each way (goal: <= 20 ms median, flat from first to last);
//  2. End -> the last rows visible, beside SeekToLast and 200 Prev (<= 20 ms),
//     and letting go of the position bar at 10%..90% (the estimate's bisection
//     and a jump), beside a raw Seek there, with how far it lands off;
//  3. scrolling down through 1,000,000 rows and back up, a page at a time as
//     the view asks: the worst gap of a 5 ms timer on the UI thread (<= 16 ms),
//     and the key list's memory at the end (bounded by its window);
//  4. search keys for a substring, and values, on every core, beside
//     `ldb scan | grep -c` (>= 1.2x its speed);
//  5. an exact count of every key (key ranges counted on every core, the
//     machinery search uses), beside `ldb dump --count_only` (<= 0.6x its time).
// It checks what it measures (the row positioned is the key asked for, the
// counts of matches agree with ldb's) and never asserts a timing.
#include <QApplication>
#include <QProcess>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

#include <cstdio>

#include "browse_bench_support.h"
#include "browse_bench_window.h"
#include "storage/factory.h"
#include "storage/search/search.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/key_position_bar.h"
#include "ui/window/main_window.h"

using namespace meridian;
using namespace meridian::bench;

namespace {

// Runs `command` through sh and returns (seconds, its stdout).
std::pair<double, QByteArray> shell(const QString& command) {
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    check(p.waitForFinished(30 * 60 * 1000) && p.exitStatus() == QProcess::NormalExit, "running " + command.toStdString());
    return {msSince(t) / 1000.0, p.readAllStandardOutput().trimmed()};
}

double rawAround(rocksdb::DB* db, const std::string& key, bool end) {
    QElapsedTimer t;
    t.start();
    rocksdb::ReadOptions ro;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    std::vector<std::string> keys;
    if (end) {
        it->SeekToLast();
        for (int i = 0; i < 200 && it->Valid(); ++i, it->Prev()) keys.push_back(it->key().ToString());
    } else {
        it->SeekForPrev(key);
        for (int i = 0; i < 200 && it->Valid(); ++i, it->Prev()) keys.push_back(it->key().ToString());
        it->Seek(key);
        for (int i = 0; i < 200 && it->Valid(); ++i, it->Next()) keys.push_back(it->key().ToString());
    }
    check(!keys.empty(), "raw read nothing");
    return msSince(t);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir scratch;
    try {
        const std::uint64_t n = qEnvironmentVariableIsSet("MERIDIAN_REACH_BENCH_KEYS")
                                    ? qEnvironmentVariable("MERIDIAN_REACH_BENCH_KEYS").toULongLong()
                                    : 5000000;
        Database db = prepare(QStringLiteral("5M"), "MERIDIAN_BENCH_DB_5M", n, scratch.path());
        const std::uint64_t keys = db.inv.keys;
        say("# %llu keys, %.0f MB of table files\n", (unsigned long long)keys, mb(double(db.inv.sstBytes)));
        auto raw = rawOpen(db.path, true);

        ui::MainWindow window;
        window.resize(1000, 700);
        window.show();
        openReadOnly(window, QString::fromStdString(db.path));
        ui::KeyBrowser* browser = window.keyBrowser();
        ui::KeyListModel* model = browser->model();
        { Waiter w; QTimer t; QObject::connect(&t, &QTimer::timeout, [&] { if (!model->isLoading()) w.finish(); }); t.start(5); w.wait("the first page"); }

        auto jump = [&](const std::function<void()>& go) {
            Waiter w;
            const auto c = QObject::connect(model, &ui::KeyListModel::positioned, [&](int) { w.finish(); });
            QElapsedTimer t;
            t.start();
            go();
            w.wait("positioned");
            QObject::disconnect(c);
            app.processEvents();  // the rows drawn
            return msSince(t);
        };

        // 1. Go to Key at 11 positions.
        std::vector<double> ours, rawMs;
        double first = 0, last = 0;
        for (int round = 0; round < 3; ++round)
            for (int p = 0; p <= 10; ++p) {
                const std::uint64_t index = std::min(keys - 1, keys * static_cast<std::uint64_t>(p) / 10);
                const std::string key = benchKey(index);
                double o = 0, r = 0;
                inAlternatingOrder(round + p, [&] { o = jump([&] { browser->goToKey(QByteArray::fromStdString(key)); }); },
                                   [&] { r = rawAround(raw.get(), key, false); });
                check(browser->currentKey() == QByteArray::fromStdString(key), "Go to Key selected another key");
                ours.push_back(o);
                rawMs.push_back(r);
                if (round == 2 && p == 0) first = o;
                if (round == 2 && p == 10) last = o;
            }
        figure("Go to Key -> rows visible (median of 33)", median(ours), median(rawMs), "ms", "<= 20 ms median",
               median(ours) <= 20,
               "first key " + std::to_string(first) + " ms, last " + std::to_string(last) + " ms; worst " +
                   std::to_string(*std::max_element(ours.begin(), ours.end())) + " ms");

        // 2. End.
        ours.clear();
        rawMs.clear();
        for (int round = 0; round < 5; ++round) {
            double o = 0, r = 0;
            inAlternatingOrder(round, [&] {
                browser->goToStart();
                app.processEvents();
                o = jump([&] { browser->goToEnd(); });
            }, [&] { r = rawAround(raw.get(), {}, true); });
            check(browser->currentKey() == QByteArray::fromStdString(benchKey(keys - 1)), "End did not select the last key");
            ours.push_back(o);
            rawMs.push_back(r);
        }
        figure("End -> last rows visible (median of 5)", median(ours), median(rawMs), "ms", "<= 20 ms", median(ours) <= 20);

        // 2b. The position bar: letting go of a drag at a position -> the rows
        // there visible, and how far the top row's rank is from that position.
        {
            ui::KeyPositionBar* bar = browser->positionBar();
            { Waiter w; QTimer t; QObject::connect(&t, &QTimer::timeout, [&] { if (bar->positionKnown()) w.finish(); }); t.start(5); w.wait("the position bar's measure"); }
            ours.clear();
            rawMs.clear();
            double worstError = 0;
            for (int round = 0; round < 2; ++round)
                for (int p = 1; p <= 9; ++p) {
                    const double f = p / 10.0;
                    double o = 0, r = 0;
                    inAlternatingOrder(round + p, [&] {
                        Waiter w;
                        const auto c = QObject::connect(model, &ui::KeyListModel::revealed, [&](int) { w.finish(); });
                        QElapsedTimer t;
                        t.start();
                        bar->jumpTo(f);
                        w.wait("revealed");
                        QObject::disconnect(c);
                        app.processEvents();
                        o = msSince(t);
                    }, [&] { r = rawAround(raw.get(), benchKey(std::uint64_t(f * double(keys))), false); });
                    const QByteArray top = model->keyAt(browser->view()->rowAt(0));
                    std::uint64_t index = 0;
                    for (int b = 0; b < 8; ++b) index = (index << 8) | static_cast<unsigned char>(top.at(b));
                    worstError = std::max(worstError, std::abs(double(index) / double(keys) - f));
                    ours.push_back(o);
                    rawMs.push_back(r);
                }
            figure("position bar: let go at 10%..90% -> rows visible (median of 18)", median(ours), median(rawMs), "ms",
                   "<= 20 ms, as Go to Key", median(ours) <= 20,
                   "worst " + std::to_string(*std::max_element(ours.begin(), ours.end())) +
                       " ms; top row's rank at most " + std::to_string(worstError * 100) + "% of the keys off");
        }

        // 3. Through 1,000,000 rows down, then back up, as the view asks for pages.
        const std::uint64_t rows = std::min<std::uint64_t>(1000000, keys);
        QTableView* view = browser->view();
        jump([&] { browser->goToStart(); });
        StallMonitor stalls;
        stalls.start();
        std::uint64_t seen = static_cast<std::uint64_t>(model->rowCount());
        while (seen < rows && !model->atEnd()) {
            const int before = model->rowCount();
            const QByteArray lastHeld = model->keyAt(before - 1);
            view->scrollToBottom();
            Waiter w;
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, [&] { if (!model->isLoading() && model->keyAt(model->rowCount() - 1) != lastHeld) w.finish(); });
            poll.start(1);
            w.wait("the next page");
            seen += 2000;
        }
        stalls.stop();
        const double downWorst = stalls.maxGap(), downP99 = stalls.p99();
        stalls.start();
        std::uint64_t up = 0;
        while (up < rows && !model->atStart()) {
            const QByteArray firstHeld = model->keyAt(0);
            view->verticalScrollBar()->setValue(view->verticalScrollBar()->minimum());
            Waiter w;
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, [&] { if (!model->isLoading() && model->keyAt(0) != firstHeld) w.finish(); });
            poll.start(1);
            w.wait("the page before");
            up += 2000;
        }
        stalls.stop();
        figure("UI stall scrolling 1M rows down (worst gap of a 5 ms timer)", downWorst, 0, "ms", "<= 16 ms",
               downWorst <= 16, "p99 " + std::to_string(downP99) + " ms");
        figure("UI stall scrolling back up 1M rows", stalls.maxGap(), 0, "ms", "<= 16 ms", stalls.maxGap() <= 16,
               "p99 " + std::to_string(stalls.p99()) + " ms");
        say("key list after both ways: %d rows held (window %zu), %.1f MB\n", model->rowCount(), model->windowLimit(),
            mb(double(model->memoryBytes())));

        // 4. Search, beside ldb scan | grep -c.
        auto opened2 = storage::createStorage(db.path, storage::StorageConfig{}.withMode(storage::OpenMode::ReadOnly));
        check(opened2.ok(), "a second read-only open");
        const QString ldb = QStringLiteral("ldb --db='%1'").arg(QString::fromStdString(db.path));
        // One search timed beside the ldb | grep pipeline doing the same.
        auto searchFigure = [&](const char* name, const storage::SearchQuery& q, const QString& pipeline,
                                const char* what) {
            QElapsedTimer t;
            t.start();
            auto r = storage::search(*opened2.storage, q);
            const double s = msSince(t) / 1000.0;
            check(r.ok(), name);
            const auto [ldbS, out] = shell(ldb + pipeline);
            const double ours = double(r->scanned) / s, theirs = double(keys) / ldbS;
            figure(name, ours, theirs, "keys/s", ">= 1.2x ldb scan | grep -c", ours >= 1.2 * theirs,
                   std::to_string(r->matches.size()) + " " + what + " match; grep counted " + out.toStdString() +
                       " lines");
        };
        {
            storage::SearchQuery q;
            q.kind = storage::MatchKind::Bytes;
            q.pattern = std::string("\x0f\x0f", 2);
            searchFigure("key search (bytes 0f0f) keys/s", q, QStringLiteral(" scan --hex --no_value | grep -c '0F0F'"),
                         "keys");
        }
        {
            storage::SearchQuery q;
            q.pattern = "XYZ";
            q.inKeys = false;
            q.inValues = true;
            searchFigure("value search (text XYZ) keys/s", q, QStringLiteral(" scan | grep -c 'XYZ'"), "values");
        }
        // 5. Exact count.
        {
            QElapsedTimer t;
            t.start();
            auto c = opened2.storage->count("");
            const double s = msSince(t) / 1000.0;
            check(c.ok() && c.value() == keys, "the count");
            const auto [ldbS, out] = shell(ldb + " dump --count_only");
            figure("exact count of every key", s * 1000, ldbS * 1000, "ms", "<= 0.6x ldb dump --count_only",
                   s <= 0.6 * ldbS, "ldb: " + out.toStdString());
        }
        return 0;
    } catch (const BenchFailure& failure) {
        std::fprintf(stderr, "reach_bench: %s\n", failure.what());
        return 1;
    }
}
