// Looking changes nothing: the inspector opens a RocksDB database read-only,
// and every read action it has leaves every file of the folder (LOG and
// OPTIONS included) byte-identical with its time. Writing is asked for:
// Enable Editing (the padlock) reopens the database read-write, keeping the
// prefix and the key shown, saying first that snapshots go; an edit started
// on a read-only database offers it; Recent remembers the choice. An empty
// window offers a start page; New Database creates only in an empty or new folder.
#include <QAction>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "tests/gui/main_window_test.h"
#include "tests/gui/session_idle.h"
#include "tests/gui/value_test_support.h"
#include "tests/reliability/damaged_databases.h"
#include "tests/support/folders.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_document.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/transfer/transfer_runner.h"
#include "ui/window/edit_actions.h"
#include "ui/window/editing_mode.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_databases.h"
#include "ui/window/start_page.h"
#include "ui/open/open_dialog.h"

using namespace meridian;
using meridian::test::changesSince;
using meridian::test::snapshotDir;

class ReadOnlyTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void lookingChangesNoFileThenEnableEditingWrites();
    void enableEditingKeepsPrefixAndKeyAndSaysSnapshotsGo();
    void anEditStartedReadOnlyOffersEnableEditingThenGoesOn();
    void recentRemembersTheModeChosen();
    void emptyWindowOffersAStartPageAndNewDatabaseCreatesOnlyInAnEmptyFolder();
    void aPrefixStaysWithItsDatabaseAndTheTreeFollowsEdits();
    void openDialogHintFollowsTheTypedPath();

private:
    QString openDefault(const QString& path);
    QString waitOpened(const std::function<void()>& start);
    QString selectKey(const QByteArray& key);
    // Clicks the button named `label` of the message box called `name`, once it shows.
    QString answer(const QString& name, const QString& label);

    std::unique_ptr<QTemporaryDir> dir_;
    QString db_;
    std::unique_ptr<ui::MainWindow> window_;
};

void ReadOnlyTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MeridianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("read_only_test"));
}

void ReadOnlyTest::init() {
    QSettings().clear();
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    db_ = dir_->filePath(QStringLiteral("db"));
    // 40,000 keys in many table files, the last few hundred only in the WAL:
    // a read-write open would replay and flush them, rewrite OPTIONS, rotate LOG.
    const test::DamageSource made = test::makeManyTables(db_);
    QVERIFY2(made.ok, made.error.c_str());
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1100, 700);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void ReadOnlyTest::cleanup() { window_.reset(); }

QString ReadOnlyTest::waitOpened(const std::function<void()>& start) {
    return valuetest::waitForOpen(window_.get(), start);
}

QString ReadOnlyTest::openDefault(const QString& path) {
    return waitOpened([this, path] { window_->openWithDefaultMode(path); });
}

QString ReadOnlyTest::selectKey(const QByteArray& key) { return valuetest::selectKey(window_.get(), key); }

QString ReadOnlyTest::answer(const QString& name, const QString& label) {
    QMessageBox* box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = window_->findChild<QMessageBox*>(name)) && box->isVisible(); }, 10000))
        return name + QStringLiteral(" did not show");
    for (QAbstractButton* button : box->buttons())
        if (button->text() == label) {
            button->click();
            return {};
        }
    return name + QStringLiteral(" has no button ") + label;
}

