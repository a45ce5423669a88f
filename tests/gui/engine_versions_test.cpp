// Other RocksDB releases' databases in the real MainWindow (offscreen):
//  - one an older release wrote: opening it for editing first asks, with the
//    notice, offering Open Read-Only as the default; nothing in the folder
//    changes until the user chooses Open for Editing, and the question is
//    not asked again afterwards;
//  - one RocksDB 10.5.1 wrote (tests/data/newer-rocksdb): opened and shown
//    when the engine reads its table format, otherwise the error box says
//    which RocksDB wrote it and what to do, and the folder stays as it was.
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QTest>

#include <memory>

#include "storage/version.h"
#include "tests/gui/value_test_support.h"
#include "tests/support/folders.h"
#include "ui/session/storage_session.h"
#include "ui/window/backend_badge.h"
#include "ui/window/main_window.h"

namespace meridian::valuetest {

namespace {

const QString kNewer = QStringLiteral(MERIDIAN_TEST_SOURCE_DIR "/data/newer-rocksdb/db");

// The newest OPTIONS file, rewritten as if RocksDB 6.29.5 had written it.
QString pretendOlderWriter(const QString& db) {
    const QStringList files = QDir(db).entryList({QStringLiteral("OPTIONS-*")}, QDir::Files, QDir::Name);
    if (files.isEmpty()) return QStringLiteral("no OPTIONS file in %1").arg(db);
    const QString file = db + "/" + files.last();
    QByteArray text = test::readFile(file);
    const QByteArray engine = "rocksdb_version=" + QByteArray::fromStdString(storage::rocksdbVersion());
    if (!text.contains(engine)) return QStringLiteral("%1 does not record this engine").arg(file);
    text.replace(engine, "rocksdb_version=6.29.5");
    return test::writeFile(file, text) ? QString() : QStringLiteral("cannot write %1").arg(file);
}

}  // namespace

class EngineVersionsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ui::MainWindow> window_;

    // The value beside `name` in the Properties dock ("" when it has no such row).
    QString propertyValue(const QString& name) const {
        auto* tree = window_->findChild<QTreeWidget*>(QStringLiteral("propertiesTree"));
        if (!tree) return {};
        const auto items = tree->findItems(name, Qt::MatchExactly | Qt::MatchRecursive, 0);
        return items.isEmpty() ? QString() : items.first()->text(1);
    }

    // Asks to open `path` for editing and waits for the question.
    QMessageBox* askToEdit(const QString& path) {
        window_->openDatabase(path, storage::OpenMode::ReadWrite);
        return waitForMessageBox(window_.get(), QStringLiteral("optionsRewriteBox"));
    }

private slots:
    void initTestCase() { setUpTestApplication("engine_versions_test"); }
    void init() {
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1100, 700);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void cleanup() { window_.reset(); }

    void olderWriterIsAskedBeforeEditing() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MERIDIAN_VALUE_OK(makeDatabase(dir.path(), {{"k", "v"}}));
        MERIDIAN_VALUE_OK(pretendOlderWriter(dir.path()));
        // Not a wait for something to happen: file times have millisecond
        // steps, so a rewrite made right after the edit above could keep the same time.
        QTest::qWait(20);
        const test::DirState before = test::snapshotDir(dir.path());

        // The question, with the notice; looking is the default answer.
        QMessageBox* box = askToEdit(dir.path());
        QVERIFY(box);
        QVERIFY(!window_->session());
        const QString notice = box->informativeText();
        for (const QString& part : {QStringLiteral("written by RocksDB 6.29.5"),
                                    QStringLiteral("this build uses RocksDB ") + QString::fromStdString(storage::rocksdbVersion()),
                                    QStringLiteral("--ignore_unknown_options")})
            QVERIFY2(notice.contains(part), qPrintable(part + " missing in: " + notice));
        auto* readOnly = box->findChild<QPushButton*>(QStringLiteral("openReadOnlyButton"));
        auto* edit = box->findChild<QPushButton*>(QStringLiteral("openForEditingButton"));
        QVERIFY(readOnly && edit);
        QCOMPARE(box->defaultButton(), readOnly);
        QCOMPARE(test::diffDirs(before, test::snapshotDir(dir.path())), QString());

