// Helpers for the snapshot tests that drive the real MainWindow offscreen:
// writes through the window's edit controller (waiting for them to land),
// the keys the list shows, the value the editor shows, opening an in-memory
// database, taking a snapshot, and reading back a closed database.
#pragma once

#include <QAction>
#include <QSignalSpy>
#include <QTest>

#include <functional>

#include "storage/factory.h"
#include "tests/gui/value_test_support.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_editor.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"

namespace meridian::snapshottest {

using valuetest::Entries;
using valuetest::waitIdle;

inline const QByteArray kBinaryKey = QByteArray("bin\x00\xff", 5);
inline const QByteArray kBinaryValue = QByteArray("\x00\x01\xfe\xff value", 10);

inline QString waitForWrite(ui::MainWindow* window, const std::function<void(ui::EditController::Done)>& start) {
    bool finished = false;
    storage::Status status;
    start([&](const storage::Status& s) {
        status = s;
        finished = true;
    });
    if (!QTest::qWaitFor([&] { return finished; }, 20000)) return QStringLiteral("the write did not finish");
    if (!status.ok()) return QString::fromStdString(status.message());
    return waitIdle(window);
}

inline QString put(ui::MainWindow* window, const QByteArray& key, const QByteArray& value) {
    return waitForWrite(window, [&](auto done) { window->editActions()->controller()->putValue(key, value, "put", done); });
}

inline QString remove(ui::MainWindow* window, const QByteArray& key) {
    return waitForWrite(window, [&](auto done) { window->editActions()->controller()->deleteKeys({key}, done); });
}

// The keys the key list shows once it has loaded to the end.
inline QList<QByteArray> listedKeys(ui::MainWindow* window) {
    auto* model = window->keyBrowser()->model();
    (void)QTest::qWaitFor([model] { return !model->isLoading(); }, 20000);
    while (!model->atEnd()) {
        model->fetchMore({});
        (void)QTest::qWaitFor([model] { return !model->isLoading(); }, 20000);
    }
    QList<QByteArray> keys;
    for (int row = 0; row < model->rowCount(); ++row) keys << model->keyAt(row);
    return keys;
}

// What the value editor shows for `key` once loaded.
inline QByteArray shownValue(ui::MainWindow* window, const QByteArray& key) {
    ui::ValueEditor* editor = window->valueEditor();
    editor->showKey(key);
    (void)QTest::qWaitFor([editor] { return !editor->isLoading(); }, 20000);
    return editor->currentBytes();
}

inline QString openMemory(ui::MainWindow* window, const QString& label) {
    QSignalSpy opened(window, &ui::MainWindow::databaseOpened);
    window->openDatabase(label, storage::OpenMode::ReadWrite, storage::StorageConfig{}.withForceMemory());
    if (!QTest::qWaitFor([&] { return !opened.isEmpty(); }, 20000)) return QStringLiteral("the memory database did not open");
    return {};
}

inline QString takeSnapshot(ui::MainWindow* window) {
    auto* model = window->snapshots()->model();
    const int before = model->size();
    if (!window->snapshots()->takeAction()->isEnabled()) return QStringLiteral("Take Snapshot is disabled");
    window->snapshots()->takeAction()->trigger();
    if (!QTest::qWaitFor([&] { return model->size() == before + 1; }, 10000)) return QStringLiteral("no snapshot was listed");
    return {};
}

// Entries of a closed RocksDB database at dir, every column family, read in this process.
inline QMap<QString, Entries> databaseContents(const QString& dir) {
    QMap<QString, Entries> all;
    auto opened = storage::createStorage(dir.toStdString(), storage::StorageConfig{}
                                                                .withMode(storage::OpenMode::ReadOnly)
                                                                .withEnvironment(false));
    if (!opened.ok()) return all;
    for (const auto& name : opened.storage->columnFamilies()) {
        auto family = opened.storage->columnFamily(name);
        auto entries = family.value()->prefix("");
        Entries& out = all[QString::fromStdString(name)];
        for (const auto& e : entries.value()) out.insert(QByteArray::fromStdString(e.key), QByteArray::fromStdString(e.value));
    }
    return all;
}


}  // namespace meridian::snapshottest
