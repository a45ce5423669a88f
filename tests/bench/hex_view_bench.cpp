// hex_view_bench: how fast the value editor shows a 16 MiB value in the hex
// view, and how smoothly that view scrolls from the first row to the last.
//
// Prints figures; asserts correctness only (exit 1 when the bytes shown are
// not the bytes stored, or a wait times out), never a timing: the machine is
// shared and noisy. Figures are medians of several runs unless noted.
//
//  1. raw: rocksdb::DB::Get of the value (read-only open of the same
//     database, before the window opens it), the floor for any viewer.
//  2. show: ValueEditor::showKey -> value read on the session's pool ->
//     hex view holds the bytes and has painted its first screen.
//  3. UI thread: the longest gap between ticks of a 5 ms timer while 2 runs
//     (the read happens off the UI thread; this shows it).
//  4. scroll end to end, a page at a time (each page painted synchronously),
//     one pass: total, per page (median, p99, worst); and jumps from the
//     first row to the last.
//  5. for scale: formatting all 16 MiB as hex text up front (what a text-
//     widget hex view would have to do before showing anything).
//
// MERIDIAN_HEX_BENCH_MIB sets the value size (default 16).
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "storage/factory.h"
#include "storage/rocksdb/compat.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/window/main_window.h"
#include "browse_bench_support.h"

using namespace meridian;

namespace {

constexpr int kRuns = 5;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "hex_view_bench: FAILED: %s\n", what.c_str());
    std::exit(1);
}

double ms(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Runs the event loop until `done()` or fails after a minute.
template <class F>
void waitFor(const char* what, F done) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > 60000) fail(std::string("timed out waiting for ") + what);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    const int mib = qEnvironmentVariableIsSet("MERIDIAN_HEX_BENCH_MIB") ? qEnvironmentVariableIntValue("MERIDIAN_HEX_BENCH_MIB") : 16;
    const qsizetype size = qsizetype{mib} * 1024 * 1024;

    QTemporaryDir dir;
    if (!dir.isValid()) fail("no temporary directory");
    QByteArray value(size, '\0');
    QRandomGenerator random(1234);
    random.fillRange(reinterpret_cast<quint32*>(value.data()), size / 4);
    {
        auto opened = storage::createStorage(dir.path().toStdString(),
                                             storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        if (!opened.ok()) fail(opened.status.message());
        storage::WriteOptions sync;
        sync.sync = true;
        if (auto s = opened.storage->put("big", value.toStdString(), sync); !s.ok()) fail(s.message());
    }
    std::printf("hex_view_bench: one %d MiB random value, %d runs each, medians\n", mib, kRuns);

    // 1. The floor: RocksDB reading the value.
    std::vector<double> raw;
    {
        std::unique_ptr<rocksdb::DB> db;
        rocksdb::Options options;
        if (!meridian::storage::detail::compat::openForReadOnly(options, dir.path().toStdString(), &db).ok())
            fail("raw open");
        for (int i = 0; i < kRuns; ++i) {
            std::string out;
            QElapsedTimer t;
            t.start();
            if (!db->Get(rocksdb::ReadOptions(), "big", &out).ok() || out.size() != static_cast<std::size_t>(size))
                fail("raw get");
            raw.push_back(ms(t));
        }
    }

    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    bool opened = false;
    QObject::connect(&window, &ui::MainWindow::databaseOpened, [&] { opened = true; });
    QObject::connect(&window, &ui::MainWindow::openFailed, [](const QString& m) { fail(m.toStdString()); });
    window.openDatabase(dir.path(), storage::OpenMode::ReadWrite);
    waitFor("the database to open", [&] { return opened; });
    ui::ValueEditor* editor = window.valueEditor();
    ui::HexView* hex = editor->hexView();

    // 2 and 3. Showing the value, with the UI thread watched.
    std::vector<double> show, gaps;
    for (int i = 0; i < kRuns; ++i) {
        editor->clear();
        QCoreApplication::processEvents();
        bench::StallMonitor watch;
        bool loaded = false;
        auto connection = QObject::connect(editor, &ui::ValueEditor::valueLoaded, [&] { loaded = true; });
        watch.start();
        editor->showKey("big");
        waitFor("the value", [&] { return loaded; });
        hex->viewport()->repaint();  // the first screen, painted
        show.push_back(watch.elapsedMs());
        gaps.push_back(watch.finish());
        QObject::disconnect(connection);
        if (editor->view() != ui::ValueView::Hex) fail("the editor did not pick the hex view for binary bytes");
        if (hex->data() != value) fail("the hex view does not hold the stored bytes");
    }

    // 4. Scrolling end to end, a page at a time, each page painted before the
    // next: one pass (tens of thousands of pages is sample enough), then jumps.
    QScrollBar* bar = hex->verticalScrollBar();
    std::vector<double> pageTimes, jump;
    bar->setValue(0);
    hex->viewport()->repaint();
    QElapsedTimer total;
    total.start();
    for (int v = 0; v < bar->maximum();) {
        v = std::min(bar->maximum(), v + bar->pageStep());
        QElapsedTimer page;
        page.start();
        bar->setValue(v);
        hex->viewport()->repaint();
        pageTimes.push_back(ms(page));
    }
    const double scrollMs = ms(total);
    if (hex->firstVisibleRow() != bar->maximum() || bar->maximum() < hex->rowCount() - hex->visibleRows())
        fail("scrolling did not reach the last row");
    for (int i = 0; i < kRuns; ++i) {
        bar->setValue(0);
        hex->viewport()->repaint();
        QElapsedTimer j;
        j.start();
        bar->setValue(bar->maximum());
        hex->viewport()->repaint();
        jump.push_back(ms(j));
    }
    const int pages = static_cast<int>(pageTimes.size());
    std::vector<double> sorted = pageTimes;
    std::sort(sorted.begin(), sorted.end());
    const double p99 = sorted[static_cast<std::size_t>(0.99 * static_cast<double>(sorted.size() - 1))];

    // 5. For scale: hex text for the whole value, the up-front cost of a text widget.
    std::vector<double> format;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer t;
        t.start();
        const QByteArray text = value.toHex(' ');
        if (text.size() != size * 3 - 1) fail("toHex");
        format.push_back(ms(t));
    }

    std::printf("%-52s %9.2f ms\n", "raw RocksDB Get of the value", median(raw));
    std::printf("%-52s %9.2f ms   (%.1fx the raw Get)\n", "select -> bytes in the hex view, first screen painted",
                median(show), median(show) / std::max(0.001, median(raw)));
    std::printf("%-52s %9.2f ms\n", "longest UI-thread gap meanwhile (5 ms timer)", median(gaps));
    std::printf("%-52s %9.2f ms   (%d pages of %d rows, %d rows in all, one pass)\n",
                "scroll end to end, page by page, painted", scrollMs, pages, bar->pageStep(), hex->rowCount());
    std::printf("%-52s %9.3f ms a page (median), p99 %.3f ms, worst %.2f ms, %.0f pages/s\n", "  per page",
                median(pageTimes), p99, sorted.back(), pages / (scrollMs / 1000));
    std::printf("%-52s %9.2f ms\n", "jump from the first row to the last, painted", median(jump));
    std::printf("%-52s %9.2f ms\n", "for scale: formatting all of it as hex text", median(format));
    return 0;
}
