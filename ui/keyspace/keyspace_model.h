// KeyspaceModel: a storage::KeyspaceReport as a table, one row a namespace
// under the parent, "keys directly under it" (loose) and "N more
// namespaces" (others) when they hold anything, largest first: Namespace,
// Keys, Bytes, Share (of the bytes under the parent). Estimates read
// "about". PrefixRole is a namespace row's full prefix (to drill into);
// empty for loose and others. UI thread only.
#pragma once

#include <QAbstractTableModel>

#include "storage/bytes.h"
#include "storage/keyspace.h"

namespace meridian::ui {

class KeyspaceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Namespace, Keys, Bytes, Share, ColumnCount };
    enum Roles { PrefixRole = Qt::UserRole + 1, KeysRole, BytesRole, ShareRole, IsGroupRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(storage::KeyspaceReport report);
    void clear();
    void setDisplay(storage::ByteDisplay display);
    const storage::KeyspaceReport& report() const { return report_; }
    bool hasReport() const { return hasReport_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        const storage::KeyspaceGroup* group;
        enum { Group, Loose, Others } kind;
    };
    void buildRows();
    QString label(const Row& row) const;

    storage::KeyspaceReport report_;
    bool hasReport_ = false;
    std::vector<Row> rows_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
};

}  // namespace meridian::ui
