// MainWindow tests: the fixture, and opening, typing a prefix, paging,
// column families. See main_window_test.h for the whole suite.
#include "tests/gui/main_window_test.h"

#include <QComboBox>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "tests/gui/session_idle.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/session/storage_session.h"
#include "ui/window/backend_badge.h"

namespace meridian::gui_test {

using ui::KeyListModel;

namespace {
constexpr int kBenchKeys = 20000;
}

void MainWindowTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // a private QSettings location
    QCoreApplication::setOrganizationName(QStringLiteral("MeridianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("main_window_test"));
    QSettings().clear();

    QVERIFY2(benchDir_.isValid(), qPrintable(benchDir_.errorString()));
    MERIDIAN_CHECK_OK(makeBenchDatabase(benchDir_.path(), kBenchKeys));
    // The oracle: ldb's listing, checked against db_bench's key format.
    MERIDIAN_CHECK_OK(ldbKeys(benchDir_.path(), &benchKeys_));
    QCOMPARE(benchKeys_.size(), kBenchKeys);
    for (int i = 0; i < kBenchKeys; ++i) QCOMPARE(benchKeys_[i], benchKey(static_cast<std::uint64_t>(i)));
}

void MainWindowTest::init() {
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1000, 700);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void MainWindowTest::cleanup() {
    keyTester_.reset();
    namespaceTester_.reset();
    window_.reset();  // closes the session: waits for its work, releases the database
}

void MainWindowTest::attachModelTesters() {
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    keyTester_ = std::make_unique<QAbstractItemModelTester>(window_->keyBrowser()->model(), Mode::QtTest);
    namespaceTester_ = std::make_unique<QAbstractItemModelTester>(window_->namespaceModel(), Mode::QtTest);
}

QString MainWindowTest::openInWindow(const QString& path, storage::OpenMode mode) {
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    window_->openDatabase(path, mode);
    if (!window_->isOpening() && opened.isEmpty() && failed.isEmpty())
        return QStringLiteral("openDatabase did not start opening");
    if (!QTest::qWaitFor([&] { return !opened.isEmpty() || !failed.isEmpty(); }, 30000))
        return QStringLiteral("neither databaseOpened nor openFailed within 30 s");
    if (!failed.isEmpty()) return QStringLiteral("openFailed: ") + failed.first().first().toString();
    if (!window_->session()) return QStringLiteral("databaseOpened, but the window has no session");
    auto* model = window_->keyBrowser()->model();
    if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 20000))
        return QStringLiteral("the first page of keys did not arrive");
    return {};
}

void MainWindowTest::opensBenchDatabaseReadWrite() {
    auto* model = window_->keyBrowser()->model();
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy firstPage(model, &KeyListModel::firstPageLoaded);
    attachModelTesters();
    MERIDIAN_CHECK_OK(openInWindow(benchDir_.path()));

    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · read-write"));
    QVERIFY(!window_->badge()->isWarning());
    QVERIFY(window_->badge()->isVisible());
    QVERIFY(window_->lastError().isEmpty());
    QVERIFY(window_->windowTitle().contains(QFileInfo(benchDir_.path()).fileName()));
    QVERIFY(window_->session()->isWritable());
    // The open report says each thing once.
    const QStringList lines = window_->badge()->details().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) QVERIFY2(lines.count(line) == 1, qPrintable(QStringLiteral("repeated: ") + line));
    QVERIFY2(!window_->badge()->details().contains(QStringLiteral("RocksDB read-write at")),
             qPrintable(window_->badge()->details()));

    // A small first page comes first, from the first key. (More pages follow
    // on demand; here the model tester demands them all.)
    QCOMPARE(firstPage.size(), 1);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 199);
    QCOMPARE(model->keyAt(0), benchKey(0));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), benchKeys_);
}

