// Snapshots in the real MainWindow, offscreen, on both backends: take one,
// change the live database, browse the snapshot and see the old keys and
// values (read-only, with the banner), go back to live, compare, release;
// save to disk (checkpoint, snapshot, in-memory database) and the question
// before an in-memory database with unsaved keys is closed.
#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "storage/factory.h"
#include "tests/gui/session_idle.h"
#include "tests/gui/snapshots_test_support.h"
#include "tests/gui/value_test_support.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/diff_dialog.h"
#include "ui/snapshots/diff_model.h"
#include "ui/snapshots/snapshot_banner.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/snapshots/snapshots_panel.h"
#include "ui/window/edit_actions.h"
#include "ui/snapshots/save_to_disk_controller.h"
#include "ui/window/main_window.h"

using namespace meridian;
using namespace meridian::valuetest;
using namespace meridian::snapshottest;


class SnapshotsWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { setUpTestApplication("snapshots_window_test"); }

    void snapshotShowsTheOldDataWhileLiveChanges_data();
    void snapshotShowsTheOldDataWhileLiveChanges();
    void followingLiveCannotTakeSnapshots();
    void exportAndImportOpenFromTheFileMenu();
    void savesACheckpointAndASnapshotToDisk();
    void closingAMemoryDatabaseAsksToSaveItFirst();
    void discardOrCancelOnClosingAMemoryDatabase();
};

void SnapshotsWindowTest::snapshotShowsTheOldDataWhileLiveChanges_data() {
    QTest::addColumn<bool>("memory");
    QTest::newRow("rocksdb") << false;
    QTest::newRow("memory") << true;
}

