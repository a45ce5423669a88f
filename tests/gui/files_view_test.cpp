// Files and Levels: the table files of a db_bench database over several
// levels as `ldb list_live_files_metadata` lists them, in the table and in
// the picture (a block per file, in key order, as wide as its size), a click
// on a block selecting its row; read only while shown; a memory store says
// it has no files.
#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <set>

#include "tests/gui/main_window_test.h"
#include "tests/gui/value_test_support.h"
#include "tests/support/rocksdb_tools.h"
#include "tests/support/run_program.h"
#include "ui/files/files_dock.h"
#include "ui/files/lsm_picture.h"
#include "ui/files/table_files_model.h"
#include "ui/window/main_window.h"

using namespace meridian;


class FilesViewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        db_ = dir_.filePath(QStringLiteral("levelled"));
        // Small memtables and files and a small level base: several levels.
        const QString made = test::makeLevelledDatabase(db_, 60000);
        QVERIFY2(made.isEmpty(), qPrintable(made));
    }

    void init() {
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1100, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }

    void cleanup() { window_.reset(); }

    void theFilesAreLdbsInTableAndPicture() {
        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), db_, storage::OpenMode::ReadOnly));
        ui::FilesDock* dock = window_->filesDock();
        QSignalSpy loaded(dock, &ui::FilesDock::loaded);
        // Hidden behind Properties, it reads nothing.
        QTest::qWait(100);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(dock->model()->rowCount(), 0);
        dock->show();
        dock->raise();
        QTRY_COMPARE(loaded.count(), 1);

        std::map<std::uint64_t, int> expected;  // file number -> level
        for (const auto& [level, number] : test::ldbLiveFiles(db_)) expected[number] = level;
        QVERIFY(expected.size() > 4);
        std::set<int> levels;
        for (const auto& [number, level] : expected) levels.insert(level);
        QVERIFY2(levels.size() >= 2, "db_bench should have filled several levels");

        ui::TableFilesModel* model = dock->model();
        QCOMPARE(model->rowCount(), int(expected.size()));
        std::map<std::uint64_t, int> shown;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->index(row, ui::TableFilesModel::File).data().toString();
            const QString level = model->index(row, ui::TableFilesModel::Level).data().toString();
            QVERIFY2(name.endsWith(QLatin1String(".sst")), qPrintable(name));
            shown[name.chopped(4).toULongLong()] = level.mid(1).toInt();
        }
        QCOMPARE(shown, expected);
        QVERIFY(dock->summary().contains(QStringLiteral("%1 table files").arg(expected.size())));

        // The picture: logs, L0 down to the last level; a block per file.
        ui::LsmPicture* picture = dock->picture();
        const int last = *levels.rbegin();
        QStringList rows{QStringLiteral("Logs")};
        for (int l = 0; l <= last; ++l) rows << QStringLiteral("L%1").arg(l);
        QCOMPARE(picture->rowLabels(), rows);
        const auto& tables = model->report().tables;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const QRectF block = picture->blockOf(tables[i].number);
            QVERIFY2(!block.isNull(), tables[i].name.c_str());
            QCOMPARE(picture->fileAt(block.center()), std::optional<std::uint64_t>(tables[i].number));
            if (i > 0 && tables[i - 1].level == tables[i].level) {
                // Key order, left to right; a bigger file is not narrower.
                const QRectF before = picture->blockOf(tables[i - 1].number);
                QVERIFY(before.right() <= block.left());
                QCOMPARE(before.top(), block.top());
                if (tables[i - 1].size > tables[i].size * 2) QVERIFY(before.width() >= block.width());
            } else if (i > 0) {
                QVERIFY(picture->blockOf(tables[i - 1].number).top() < block.top());  // a level lower, a row lower
            }
        }

        // Clicking a block selects its file in the table.
        const storage::TableFile& pick = tables[tables.size() / 2];
        QTest::mouseClick(picture, Qt::LeftButton, {}, picture->blockOf(pick.number).center().toPoint());
        const QModelIndex current = dock->table()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.siblingAtColumn(ui::TableFilesModel::File).data().toString(), QString::fromStdString(pick.name));
    }

    void aMemoryStoreHasNoFiles() {
        MERIDIAN_CHECK_OK(valuetest::waitForOpen(window_.get(), [this] {
            window_->openDatabase(db_, storage::OpenMode::ReadOnly, storage::StorageConfig{}.withForceMemory());
        }));
        ui::FilesDock* dock = window_->filesDock();
        dock->show();
        dock->raise();
        QTRY_VERIFY(dock->summary().contains(QStringLiteral("no files")));
        QCOMPARE(dock->model()->rowCount(), 0);
        QVERIFY2(dock->summary().contains(QStringLiteral("no files")), qPrintable(dock->summary()));
    }

private:
    QTemporaryDir dir_;
    QString db_;
    std::unique_ptr<ui::MainWindow> window_;
};

QTEST_MAIN(FilesViewTest)
#include "files_view_test.moc"
