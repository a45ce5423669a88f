// EditingMode: the padlock. A RocksDB database opens read-only, because
// looking must change nothing; this action (toolbar and Edit menu) asks for a
// reopen read-write, "Enable Editing", or read-only again. Before a reopen it
// says what cannot be kept: snapshots belong to one open of the database, so
// they are released. MainWindow does the reopen, through the same lock checks
// as any open, and keeps the column family, prefix and selected key.
//
// Also offered the moment an edit starts on a read-only database (offer()).
// Not for a database followed live (RocksDB never lets a secondary write) or
// a snapshot being viewed; an in-memory store is always writable.
//
// UI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include "storage/storage.h"

class QAction;
class QWidget;

namespace meridian::ui {

class StorageSession;

class EditingMode : public QObject {
    Q_OBJECT
public:
    // `snapshots`: how many snapshots the open database holds now.
    EditingMode(QWidget* window, std::function<int()> snapshots);

    // Checkable: checked while the database is open read-write.
    QAction* action() const { return action_; }
    void setSession(StorageSession* session);

    // True when a reopen read-write could make the open database writable:
    // RocksDB, open read-only, its live view shown.
    bool canEnable() const;
    // Asks "<db> is open read-only: enable editing?" (objectName
    // "enableEditingQuestion"), then reopens read-write and runs `then` once
    // the database is open again. Does nothing unless canEnable().
    void offer(std::function<void()> then = {});
    // Reopens in `mode` without asking about editing (still asks about snapshots).
    void switchTo(storage::OpenMode mode, std::function<void()> then = {});

signals:
    // MainWindow reopens the same database in `mode`, then runs `then`.
    void reopenRequested(storage::OpenMode mode, std::function<void()> then);

private:
    void update();
    void toggled();

    QWidget* window_;
    std::function<int()> snapshots_;
    QAction* action_;
    QPointer<StorageSession> session_;
};

}  // namespace meridian::ui
