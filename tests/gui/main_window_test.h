// GUI tests that drive the real MainWindow offscreen (QT_QPA_PLATFORM=offscreen).
//
// Every test opens a database the way a user does (MainWindow::openDatabase,
// the prefix field, the column-family combo, the namespace tree, the count
// button) and checks what a user would see: the badge, the rows of the key
// list, the error box, the count. QAbstractItemModelTester watches the key
// list and namespace models while it happens, except where noted.
//
// The slots are split by area: main_window_test.cpp (opening, prefix,
// paging, column families), main_window_test_counting.cpp,
// main_window_test_errors.cpp (memory forced, not a database) and
// main_window_test_namespaces.cpp; the helpers are in
// main_window_test_support.cpp.
#pragma once

#include <QAbstractItemModelTester>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <cstdint>
#include <memory>
#include <string>

#include "storage/storage.h"
#include "ui/window/main_window.h"

namespace meridian::ui {
class KeyListModel;
}

namespace meridian::gui_test {

// A helper's verdict: empty when it worked, otherwise what went wrong.
#define MERIDIAN_CHECK_OK(expr)                                           \
    do {                                                                  \
        const QString check_ok_error_ = (expr);                           \
        QVERIFY2(check_ok_error_.isEmpty(), qPrintable(check_ok_error_)); \
    } while (false)

// The key db_bench writes for index i: 8 bytes big-endian, then '0' padding to 16.
QByteArray benchKey(std::uint64_t i);
// Runs `db_bench --benchmarks=fillseq` into dir.
QString makeBenchDatabase(const QString& dir, int num, int valueSize = 100);
// Every key of the database at dir, as `ldb --hex scan --no_value` prints them.
QString ldbKeys(const QString& dir, QList<QByteArray>* keys);
// A RocksDB database made with the storage API: family name -> keys (value "v").
QString makeDatabase(const QString& dir, const QList<QPair<QString, QList<QByteArray>>>& families);

// The keys in the model, in row order (KeyRole).
QList<QByteArray> modelKeys(const ui::KeyListModel* model);
// Waits for the current page, then pulls pages (fetchMore) until atEnd().
QString loadToEnd(ui::KeyListModel* model, int maxPages = 1000);
// Fails unless keys are strictly increasing (bytewise), hence also unique.
QString strictlyIncreasing(const QList<QByteArray>& keys);

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // main_window_test.cpp
    void opensBenchDatabaseReadWrite();
    void typedPrefixShowsExactlyTheKeysUnderIt();
    void pagingToTheEndResumesAfterTheLastKey();
    void scrollingToTheBottomLoadsTheNextPage();
    void columnFamilySwitcherShowsTheOtherFamily();

    // main_window_test_counting.cpp
    void countCanBeCancelledAndCountsExactly();

    // main_window_test_errors.cpp
    void memoryForcedByEnvironmentIsAWarning();
    void notADatabaseIsRefusedAndLeftUntouched();
    void damagedDatabaseOpensOnlyReadOnlyAndSaysSo();

    // main_window_test_namespaces.cpp
    void namespaceTreeGroupsKeysAndSetsThePrefix();

private:
    // Opens through the window and waits for databaseOpened (or reports openFailed).
    QString openInWindow(const QString& path, storage::OpenMode mode = storage::OpenMode::ReadWrite);
    void attachModelTesters();

    QTemporaryDir benchDir_;       // db_bench fillseq, 20000 keys, shared read-only by the tests
    QList<QByteArray> benchKeys_;  // its keys, as ldb lists them
    std::unique_ptr<ui::MainWindow> window_;
    std::unique_ptr<QAbstractItemModelTester> keyTester_;
    std::unique_ptr<QAbstractItemModelTester> namespaceTester_;
};

}  // namespace meridian::gui_test
