// PropertiesDock: the open storage's metrics (estimated keys, sizes,
// memtables, levels, backend properties), for a memory store how its values
// are compressed (bytes written, held, their ratio) and, for RocksDB, the
// engine and the release and table format the database's files record;
// refreshed off the UI thread.
#pragma once

#include <QDockWidget>
#include <QPointer>

#include <optional>

#include "storage/storage.h"
#include "storage/version.h"

class QTreeWidget;

namespace meridian::ui {

class StorageSession;

class PropertiesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PropertiesDock(QWidget* parent = nullptr);
    void setSession(StorageSession* session);
    void refresh();
    // `versions`: what the folder records (RocksDB only).
    void show(const storage::StorageInfo& info, const storage::Stats& stats,
              const std::optional<storage::DatabaseVersions>& versions = std::nullopt);

private:
    void showCompression(const storage::Stats& stats);

    QPointer<StorageSession> session_;
    QTreeWidget* tree_;
};

}  // namespace meridian::ui
