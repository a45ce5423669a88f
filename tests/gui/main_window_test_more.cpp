// MainWindow tests, part 2: exact count with cancel, forced memory storage,
// a folder that is not a database, the namespace tree.
// See main_window_test.h for the whole suite.
#include <QLabel>
#include <QFocusEvent>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "tests/gui/main_window_test.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/editor/value_editor.h"
#include "ui/window/backend_badge.h"

namespace meridian::gui_test {

using ui::KeyBrowser;
using ui::NamespaceModel;

namespace {

// Sets an environment variable for one scope and puts back what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : name_(name), had_(qEnvironmentVariableIsSet(name)), old_(qgetenv(name)) {
        qputenv(name, value);
    }
    ~ScopedEnv() { had_ ? qputenv(name_, old_) : qunsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    bool had_;
    QByteArray old_;
};

}  // namespace

void MainWindowTest::countCanBeCancelledAndCountsExactly() {
    // 300k keys. No model tester here: it pulls every page on each insert,
    // which would page all 300k keys into the list, which is not what this is about.
    constexpr int kKeys = 300000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MERIDIAN_CHECK_OK(makeBenchDatabase(dir.path(), kKeys, 8));
    MERIDIAN_CHECK_OK(openInWindow(dir.path()));
    auto* browser = window_->keyBrowser();
    auto* countButton = window_->findChild<QToolButton*>(QStringLiteral("countButton"));
    auto* summary = window_->findChild<QLabel*>(QStringLiteral("keySummary"));
    QVERIFY(countButton && summary);
    QSignalSpy finished(browser, &KeyBrowser::countFinished);

    // Cancel at once: the count runs off the UI thread, so it is still going
    // when countKeys() returns, and the cancel is reported as -1.
    browser->countKeys();
    QVERIFY(browser->isCounting());
    QCOMPARE(countButton->text(), QStringLiteral("Cancel"));
    browser->cancelCount();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.first().first().toLongLong(), qint64{-1});
    QCOMPARE(browser->lastCount(), qint64{-1});
    QTRY_VERIFY(!browser->isCounting());
    QCOMPARE(countButton->text(), QStringLiteral("Count"));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);  // no late result after the cancel

    // Still responsive: typing a prefix re-queries at once.
    auto* field = window_->findChild<QLineEdit*>(QStringLiteral("prefixField"));
    QVERIFY(field);
    QTest::keyClicks(field, QStringLiteral("\\x00\\x00\\x00\\x00\\x00\\x01"));  // keys 65536..131071
    auto* model = browser->model();
    QTRY_VERIFY(!model->isLoading());
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(model->keyAt(0), benchKey(65536));

    // A count left to finish is exact, under the prefix and for everything.
    finished.clear();
    QTest::mouseClick(countButton, Qt::LeftButton);  // as the user starts it
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), qint64{65536});
    QCOMPARE(browser->lastCount(), qint64{65536});
    QVERIFY2(summary->text().contains(QLocale().toString(65536)), qPrintable(summary->text()));

    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Backspace);
    QCOMPARE(browser->lastCount(), qint64{-1});
    finished.clear();
    browser->countKeys();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), qint64{kKeys});
    QCOMPARE(browser->lastCount(), qint64{kKeys});
    QVERIFY2(summary->text().contains(QLocale().toString(kKeys)), qPrintable(summary->text()));
}