void SnapshotsWindowTest::snapshotShowsTheOldDataWhileLiveChanges() {
    QFETCH(bool, memory);
    QTemporaryDir dir;
    ui::MainWindow window;
    window.show();
    const Entries initial{{"a", "one"}, {"b", "two"}, {"c", "three"}, {kBinaryKey, kBinaryValue}};
    if (memory) {
        MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
        for (auto it = initial.begin(); it != initial.end(); ++it) MERIDIAN_VALUE_OK(put(&window, it.key(), it.value()));
    } else {
        MERIDIAN_VALUE_OK(makeDatabase(dir.path(), initial));
        MERIDIAN_VALUE_OK(openInWindow(&window, dir.path()));
    }

    MERIDIAN_VALUE_OK(takeSnapshot(&window));
    ui::SnapshotListModel* snapshots = window.snapshots()->model();
    QCOMPARE(snapshots->at(0).name, QStringLiteral("Snapshot 1"));
    QVERIFY(snapshots->at(0).takenAt.isValid());

    // The live database changes: a value, a delete, a new key, a batch of binary bytes.
    MERIDIAN_VALUE_OK(put(&window, "b", "TWO, changed"));
    MERIDIAN_VALUE_OK(remove(&window, "c"));
    MERIDIAN_VALUE_OK(put(&window, "d", "added"));
    MERIDIAN_VALUE_OK(put(&window, kBinaryKey, QByteArray("\xff\x00", 2)));
    QCOMPARE(listedKeys(&window), (QList<QByteArray>{"a", "b", kBinaryKey, "d"}));

    // View the snapshot from the panel, as a user does, with the deleted key
    // shown as missing in the editor: the snapshot has it.
    QVERIFY(shownValue(&window, "c").isEmpty());
    QVERIFY(!window.valueEditor()->hasValue());
    window.snapshotsPanel()->setCurrentRow(0);
    QVERIFY(window.snapshotsPanel()->viewAction()->isEnabled());
    window.snapshotsPanel()->viewAction()->trigger();
    QTRY_VERIFY(window.session()->isViewingSnapshot());
    QCOMPARE(listedKeys(&window), (QList<QByteArray>{"a", "b", kBinaryKey, "c"}));
    QTRY_VERIFY(window.valueEditor()->hasValue() && !window.valueEditor()->isLoading());
    QCOMPARE(window.valueEditor()->key(), QByteArray("c"));
    QCOMPARE(window.valueEditor()->currentBytes(), QByteArray("three"));
    QCOMPARE(shownValue(&window, "b"), QByteArray("two"));
    QCOMPARE(shownValue(&window, "c"), QByteArray("three"));
    QCOMPARE(shownValue(&window, kBinaryKey), kBinaryValue);
    QVERIFY2(window.snapshotBanner()->isVisible(), "the banner says a snapshot is viewed");
    QVERIFY2(window.snapshotBanner()->text().contains("Snapshot 1"), qPrintable(window.snapshotBanner()->text()));
    // Editing is off, and says why.
    QVERIFY(!window.valueEditor()->isEditable());
    QVERIFY(!window.findChild<QAction*>("addKeyAction")->isEnabled());
    QVERIFY(!window.findChild<QAction*>("undoAction")->isEnabled());
    QVERIFY2(window.findChild<QAction*>("addKeyAction")->toolTip().contains("snapshot"),
             qPrintable(window.findChild<QAction*>("addKeyAction")->toolTip()));
    QVERIFY(window.snapshots()->backToLiveAction()->isEnabled());
    QVERIFY2(!window.findChild<QAction*>("importKeysAction")->isEnabled(), "no import into a snapshot");

    // Live keeps changing meanwhile; the snapshot does not.
    {
        auto later = window.session()->run([](storage::Storage& s) { return s.put("e", "later"); });
        later.waitForFinished();
        QVERIFY(later.result().ok());
    }
    MERIDIAN_VALUE_OK(trigger(&window, "refreshAction"));
    QCOMPARE(listedKeys(&window), (QList<QByteArray>{"a", "b", kBinaryKey, "c"}));

    // Back to live.
    window.snapshots()->backToLiveAction()->trigger();
    QTRY_VERIFY(!window.session()->isViewingSnapshot());
    QVERIFY(!window.snapshotBanner()->isVisible());
    QCOMPARE(listedKeys(&window), (QList<QByteArray>{"a", "b", kBinaryKey, "d", "e"}));
    QCOMPARE(shownValue(&window, "b"), QByteArray("TWO, changed"));
    QVERIFY(window.valueEditor()->isEditable());
    QVERIFY(window.findChild<QAction*>("addKeyAction")->isEnabled());

    QVERIFY(window.findChild<QAction*>("importKeysAction")->isEnabled());

    // Compare the snapshot with live: the changes, old and new side by side.
    MERIDIAN_VALUE_OK(trigger(&window, "compareAction"));
    ui::DiffDialog* compare = window.compareDialog();
    QVERIFY(compare && compare->isVisible());
    QTRY_VERIFY(!compare->isRunning() && compare->model()->rowCount() > 0);
    QList<QPair<QByteArray, storage::ChangeKind>> rows;
    for (int row = 0; row < compare->model()->rowCount(); ++row)
        rows.append({compare->model()->keyAt(row), compare->model()->kindAt(row)});
    const QList<QPair<QByteArray, storage::ChangeKind>> expected{{"b", storage::ChangeKind::Changed},
                                                                 {kBinaryKey, storage::ChangeKind::Changed},
                                                                 {"c", storage::ChangeKind::Removed},
                                                                 {"d", storage::ChangeKind::Added},
                                                                 {"e", storage::ChangeKind::Added}};
    QCOMPARE(rows, expected);
    compare->table()->setCurrentIndex(compare->model()->index(0, ui::DiffModel::KeyColumn));
    auto* before = compare->findChild<QPlainTextEdit*>("diffBefore");
    auto* after = compare->findChild<QPlainTextEdit*>("diffAfter");
    QVERIFY(before && after);
    QTRY_COMPARE(before->toPlainText(), QStringLiteral("two"));
    QTRY_COMPARE(after->toPlainText(), QStringLiteral("TWO, changed"));
    compare->close();
    QTRY_VERIFY(!window.compareDialog());  // it held both sides for reading values; closing lets them go

    // Releasing the snapshot frees it: the backend holds none any more.
    window.snapshotsPanel()->setCurrentRow(0);
    window.snapshotsPanel()->releaseAction()->trigger();
    QCOMPARE(snapshots->size(), 0);
    auto stats = window.session()->stats();
    stats.waitForFinished();
    const auto& properties = stats.result().properties;
    const std::string name = memory ? "memory.live-snapshots" : "rocksdb.num-snapshots";
    QVERIFY2(properties.count(name), name.c_str());
    QCOMPARE(properties.at(name), std::string("0"));
}

