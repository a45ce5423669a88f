// SearchResultsModel: the matches of a search, in key order, as they come.
//
// add() inserts matches where they belong (they arrive from several threads
// in no order); setFinal() replaces them with the search's result (its first
// N in key order). Rows hold keys and where they matched, never values.
//
// Roles: Qt::DisplayRole the key as the ByteDisplay shows it (column 0) and
// "key", "value" or "key and value" (column 1); KeyRole the raw key.
// Thread safety: UI thread only.
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "storage/bytes.h"
#include "storage/search/search.h"

namespace meridian::ui {

class SearchResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles { KeyRole = Qt::UserRole + 1 };

    explicit SearchResultsModel(QObject* parent = nullptr);

    void clear();
    void add(std::vector<storage::SearchMatch> matches);
    void setFinal(std::vector<storage::SearchMatch> matches);
    // "More": the rows listed stay; the next search's matches go after them.
    void keepRows();
    void setDisplay(storage::ByteDisplay display);
    QByteArray keyAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<storage::SearchMatch> rows_;
    std::size_t finalFrom_ = 0;  // rows before this came from earlier searches ("More")
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
};

}  // namespace meridian::ui
