// MainWindowTest slots (see main_window_test.h): what a user is told instead
// of the database: memory forced by the environment is a warning, and a
// folder that is not a database is refused; neither touches the folder.
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "tests/gui/main_window_test.h"
#include "tests/support/folders.h"
#include "tests/support/scoped_env.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/window/backend_badge.h"

namespace meridian::gui_test {

void MainWindowTest::memoryForcedByEnvironmentIsAWarning() {
    attachModelTesters();
    const test::DirState before = test::snapshotDir(benchDir_.path(), /*withRoot=*/true);
    {
        test::ScopedEnv env("MERIDIAN_USE_MEMORY_STORAGE", "1");
        MERIDIAN_CHECK_OK(openInWindow(benchDir_.path()));
    }
    auto* badge = window_->badge();
    QCOMPARE(badge->text(), QStringLiteral("In memory · not saved"));
    QVERIFY(badge->isWarning());
    QVERIFY2(badge->details().contains(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE")), qPrintable(badge->details()));
    QVERIFY(badge->toolTip().contains(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE")));
    // An empty store stands in; the database on disk was not opened at all.
    QCOMPARE(window_->keyBrowser()->model()->rowCount(), 0);
    CHECK_DIR_UNCHANGED(benchDir_.path(), before);
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
    // Not a wait for something to happen: the folder's time has millisecond
    // steps, so a change made right after writing notes.txt could leave it as it was.
    QTest::qWait(20);
    const test::DirState before = test::snapshotDir(dir.path(), /*withRoot=*/true);

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

    CHECK_DIR_UNCHANGED(dir.path(), before);  // no LOCK, no LOG, nothing
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("LOCK"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("LOG"))));

    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(box.isNull());  // closed and deleted
}

}  // namespace meridian::gui_test
