// HybridWatch: follows a hybrid store's state (storage/hybrid) while it is
// open, so the window can show it moving into RocksDB while the user watches.
// Once a second it asks the store for its info on the session's pool (never
// on the UI thread: a spill's switch may hold calls for a moment), and says
// when the summary changed; it stops once RocksDB is live. Other stores are
// not watched. UI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include "storage/storage.h"

namespace meridian::ui {

class StorageSession;

class HybridWatch : public QObject {
    Q_OBJECT
public:
    explicit HybridWatch(QObject* parent = nullptr);
    // Watches `session` when it holds a hybrid store still in memory (null: stop).
    void setSession(StorageSession* session);
    bool isWatching() const { return timer_.isActive(); }

signals:
    // The store's state changed: a new size, a failed spill, or RocksDB live.
    void changed(const storage::StorageInfo& info);
    // The store has just moved into RocksDB.
    void spilled(const storage::StorageInfo& info);

private:
    void poll();

    QPointer<StorageSession> session_;
    QTimer timer_;
    std::string lastSummary_;
    bool polling_ = false;
};

}  // namespace meridian::ui