void MainWindowTest::typedPrefixShowsExactlyTheKeysUnderIt() {
    attachModelTesters();
    MERIDIAN_CHECK_OK(openInWindow(benchDir_.path()));
    auto* browser = window_->keyBrowser();
    auto* model = browser->model();
    auto* field = window_->findChild<QLineEdit*>(QStringLiteral("prefixField"));
    QVERIFY(field);

    // Typed as a user types it: escapes reach the binary big-endian keys.
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("\\x00\\x00\\x00\\x00\\x00\\x00\\x01"));
    const QByteArray prefix("\0\0\0\0\0\0\x01", 7);
    QCOMPARE(model->prefix(), prefix);
    MERIDIAN_CHECK_OK(loadToEnd(model));

    QList<QByteArray> expected;
    for (const auto& key : benchKeys_)
        if (key.startsWith(prefix)) expected << key;
    QCOMPARE(expected.size(), 256);  // keys 256..511
    QCOMPARE(modelKeys(model), expected);

    // The exact count of that prefix agrees.
    QSignalSpy counted(browser, &ui::KeyBrowser::countFinished);
    browser->countKeys();
    QTRY_COMPARE_WITH_TIMEOUT(counted.size(), 1, 20000);
    QCOMPARE(counted.first().first().toLongLong(), qint64{256});
    QCOMPARE(browser->lastCount(), qint64{256});

    // One more byte narrows it to one key; a prefix nothing has shows nothing.
    QTest::keyClicks(field, QStringLiteral("\\x05"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{benchKey(256 + 5)});
    QCOMPARE(browser->lastCount(), qint64{-1});  // the count was for the old prefix
    QTest::keyClicks(field, QStringLiteral("x"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(model->rowCount(), 0);

    // Clearing the field shows the database from its first key again.
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Backspace);
    QVERIFY(field->text().isEmpty());
    QVERIFY(model->prefix().isEmpty());
    QTRY_VERIFY(!model->isLoading());
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(model->keyAt(0), benchKey(0));
}

void MainWindowTest::pagingToTheEndResumesAfterTheLastKey() {
    // A database of its own: this test writes to it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MERIDIAN_CHECK_OK(makeBenchDatabase(dir.path(), kBenchKeys, 16));
    auto* model = window_->keyBrowser()->model();

    // How pages arrive: only ever appended at the end, never a reset.
    QList<QPair<int, int>> inserts;  // (first row, rows)
    QList<std::size_t> memory;       // memoryBytes() after each page
    int resets = 0;
    bool wroteBeforeCursor = false;
    QString writeError;
    connect(model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });
    connect(model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex&, int first, int last) {
        inserts.append({first, last - first + 1});
        if (wroteBeforeCursor) return;
        // After the first page, a key appears before everything shown. Paging
        // by cursor resumes after the last key shown and never sees it; paging
        // by offset ("skip 200") would show the 200th key twice.
        wroteBeforeCursor = true;
        auto status = window_->session()->run([](storage::Storage& s) { return s.put(std::string(1, '\0'), "late"); });
        if (!status.result().ok()) writeError = QString::fromStdString(status.result().message());
    });
    connect(model, &KeyListModel::pageLoaded, this, [&] { memory.append(model->memoryBytes()); });
    attachModelTesters();  // after the slot above, so that the write comes before any next page

    MERIDIAN_CHECK_OK(openInWindow(dir.path()));
    QVERIFY2(writeError.isEmpty(), qPrintable(writeError));
    QVERIFY(wroteBeforeCursor);
    const int resetsAtOpen = resets;
    MERIDIAN_CHECK_OK(loadToEnd(model));

    const QList<QByteArray> keys = modelKeys(model);
    QCOMPARE(keys.size(), kBenchKeys);
    MERIDIAN_CHECK_OK(strictlyIncreasing(keys));
    QCOMPARE(keys, benchKeys_);
    QCOMPARE(resets, resetsAtOpen);
    QVERIFY(model->atEnd());
    QVERIFY(!model->canFetchMore({}));

    // Pages: the first small, the rest bounded, each appended right after the previous.
    QVERIFY(inserts.size() >= 2);
    int next = 0;
    for (const auto& [first, rows] : inserts) {
        QCOMPARE(first, next);
        QVERIFY(rows > 0 && rows <= 2000);
        next = first + rows;
    }
    QCOMPARE(inserts.first().second, 200);
    QCOMPARE(inserts.size(), 1 + (kBenchKeys - 200 + 1999) / 2000);
    // The key list holds keys only, compactly: memory grows with the rows
    // shown (16-byte keys + a 4-byte offset each, at most doubled by growth).
    QCOMPARE(memory.size(), inserts.size());
    int rows = 0;
    for (qsizetype i = 0; i < memory.size(); ++i) {
        rows += inserts[i].second;
        QVERIFY2(memory[i] >= std::size_t(rows) * 20 && memory[i] <= std::size_t(rows) * 20 * 2 + 4096,
                 qPrintable(QStringLiteral("%1 bytes for %2 rows").arg(memory[i]).arg(rows)));
    }

    // The write was real: reloading (View > Refresh) shows the new key first.
    window_->keyBrowser()->model()->reload();
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(model->keyAt(0), QByteArray(1, '\0'));
    QCOMPARE(model->keyAt(1), benchKey(0));
}

