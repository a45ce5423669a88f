// MainWindowTest slots (see main_window_test.h): what a user is told instead
// of the database: memory forced by the environment is a warning, a folder
// that is not a database is refused, and a damaged one opens only read-only,
// saying so; none of them touches the folder.
#include <QLabel>
#include <QDir>
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
#include "storage/factory.h"
#include "ui/session/storage_session.h"
#include "ui/window/backend_badge.h"
#include "ui/window/damage_banner.h"

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
    // An empty store stands in; the database on disk was not opened at all,
    // and the title and the list say so rather than show its name over nothing.
    QCOMPARE(window_->keyBrowser()->model()->rowCount(), 0);
    QVERIFY2(window_->windowTitle().startsWith(QStringLiteral("In memory, not ")), qPrintable(window_->windowTitle()));
    const QString summary = window_->keyBrowser()->findChild<QLabel*>(QStringLiteral("keySummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("empty in-memory store")), qPrintable(summary));
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

void MainWindowTest::damagedDatabaseOpensOnlyReadOnlyAndSaysSo() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(QStringLiteral("db"));
    {
        // 2,000 writes that stay in the WAL (a close does not flush them).
        auto opened = storage::createStorage(
            db.toStdString(), storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        for (int i = 0; i < 2000; ++i) {
            storage::WriteBatch batch;
            batch.put("key" + std::to_string(10000 + i), std::string(50, 'v'));
            QVERIFY(opened.storage->write(batch).ok());
        }
    }
    const QStringList wals = QDir(db).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
    QVERIFY(!wals.isEmpty());
    {
        QFile wal(db + QLatin1Char('/') + wals.last());
        QVERIFY(wal.size() > 10000);
        QVERIFY(wal.open(QIODevice::ReadWrite) && wal.seek(wal.size() / 2));
        QVERIFY(wal.write(QByteArray(16, '\xee')) == 16);
    }
    QTest::qWait(20);  // the folder's time has millisecond steps (see above)
    const test::DirState before = test::snapshotDir(db, /*withRoot=*/true);

    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    window_->openDatabase(db, storage::OpenMode::ReadWrite);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    QVERIFY(!window_->session());
    QVERIFY2(window_->lastError().contains(QStringLiteral("write-ahead log does not replay cleanly")),
             qPrintable(window_->lastError()));
    QPointer<QMessageBox> box = window_->findChild<QMessageBox*>(QStringLiteral("damagedDatabaseBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->informativeText().contains(QStringLiteral("would drop the records after the damage")),
             qPrintable(box->informativeText()));
    auto* readOnly = box->findChild<QPushButton*>(QStringLiteral("openReadOnlyButton"));
    QVERIFY(readOnly);
    QCOMPARE(box->defaultButton(), readOnly);  // the safe answer
    CHECK_DIR_UNCHANGED(db, before);

    QTest::mouseClick(readOnly, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QVERIFY(window_->session());
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
    const QString banner = window_->damageBanner()->text();
    QVERIFY2(banner.contains(QStringLiteral("write-ahead log is damaged")) &&
                 banner.contains(QStringLiteral("may be incomplete")),
             qPrintable(banner));
    // What could be read before the damage is there.
    QTRY_VERIFY_WITH_TIMEOUT(window_->keyBrowser()->model()->rowCount() > 0, 20000);
    window_->closeDatabase();
    QVERIFY(window_->damageBanner()->text().isEmpty());
    CHECK_DIR_UNCHANGED(db, before);
}

}  // namespace meridian::gui_test
