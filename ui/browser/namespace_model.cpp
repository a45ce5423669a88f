#include "ui/browser/namespace_model.h"

#include "ui/common/async.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

struct NamespaceModel::Node {
    Node* parent = nullptr;
    int row = 0;
    std::string prefix;
    std::string segment;
    bool isGroup = true;
    bool fetched = false;
    bool fetching = false;
    bool truncated = false;
    std::vector<std::unique_ptr<Node>> children;
};

NamespaceModel::NamespaceModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<Node>()) {}

NamespaceModel::~NamespaceModel() = default;

void NamespaceModel::setSession(StorageSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    // Reading a snapshot or live again: the same rows, as that view has them.
    if (session) connect(session, &StorageSession::readViewChanged, this, &NamespaceModel::reload);
    reload();
}

void NamespaceModel::setDelimiter(char delimiter) {
    if (delimiter == delimiter_) return;
    delimiter_ = delimiter;
    reload();
}

void NamespaceModel::setDisplay(storage::ByteDisplay display) {
    if (display == display_) return;
    beginResetModel();  // a display change touches every visible label; cheap: nothing is refetched
    display_ = display;
    endResetModel();
}

void NamespaceModel::reload() {
    beginResetModel();
    root_ = std::make_unique<Node>();
    ++generation_;
    endResetModel();
}

NamespaceModel::Node* NamespaceModel::nodeFor(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : root_.get();
}

QModelIndex NamespaceModel::indexFor(Node* node) const {
    if (!node || node == root_.get()) return {};
    return createIndex(node->row, 0, node);
}

QModelIndex NamespaceModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) return {};
    Node* p = nodeFor(parent);
    if (static_cast<std::size_t>(row) >= p->children.size()) return {};
    return createIndex(row, 0, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex NamespaceModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    return indexFor(nodeFor(child)->parent);
}

int NamespaceModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int NamespaceModel::columnCount(const QModelIndex&) const { return 1; }

bool NamespaceModel::hasChildren(const QModelIndex& parent) const {
    const Node* node = nodeFor(parent);
    if (!node->isGroup) return false;
    return !node->fetched || !node->children.empty();
}

QVariant NamespaceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Node* node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole: {
        QString label = QString::fromStdString(storage::displayBytes(node->segment, display_));
        if (node->truncated) label += tr("  (first %1 shown)").arg(node->children.size());
        return label;
    }
    case Qt::ToolTipRole:
        return QString::fromStdString(storage::displayBytes(node->prefix, display_));
    case PrefixRole:
        return QByteArray::fromStdString(node->prefix);
    case IsGroupRole:
        return node->isGroup;
    default:
        return {};
    }
}

bool NamespaceModel::canFetchMore(const QModelIndex& parent) const {
    const Node* node = nodeFor(parent);
    return session_ && node->isGroup && !node->fetched && !node->fetching;
}

void NamespaceModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    Node* node = nodeFor(parent);
    node->fetching = true;
    const quint64 generation = generation_;
    onResult(session_->listNamespace(node->prefix, delimiter_, childLimit_), this,
                            [this, node, generation](storage::Result<storage::NamespaceListing> listing) {
                                applyListing(node, generation, std::move(listing));
                            });
}

void NamespaceModel::applyListing(Node* node, quint64 generation, storage::Result<storage::NamespaceListing> listing) {
    if (generation != generation_) return;  // the tree was rebuilt: `node` is gone
    node->fetching = false;
    node->fetched = true;
    if (!listing.ok()) {
        emit errorOccurred(QString::fromStdString(listing.status().message()));
        return;
    }
    const QModelIndex parentIndex = indexFor(node);
    auto& children = listing->children;
    node->truncated = listing->truncated;
    if (!children.empty()) {
        beginInsertRows(parentIndex, 0, static_cast<int>(children.size()) - 1);
        for (auto& c : children) {
            auto child = std::make_unique<Node>();
            child->parent = node;
            child->row = static_cast<int>(node->children.size());
            child->prefix = std::move(c.prefix);
            child->segment = std::move(c.segment);
            child->isGroup = c.isGroup;
            child->fetched = !c.isGroup;
            node->children.push_back(std::move(child));
        }
        endInsertRows();
    }
    if (generation != generation_) return;  // a slot rebuilt the tree meanwhile
    if (node->truncated && parentIndex.isValid()) emit dataChanged(parentIndex, parentIndex);
    emit childrenLoaded(parentIndex);
}

}  // namespace meridian::ui
