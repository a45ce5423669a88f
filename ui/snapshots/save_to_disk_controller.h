// SaveToDiskController: File > Save to Disk and the Snapshots panel's Save:
// what to save, the folder picker, the save off the UI thread with progress
// and cancel (disk_save.h), and what the user is told afterwards.
//
// What is saved is decided when the save is asked for (SaveTarget), not when
// the folder is picked: the rows may change meanwhile. A save of the whole
// database is a checkpoint when the database allows one, otherwise a stream
// into a new RocksDB database; a snapshot is always streamed.
//
// After a save: without a `then`, a box says what was saved and offers to
// open it ("savedBox"); with one, `then` runs instead (the in-memory question
// saves this way before closing), provided the same database is still open.
// A cancelled or failed save says so and runs nothing.
//
// UI thread only.
#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <functional>

#include "storage/storage.h"

class QWidget;

namespace meridian::ui {

class SnapshotController;
class StorageSession;

// What to save.
struct SaveTarget {
    enum class Kind {
        Snapshot,       // the snapshot in `row` of the Snapshots panel
        ViewedOrWhole,  // the snapshot being viewed, or else the whole database
        WholeDatabase,  // the whole database as it is now
    };
    Kind kind = Kind::ViewedOrWhole;
    int row = -1;

    static SaveTarget snapshotAt(int row) { return {Kind::Snapshot, row}; }
    static SaveTarget viewedOrWhole() { return {Kind::ViewedOrWhole, -1}; }
    static SaveTarget wholeDatabase() { return {Kind::WholeDatabase, -1}; }
};

class SaveToDiskController : public QObject {
    Q_OBJECT
public:
    // `dialogParent` parents the folder picker and the boxes.
    SaveToDiskController(SnapshotController* snapshots, QWidget* dialogParent);

    void setSession(StorageSession* session);
    // Asks for a folder ("saveToDiskDialog"), then save().
    void chooseFolderAndSave(SaveTarget target, std::function<void()> then = {});
    void save(SaveTarget target, const QString& destination, std::function<void()> then = {});
    bool isSaving() const { return saving_.isRunning(); }
    // Runs `next` once the save in progress finished (at once when none is).
    void whenSaved(QObject* guard, std::function<void()> next);

signals:
    void taskStarted(const QString& what, QFuture<void> future);
    void message(const QString& text);
    void failed(const QString& title, const QString& text);
    // The whole in-memory database was saved as it was at `sequence`.
    void wholeMemorySaved(std::uint64_t sequence);
    // "Open It" in the box after a save.
    void openRequested(const QString& path);

private:
    storage::SnapshotPtr snapshotFor(SaveTarget target) const;
    void saveSnapshot(storage::SnapshotPtr snapshot, const QString& destination, std::function<void()> then);

    SnapshotController* snapshots_;
    QWidget* dialogParent_;
    QPointer<StorageSession> session_;
    QFuture<void> saving_;  // the last save
};

}  // namespace meridian::ui
