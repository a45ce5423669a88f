// PropertiesDock: the open storage's metrics (estimated keys, sizes,
// memtables, levels, backend properties), refreshed off the UI thread.
#pragma once

#include <QDockWidget>
#include <QPointer>

#include "storage/storage.h"

class QTreeWidget;

namespace meridian::ui {

class StorageSession;

class PropertiesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PropertiesDock(QWidget* parent = nullptr);
    void setSession(StorageSession* session);
    void refresh();
    void show(const storage::StorageInfo& info, const storage::Stats& stats);

private:
    QPointer<StorageSession> session_;
    QTreeWidget* tree_;
};

}  // namespace meridian::ui
