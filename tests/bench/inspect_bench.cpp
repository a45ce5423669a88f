// inspect_bench: under the keys, on a db_bench database of
// MERIDIAN_INSPECT_BENCH_KEYS keys (default 5,000,000; MERIDIAN_BENCH_DB_5M
// reuses one made by `db_bench --benchmarks=fillseq --compression_type=none`),
// beside raw RocksDB or ldb doing the same work in the same run:
//  1. Files and Levels shown -> its picture and table drawn, beside
//     GetColumnFamilyMetaData + GetPropertiesOfAllTables and beside `ldb
//     list_live_files_metadata` (goal: <= 100 ms);
//  2. a key's History -> its versions drawn, at 11 keys from the first to the
//     last, beside GetAllKeyVersions (goal: <= 100 ms);
//  3. Keyspace shown -> the estimated breakdown drawn (goal: <= 1 s), and
//     Count Exactly -> the exact one, both beside `ldb dump --count_delim`,
//     which is the exact answer RocksDB's tools give.
// It checks what it measures (the files ldb lists, the key's versions, the
// exact total against the keys written) and never asserts a timing.
#include <QApplication>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <rocksdb/metadata.h>
#include <rocksdb/utilities/debug.h>

#include <cstdio>

#include "browse_bench_support.h"
#include "browse_bench_window.h"
#include "ui/files/files_dock.h"
#include "ui/files/table_files_model.h"
#include "ui/history/key_history_model.h"
#include "ui/history/key_history_view.h"
#include "ui/keyspace/keyspace_dock.h"
#include "ui/keyspace/keyspace_model.h"
#include "ui/window/main_window.h"

using namespace meridian;
using namespace meridian::bench;

