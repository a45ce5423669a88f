// SnapshotController: taking, viewing and releasing snapshots of the open
// database, and the actions for them.
//
// take() asks the storage for a snapshot on the session's pool (RocksDB takes
// its DB mutex for it) and adds it to the model, named and time-stamped.
// view() makes the session read from a snapshot: the key list, namespace tree
// and value editor follow, and editing is off until backToLive(). release()
// drops one (going back to live first if it was the one viewed).
//
// A database followed live (a RocksDB secondary) cannot hold snapshots:
// RocksDB 7.8 ignores them there, so taking one is refused with the reason.
//
// `guard` (optional) runs before the view changes, for unsaved value edits:
// it returns true to go on now, or false and calls the continuation later.
// UI thread only. Changing the session releases every snapshot of the old one.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QAction;

namespace meridian::ui {

class SnapshotListModel;
class StorageSession;

class SnapshotController : public QObject {
    Q_OBJECT
public:
    using Guard = std::function<bool(const std::function<void()>& next)>;
    // Calls `next` once the writes queued so far have landed, so a snapshot
    // taken right after a save includes it.
    using Barrier = std::function<void(std::function<void()> next)>;

    explicit SnapshotController(QObject* parent = nullptr);

    void setSession(StorageSession* session);
    void setGuard(Guard guard) { guard_ = std::move(guard); }
    void setBarrier(Barrier barrier) { barrier_ = std::move(barrier); }
    SnapshotListModel* model() const { return model_; }

    // Why no snapshot can be taken now (empty when one can).
    QString cannotTakeReason() const;
    void take(const QString& name = {});
    void view(int row);
    void backToLive();
    void release(int row);
    int viewedRow() const;

    QAction* takeAction() const { return take_; }          // Ctrl+Shift+S
    QAction* backToLiveAction() const { return live_; }

signals:
    void taken(int row);
    void viewChanged();  // after the session switched to a snapshot or back to live
    void viewRenamed();  // the snapshot being viewed got another name
    void message(const QString& text);

private:
    void updateActions();
    void applyView(int row);

    QPointer<StorageSession> session_;
    SnapshotListModel* model_;
    QAction* take_;
    QAction* live_;
    Guard guard_;
    Barrier barrier_;
    quint64 generation_ = 0;  // drops a snapshot taken of a database since closed
};

}  // namespace meridian::ui