void ReadOnlyTest::lookingChangesNoFileThenEnableEditingWrites() {
    const test::DirState before = snapshotDir(db_, true);
    MERIDIAN_CHECK_OK(openDefault(db_));
    ui::StorageSession* session = window_->session();
    QCOMPARE(session->info().mode, storage::OpenMode::ReadOnly);
    QAction* padlock = window_->editingMode()->action();
    QVERIFY(padlock->isEnabled());
    QVERIFY(!padlock->isChecked());

    // Browse: a prefix, every page of it, then all keys again.
    ui::KeyBrowser* browser = window_->keyBrowser();
    browser->prefixField()->setText(QStringLiteral("key01"));
    MERIDIAN_CHECK_OK(gui_test::loadToEnd(browser->model()));
    QCOMPARE(browser->model()->rowCount(), 10000);
    browser->prefixField()->clear();
    for (int page = 0; page < 5; ++page) {  // scrolling down a few pages
        ui::KeyListModel* model = browser->model();
        QVERIFY(QTest::qWaitFor([model] { return !model->isLoading(); }, 10000));
        QVERIFY(model->canFetchMore({}));
        model->fetchMore({});
    }
    // Count.
    QSignalSpy counted(browser, &ui::KeyBrowser::countFinished);
    browser->countKeys();
    QVERIFY(QTest::qWaitFor([&] { return !counted.isEmpty(); }, 30000));
    QCOMPARE(counted.first().first().toLongLong(), 40000);
    // Values, in every view; one only in the WAL.
    MERIDIAN_CHECK_OK(selectKey("key000007"));
    for (auto view : {ui::ValueView::Hex, ui::ValueView::Json, ui::ValueView::Text}) window_->valueEditor()->setView(view);
    browser->prefixField()->setText(QStringLiteral("key0399"));
    MERIDIAN_CHECK_OK(gui_test::loadToEnd(browser->model()));
    MERIDIAN_CHECK_OK(selectKey("key039999"));
    QCOMPARE(window_->valueEditor()->currentBytes(), QByteArray(40, static_cast<char>('a' + 39999 % 26)));
    // The namespace tree, a refresh, the lock doctor.
    window_->namespaceModel()->reload();
    window_->findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
    MERIDIAN_CHECK_OK(test::waitForSessionIdle(window_->session()));
    window_->showLockDoctor();
    // A snapshot: taken, viewed, compared with live, back to live.
    QSignalSpy taken(window_->snapshots(), &ui::SnapshotController::taken);
    window_->snapshots()->take(QStringLiteral("look"));
    QVERIFY(QTest::qWaitFor([&] { return !taken.isEmpty(); }, 10000));
    window_->snapshots()->view(0);
    MERIDIAN_CHECK_OK(test::waitForSessionIdle(window_->session()));
    MERIDIAN_CHECK_OK(selectKey("key039990"));
    window_->snapshots()->backToLive();
    window_->compareSnapshots(0);
    MERIDIAN_CHECK_OK(test::waitForSessionIdle(window_->session()));
    // Export, to a file outside the folder.
    const QString dump = dir_->filePath(QStringLiteral("dump.txt"));
    QFuture<void> exported = window_->transfers()->startExport({dump, storage::DumpFormat::LdbHex, {}});
    QVERIFY(QTest::qWaitFor([&] { return exported.isFinished(); }, 30000));
    QVERIFY(QFileInfo(dump).size() > 0);
    MERIDIAN_CHECK_OK(test::waitForSessionIdle(window_->session()));
    window_->closeDatabase();
    QVERIFY(!window_->session());

    const QString changed = changesSince(before, db_);
    QVERIFY2(changed.isEmpty(), qPrintable(QStringLiteral("looking changed:\n") + changed));

    // Enable Editing, one put, close: ldb sees it.
    MERIDIAN_CHECK_OK(openDefault(db_));
    MERIDIAN_CHECK_OK(waitOpened([padlock] { padlock->trigger(); }));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
    QVERIFY(padlock->isChecked());
    bool put = false;
    window_->editActions()->controller()->putValue("written", "by the inspector", QStringLiteral("Put"),
                                                   [&put](const storage::Status& s) { put = s.ok(); });
    QVERIFY(QTest::qWaitFor([&] { return put; }, 10000));
    window_->closeDatabase();
    QProcess ldb;
    ldb.start(QStringLiteral("ldb"), {QStringLiteral("--db=") + db_, QStringLiteral("get"), QStringLiteral("written")});
    QVERIFY(ldb.waitForFinished(30000));
    QCOMPARE(ldb.readAllStandardOutput().trimmed(), QByteArray("by the inspector"));
}

void ReadOnlyTest::enableEditingKeepsPrefixAndKeyAndSaysSnapshotsGo() {
    MERIDIAN_CHECK_OK(openDefault(db_));
    ui::KeyBrowser* browser = window_->keyBrowser();
    browser->prefixField()->setText(QStringLiteral("key02"));
    QVERIFY(QTest::qWaitFor([browser] { return !browser->model()->isLoading(); }, 10000));
    MERIDIAN_CHECK_OK(selectKey("key020005"));
    QSignalSpy taken(window_->snapshots(), &ui::SnapshotController::taken);
    window_->snapshots()->take(QStringLiteral("before editing"));
    QVERIFY(QTest::qWaitFor([&] { return !taken.isEmpty(); }, 10000));

    // Cancelling the question keeps everything as it was.
    window_->editingMode()->action()->trigger();
    MERIDIAN_CHECK_OK(answer(QStringLiteral("reopenReleasesSnapshots"), QStringLiteral("&Cancel").remove('&')));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
    QCOMPARE(window_->snapshots()->model()->size(), 1);

    MERIDIAN_CHECK_OK(waitOpened([this] {
        window_->editingMode()->action()->trigger();
        QVERIFY(answer(QStringLiteral("reopenReleasesSnapshots"), QStringLiteral("Enable Editing")).isEmpty());
    }));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
    QCOMPARE(browser->prefixField()->text(), QStringLiteral("key02"));
    QCOMPARE(window_->snapshots()->model()->size(), 0);
    ui::ValueEditor* editor = window_->valueEditor();
    QVERIFY(QTest::qWaitFor([editor] { return editor->document()->state() == ui::ValueDocument::State::Loaded; }, 10000));
    QCOMPARE(editor->key(), QByteArray("key020005"));
    QVERIFY(QTest::qWaitFor([browser] { return browser->currentKey() == "key020005"; }, 10000));
}

