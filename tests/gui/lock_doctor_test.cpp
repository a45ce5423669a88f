// The Lock Doctor through the real MainWindow (offscreen), with another
// program (tests/support/hold_db) holding the database read-write: what the
// panel says, which actions it offers, following live, in-memory storage,
// refreshing by itself when the holder exits, and clearing the stale lock.
// The presenter's rules for every LOCK state are checked as plain logic first.
#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <memory>

#include "storage/factory.h"
#include "storage/lock/lock_probe.h"
#include "tests/lock/lock_test_support.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/common/async.h"
#include "ui/lockdoctor/lock_doctor_panel.h"
#include "ui/lockdoctor/lock_doctor_presenter.h"
#include "ui/window/backend_badge.h"
#include "ui/window/main_window.h"

using namespace meridian;
using meridian::locktest::DirState;
using meridian::locktest::Holder;
using meridian::locktest::snapshotDir;
using ui::LockDoctorAction;

namespace {

QString text(const QWidget* root, const char* objectName) {
    const auto* label = root->findChild<QLabel*>(QLatin1String(objectName));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(objectName));
}

bool labelShown(const QWidget* root, const char* objectName) {
    const auto* label = root->findChild<QLabel*>(QLatin1String(objectName));
    return label && label->isVisible();
}

// True when the label has the height its wrapped text needs: nothing is cut off.
bool fullyShown(const QWidget* root, const char* objectName) {
    const auto* label = root->findChild<QLabel*>(QLatin1String(objectName));
    return label && label->isVisible() && label->height() >= label->heightForWidth(label->width());
}

QPushButton* button(const QWidget* root, const char* objectName) {
    return root->findChild<QPushButton*>(QLatin1String(objectName));
}

// What changed in a folder a live writer holds, leaving out what the writer
// itself does: it appends to its LOG file (RocksDB dumps stats from a
// background thread after the open). LOG replaced by another file (a new
// inode), a LOG.old.* or any other file added, removed or changed still counts.
std::string changedBesideWriter(const DirState& before, const std::string& root) {
    DirState after = snapshotDir(root);
    const auto was = before.find("LOG");
    const auto now = after.find("LOG");
    if (was != before.end() && now != after.end()) {
        now->second.size = was->second.size;
        now->second.sha256 = was->second.sha256;
        now->second.modifiedMs = was->second.modifiedMs;
    }
    return test::diffDirs(before, after).toStdString();
}

// Waits until the panel's work is over and applied: its probes and clearing
// run on the background pool (ui/common/async.h) and come back through
// watchers whose finished events are posted to the UI thread. For checks
// that a result did NOT come, or that nothing was cleared.
bool panelSettled(ui::LockDoctorPanel* doctor) {
    if (!ui::backgroundPool()->waitForDone(10000)) return false;
    QCoreApplication::sendPostedEvents();  // the watchers' results, had any been left
    return QTest::qWaitFor([doctor] { return !doctor->isProbing(); }, 10000);
}

storage::LockDiagnosis diagnosis(storage::LockState state) {
    storage::LockDiagnosis d;
    d.state = state;
    d.databasePath = "/data/db";
    d.lockPath = "/data/db/LOCK";
    d.lockFileExists = state != storage::LockState::NoLockFile;
    d.explanation = "explanation";
    d.advice = "advice";
    return d;
}

}  // namespace

#define CHECK_CONTAINS(haystack, needle)                                                                 \
    do {                                                                                                 \
        const QString containsHaystack_ = (haystack);                                                    \
        const QString containsNeedle_ = (needle);                                                        \
        QVERIFY2(containsHaystack_.contains(containsNeedle_),                                            \
                 qPrintable(QStringLiteral("expected \"%1\" in: %2").arg(containsNeedle_, containsHaystack_))); \
    } while (false)

class LockDoctorTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void presenterOffersOnlyWhatIsSafe();
    void presenterDescribesTheHolder();
    void heldDatabaseShowsTheDoctorThenFollowsLiveAndClearsWhenFree();
    void inMemoryActionOpensAnEmptyStoreAndTouchesNothing();
    void supersededProbeResultsAreDropped();

private:
    QString dbPath() const { return tmp_->filePath(QStringLiteral("db")); }
    void createDatabase(const QString& path);
    ui::LockDoctorPanel* panel() const { return window_->findChild<ui::LockDoctorPanel*>(QStringLiteral("lockDoctor")); }

    std::unique_ptr<QTemporaryDir> tmp_;
    std::unique_ptr<ui::MainWindow> window_;
};

void LockDoctorTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // a private QSettings location
    QCoreApplication::setOrganizationName(QStringLiteral("MeridianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("lock_doctor_test"));
    QSettings().clear();
}

void LockDoctorTest::init() {
    tmp_ = std::make_unique<QTemporaryDir>();
    QVERIFY(tmp_->isValid());
    createDatabase(dbPath());
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1000, 700);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void LockDoctorTest::cleanup() {
    window_.reset();  // closes the session and the panel
    tmp_.reset();
}

void LockDoctorTest::createDatabase(const QString& path) {
    auto opened = storage::createStorage(path.toStdString(),
                                         storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    QVERIFY(opened.storage->put("seed", "1").ok());
}  // closes: a free LOCK stays behind

void LockDoctorTest::presenterOffersOnlyWhatIsSafe() {
    using storage::LockState;
    struct Case {
        LockState state;
        bool follow, readOnly, retry, clear;
    };
    const Case cases[] = {
        {LockState::NoLockFile, true, true, true, false},
        {LockState::Free, true, true, true, true},
        {LockState::HeldByThisProcess, false, false, false, false},
        {LockState::HeldByOtherProcess, true, false, false, false},
        {LockState::Unsupported, true, false, false, false},
        {LockState::NotWritable, true, true, false, false},
        {LockState::Unknown, false, false, false, false},
    };
    for (const Case& c : cases) {
        storage::LockDiagnosis d = diagnosis(c.state);
        if (c.state == LockState::HeldByOtherProcess) d.holder = storage::LockHolder{4242, "meridian-daemon", {}, {}, {}};
        const ui::LockDoctorView v = ui::presentLock(d);
        const QString where = QString::fromLatin1(storage::lockStateName(c.state));
        QCOMPARE(v.stateName, where);
        const std::pair<LockDoctorAction, bool> expected[] = {{LockDoctorAction::FollowLive, c.follow},
                                                              {LockDoctorAction::ReadOnly, c.readOnly},
                                                              {LockDoctorAction::Retry, c.retry},
                                                              {LockDoctorAction::ClearStaleLock, c.clear},
                                                              {LockDoctorAction::UseMemory, true}};
        for (const auto& [action, enabled] : expected) {
            const auto& a = v.action(action);
            QVERIFY2(a.enabled == enabled, qPrintable(where + ": " + a.label));
            // Disabled says why, in the tooltip and in the visible list; enabled says what it does.
            QVERIFY2(a.enabled == a.reason.isEmpty(), qPrintable(where + ": " + a.label));
            QVERIFY2(!a.toolTip.isEmpty(), qPrintable(where + ": " + a.label));
            if (!a.enabled) {
                CHECK_CONTAINS(a.toolTip, a.reason);
                CHECK_CONTAINS(v.unavailable, a.reason);
            }
        }
        QCOMPARE(v.explanation, QStringLiteral("explanation"));
        QCOMPARE(v.advice, QStringLiteral("advice"));
        QVERIFY(!v.headline.isEmpty());
    }

    // Beside a live writer: the reasons name it.
    storage::LockDiagnosis held = diagnosis(LockState::HeldByOtherProcess);
    held.holder = storage::LockHolder{4242, "meridian-daemon", "/usr/bin/meridian-daemon", "meridian-daemon --db /data/db", {}};
    ui::LockDoctorView v = ui::presentLock(held);
    QCOMPARE(v.headline, QStringLiteral("Held by meridian-daemon (PID 4242)"));
    CHECK_CONTAINS(v.action(LockDoctorAction::ReadOnly).reason, QStringLiteral("unsafe"));
    CHECK_CONTAINS(v.action(LockDoctorAction::Retry).reason, QStringLiteral("meridian-daemon (PID 4242) holds the lock"));
    CHECK_CONTAINS(v.action(LockDoctorAction::ClearStaleLock).reason, QStringLiteral("two programs write at once"));
    QCOMPARE(v.action(LockDoctorAction::Retry).label, QStringLiteral("Retry (read-write)"));
    // A read-only open that failed is retried read-only; following live never is "retried".
    QCOMPARE(ui::presentLock(held, storage::OpenMode::ReadOnly).action(LockDoctorAction::Retry).label,
             QStringLiteral("Retry (read-only)"));
    QCOMPARE(ui::presentLock(held, storage::OpenMode::Secondary).action(LockDoctorAction::Retry).label,
             QStringLiteral("Retry (read-write)"));

    // Nobody holds it, but this user cannot write there: reading is fine,
    // writing is off and says why; a read-only open that failed may be retried.
    storage::LockDiagnosis readOnlyHere = diagnosis(LockState::NotWritable);
    readOnlyHere.explanation = "Nobody holds the lock, but '/data/db' is on a read-only filesystem.";
    v = ui::presentLock(readOnlyHere);
    QCOMPARE(v.stateName, QStringLiteral("not-writable"));
    CHECK_CONTAINS(v.headline, QStringLiteral("cannot be opened for writing"));
    QVERIFY(v.tone == ui::LockDoctorTone::Warning);
    QCOMPARE(v.holder, QStringLiteral("Nobody holds it."));
    CHECK_CONTAINS(v.action(LockDoctorAction::Retry).reason, QStringLiteral("read-only filesystem"));
    CHECK_CONTAINS(v.unavailable, QStringLiteral("read-only filesystem"));
    QVERIFY(ui::presentLock(readOnlyHere, storage::OpenMode::ReadOnly).action(LockDoctorAction::Retry).enabled);

    // Free, and this program follows it live (its writer has exited): a
    // read-write retry closes that view first, and says so.
    storage::LockDiagnosis followedHere = diagnosis(LockState::Free);
    followedHere.openInThisProcess = storage::OpenMode::Secondary;
    v = ui::presentLock(followedHere);
    QVERIFY(v.action(LockDoctorAction::Retry).enabled);
    CHECK_CONTAINS(v.action(LockDoctorAction::Retry).toolTip, QStringLiteral("open following live here"));
    QVERIFY(v.action(LockDoctorAction::ClearStaleLock).enabled);
    QVERIFY(v.action(LockDoctorAction::ReadOnly).enabled);
}

void LockDoctorTest::presenterDescribesTheHolder() {
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000);
    storage::LockDiagnosis d = diagnosis(storage::LockState::HeldByOtherProcess);
    d.lockFileSize = 0;
    d.lockFileModified = 1'700'000'000 - 3600;
    d.holder = storage::LockHolder{4242, "meridian-daemon", "/usr/bin/meridian-daemon", "meridian-daemon --db /data/db",
                                   1'700'000'000 - 300};
    const ui::LockDoctorView v = ui::presentLock(d, storage::OpenMode::ReadWrite, now);
    const QStringList lines = v.holder.split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QStringLiteral("meridian-daemon (PID 4242)"));
    QCOMPARE(lines[1], QStringLiteral("Program: /usr/bin/meridian-daemon"));
    QCOMPARE(lines[2], QStringLiteral("Command line: meridian-daemon --db /data/db"));
    QCOMPARE(lines[3], QStringLiteral("Running since %1 (for 5 min)")
                           .arg(QDateTime::fromSecsSinceEpoch(1'700'000'000 - 300).toString("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(v.lockFile, QStringLiteral("Exists · 0 bytes · modified %1")
                             .arg(QDateTime::fromSecsSinceEpoch(1'700'000'000 - 3600).toString("yyyy-MM-dd HH:mm:ss")));

    // A holder on another machine: no PID to show.
    d.holder = storage::LockHolder{};
    CHECK_CONTAINS(ui::presentLock(d).headline, QStringLiteral("PID is not visible"));
    // Nobody.
    QCOMPARE(ui::presentLock(diagnosis(storage::LockState::Free)).holder, QStringLiteral("Nobody holds it."));
    QCOMPARE(ui::presentLock(diagnosis(storage::LockState::NoLockFile)).lockFile, QStringLiteral("Does not exist"));
}

void LockDoctorTest::heldDatabaseShowsTheDoctorThenFollowsLiveAndClearsWhenFree() {
    const QString db = dbPath();
    Holder holder;
    QVERIFY2(holder.start(db), qPrintable(holder.reply));
    const QString holderName = QStringLiteral("hold_db (PID %1)").arg(holder.pid);
    const DirState atStart = snapshotDir(db.toStdString());

    // The user opens it read-write: the open fails on the lock, and the Lock
    // Doctor shows up instead of a plain error box.
    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    window_->openDatabase(db, storage::OpenMode::ReadWrite);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    ui::LockDoctorPanel* doctor = panel();
    QVERIFY(doctor);
    QTRY_VERIFY(doctor->isVisible());
    QCOMPARE(doctor->windowTitle(), QStringLiteral("Lock Doctor"));
    const auto* errorBox = window_->findChild<QMessageBox*>(QStringLiteral("errorBox"));
    QVERIFY(!errorBox || !errorBox->isVisible());
    QCOMPARE(window_->badge()->text(), QStringLiteral("No database"));
    QTRY_VERIFY_WITH_TIMEOUT(!doctor->isProbing() && doctor->diagnosis(), 10000);

    CHECK_CONTAINS(text(doctor, "lockDoctorPath"), db);
    QCOMPARE(text(doctor, "lockDoctorState"), QStringLiteral("Held by ") + holderName);
    QVERIFY(labelShown(doctor, "lockDoctorOpenError"));
    QCOMPARE(text(doctor, "lockDoctorOpenError"), QStringLiteral("Could not open it read-write."));
    CHECK_CONTAINS(doctor->findChild<QLabel*>(QStringLiteral("lockDoctorOpenError"))->toolTip(), holderName);
    CHECK_CONTAINS(text(doctor, "lockDoctorFile"), db + QStringLiteral("/LOCK — Exists · 0 bytes · modified "));
    const QString holderText = text(doctor, "lockDoctorHolder");
    QVERIFY(holderText.startsWith(holderName + '\n'));
    CHECK_CONTAINS(holderText, QStringLiteral("Command line: ") + QStringLiteral(MERIDIAN_HOLD_DB_BINARY) + ' ' + db);
    CHECK_CONTAINS(holderText, QStringLiteral("Running since "));
    CHECK_CONTAINS(text(doctor, "lockDoctorExplanation"), holderName + QStringLiteral(" has the database open for writing."));
    CHECK_CONTAINS(text(doctor, "lockDoctorAdvice"), QStringLiteral("following live"));

    QPushButton* follow = button(doctor, "lockDoctorFollowLive");
    QPushButton* readOnly = button(doctor, "lockDoctorReadOnly");
    QPushButton* retry = button(doctor, "lockDoctorRetry");
    QPushButton* clear = button(doctor, "lockDoctorClearLock");
    QPushButton* memory = button(doctor, "lockDoctorMemory");
    QVERIFY(follow && readOnly && retry && clear && memory);
    for (auto* b : {follow, readOnly, retry, clear, memory}) QVERIFY2(b->isVisible(), qPrintable(b->objectName()));
    QVERIFY(follow->isEnabled());
    QCOMPARE(follow->text(), QStringLiteral("Open Following Live"));
    QVERIFY(memory->isEnabled());
    QVERIFY(!readOnly->isEnabled());
    QVERIFY(!retry->isEnabled());
    QVERIFY(!clear->isEnabled());
    QCOMPARE(retry->text(), QStringLiteral("Retry (read-write)"));
    CHECK_CONTAINS(readOnly->toolTip(), QStringLiteral("reading read-only beside a live writer is unsafe"));
    CHECK_CONTAINS(retry->toolTip(), holderName + QStringLiteral(" holds the lock"));
    CHECK_CONTAINS(clear->toolTip(), QStringLiteral("two programs write at once"));
    QVERIFY(labelShown(doctor, "lockDoctorUnavailable"));
    const QString unavailable = text(doctor, "lockDoctorUnavailable");
    CHECK_CONTAINS(unavailable, QStringLiteral("Open Read-Only: ") + holderName);
    CHECK_CONTAINS(unavailable, QStringLiteral("Retry (read-write): ") + holderName + QStringLiteral(" holds the lock"));
    CHECK_CONTAINS(unavailable, QStringLiteral("Clear Stale Lock: ") + holderName);
    QVERIFY(!unavailable.contains(QStringLiteral("Open Following Live")));
    // The dialog grew to show every line.
    for (const char* name : {"lockDoctorHolder", "lockDoctorExplanation", "lockDoctorAdvice", "lockDoctorUnavailable"})
        QTRY_VERIFY2(fullyShown(doctor, name), name);
    // Nothing was written into the writer's folder, by the open or by the doctor.
    const std::string touched = changedBesideWriter(atStart, db.toStdString());
    QVERIFY2(touched.empty(), touched.c_str());

    // Open following live: the window follows the writer.
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    QTest::mouseClick(follow, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · following live"));
    QVERIFY(!doctor->isVisible());
    auto* keys = window_->keyBrowser()->model();
    QTRY_VERIFY_WITH_TIMEOUT(!keys->isLoading() && keys->rowCount() == 1, 10000);
    QCOMPARE(keys->keyAt(0), QByteArray("seed"));

    // Tools > Lock Doctor, for the database that is open: still held.
    QAction* action = window_->findChild<QAction*>(QStringLiteral("lockDoctorAction"));
    QVERIFY(action);
    QMenu* tools = nullptr;
    for (QAction* top : window_->menuBar()->actions())
        if (top->menu() && top->text() == QStringLiteral("&Tools")) tools = top->menu();
    QVERIFY(tools && tools->actions().contains(action));
    QVERIFY(action->isEnabled());
    action->trigger();
    QCOMPARE(panel(), doctor);
    QTRY_VERIFY(doctor->isVisible());
    QCOMPARE(doctor->path(), db);
    QVERIFY(!labelShown(doctor, "lockDoctorOpenError"));  // this time no open failed
    QTRY_COMPARE_WITH_TIMEOUT(text(doctor, "lockDoctorState"), QStringLiteral("Held by ") + holderName, 10000);
    QVERIFY(follow->isEnabled());
    QVERIFY(!clear->isEnabled());

    // The other program exits. Nobody touches the panel: it sees the lock go.
    QVERIFY(holder.quit());
    QTRY_VERIFY_WITH_TIMEOUT(text(doctor, "lockDoctorState").startsWith(QStringLiteral("Free")), 10000);
    QCOMPARE(text(doctor, "lockDoctorHolder"), QStringLiteral("Nobody holds it."));
    CHECK_CONTAINS(text(doctor, "lockDoctorFile"), QStringLiteral("Exists"));
    QVERIFY(clear->isEnabled());
    QVERIFY(readOnly->isEnabled());
    QVERIFY(follow->isEnabled());
    // ...and this window follows it live: a read-write Retry closes that view first.
    QVERIFY(retry->isEnabled());
    CHECK_CONTAINS(retry->toolTip(), QStringLiteral("open following live here"));
    QVERIFY(!text(doctor, "lockDoctorUnavailable").contains(QStringLiteral("Retry")));
    QVERIFY(!text(doctor, "lockDoctorUnavailable").contains(QStringLiteral("Clear Stale Lock")));

    // Clear Stale Lock asks first; Cancel changes nothing.
    const DirState beforeClear = snapshotDir(db.toStdString());
    QVERIFY(beforeClear.count("LOCK"));
    QTest::mouseClick(clear, Qt::LeftButton);
    QPointer<QMessageBox> confirm;
    QTRY_VERIFY((confirm = doctor->findChild<QMessageBox*>(QStringLiteral("lockDoctorConfirmClear"))) &&
                confirm->isVisible());
    CHECK_CONTAINS(confirm->text(), db);
    QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(confirm.isNull());
    QVERIFY(panelSettled(doctor));  // a clear, had Cancel started one, would be over
    CHECK_UNTOUCHED(db.toStdString(), beforeClear);
    QVERIFY(clear->isEnabled());

    // Clear Lock: LOCK goes, every other file stays byte-identical (same inodes too).
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_VERIFY((confirm = doctor->findChild<QMessageBox*>(QStringLiteral("lockDoctorConfirmClear"))) &&
                confirm->isVisible());
    auto* yes = confirm->findChild<QPushButton*>(QStringLiteral("lockDoctorConfirmClearYes"));
    QVERIFY(yes);
    QTest::mouseClick(yes, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(text(doctor, "lockDoctorState").startsWith(QStringLiteral("No LOCK file")), 10000);
    QVERIFY(!QFileInfo::exists(db + QStringLiteral("/LOCK")));
    DirState expected = beforeClear;
    expected.erase("LOCK");
    const std::string changed = test::diffDirs(expected, snapshotDir(db.toStdString())).toStdString();
    QVERIFY2(changed.empty(), changed.c_str());
    QVERIFY(labelShown(doctor, "lockDoctorResult"));
    CHECK_CONTAINS(text(doctor, "lockDoctorResult"), QStringLiteral("LOCK"));
    CHECK_CONTAINS(text(doctor, "lockDoctorFile"), QStringLiteral("Does not exist"));
    QVERIFY(!clear->isEnabled());
    CHECK_CONTAINS(clear->toolTip(), QStringLiteral("no LOCK file"));
    // The window still follows the database.
    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · following live"));

    QTest::mouseClick(doctor->findChild<QPushButton*>(QStringLiteral("lockDoctorClose")), Qt::LeftButton);
    QTRY_VERIFY(!doctor->isVisible());
}

void LockDoctorTest::inMemoryActionOpensAnEmptyStoreAndTouchesNothing() {
    const QString db = dbPath();
    Holder holder;
    QVERIFY2(holder.start(db), qPrintable(holder.reply));
    const DirState atStart = snapshotDir(db.toStdString());

    // A read-only open beside a writer is refused too; Retry would retry read-only.
    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    window_->openDatabase(db, storage::OpenMode::ReadOnly);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    ui::LockDoctorPanel* doctor = panel();
    QVERIFY(doctor);
    QTRY_VERIFY(doctor->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!doctor->isProbing() && doctor->diagnosis(), 10000);
    QPushButton* retry = button(doctor, "lockDoctorRetry");
    QPushButton* memory = button(doctor, "lockDoctorMemory");
    QVERIFY(retry && memory);
    QCOMPARE(retry->text(), QStringLiteral("Retry (read-only)"));
    QVERIFY(!retry->isEnabled());
    CHECK_CONTAINS(retry->toolTip(), QStringLiteral("unsafe"));
    QVERIFY(memory->isEnabled());

    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    QTest::mouseClick(memory, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QCOMPARE(window_->badge()->text(), QStringLiteral("In memory · not saved"));
    QVERIFY(window_->badge()->isWarning());
    CHECK_CONTAINS(window_->badge()->details(), QStringLiteral("In-memory storage was requested"));
    QVERIFY(!doctor->isVisible());
    auto* keys = window_->keyBrowser()->model();
    QTRY_VERIFY(!keys->isLoading());
    QCOMPARE(keys->rowCount(), 0);  // empty: the database's "seed" is not there
    const std::string touched = changedBesideWriter(atStart, db.toStdString());
    QVERIFY2(touched.empty(), touched.c_str());
    QCOMPARE(holder.command(QStringLiteral("get seed")), QStringLiteral("value 1"));
}

void LockDoctorTest::supersededProbeResultsAreDropped() {
    const QString held = dbPath();
    const QString other = tmp_->filePath(QStringLiteral("other"));
    createDatabase(other);
    Holder holder;
    QVERIFY2(holder.start(held), qPrintable(holder.reply));

    // The panel is up, showing the free one.
    window_->showLockDoctor(other);
    ui::LockDoctorPanel* doctor = panel();
    QVERIFY(doctor);
    QTRY_VERIFY_WITH_TIMEOUT(doctor->isVisible() && doctor->diagnosis() && !doctor->isProbing(), 10000);

    // Every result shown must be for the folder shown at that moment.
    int applied = 0;
    QStringList mismatches;
    QObject scope;  // the connection ends with this function
    connect(doctor, &ui::LockDoctorPanel::refreshed, &scope, [&] {
        ++applied;
        const QString probed = QString::fromStdString(doctor->diagnosis()->databasePath);
        if (probed != doctor->path()) mismatches << probed + QStringLiteral(" shown for ") + doctor->path();
    });
    // The user looks at the held one, then at once back at the free one: both
    // probes run, but the first one's result comes too late and is dropped.
    window_->showLockDoctor(held);
    window_->showLockDoctor(other);
    QTRY_VERIFY_WITH_TIMEOUT(applied > 0 && !doctor->isProbing(), 10000);
    QVERIFY(panelSettled(doctor));  // both probes are over: a late result of the first would be in
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join('\n')));
    QCOMPARE(doctor->path(), other);
    QVERIFY2(text(doctor, "lockDoctorState").startsWith(QStringLiteral("Free")), qPrintable(text(doctor, "lockDoctorState")));
    QVERIFY(button(doctor, "lockDoctorClearLock")->isEnabled());
    QCOMPARE(doctor->pollInterval(), 1000);
}

QTEST_MAIN(LockDoctorTest)
#include "lock_doctor_test.moc"
