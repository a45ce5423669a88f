// SnapshotListModel: the snapshots taken of the open database, oldest first,
// for the Snapshots panel. It holds them: removing a row releases that
// snapshot (RocksDB lets compaction drop what only it kept; the memory
// backend prunes old versions).
//
// Roles: DisplayRole "name" (editable: renaming keeps names unique), ToolTip
// with the time and sequence number, DecorationRole marks the one viewed.
// UI thread only.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "ui/snapshots/named_snapshot.h"

namespace meridian::ui {

class SnapshotListModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit SnapshotListModel(QObject* parent = nullptr);

    // Appends; returns its row. The name is made unique ("Snapshot 3 (2)").
    int add(NamedSnapshot snapshot);
    void remove(int row);
    void clear();
    const NamedSnapshot& at(int row) const { return items_.at(row); }
    const QList<NamedSnapshot>& all() const { return items_; }
    int size() const { return static_cast<int>(items_.size()); }
    QString uniqueName(const QString& wanted, int except = -1) const;
    // The row shown as being viewed (-1: none).
    void setViewedRow(int row);
    int viewedRow() const { return viewed_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    QList<NamedSnapshot> items_;
    int viewed_ = -1;
    int taken_ = 0;  // numbers default names; never reused while the database is open
};

}  // namespace meridian::ui
