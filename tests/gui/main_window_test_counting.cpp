// MainWindowTest slots (see main_window_test.h): the exact count, cancelled
// at once and left to finish, under a prefix and for everything.
#include <QFuture>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include "tests/gui/main_window_test.h"
#include "tests/gui/session_idle.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"

namespace meridian::gui_test {

using ui::KeyBrowser;

void MainWindowTest::countCanBeCancelledAndCountsExactly() {
    // 300k keys. No model tester here: it pulls every page on each insert,
    // which would page all 300k keys into the list, which is not what this is about.
    constexpr int kKeys = 300000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MERIDIAN_CHECK_OK(makeBenchDatabase(dir.path(), kKeys, 8));
    MERIDIAN_CHECK_OK(openInWindow(dir.path()));
    auto* browser = window_->keyBrowser();
    auto* countButton = window_->findChild<QToolButton*>(QStringLiteral("countButton"));
    auto* summary = window_->findChild<QLabel*>(QStringLiteral("keySummary"));
    QVERIFY(countButton && summary);
    QSignalSpy finished(browser, &KeyBrowser::countFinished);
    QSignalSpy started(browser, &KeyBrowser::taskStarted);

    // Cancel at once: the count runs off the UI thread, so it is still going
    // when countKeys() returns, and the cancel is reported as -1.
    browser->countKeys();
    QVERIFY(browser->isCounting());
    QCOMPARE(countButton->text(), QStringLiteral("Cancel"));
    browser->cancelCount();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.first().first().toLongLong(), qint64{-1});
    QCOMPARE(browser->lastCount(), qint64{-1});
    QTRY_VERIFY(!browser->isCounting());
    QCOMPARE(countButton->text(), QStringLiteral("Count"));
    // No late result after the cancel: once the count's task is over and
    // what the session had to deliver has arrived, still only the -1.
    QCOMPARE(started.size(), 1);
    const auto counting = started.first().at(1).value<QFuture<void>>();
    QTRY_VERIFY_WITH_TIMEOUT(counting.isFinished(), 10000);
    MERIDIAN_WAIT_SESSION_IDLE(window_->session());
    QCOMPARE(finished.size(), 1);

    // Still responsive: typing a prefix re-queries at once.
    auto* field = window_->findChild<QLineEdit*>(QStringLiteral("prefixField"));
    QVERIFY(field);
    QTest::keyClicks(field, QStringLiteral("\\x00\\x00\\x00\\x00\\x00\\x01"));  // keys 65536..131071
    auto* model = browser->model();
    QTRY_VERIFY(!model->isLoading());
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(model->keyAt(0), benchKey(65536));

    // A count left to finish is exact, under the prefix and for everything.
    finished.clear();
    QTest::mouseClick(countButton, Qt::LeftButton);  // as the user starts it
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), qint64{65536});
    QCOMPARE(browser->lastCount(), qint64{65536});
    QVERIFY2(summary->text().contains(QLocale().toString(65536)), qPrintable(summary->text()));

    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Backspace);
    QCOMPARE(browser->lastCount(), qint64{-1});
    finished.clear();
    browser->countKeys();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), qint64{kKeys});
    QCOMPARE(browser->lastCount(), qint64{kKeys});
    QVERIFY2(summary->text().contains(QLocale().toString(kKeys)), qPrintable(summary->text()));
}

}  // namespace meridian::gui_test
