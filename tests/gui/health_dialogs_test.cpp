// Verify Checksums and Compact, as the dialogs show them: every table file
// ldb lists checked and intact, the folder byte for byte as it was; a copy
// with one flipped byte in a table file named as damaged; Compact refused
// on a read-only database; on a read-write copy, fewer files and none in
// level 0 afterwards (as ldb then lists them), the same keys, with the sizes
// before and after.
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <set>

#include "tests/gui/main_window_test.h"
#include "tests/gui/value_test_support.h"
#include "tests/support/folders.h"
#include "tests/support/rocksdb_tools.h"
#include "tests/support/run_program.h"
#include "ui/health/compact_dialog.h"
#include "ui/health/verify_dialog.h"
#include "ui/window/main_window.h"

using namespace meridian;

namespace {

QString copyOf(const QString& from, const QString& to) {
    return test::copyFolderFiles(from, to, [](const QString& name) { return name != QLatin1String("LOCK"); }) ? to : QString();
}

}  // namespace

class HealthDialogsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        db_ = dir_.filePath(QStringLiteral("levelled"));
        const QString made = test::makeLevelledDatabase(db_, 40000);
        QVERIFY2(made.isEmpty(), qPrintable(made));
    }

    void init() {
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1000, 700);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }

    void cleanup() { window_.reset(); }

    void verifyFindsEveryFileIntactAndWritesNothing() {
        const test::DirState before = test::snapshotDir(db_);
        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), db_, storage::OpenMode::ReadOnly));
        ui::VerifyDialog* dialog = window_->showVerifyDialog();
        QVERIFY(dialog);
        QSignalSpy verified(dialog, &ui::VerifyDialog::verified);
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 30000);
        const auto expected = test::ldbLiveFiles(db_);
        QVERIFY(expected.size() > 4);
        QTableWidget* results = dialog->results();
        QCOMPARE(results->rowCount(), int(expected.size()));
        std::set<std::uint64_t> checked;
        for (int row = 0; row < results->rowCount(); ++row) {
            checked.insert(results->item(row, 0)->text().chopped(4).toULongLong());
            QCOMPARE(results->item(row, 2)->text(), QStringLiteral("intact"));
        }
        std::set<std::uint64_t> listed;
        for (const auto& [level, number] : expected) listed.insert(number);
        QCOMPARE(checked, listed);
        QVERIFY2(dialog->summary().startsWith(QStringLiteral("All %1 table files are intact").arg(expected.size())),
                 qPrintable(dialog->summary()));
        window_.reset();
        const QString changed = test::changesSince(before, db_);
        QVERIFY2(changed.isEmpty(), qPrintable(changed));
    }

    void verifyNamesTheDamagedFile() {
        const QString copy = copyOf(db_, dir_.filePath(QStringLiteral("damaged")));
        // One byte flipped in the middle of the largest table file: a data block.
        QString largest;
        qint64 largestSize = 0;
        for (const QFileInfo& f : QDir(copy).entryInfoList({QStringLiteral("*.sst")}, QDir::Files))
            if (f.size() > largestSize) {
                largest = f.filePath();
                largestSize = f.size();
            }
        QFile file(largest);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(largestSize / 2));
        char byte = 0;
        QVERIFY(file.getChar(&byte));
        QVERIFY(file.seek(largestSize / 2));
        QVERIFY(file.putChar(char(byte ^ 0x5A)));
        file.close();

        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), copy, storage::OpenMode::ReadOnly));
        ui::VerifyDialog* dialog = window_->showVerifyDialog();
        QSignalSpy verified(dialog, &ui::VerifyDialog::verified);
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 30000);
        const QString name = QFileInfo(largest).fileName();
        QVERIFY2(dialog->summary().startsWith(QStringLiteral("1 file is of")) || dialog->summary().contains(name),
                 qPrintable(dialog->summary()));
        QVERIFY2(dialog->summary().contains(name), qPrintable(dialog->summary()));
        // Damaged first, in RocksDB's words.
        QCOMPARE(dialog->results()->item(0, 0)->text(), name);
        QVERIFY(dialog->results()->item(0, 2)->text().startsWith(QStringLiteral("DAMAGED")));
        for (int row = 1; row < dialog->results()->rowCount(); ++row)
            QCOMPARE(dialog->results()->item(row, 2)->text(), QStringLiteral("intact"));
    }

    void compactIsRefusedReadOnly() {
        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), db_, storage::OpenMode::ReadOnly));
        ui::CompactDialog* dialog = window_->showCompactDialog();
        QVERIFY(dialog);
        QTest::qWait(200);
        QVERIFY(!dialog->compactButton()->isEnabled());
        QVERIFY2(dialog->summary().contains(QStringLiteral("Enable Editing")), qPrintable(dialog->summary()));
        QVERIFY(!window_->findChild<QAction*>(QStringLiteral("compactAction"))->isEnabled());
    }

    void compactLeavesFewerFilesNoneInLevelZero() {
        const QString copy = copyOf(db_, dir_.filePath(QStringLiteral("compacted")));
        const auto before = test::ldbLiveFiles(copy);
        // db_bench may be another RocksDB release than ours: writing needs the user's word.
        MERIDIAN_CHECK_OK(valuetest::waitForOpen(window_.get(), [&] {
            window_->openDatabase(copy, storage::OpenMode::ReadWrite, storage::StorageConfig{}.withOptionsRewrite());
        }));
        ui::CompactDialog* dialog = window_->showCompactDialog();
        QTRY_VERIFY(dialog->compactButton()->isEnabled());
        QVERIFY2(dialog->summary().startsWith(QStringLiteral("Now: ")), qPrintable(dialog->summary()));
        QSignalSpy compacted(dialog, &ui::CompactDialog::compacted);
        QTest::mouseClick(dialog->compactButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(compacted.count(), 1, 60000);
        QVERIFY2(dialog->summary().startsWith(QStringLiteral("Compacted in")), qPrintable(dialog->summary()));
        QVERIFY(dialog->levels()->rowCount() >= 2);  // the levels before, and the one after
        window_.reset();
        const auto after = test::ldbLiveFiles(copy);
        QVERIFY2(after.size() < before.size(), qPrintable(QStringLiteral("%1 -> %2").arg(before.size()).arg(after.size())));
        for (const auto& [level, number] : after) QVERIFY2(level > 0, "a file left in level 0");
        // The data is the same: ldb counts the same keys.
        const test::Ran countBefore = test::runProgram(QStringLiteral("ldb"), {QStringLiteral("--db=%1").arg(db_),
                                                                               QStringLiteral("dump"), QStringLiteral("--count_only")});
        const test::Ran countAfter = test::runProgram(QStringLiteral("ldb"), {QStringLiteral("--db=%1").arg(copy),
                                                                              QStringLiteral("--ignore_unknown_options"),
                                                                              QStringLiteral("dump"), QStringLiteral("--count_only")});
        QCOMPARE(countAfter.out, countBefore.out);
    }

private:
    QTemporaryDir dir_;
    QString db_;
    std::unique_ptr<ui::MainWindow> window_;
};

QTEST_MAIN(HealthDialogsTest)
#include "health_dialogs_test.moc"
