// Helpers for the value editor tests: databases made with the storage API,
// the real MainWindow driven offscreen (open, select a key, wait for the
// writes), reading back what RocksDB holds (in this process, and with ldb
// from another one), and the dialogs the editing actions open.
//
// Helpers that can fail return an empty QString when they worked and what
// went wrong otherwise (check with MERIDIAN_VALUE_OK).
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

#include "storage/storage.h"

class QAction;
class QMessageBox;

namespace meridian::ui {
class MainWindow;
}

namespace meridian::valuetest {

#define MERIDIAN_VALUE_OK(expr)                                            \
    do {                                                                   \
        const QString value_ok_error_ = (expr);                            \
        QVERIFY2(value_ok_error_.isEmpty(), qPrintable(value_ok_error_)); \
    } while (false)

using Entries = QMap<QByteArray, QByteArray>;  // ordered bytewise, like RocksDB

// Private settings, organisation and application name for a test executable.
void setUpTestApplication(const char* name);

// A RocksDB database at dir with `entries` in family "default" (and,
// per `families`, in other column families).
QString makeDatabase(const QString& dir, const Entries& entries, const QMap<QString, Entries>& families = {});

// Opens through the window (as File > Open does) and waits for the first page of keys.
// Runs `start` (something that opens a database in `window`) and waits for
// databaseOpened and the first page of keys, or reports openFailed.
QString waitForOpen(ui::MainWindow* window, const std::function<void()>& start);
QString openInWindow(ui::MainWindow* window, const QString& path, storage::OpenMode mode = storage::OpenMode::ReadWrite);

// Clicks the key in the key list (as a user does) and waits for the editor to show it.
QString selectKey(ui::MainWindow* window, const QByteArray& key);

// Waits until no write is queued or running, the editor is not loading, and
// the session has delivered what that set off.
QString waitIdle(ui::MainWindow* window);

// Triggers a window action by object name, failing when it is missing or disabled.
QString trigger(ui::MainWindow* window, const char* actionName);

// What the open database holds for `key` right now (nullopt when absent),
// read through the window's session on its pool, in the current column family.
std::optional<QByteArray> stored(ui::MainWindow* window, const QByteArray& key);
// Every entry under `prefix` in the current column family.
Entries storedUnder(ui::MainWindow* window, const QByteArray& prefix);

// Every entry of a closed database at dir, as another process (ldb --hex scan) sees it.
QString ldbEntries(const QString& dir, Entries* entries);

// The visible message box with this object name, once it is shown (or null after 5 s).
QMessageBox* waitForMessageBox(ui::MainWindow* window, const QString& objectName);

// Readable bytes for failure messages: hex, shortened.
QString show(const std::optional<QByteArray>& bytes);

}  // namespace meridian::valuetest
