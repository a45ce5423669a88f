// TableFilesModel: a column family's table (SST) files as a table, one row a
// file, by level and then smallest key (storage::FilesReport's order):
// Level, File, Size, Entries, Deletions (point and range tombstones), the
// smallest and largest keys (as the key list shows keys), Sequence numbers,
// Compression and Created. Sizes and counts sort as numbers (SortRole).
// UI thread only.
#pragma once

#include <QAbstractTableModel>

#include "storage/bytes.h"
#include "storage/inspection.h"

namespace meridian::ui {

class TableFilesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Level, File, Size, Entries, Deletions, Smallest, Largest, Sequences, Compression, Created, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(storage::FilesReport report);
    void clear();
    void setDisplay(storage::ByteDisplay display);
    const storage::FilesReport& report() const { return report_; }
    // The row of table file `number`; -1 when it is not listed.
    int rowOfFile(std::uint64_t number) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    storage::FilesReport report_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
};

}  // namespace meridian::ui