void ReadOnlyTest::anEditStartedReadOnlyOffersEnableEditingThenGoesOn() {
    MERIDIAN_CHECK_OK(openDefault(db_));
    // Typing into a read-only value asks too; the value stays as it is.
    MERIDIAN_CHECK_OK(selectKey("key000003"));
    auto* text = window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"));
    QVERIFY(text && text->isReadOnly());
    text->setFocus();
    QTest::keyClick(text, Qt::Key_X);
    MERIDIAN_CHECK_OK(answer(QStringLiteral("enableEditingQuestion"), QStringLiteral("Cancel")));
    QCOMPARE(window_->valueEditor()->currentBytes(), QByteArray(40, static_cast<char>('a' + 3)));
    QVERIFY(QTest::qWaitFor([this] { return !window_->findChild<QMessageBox*>(QStringLiteral("enableEditingQuestion")); }, 5000));

    QAction* addKey = window_->findChild<QAction*>(QStringLiteral("addKeyAction"));
    QVERIFY(addKey->isEnabled());
    QVERIFY2(addKey->toolTip().contains(QStringLiteral("Enable Editing")), qPrintable(addKey->toolTip()));
    addKey->trigger();
    // "Cancel" leaves it read-only, with no dialog.
    MERIDIAN_CHECK_OK(answer(QStringLiteral("enableEditingQuestion"), QStringLiteral("Cancel")));
    QTest::qWait(100);
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
    QVERIFY(!window_->findChild<QDialog*>(QStringLiteral("keyDialog")));

    MERIDIAN_CHECK_OK(waitOpened([this, addKey] {
        addKey->trigger();
        QVERIFY(answer(QStringLiteral("enableEditingQuestion"), QStringLiteral("Enable Editing")).isEmpty());
    }));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
    // ...and the Add Key dialog the user asked for follows.
    QVERIFY(QTest::qWaitFor([this] {
        auto* dialog = window_->findChild<QDialog*>(QStringLiteral("keyDialog"));
        return dialog && dialog->isVisible();
    }, 10000));
}

void ReadOnlyTest::recentRemembersTheModeChosen() {
    MERIDIAN_CHECK_OK(openDefault(db_));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
    MERIDIAN_CHECK_OK(waitOpened([this] { window_->editingMode()->action()->trigger(); }));
    window_->closeDatabase();
    MERIDIAN_CHECK_OK(openDefault(db_));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
    // Back to read-only: remembered too.
    MERIDIAN_CHECK_OK(waitOpened([this] { window_->editingMode()->action()->trigger(); }));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
    window_->closeDatabase();
    MERIDIAN_CHECK_OK(openDefault(db_));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadOnly);
}

