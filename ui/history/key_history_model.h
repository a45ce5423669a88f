// KeyHistoryModel: one key's internal versions, newest first, as a table:
// Sequence, Kind (value, deletion, merge operand...), Size, Where (the table
// file holding it, by its sequence range among the files whose key range
// holds the key; "memtable" when none does; empty for backends without
// files) and Value (the bytes as the list shows keys, cut for a glance).
// ValueRole is the version's whole value (QByteArray). UI thread only.
#pragma once

#include <QAbstractTableModel>

#include <optional>
#include <vector>

#include "storage/bytes.h"
#include "storage/inspection.h"

namespace meridian::ui {

class KeyHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Sequence, Kind, Size, Where, Value, ColumnCount };
    enum Roles { ValueRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    // `files`: the table files whose range holds the key, or nullopt when
    // the backend has none.
    void setHistory(std::vector<storage::KeyVersion> versions, std::optional<std::vector<storage::TableFile>> files);
    void clear();
    void setDisplay(storage::ByteDisplay display);
    const std::vector<storage::KeyVersion>& versions() const { return versions_; }
    // Where version `row` is: "L1 000018.sst", "memtable", or "" (no files).
    QString whereIs(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<storage::KeyVersion> versions_;
    std::optional<std::vector<storage::TableFile>> files_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
};

}  // namespace meridian::ui
