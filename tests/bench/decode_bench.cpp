// decode_bench: decoding a 16 MiB value in the value editor, beside the
// reference library reading the same bytes in the same run.
//
// Prints figures; asserts correctness only (exit 1 when the tree shown is not
// the value's, or a wait times out), never a timing. Medians of kRuns runs.
//
//  1. raw: msgpack-cxx's msgpack::unpack of the whole value (what decoding on
//     the UI thread would stall it for), and QCborValue::fromCbor of the same
//     numbers as CBOR.
//  2. ours: decodeMessagePack / decodeCbor, then the tree numbered for the
//     view (on a worker in the app), tree cut at Limits::maxNodes.
//  3. shown: ValueEditor::showKey -> the value read, its format guessed and
//     decoded off the UI thread -> the Decoded view shows its tree.
//  4. UI thread during 3: the longest gap between ticks of a 5 ms timer
//     (goal: no more than 16 ms beyond the tick).
//
// MERIDIAN_DECODE_BENCH_MIB sets the value size (default 16).
#include <QApplication>
#include <QCborArray>
#include <QCborValue>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <msgpack.hpp>
#include <string>
#include <vector>

#include "decode/cbor.h"
#include "decode/messagepack.h"
#include "storage/factory.h"
#include "ui/decode/decoded_tree.h"
#include "ui/editor/decoded_view.h"
#include "ui/editor/value_editor.h"
#include "ui/window/main_window.h"
#include "browse_bench_support.h"

using namespace meridian;

namespace {

constexpr int kRuns = 5;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "decode_bench: FAILED: %s\n", what.c_str());
    std::exit(1);
}

double ms(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

template <class F>
void waitFor(const char* what, F done) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > 120000) fail(std::string("timed out waiting for ") + what);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

template <class F>
double timed(F&& work) {
    std::vector<double> runs;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        runs.push_back(ms(t));
    }
    return median(runs);
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    const int mib = qEnvironmentVariableIsSet("MERIDIAN_DECODE_BENCH_MIB") ? qEnvironmentVariableIntValue("MERIDIAN_DECODE_BENCH_MIB") : 16;
    // Numbers of 5 bytes each (uint32 > 0xffff) and a quarter of the size as one string.
    const std::uint32_t count = static_cast<std::uint32_t>(std::size_t(mib) * 1024 * 1024 * 3 / 4 / 5);
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    pk.pack_array(count + 1);
    QCborArray cborArray;
    for (std::uint32_t i = 0; i < count; ++i) pk.pack(0x10000000u + i);
    pk.pack(std::string(std::size_t(mib) * 1024 * 1024 / 4, 'x'));
    const std::string value(buffer.data(), buffer.size());
    std::printf("decode_bench: a %.1f MiB MessagePack array of %u numbers and a string, %d runs each, medians\n",
                value.size() / 1048576.0, count + 1, kRuns);

    // 1 and 2: the reference library and ours, on this thread.
    const double rawMsgpack = timed([&] {
        msgpack::object_handle handle = msgpack::unpack(value.data(), value.size());
        if (handle.get().via.array.size != count + 1) fail("msgpack-cxx read another array");
    });
    const double oursMsgpack = timed([&] {
        auto tree = ui::buildDecodedTree(decode::decodeMessagePack(value));
        if (!tree->decoded.ok() || !tree->decoded.cut) fail("decodeMessagePack: " + (tree->decoded.ok() ? std::string("not cut") : tree->decoded.failure->message));
    });
    for (std::uint32_t i = 0; i < count; ++i) cborArray.append(qint64(0x10000000u + i));
    cborArray.append(QString(mib * 1024 * 1024 / 4, QLatin1Char('x')));
    const QByteArray cbor = QCborValue(cborArray).toCbor();
    const double rawCbor = timed([&] {
        if (QCborValue::fromCbor(cbor).toArray().size() != qsizetype(count) + 1) fail("QCborValue read another array");
    });
    const double oursCbor = timed([&] {
        auto tree = ui::buildDecodedTree(decode::decodeCbor(std::string_view(cbor.constData(), std::size_t(cbor.size()))));
        if (!tree->decoded.ok()) fail("decodeCbor: " + tree->decoded.failure->message);
    });

    // 3 and 4: in the window.
    QTemporaryDir dir;
    if (!dir.isValid()) fail("no temporary directory");
    {
        auto opened = storage::createStorage(dir.path().toStdString(),
                                             storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        if (!opened.ok()) fail(opened.status.message());
        if (auto s = opened.storage->put("big", value); !s.ok()) fail(s.message());
    }
    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    bool opened = false;
    QObject::connect(&window, &ui::MainWindow::databaseOpened, [&] { opened = true; });
    QObject::connect(&window, &ui::MainWindow::openFailed, [](const QString& m) { fail(m.toStdString()); });
    window.openDatabase(dir.path(), storage::OpenMode::ReadOnly);
    waitFor("the database to open", [&] { return opened; });
    ui::ValueEditor* editor = window.valueEditor();
    ui::DecodedValueView* view = editor->decodedView();
    std::vector<double> shown, gaps;
    for (int i = 0; i < kRuns; ++i) {
        editor->clear();
        QCoreApplication::processEvents();
        bench::StallMonitor watch;
        bool done = false;
        auto connection = QObject::connect(view, &ui::DecodedValueView::decoded, [&] { done = true; });
        watch.start();
        editor->showKey("big");
        waitFor("the decoded tree", [&] { return done; });
        view->treeView()->viewport()->repaint();  // the first rows, painted
        shown.push_back(watch.elapsedMs());
        gaps.push_back(watch.finish());
        QObject::disconnect(connection);
        if (editor->view() != ui::ValueView::Decoded) fail("the editor did not pick the Decoded view");
        const QAbstractItemModel* model = view->treeView()->model();
        if (model->rowCount(model->index(0, 0)) == 0) fail("the tree shows no items");
    }

    std::printf("\n%-52s %10s %10s %8s\n", "", "ours", "raw", "ratio");
    std::printf("%-52s %8.1f ms %8.1f ms %7.2fx   (raw: msgpack::unpack)\n", "1. MessagePack decoded (tree cut at 200,000 items)",
                oursMsgpack, rawMsgpack, oursMsgpack / rawMsgpack);
    std::printf("%-52s %8.1f ms %8.1f ms %7.2fx   (raw: QCborValue::fromCbor)\n", "2. CBOR decoded (tree cut at 200,000 items)", oursCbor,
                rawCbor, oursCbor / rawCbor);
    std::printf("%-52s %8.1f ms\n", "3. showKey -> Decoded view shows its tree", median(shown));
    std::printf("%-52s %8.1f ms  (worst run %.1f ms; goal: 5 ms tick + 16 ms; raw parse on the UI thread: %.1f ms)\n",
                "4. longest UI-thread gap during 3", median(gaps), *std::max_element(gaps.begin(), gaps.end()), rawMsgpack);
    std::printf("   each run's longest gap:");
    for (double g : gaps) std::printf(" %.1f", g);
    std::printf(" ms\n");
    return 0;
}
