// DecodedTreeModel: a decoded value as rows in a tree view. Columns: Name
// (the key in its map, [index] in an array, "value" for the root), Type (the
// format's word), Value (a scalar's text; "{3 entries}" / "[5 items]" for
// containers) and Bytes (where in the value: "12–19").
//
// Children are handed to the view a thousand at a time (canFetchMore /
// fetchMore): expanding a map of 200,000 entries lays out only the first
// rows, so it never stalls the UI. UI thread only; the tree itself is shared
// and immutable (decoded_tree.h).
#pragma once

#include <QAbstractItemModel>
#include <QString>

#include <vector>

#include "ui/decode/decoded_tree.h"

namespace meridian::ui {

class DecodedTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, ValueColumn, BytesColumn, ColumnCount };
    static constexpr int kBatch = 1000;

    explicit DecodedTreeModel(QObject* parent = nullptr);
    ~DecodedTreeModel() override;

    // Shows `tree` (null: nothing).
    void setTree(DecodedTreePtr tree);
    const DecodedTreePtr& tree() const { return tree_; }
    // The node a row shows (null for an invalid index).
    const decode::Node* node(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    int id(const QModelIndex& index) const;  // -1 for the invisible root above the value
    int childCount(int id) const;

    DecodedTreePtr tree_;
    std::vector<int> shown_;  // children handed to the view so far, per node
};

}  // namespace meridian::ui