void MainWindowTest::scrollingToTheBottomLoadsTheNextPage() {
    // No model tester here: it pulls every page by itself. This is the user's way.
    MERIDIAN_CHECK_OK(openInWindow(benchDir_.path()));
    auto* model = window_->keyBrowser()->model();
    auto* view = window_->findChild<QTableView*>(QStringLiteral("keyList"));
    QVERIFY(view);
    QCOMPARE(view->model(), model);
    // Nothing more arrives unasked: once the view has laid out the first page
    // (where it would ask for more if that did not fill it) and the session
    // has delivered all it had, it is still the one page.
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    MERIDIAN_WAIT_SESSION_IDLE(window_->session());
    QVERIFY(!model->isLoading());
    QCOMPARE(model->rowCount(), 200);
    QVERIFY(!model->atEnd());

    int scrolls = 0;
    while (!model->atEnd() && scrolls < 100) {
        const int before = model->rowCount();
        view->scrollToBottom();
        ++scrolls;
        QTRY_VERIFY(model->rowCount() > before);
        QTRY_VERIFY(!model->isLoading());
    }
    QVERIFY(model->atEnd());
    QCOMPARE(scrolls, (kBenchKeys - 200 + 1999) / 2000);  // one page per scroll
    QCOMPARE(modelKeys(model), benchKeys_);
}

void MainWindowTest::columnFamilySwitcherShowsTheOtherFamily() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QList<QByteArray> current = {"user:1", "user:2", "user:3"};
    const QList<QByteArray> history = {"event:2024-01-01", "event:2024-01-02"};
    MERIDIAN_CHECK_OK(makeDatabase(dir.path(), {{"default", current}, {"history", history}}));

    attachModelTesters();
    MERIDIAN_CHECK_OK(openInWindow(dir.path()));
    auto* model = window_->keyBrowser()->model();
    auto* namespaces = window_->namespaceModel();
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), current);
    QTRY_COMPARE(namespaces->rowCount(), 1);
    QCOMPARE(namespaces->index(0, 0).data().toString(), QStringLiteral("user:"));

    auto* combo = window_->findChild<QComboBox*>(QStringLiteral("columnFamilySwitcher"));
    QVERIFY(combo);
    QVERIFY(combo->isVisible());  // shown only when there is a choice
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->currentText(), QStringLiteral("default"));
    QCOMPARE(combo->itemText(1), QStringLiteral("history"));

    QSignalSpy switched(window_->keyBrowser(), &ui::KeyBrowser::columnFamilyChanged);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);  // the next family, as from the keyboard
    QCOMPARE(combo->currentText(), QStringLiteral("history"));
    QCOMPARE(switched.size(), 1);
    QCOMPARE(window_->session()->columnFamily(), QStringLiteral("history"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), history);
    // The namespace tree follows the family too.
    QTRY_COMPARE(namespaces->rowCount(), 1);
    QCOMPARE(namespaces->index(0, 0).data().toString(), QStringLiteral("event:"));

    QTest::keyClick(combo, Qt::Key_Up);
    QCOMPARE(combo->currentText(), QStringLiteral("default"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), current);
}

}  // namespace meridian::gui_test

QTEST_MAIN(meridian::gui_test::MainWindowTest)