void ReadOnlyTest::emptyWindowOffersAStartPageAndNewDatabaseCreatesOnlyInAnEmptyFolder() {
    ui::StartPage* start = window_->startPage();
    QVERIFY(start->isVisible());
    for (const char* name : {"startOpen", "startDemo", "startNew"})
        QVERIFY2(start->findChild<QPushButton*>(QLatin1String(name)), name);
    auto* recent = start->findChild<QListWidget*>(QStringLiteral("startRecent"));
    QVERIFY(!recent->isVisible());  // nothing opened yet

    // A folder with files in it: refused, nothing written there.
    const QString busy = dir_->filePath(QStringLiteral("busy"));
    QVERIFY(QDir().mkpath(busy));
    QVERIFY(test::writeFile(busy + QStringLiteral("/notes.txt"), "mine"));
    const test::DirState before = snapshotDir(busy, true);
    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    window_->createDatabaseIn(busy);
    QCOMPARE(failed.size(), 1);
    QVERIFY(!window_->session());
    QVERIFY(changesSince(before, busy).isEmpty());

    // A new folder: an empty database, open for writing; the start page gives way.
    const QString fresh = dir_->filePath(QStringLiteral("new/db"));
    QVERIFY(QDir().mkpath(dir_->filePath(QStringLiteral("new"))));
    MERIDIAN_CHECK_OK(waitOpened([this, fresh] { window_->createDatabaseIn(fresh); }));
    QCOMPARE(window_->session()->info().mode, storage::OpenMode::ReadWrite);
    QVERIFY(QFileInfo::exists(fresh + QStringLiteral("/CURRENT")));
    QVERIFY(!start->isVisible());

    // Closed: the start page lists it; choosing it opens it again.
    window_->closeDatabase();
    QVERIFY(start->isVisible());
    QVERIFY(recent->isVisible());
    QCOMPARE(recent->count(), 1);
    QVERIFY(recent->item(0)->text().contains(QStringLiteral("db")));
    MERIDIAN_CHECK_OK(waitOpened([recent] { emit recent->itemActivated(recent->item(0)); }));
    QCOMPARE(QFileInfo(QString::fromStdString(window_->session()->info().path)).fileName(), QStringLiteral("db"));
}

// A prefix typed for one database does not follow the user into another;
// keys added, deleted or undone show in the namespace tree without F5; Save
// Value is off until there is an edit to save.
void ReadOnlyTest::aPrefixStaysWithItsDatabaseAndTheTreeFollowsEdits() {
    const QString other = dir_->filePath(QStringLiteral("other"));
    MERIDIAN_CHECK_OK(waitOpened([this, other] { window_->createDatabaseIn(other); }));
    ui::KeyBrowser* browser = window_->keyBrowser();
    browser->prefixField()->setText(QStringLiteral("zzz"));
    QVERIFY(QTest::qWaitFor([browser] { return !browser->model()->isLoading(); }, 10000));
    const QString summary = browser->findChild<QLabel*>(QStringLiteral("keySummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("No keys under prefix zzz in column family default")), qPrintable(summary));

    // Keys come and go: the tree follows.
    ui::NamespaceModel* tree = window_->namespaceModel();
    auto treeHas = [tree](const QString& name) {
        for (int row = 0; row < tree->rowCount(); ++row)
            if (tree->index(row, 0).data().toString().startsWith(name)) return true;
        return false;
    };
    bool put = false;
    window_->editActions()->controller()->putValue("users:1", "ada", QStringLiteral("Put"),
                                                   [&put](const storage::Status& s) { put = s.ok(); });
    QVERIFY(QTest::qWaitFor([&] { return put && treeHas(QStringLiteral("users")); }, 10000));
    QAction* undo = window_->findChild<QAction*>(QStringLiteral("undoAction"));
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !treeHas(QStringLiteral("users")); }, 10000));
    QVERIFY(!window_->findChild<QAction*>(QStringLiteral("saveValueAction"))->isEnabled());

    // Another database: no prefix carried over.
    MERIDIAN_CHECK_OK(openDefault(db_));
    QCOMPARE(browser->prefixField()->text(), QString());
    QVERIFY(browser->model()->rowCount() > 0);
}

// The Open dialog's lock hint belongs to the path shown: typing another path
// drops the old one at once, and the new path's comes once typing pauses.
void ReadOnlyTest::openDialogHintFollowsTheTypedPath() {
    ui::OpenDialog dialog(db_, window_.get());
    dialog.show();
    auto* hint = dialog.findChild<QLabel*>(QStringLiteral("openLockState"));
    QVERIFY(QTest::qWaitFor([hint] { return !hint->text().isEmpty() && !hint->text().startsWith(QStringLiteral("Checking")); }, 10000));
    const QString first = hint->text();
    QCOMPARE(dialog.mode(), storage::OpenMode::ReadOnly);
    auto* path = dialog.findChild<QLineEdit*>(QStringLiteral("openPath"));
    path->setFocus();
    path->selectAll();
    QTest::keyClicks(path, dir_->filePath(QStringLiteral("nowhere")));
    QVERIFY(hint->text() != first);  // not the previous folder's state
    QVERIFY(QTest::qWaitFor([hint, first] {
        return !hint->text().startsWith(QStringLiteral("Checking")) && hint->text() != first && !hint->text().isEmpty();
    }, 10000));
    // Every line of it shows: the dialog is tall enough for the wrapped text.
    QVERIFY(dialog.height() >= dialog.layout()->totalHeightForWidth(dialog.width()));
}

QTEST_MAIN(ReadOnlyTest)
#include "read_only_test.moc"