void SnapshotsWindowTest::followingLiveCannotTakeSnapshots() {
    QTemporaryDir dir;
    MERIDIAN_VALUE_OK(makeDatabase(dir.path(), {{"a", "1"}}));
    ui::MainWindow window;
    MERIDIAN_VALUE_OK(openInWindow(&window, dir.path(), storage::OpenMode::Secondary));
    QAction* take = window.snapshots()->takeAction();
    QVERIFY(!take->isEnabled());
    QVERIFY2(take->toolTip().contains("followed live"), qPrintable(take->toolTip()));
}

void SnapshotsWindowTest::exportAndImportOpenFromTheFileMenu() {
    QTemporaryDir dir;
    MERIDIAN_VALUE_OK(makeDatabase(dir.path(), {{"a", "1"}}));
    ui::MainWindow window;
    window.show();
    MERIDIAN_VALUE_OK(openInWindow(&window, dir.path()));
    MERIDIAN_VALUE_OK(trigger(&window, "exportKeysAction"));
    QTRY_VERIFY(window.findChild<QDialog*>("exportDialog") && window.findChild<QDialog*>("exportDialog")->isVisible());
    window.findChild<QDialog*>("exportDialog")->reject();
    MERIDIAN_VALUE_OK(trigger(&window, "importKeysAction"));
    QTRY_VERIFY(window.findChild<QDialog*>("importDialog") && window.findChild<QDialog*>("importDialog")->isVisible());
    window.findChild<QDialog*>("importDialog")->reject();
}

void SnapshotsWindowTest::savesACheckpointAndASnapshotToDisk() {
    QTemporaryDir dir;
    QTemporaryDir out;
    const Entries initial{{"a", "1"}, {kBinaryKey, kBinaryValue}};
    MERIDIAN_VALUE_OK(makeDatabase(dir.path(), initial, {{"history", Entries{{"h", "old"}}}}));
    ui::MainWindow window;
    window.show();
    MERIDIAN_VALUE_OK(openInWindow(&window, dir.path()));
    MERIDIAN_VALUE_OK(takeSnapshot(&window));
    MERIDIAN_VALUE_OK(put(&window, "a", "changed"));

    // The whole database: a checkpoint, every column family, as it is now.
    const QString checkpoint = out.filePath("checkpoint");
    window.diskSaves()->save(ui::SaveTarget::wholeDatabase(), checkpoint);
    QMessageBox* saved = waitForMessageBox(&window, "savedBox");
    QVERIFY(saved);
    QVERIFY2(saved->text().contains("checkpoint"), qPrintable(saved->text()));
    saved->button(QMessageBox::Ok)->click();
    Entries now = initial;
    now["a"] = "changed";
    QMap<QString, Entries> expected{{"default", now}, {"history", Entries{{"h", "old"}}}};
    QCOMPARE(databaseContents(checkpoint), expected);

    // The snapshot: a new database as it was when taken.
    const QString snapshot = out.filePath("snapshot");
    QDir().mkpath(snapshot);  // an empty folder, as a folder picker makes
    window.diskSaves()->save(ui::SaveTarget::snapshotAt(0), snapshot);
    saved = waitForMessageBox(&window, "savedBox");
    QVERIFY(saved);
    QVERIFY2(saved->text().contains("2 keys") || saved->text().contains("3 keys"), qPrintable(saved->text()));
    saved->button(QMessageBox::Ok)->click();
    expected["default"] = initial;
    QCOMPARE(databaseContents(snapshot), expected);

    // A folder with something in it is refused, and left as it was.
    const QString busy = out.filePath("busy");
    QDir().mkpath(busy);
    QFile keep(busy + "/keep.txt");
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("mine");
    keep.close();
    window.diskSaves()->save(ui::SaveTarget::snapshotAt(0), busy);
    QMessageBox* error = waitForMessageBox(&window, "errorBox");
    QVERIFY(error);
    QCOMPARE(QDir(busy).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{"keep.txt"});
    error->button(QMessageBox::Ok)->click();
}

