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
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/window/backend_badge.h"

namespace meridian::gui_test {

namespace {

// Sets an environment variable for one scope and puts back what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : name_(name), had_(qEnvironmentVariableIsSet(name)), old_(qgetenv(name)) {
        qputenv(name, value);
    }
    ~ScopedEnv() { had_ ? qputenv(name_, old_) : qunsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    bool had_;
    QByteArray old_;
};

}  // namespace

void MainWindowTest::memoryForcedByEnvironmentIsAWarning() {
    attachModelTesters();
    const QString before = folderFingerprint(benchDir_.path());
    {
        ScopedEnv env("MERIDIAN_USE_MEMORY_STORAGE", "1");
        MERIDIAN_CHECK_OK(openInWindow(benchDir_.path()));
    }
    auto* badge = window_->badge();
    QCOMPARE(badge->text(), QStringLiteral("In memory · not saved"));
    QVERIFY(badge->isWarning());
    QVERIFY2(badge->details().contains(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE")), qPrintable(badge->details()));
    QVERIFY(badge->toolTip().contains(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE")));
    // An empty store stands in; the database on disk was not opened at all.
    QCOMPARE(window_->keyBrowser()->model()->rowCount(), 0);
    QCOMPARE(folderFingerprint(benchDir_.path()), before);
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
    QTest::qWait(20);  // so that a later change of the folder shows in its mtime
    const QString before = folderFingerprint(dir.path());

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

    QCOMPARE(folderFingerprint(dir.path()), before);  // no LOCK, no LOG, nothing
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("LOCK"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("LOG"))));

    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(box.isNull());  // closed and deleted
}

}  // namespace meridian::gui_test