namespace {

double shellMs(const QString& command) {
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("sh"), {QStringLiteral("-c"), command + QStringLiteral(" >/dev/null 2>&1")});
    check(p.waitForFinished(30 * 60 * 1000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
          "running " + command.toStdString());
    return msSince(t);
}

// Runs the event loop until `signal` of `object` fires after `start()`.
template <class Object, class Signal>
double timeUntil(QApplication& app, Object* object, Signal signal, const std::function<void()>& start, const char* what) {
    Waiter w;
    const auto c = QObject::connect(object, signal, [&] { w.finish(); });
    QElapsedTimer t;
    t.start();
    start();
    w.wait(what);
    QObject::disconnect(c);
    app.processEvents();  // drawn
    return msSince(t);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir scratch;
    try {
        const std::uint64_t n = qEnvironmentVariableIsSet("MERIDIAN_INSPECT_BENCH_KEYS")
                                    ? qEnvironmentVariable("MERIDIAN_INSPECT_BENCH_KEYS").toULongLong()
                                    : 5000000;
        Database db = prepare(QStringLiteral("5M"), "MERIDIAN_BENCH_DB_5M", n, scratch.path());
        const std::uint64_t keys = db.inv.keys;
        say("# %llu keys, %.0f MB of table files\n", (unsigned long long)keys, mb(double(db.inv.sstBytes)));
        const QString path = QString::fromStdString(db.path);
        auto raw = rawOpen(db.path, true);

        ui::MainWindow window;
        window.resize(1100, 800);
        window.show();
        openReadOnly(window, path);

        // 1. Files and Levels.
        ui::FilesDock* files = window.filesDock();
        std::vector<double> ours, rawMs, ldbMs;
        std::size_t rawFiles = 0;
        for (int round = 0; round < 5; ++round) {
            double o = 0, r = 0;
            inAlternatingOrder(round, [&] {
                o = timeUntil(app, files, &ui::FilesDock::loaded, [&] {
                    files->show();
                    files->raise();
                    files->refresh();
                }, "the files");
            }, [&] {
                QElapsedTimer t;
                t.start();
                rocksdb::ColumnFamilyMetaData meta;
                raw->GetColumnFamilyMetaData(&meta);
                rawFiles = 0;
                for (const auto& level : meta.levels) rawFiles += level.files.size();
                rocksdb::TablePropertiesCollection props;
                check(raw->GetPropertiesOfAllTables(&props).ok(), "raw table properties");
                r = msSince(t);
            });
            ours.push_back(o);
            rawMs.push_back(r);
            ldbMs.push_back(shellMs(QStringLiteral("ldb --db='%1' --ignore_unknown_options list_live_files_metadata").arg(path)));
        }
        check(files->model()->rowCount() == int(rawFiles), "the files view lists another number of files");
        figure("Files and Levels -> drawn (median of 5)", median(ours), median(rawMs), "ms", "<= 100 ms",
               median(ours) <= 100,
               std::to_string(files->model()->rowCount()) + " table files; ldb list_live_files_metadata " +
                   std::to_string(median(ldbMs)) + " ms");

        // 2. A key's history, at 11 keys.
        window.showHistoryTab(true);
        ui::KeyHistoryView* history = window.keyHistory();
        ours.clear();
        rawMs.clear();
        for (int p = 0; p <= 10; ++p) {
            const std::string key = benchKey(std::min(keys - 1, keys * std::uint64_t(p) / 10));
            double o = 0, r = 0;
            inAlternatingOrder(p, [&] {
                o = timeUntil(app, history, &ui::KeyHistoryView::loaded,
                              [&] { history->showKey(QByteArray::fromStdString(key)); }, "the history");
            }, [&] {
                QElapsedTimer t;
                t.start();
                std::vector<rocksdb::KeyVersion> versions;
                check(rocksdb::GetAllKeyVersions(raw.get(), key, key, 1000, &versions).ok(), "raw key versions");
                r = msSince(t);
            });
            check(history->model()->rowCount() == 1, "the history of a db_bench key is one version");
            ours.push_back(o);
            rawMs.push_back(r);
        }
        figure("Key history -> drawn (median of 11)", median(ours), median(rawMs), "ms", "<= 100 ms", median(ours) <= 100,
               "worst " + std::to_string(*std::max_element(ours.begin(), ours.end())) + " ms");
        window.showHistoryTab(false);

        // 3. Keyspace: the estimate, then the exact count, beside ldb's exact count.
        ui::KeyspaceDock* keyspace = window.keyspaceDock();
        ours.clear();
        for (int round = 0; round < 3; ++round)
            ours.push_back(timeUntil(app, keyspace, &ui::KeyspaceDock::loaded, [&] {
                keyspace->show();
                keyspace->raise();
                keyspace->refresh();
            }, "the keyspace estimate"));
        check(!keyspace->model()->report().exact && keyspace->model()->report().known, "the keyspace was not estimated");
        const double estimatedKeys = double(keyspace->model()->report().totalKeys);
        const double ldbCount = shellMs(QStringLiteral("ldb --db='%1' --ignore_unknown_options dump --count_delim=:").arg(path));
        figure("Keyspace estimate -> drawn (median of 3)", median(ours), ldbCount, "ms", "<= 1 s", median(ours) <= 1000,
               "beside ldb dump --count_delim (exact); about " + std::to_string(std::uint64_t(estimatedKeys)) + " keys estimated of " +
                   std::to_string(keys));
        const double exactMs = timeUntil(app, keyspace, &ui::KeyspaceDock::loaded, [&] { keyspace->countExactly(); },
                                         "the exact keyspace");
        check(keyspace->model()->report().exact && keyspace->model()->report().totalKeys == keys,
              "the exact keyspace did not count every key");
        figure("Keyspace Count Exactly (keys, bytes, 20 largest values)", exactMs, ldbCount, "ms", "report", true);
    } catch (const BenchFailure& e) {
        std::fprintf(stderr, "inspect_bench failed: %s\n", e.what());
        return 1;
    }
    return 0;
}
