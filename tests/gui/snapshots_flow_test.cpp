// The timing-sensitive flows around snapshots and closing, in the real
// MainWindow offscreen: closing right after an edit, asking once however
// often the user closes, a snapshot taken right after a save, a cancelled
// save saying so, and what viewing a snapshot does to counts, names and F2.
#include <QAction>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "tests/gui/session_idle.h"
#include "tests/gui/snapshots_test_support.h"
#include "tests/gui/value_test_support.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/save_to_disk_controller.h"
#include "ui/snapshots/snapshot_banner.h"
#include "ui/snapshots/snapshots_panel.h"

using namespace meridian;
using namespace meridian::valuetest;
using namespace meridian::snapshottest;

namespace {

int visibleBoxes(ui::MainWindow* window, const QString& name) {
    int n = 0;
    for (auto* box : window->findChildren<QMessageBox*>(name))
        if (box->isVisible()) ++n;
    return n;
}

// Queues a put and returns at once, as a Save does (the write lands later).
void putWithoutWaiting(ui::MainWindow* window, const QByteArray& key, const QByteArray& value) {
    window->editActions()->controller()->putValue(key, value, "put");
}

}  // namespace

class SnapshotsFlowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { setUpTestApplication("snapshots_flow_test"); }

    void closingRightAfterAnEditAsksAboutIt() {
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        putWithoutWaiting(&window, "k", "v");
        window.closeDatabase();  // at once: the write is still queued or running
        QMessageBox* ask = waitForMessageBox(&window, "saveMemoryBox");
        QVERIFY2(ask, "the close question was skipped while the edit was in flight");
        QVERIFY2(ask->text().contains("one key"), qPrintable(ask->text()));
        ask->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!window.editActions()->controller()->isBusy());
        QCOMPARE(stored(&window, "k"), std::optional<QByteArray>("v"));  // the edit landed, nothing dropped
    }

    void closingTwiceAsksOnce() {
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        MERIDIAN_VALUE_OK(put(&window, "k", "v"));
        window.closeDatabase();
        window.close();
        QVERIFY(waitForMessageBox(&window, "saveMemoryBox"));
        window.closeDatabase();
        // A second question would come once the session delivered what it
        // reads first (the keys in memory): wait for that, then count.
        MERIDIAN_VALUE_OK(test::waitForSessionIdle(window.session()));
        QCOMPARE(visibleBoxes(&window, "saveMemoryBox"), 1);
        waitForMessageBox(&window, "saveMemoryBox")->button(QMessageBox::Discard)->click();
        QTRY_VERIFY(window.session() == nullptr);
    }

    void aSnapshotTakenRightAfterASaveHasIt() {
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        MERIDIAN_VALUE_OK(put(&window, "k", "old"));
        putWithoutWaiting(&window, "k", "new");
        window.snapshots()->takeAction()->trigger();  // before the write has landed
        QTRY_COMPARE(window.snapshots()->model()->size(), 1);
        MERIDIAN_VALUE_OK(put(&window, "k", "newer"));
        window.snapshots()->view(0);
        QTRY_VERIFY(window.session()->isViewingSnapshot());
        QCOMPARE(shownValue(&window, "k"), QByteArray("new"));
    }

    void aCancelledSaveSaysSoAndLeavesNothing() {
        QTemporaryDir out;
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        // Enough keys that the save checks for a cancel before it is done (a
        // cancel after the last key would rightly leave it saved).
        auto filled = window.session()->run([](storage::Storage& s) {
            storage::WriteBatch batch;
            for (int i = 0; i < 200000; ++i) batch.put("key:" + std::to_string(i), "value");
            return s.write(batch);
        });
        filled.waitForFinished();
        QVERIFY(filled.result().ok());
        const QString destination = out.filePath("saved");
        window.diskSaves()->save(ui::SaveTarget::wholeDatabase(), destination);
        auto* cancel = window.findChild<QToolButton*>("taskCancel");
        QVERIFY(cancel && cancel->isVisible());
        cancel->click();
        QTRY_VERIFY2(window.statusBar()->currentMessage().contains("cancelled"),
                     qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(!QFileInfo::exists(destination));
        QCOMPARE(QDir(out.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    void closingWaitsForASaveToFinish() {
        QTemporaryDir out;
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        MERIDIAN_VALUE_OK(put(&window, "k", "v"));
        const QString destination = out.filePath("saved");
        window.diskSaves()->save(ui::SaveTarget::wholeDatabase(), destination);
        window.closeDatabase();  // the save is running: closing waits, then goes on without asking (saved)
        QTRY_VERIFY_WITH_TIMEOUT(window.session() == nullptr, 20000);
        QCOMPARE(visibleBoxes(&window, "saveMemoryBox"), 0);
        QCOMPARE(databaseContents(destination), (QMap<QString, Entries>{{"default", Entries{{"k", "v"}}}}));
    }

    void viewingASnapshotDropsALiveCount() {
        QTemporaryDir dir;
        MERIDIAN_VALUE_OK(makeDatabase(dir.path(), {{"a", "1"}, {"b", "2"}}));
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openInWindow(&window, dir.path()));
        MERIDIAN_VALUE_OK(takeSnapshot(&window));
        MERIDIAN_VALUE_OK(put(&window, "c", "3"));
        window.keyBrowser()->countKeys();
        QTRY_COMPARE(window.keyBrowser()->lastCount(), qint64(3));
        window.snapshots()->view(0);
        QTRY_VERIFY(window.session()->isViewingSnapshot());
        QCOMPARE(window.keyBrowser()->lastCount(), qint64(-1));
        window.keyBrowser()->countKeys();
        QTRY_COMPARE(window.keyBrowser()->lastCount(), qint64(2));  // the snapshot's own count
    }

    void renamingTheViewedSnapshotRenamesItEverywhere() {
        ui::MainWindow window;
        window.show();
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        MERIDIAN_VALUE_OK(put(&window, "k", "v"));
        MERIDIAN_VALUE_OK(takeSnapshot(&window));
        window.snapshots()->view(0);
        QTRY_VERIFY(window.session()->isViewingSnapshot());
        auto* model = window.snapshots()->model();
        QVERIFY(model->setData(model->index(0), QStringLiteral("before the migration")));
        QVERIFY2(window.snapshotBanner()->text().contains("before the migration"),
                 qPrintable(window.snapshotBanner()->text()));
        QCOMPARE(window.session()->readViewName(), QStringLiteral("before the migration"));
        // Discard on the way out: the test is done with it.
        window.snapshots()->backToLive();
    }

    void f2InTheSnapshotListRenamesTheSnapshot() {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        MERIDIAN_VALUE_OK(put(&window, "k", "v"));
        MERIDIAN_VALUE_OK(selectKey(&window, "k"));  // Rename Key is enabled: F2 is its shortcut
        QVERIFY(window.findChild<QAction*>("renameKeyAction")->isEnabled());
        MERIDIAN_VALUE_OK(takeSnapshot(&window));
        QListView* list = window.snapshotsPanel()->list();
        list->setFocus();
        window.snapshotsPanel()->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_F2);
        QTRY_VERIFY2(list->findChild<QLineEdit*>(), "F2 did not start editing the snapshot's name");
        QVERIFY2(!window.findChild<QDialog*>("keyDialog") || !window.findChild<QDialog*>("keyDialog")->isVisible(),
                 "F2 opened Rename Key");
        window.snapshots()->backToLive();
    }
};

QTEST_MAIN(SnapshotsFlowTest)
#include "snapshots_flow_test.moc"
