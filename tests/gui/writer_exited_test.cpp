// The window following a live writer (tests/support/hold_db) that exits:
// within 2 s of a kill -9 the bar "hold_db (PID N) has exited. The database
// is free." shows, with Open for Editing (reopens it read-write) and Keep
// Following (hides the bar, the window goes on following); and the Lock
// Doctor's Retry then opens it read-write instead of staying disabled.
#include <QAction>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

#include "storage/factory.h"
#include "tests/lock/lock_test_support.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/lockdoctor/lock_doctor_panel.h"
#include "ui/session/storage_session.h"
#include "ui/window/backend_badge.h"
#include "ui/window/main_window.h"
#include "ui/window/writer_exited_banner.h"

using namespace meridian;
using meridian::locktest::Holder;

class WriterExitedTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void killedWriterShowsTheBarThenKeepFollowingHidesIt();
    void openForEditingReopensReadWrite();
    void lockDoctorRetryWorksOnceTheWriterExited();

private:
    QString dbPath() const { return tmp_->path() + QStringLiteral("/db"); }
    // Follows the database `holder` writes; fails the test unless the window does.
    void follow(Holder& holder);
    // kill -9 on the holder; the bar within 2 s, naming it. Returns how long it took.
    qint64 killAndWaitForBar(Holder& holder);

    std::unique_ptr<QTemporaryDir> tmp_;
    std::unique_ptr<ui::MainWindow> window_;
};

void WriterExitedTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MeridianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("writer_exited_test"));
    QSettings().clear();
}

void WriterExitedTest::init() {
    tmp_ = std::make_unique<QTemporaryDir>();
    QVERIFY(tmp_->isValid());
    auto opened = storage::createStorage(dbPath().toStdString(),
                                         storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    QVERIFY(opened.storage->put("seed", "1").ok());
    opened.storage.reset();
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1000, 700);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void WriterExitedTest::cleanup() {
    window_.reset();
    tmp_.reset();
}

void WriterExitedTest::follow(Holder& holder) {
    QVERIFY2(holder.start(dbPath()), qPrintable(holder.reply));
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    window_->openDatabase(dbPath(), storage::OpenMode::Secondary);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · following live"));
    QVERIFY(window_->session()->isFollowing());
    auto* keys = window_->keyBrowser()->model();
    QTRY_VERIFY_WITH_TIMEOUT(!keys->isLoading() && keys->rowCount() >= 1, 10000);
    // The window has seen the writer hold the lock: no bar while it lives.
    QTRY_VERIFY_WITH_TIMEOUT(window_->session()->catchUpsFinished() >= 1, 10000);
    QTest::qWait(1500);
    QVERIFY(!window_->writerExitedBanner()->isVisible());
}

qint64 WriterExitedTest::killAndWaitForBar(Holder& holder) {
    ui::WriterExitedBanner* bar = window_->writerExitedBanner();
    const QString expected = QStringLiteral("hold_db (PID %1) has exited. The database is free.").arg(holder.pid);
    QElapsedTimer t;
    t.start();
    ::kill(static_cast<pid_t>(holder.pid), SIGKILL);
    if (!QTest::qWaitFor([bar] { return bar->isVisible(); }, 10000)) return -1;
    const qint64 ms = t.elapsed();
    if (bar->text() != expected) {
        qWarning() << "bar text:" << bar->text();
        return -1;
    }
    return ms;
}

void WriterExitedTest::killedWriterShowsTheBarThenKeepFollowingHidesIt() {
    Holder holder;
    follow(holder);
    if (QTest::currentTestFailed()) return;
    // What it writes is followed.
    QCOMPARE(holder.command(QStringLiteral("put later 2")), QStringLiteral("ok"));
    window_->findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
    auto* keys = window_->keyBrowser()->model();
    QTRY_VERIFY_WITH_TIMEOUT(!keys->isLoading() && keys->rowCount() == 2, 10000);

    const qint64 ms = killAndWaitForBar(holder);
    QVERIFY2(ms >= 0, "no bar, or the wrong text, after the writer was killed");
    QVERIFY2(ms <= 2000, qPrintable(QStringLiteral("the bar took %1 ms").arg(ms)));
    ui::WriterExitedBanner* bar = window_->writerExitedBanner();
    QVERIFY(bar->openForEditingButton()->isVisible());
    QCOMPARE(bar->openForEditingButton()->text(), QStringLiteral("Open for Editing"));
    QCOMPARE(bar->keepFollowingButton()->text(), QStringLiteral("Keep Following"));

    QTest::mouseClick(bar->keepFollowingButton(), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · following live"));
    QVERIFY(window_->session()->isFollowing());
    QTest::qWait(1500);  // the watcher goes on probing: the bar stays away
    QVERIFY(!bar->isVisible());
    QCOMPARE(keys->rowCount(), 2);
}

void WriterExitedTest::openForEditingReopensReadWrite() {
    Holder holder;
    follow(holder);
    if (QTest::currentTestFailed()) return;
    QVERIFY(killAndWaitForBar(holder) >= 0);
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    QTest::mouseClick(window_->writerExitedBanner()->openForEditingButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · read-write"));
    QVERIFY(window_->session()->isWritable());
    QVERIFY(!window_->writerExitedBanner()->isVisible());
    auto* keys = window_->keyBrowser()->model();
    QTRY_VERIFY_WITH_TIMEOUT(!keys->isLoading() && keys->rowCount() == 1, 10000);
    QCOMPARE(keys->keyAt(0), QByteArray("seed"));
}

void WriterExitedTest::lockDoctorRetryWorksOnceTheWriterExited() {
    Holder holder;
    follow(holder);
    if (QTest::currentTestFailed()) return;
    QVERIFY(killAndWaitForBar(holder) >= 0);
    window_->showLockDoctor();
    ui::LockDoctorPanel* doctor = window_->lockDoctor();
    QVERIFY(doctor);
    auto* retry = doctor->findChild<QPushButton*>(QStringLiteral("lockDoctorRetry"));
    QVERIFY(retry);
    QTRY_VERIFY_WITH_TIMEOUT(retry->isEnabled(), 10000);
    QVERIFY2(retry->toolTip().contains(QStringLiteral("open following live here")), qPrintable(retry->toolTip()));
    QSignalSpy opened(window_.get(), &ui::MainWindow::databaseOpened);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QCOMPARE(window_->badge()->text(), QStringLiteral("RocksDB · read-write"));
    QVERIFY(window_->session()->isWritable());
}

QTEST_MAIN(WriterExitedTest)
#include "writer_exited_test.moc"