void MainWindowTest::memoryForcedByEnvironmentIsAWarning() {
    attachModelTesters();
    const QString before = folderFingerprint(benchDir_.path());
    {
        ScopedEnv env("MERIDIAN_USE_MEMORY_STORAGE", "1");
        MERIDIAN_CHECK_OK(openInWindow(benchDir_.path()));
    }
    auto* badge = window_->badge();
    QCOMPARE(badge->text(), QStringLiteral("In memory · not saved"));
    QVERIFY(badge->isWarning());
    QVERIFY2(badge->details().contains(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE")), qPrintable(badge->details()));
    QVERIFY(badge->toolTip().contains(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE")));
    // An empty store stands in; the database on disk was not opened at all.
    QCOMPARE(window_->keyBrowser()->model()->rowCount(), 0);
    QCOMPARE(folderFingerprint(benchDir_.path()), before);
}

void MainWindowTest::notADatabaseIsRefusedAndLeftUntouched() {
    attachModelTesters();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QFile notes(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not a database\n");
    }
    QTest::qWait(20);  // so that a later change of the folder shows in its mtime
    const QString before = folderFingerprint(dir.path());

    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    window_->openDatabase(dir.path(), storage::OpenMode::ReadWrite);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    QCOMPARE(opened.size(), 0);
    QVERIFY(!window_->session());
    const QString error = window_->lastError();
    QCOMPARE(failed.first().first().toString(), error);
    QVERIFY2(error.contains(QStringLiteral("not a RocksDB database")), qPrintable(error));
    QCOMPARE(window_->badge()->text(), QStringLiteral("No database"));

    QPointer<QMessageBox> box = window_->findChild<QMessageBox*>(QStringLiteral("errorBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(error), qPrintable(box->text()));

    QCOMPARE(folderFingerprint(dir.path()), before);  // no LOCK, no LOG, nothing
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("LOCK"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("LOG"))));

    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(box.isNull());  // closed and deleted
}

void MainWindowTest::namespaceTreeGroupsKeysAndSetsThePrefix() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // "w\x41:" holds a real backslash: selecting it must not turn into "wA:".
    const QList<QByteArray> keys = {"a:1", "a:2", "b:x:1", "c", "wA:1", "w\\x41:1"};
    MERIDIAN_CHECK_OK(makeDatabase(dir.path(), {{"default", keys}}));
    attachModelTesters();
    MERIDIAN_CHECK_OK(openInWindow(dir.path()));

    auto* tree = window_->findChild<QTreeView*>(QStringLiteral("namespaceTree"));
    QVERIFY(tree);
    auto* namespaces = window_->namespaceModel();
    QCOMPARE(tree->model(), namespaces);
    QTRY_COMPARE(namespaces->rowCount(), 5);
    auto label = [namespaces](int row, const QModelIndex& parent = {}) {
        return namespaces->index(row, 0, parent).data().toString();
    };
    QCOMPARE(label(0), QStringLiteral("a:"));
    QCOMPARE(label(1), QStringLiteral("b:"));
    QCOMPARE(label(2), QStringLiteral("c"));
    QCOMPARE(label(3), QStringLiteral("wA:"));
    QCOMPARE(label(4), QStringLiteral("w\\x41:"));
    QVERIFY(namespaces->hasChildren(namespaces->index(1, 0)));
    QVERIFY(!namespaces->hasChildren(namespaces->index(2, 0)));  // "c" is a key, not a group

    // Expanding "b:" in the tree shows "x:" under it.
    const QModelIndex b = namespaces->index(1, 0);
    tree->expand(b);
    QTRY_COMPARE(namespaces->rowCount(b), 1);
    QVERIFY(tree->isExpanded(b));
    QCOMPARE(label(0, b), QStringLiteral("x:"));
    QCOMPARE(namespaces->index(0, 0, b).data(NamespaceModel::PrefixRole).toByteArray(), QByteArray("b:x:"));
    QCOMPARE(tree->indexBelow(b), namespaces->index(0, 0, b));

    // Clicking a node browses its prefix.
    auto* model = window_->keyBrowser()->model();
    auto* field = window_->findChild<QLineEdit*>(QStringLiteral("prefixField"));
    QVERIFY(field);

    // The tree taking focus (Tab, window activation) makes its first row
    // current without selecting it: the typed prefix stays.
    field->setText(QStringLiteral("c"));
    QVERIFY(!tree->currentIndex().isValid());
    window_->activateWindow();
    QFocusEvent focusIn(QEvent::FocusIn, Qt::TabFocusReason);
    QCoreApplication::sendEvent(tree, &focusIn);
    QVERIFY(tree->currentIndex().isValid());
    QCOMPARE(model->prefix(), QByteArray("c"));
    // Nor does the key list taking focus load the value of its first key.
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{"c"});
    QCoreApplication::sendEvent(window_->keyBrowser()->view(), &focusIn);
    QVERIFY(window_->keyBrowser()->view()->currentIndex().isValid());
    QTest::qWait(50);
    QVERIFY(!window_->valueEditor()->isLoading());
    QVERIFY2(window_->valueEditor()->key().isEmpty(), window_->valueEditor()->key().constData());

    auto click = [tree](const QModelIndex& index) {
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    };
    click(namespaces->index(0, 0, b));
    QCOMPARE(tree->currentIndex(), namespaces->index(0, 0, b));
    QCOMPARE(field->text(), QStringLiteral("b:x:"));
    QCOMPARE(model->prefix(), QByteArray("b:x:"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{"b:x:1"});

    click(namespaces->index(0, 0));
    QCOMPARE(model->prefix(), QByteArray("a:"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), (QList<QByteArray>{"a:1", "a:2"}));

    click(namespaces->index(4, 0));
    QCOMPARE(model->prefix(), QByteArray("w\\x41:"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{"w\\x41:1"});
}

}  // namespace meridian::gui_test
