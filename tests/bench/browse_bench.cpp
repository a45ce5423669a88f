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
// The figures are listed in browse_bench_figures.h and measured in
// browse_bench_figures.cpp; the real window is driven by Bench
// (browse_bench_window.h); browse_bench_support.h has the databases, the raw
// RocksDB counterparts, timing, the UI stall monitor and figure printing.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <rocksdb/db.h>

#include <cstdio>
#include <exception>

#include "browse_bench_figures.h"
#include "browse_bench_support.h"
#include "browse_bench_window.h"
#include "storage/storage.h"

namespace meridian::bench {
namespace {

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

    openFigures(bench, small, big, scratch);

    // Figures 2-5 on the 2M database, read-only (it is never changed), with
    // a raw read-only instance open beside it.
    bench.open(big.path, storage::OpenMode::ReadOnly);
    auto raw = rawOpen(big.path, true);

    prefixFigure(bench, raw.get(), big);
    countFigures(bench, raw.get(), big);
    memoryFigures(bench, raw.get(), big);

    raw.reset();
    bench.close();
    say("\n# all results checked against raw RocksDB: OK\n");
    return 0;
}

}  // namespace
}  // namespace meridian::bench

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
        return meridian::bench::run(scratch.path());
    } catch (const meridian::bench::BenchFailure& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "\nbrowse_bench: FAILED: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "\nbrowse_bench: FAILED: %s\n", e.what());
        return 1;
    }
}