        // Cancel: nothing opens, nothing changes.
        QPointer<QMessageBox> answered(box);
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(answered.isNull());      // the answer has been acted on: the box is closed and gone
        QTRY_VERIFY(!window_->isOpening());  // an open it would have started has finished
        QVERIFY(!window_->session());
        QCOMPARE(window_->badge()->text(), QStringLiteral("No database"));

        // Open Read-Only: the database opens for looking, and the folder stays as it was.
        box = askToEdit(dir.path());
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("openReadOnlyButton")), Qt::LeftButton);
        QTRY_VERIFY(window_->session());
        QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
        QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · read-only"));
        QCOMPARE(stored(window_.get(), "k").value_or("<absent>"), QByteArray("v"));
        // The Properties dock names both RocksDB releases.
        QTRY_COMPARE(propertyValue(QStringLiteral("OPTIONS file written by")), QStringLiteral("6.29.5"));
        QCOMPARE(propertyValue(QStringLiteral("Engine")),
                 QStringLiteral("%1, reads table formats up to %2")
                     .arg(QString::fromStdString(storage::rocksdbVersion()))
                     .arg(storage::engineInfo().newestTableFormat));
        window_->closeDatabase();
        QTRY_VERIFY(!window_->session());
        QCOMPARE(test::diffDirs(before, test::snapshotDir(dir.path())), QString());

        // Open for Editing: read-write, and writes land.
        box = askToEdit(dir.path());
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("openForEditingButton")), Qt::LeftButton);
        QTRY_VERIFY(window_->session());
        QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
        QVERIFY(window_->session()->isWritable());
        QVERIFY(window_->session()->storagePtr()->put("k", "edited").ok());
        window_->closeDatabase();
        QTRY_VERIFY(!window_->session());

        // Said once: the rewritten OPTIONS file records this engine now.
        QCOMPARE(QString::fromStdString(storage::databaseVersions(dir.path().toStdString()).writtenBy.value_or("")),
                 QString::fromStdString(storage::rocksdbVersion()));
        MERIDIAN_VALUE_OK(openInWindow(window_.get(), dir.path()));
        QVERIFY(!window_->findChild<QMessageBox*>(QStringLiteral("optionsRewriteBox")));
        QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
        QCOMPARE(stored(window_.get(), "k").value_or("<absent>"), QByteArray("edited"));
    }

    void newerDatabaseOpensOrSaysWhyNot() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(test::copyFolderFiles(kNewer, dir.path()));
        const test::DirState before = test::snapshotDir(dir.path());
        if (storage::engineInfo().newestTableFormat >= 6) {
            MERIDIAN_VALUE_OK(openInWindow(window_.get(), dir.path(), storage::OpenMode::ReadOnly));
            QCOMPARE(stored(window_.get(), "hello").value_or("<absent>"), QByteArray("world, again"));
            QCOMPARE(stored(window_.get(), QByteArray("\x00\x01\xff", 3)).value_or("<absent>"),
                     QByteArray("\xde\xad\x00\xbe\xef", 5));
            window_->closeDatabase();
        } else {
            QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
            window_->openDatabase(dir.path(), storage::OpenMode::ReadOnly);
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
            QMessageBox* box = waitForMessageBox(window_.get(), QStringLiteral("errorBox"));
            QVERIFY(box);
            for (const QString& part : {QStringLiteral("newer RocksDB (10.5.1, table format 6)"),
                                        QStringLiteral("RocksDB 8.6 or newer"), window_->lastError()})
                QVERIFY2(box->text().contains(part), qPrintable(part + " missing in: " + box->text()));
            QVERIFY2(!box->text().contains(QStringLiteral("orrupt")), qPrintable(box->text()));
            QVERIFY(!window_->session());
        }
        QCOMPARE(test::diffDirs(before, test::snapshotDir(dir.path())), QString());
    }
};

}  // namespace meridian::valuetest

QTEST_MAIN(meridian::valuetest::EngineVersionsTest)
#include "engine_versions_test.moc"
