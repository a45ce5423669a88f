#include "ui/decode/decoded_tree_model.h"

#include <QFontDatabase>

#include "ui/common/text.h"

namespace meridian::ui {

using decode::NodeKind;

DecodedTreeModel::DecodedTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

DecodedTreeModel::~DecodedTreeModel() = default;

void DecodedTreeModel::setTree(DecodedTreePtr tree) {
    beginResetModel();
    tree_ = std::move(tree);
    shown_.assign(tree_ ? tree_->nodes.size() : 0, 0);
    endResetModel();
}

int DecodedTreeModel::id(const QModelIndex& index) const {
    return index.isValid() ? static_cast<int>(index.internalId()) : -1;
}

const decode::Node* DecodedTreeModel::node(const QModelIndex& index) const {
    const int i = id(index);
    return i >= 0 && tree_ ? tree_->nodes[static_cast<std::size_t>(i)] : nullptr;
}

int DecodedTreeModel::childCount(int i) const {
    if (!tree_) return 0;
    if (i < 0) return 1;  // the value itself
    return static_cast<int>(tree_->nodes[static_cast<std::size_t>(i)]->children.size());
}

QModelIndex DecodedTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!tree_ || row < 0 || column < 0 || column >= ColumnCount) return {};
    const int p = id(parent);
    if (p < 0) return row == 0 ? createIndex(0, column, quintptr{0}) : QModelIndex();
    if (row >= shown_[static_cast<std::size_t>(p)]) return {};
    return createIndex(row, column, static_cast<quintptr>(tree_->firstChild[static_cast<std::size_t>(p)] + row));
}

QModelIndex DecodedTreeModel::parent(const QModelIndex& child) const {
    const int c = id(child);
    if (c <= 0 || !tree_) return {};
    const int p = tree_->parent[static_cast<std::size_t>(c)];
    const int row = p == 0 ? 0 : p - tree_->firstChild[static_cast<std::size_t>(tree_->parent[static_cast<std::size_t>(p)])];
    return createIndex(row, 0, static_cast<quintptr>(p));
}

int DecodedTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0) return 0;
    const int p = id(parent);
    if (p < 0) return tree_ ? 1 : 0;
    return shown_[static_cast<std::size_t>(p)];
}

int DecodedTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool DecodedTreeModel::hasChildren(const QModelIndex& parent) const {
    if (parent.column() > 0) return false;
    return childCount(id(parent)) > 0;
}

bool DecodedTreeModel::canFetchMore(const QModelIndex& parent) const {
    const int p = id(parent);
    return p >= 0 && tree_ && shown_[static_cast<std::size_t>(p)] < childCount(p);
}

void DecodedTreeModel::fetchMore(const QModelIndex& parent) {
    const int p = id(parent);
    if (p < 0 || !tree_) return;
    const int have = shown_[static_cast<std::size_t>(p)];
    const int more = std::min(kBatch, childCount(p) - have);
    if (more <= 0) return;
    beginInsertRows(parent, have, have + more - 1);
    shown_[static_cast<std::size_t>(p)] = have + more;
    endInsertRows();
}

QVariant DecodedTreeModel::data(const QModelIndex& index, int role) const {
    const decode::Node* n = node(index);
    if (!n) return {};
    if (role == Qt::FontRole && index.column() == ValueColumn) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::ToolTipRole && index.column() == ValueColumn && n->value.size() > 80)
        return QString::fromStdString(n->value.substr(0, 4000));
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case NameColumn: {
        if (id(index) == 0) return tr("value");
        const decode::Node* p = tree_->nodes[static_cast<std::size_t>(tree_->parent[static_cast<std::size_t>(id(index))])];
        if (p->kind == NodeKind::Array) return QStringLiteral("[%1]").arg(index.row());
        return QString::fromStdString(n->name);
    }
    case TypeColumn: return QString::fromStdString(n->type);
    case ValueColumn:
        switch (n->kind) {
        case NodeKind::Map: return countText(n->children.size(), tr("{1 entry}"), tr("{%1 entries}"));
        case NodeKind::Array: return countText(n->children.size(), tr("[1 item]"), tr("[%1 items]"));
        case NodeKind::String: {
            QString text = QString::fromStdString(n->value.size() > 200 ? n->value.substr(0, 200) : n->value);
            text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
            return QStringLiteral("\"%1\"%2").arg(text, n->value.size() > 200 ? QStringLiteral("…") : QString());
        }
        case NodeKind::Bytes: {
            const std::string& hex = n->value;
            QString shown;
            for (std::size_t i = 0; i < hex.size() && i < 96; i += 2) shown += QString::fromLatin1(hex.substr(i, 2)) + QLatin1Char(' ');
            return shown.trimmed() + (hex.size() > 96 ? QStringLiteral(" …") : QString());
        }
        default: return QString::fromStdString(n->value);
        }
    case BytesColumn:
        if (n->size == 0) return {};
        return QStringLiteral("%1–%2").arg(n->offset).arg(n->offset + n->size - 1);
    }
    return {};
}

QVariant DecodedTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
    case BytesColumn: return tr("Bytes");
    }
    return {};
}

}  // namespace meridian::ui