void SnapshotsWindowTest::closingAMemoryDatabaseAsksToSaveItFirst() {
    QTemporaryDir out;
    ui::MainWindow window;
    window.show();
    MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
    const Entries entries{{"k1", "v1"}, {"k2", QByteArray(100000, 'x')}, {kBinaryKey, kBinaryValue}};
    for (auto it = entries.begin(); it != entries.end(); ++it) MERIDIAN_VALUE_OK(put(&window, it.key(), it.value()));

    // Close: the window asks, the user saves into a new empty folder.
    window.closeDatabase();
    QMessageBox* ask = waitForMessageBox(&window, "saveMemoryBox");
    QVERIFY2(ask, "closing an in-memory database with keys asks first");
    QVERIFY2(ask->text().contains("3 keys"), qPrintable(ask->text()));
    QVERIFY(window.session());  // still open while asking
    ask->button(QMessageBox::Save)->click();
    QFileDialog* picker = nullptr;
    QTRY_VERIFY((picker = window.findChild<QFileDialog*>("saveToDiskDialog")) && picker->isVisible());
    // A new folder's name typed into the picker: the save makes it.
    const QString destination = out.filePath("kept");
    picker->setDirectory(out.path());
    picker->selectFile(QStringLiteral("kept"));
    QVERIFY(QMetaObject::invokeMethod(picker, "accept"));
    QTRY_VERIFY_WITH_TIMEOUT(window.session() == nullptr, 20000);  // saved, then closed

    QMap<QString, Entries> expected{{"default", entries}};
    QCOMPARE(databaseContents(destination), expected);
}

void SnapshotsWindowTest::discardOrCancelOnClosingAMemoryDatabase() {
    ui::MainWindow window;
    window.show();
    // Empty: closes without asking.
    MERIDIAN_VALUE_OK(openMemory(&window, "empty"));
    window.closeDatabase();
    QTRY_VERIFY(window.session() == nullptr);
    QVERIFY(!window.findChild<QMessageBox*>("saveMemoryBox"));

    MERIDIAN_VALUE_OK(openMemory(&window, "scratch"));
    MERIDIAN_VALUE_OK(put(&window, "k", "v"));
    // Cancel: stays open. One key is said in proper English, with no arg() warning.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QString::arg")));
    window.close();
    QMessageBox* ask = waitForMessageBox(&window, "saveMemoryBox");
    QVERIFY(ask);
    QVERIFY2(ask->text().contains(QStringLiteral("its one key is lost")), qPrintable(ask->text()));
    QVERIFY2(ask->informativeText().startsWith(QStringLiteral("Save it ")), qPrintable(ask->informativeText()));
    QPointer<QMessageBox> answered(ask);
    ask->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(answered.isNull());  // the answer has been acted on: the box is closed and gone
    QVERIFY(window.session());
    MERIDIAN_VALUE_OK(test::waitForSessionIdle(window.session()));  // nothing it set off is still on its way
    QVERIFY(window.session());
    QVERIFY(window.isVisible());
    // Discard: closes.
    window.closeDatabase();
    ask = waitForMessageBox(&window, "saveMemoryBox");
    QVERIFY(ask);
    ask->button(QMessageBox::Discard)->click();
    QTRY_VERIFY(window.session() == nullptr);
}

QTEST_MAIN(SnapshotsWindowTest)
#include "snapshots_window_test.moc"
