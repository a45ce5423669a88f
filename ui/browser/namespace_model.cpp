#include "ui/browser/namespace_model.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

#include "storage/keyspace.h"
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
    bool isMore = false;  // the "more…" row after the first children
    bool isHint = false;  // "no delimiter in these keys"
    bool isKey = false;
    bool counting = false;
    std::optional<std::uint64_t> estimate;  // keys under it, countKeys()
    std::optional<std::uint64_t> exact;
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

QString NamespaceModel::countText(const Node& node) {
    const QLocale locale;
    if (node.exact) return tr("  —  %1 keys").arg(locale.toString(qulonglong(*node.exact)));
    if (!node.counting) return {};
    if (node.estimate) return tr("  —  about %1 keys, counting…").arg(locale.toString(qulonglong(*node.estimate)));
    return tr("  —  counting…");
}

void NamespaceModel::countKeys(const QModelIndex& index) {
    Node* node = nodeFor(index);
    // A key's node is one key (its prefix would count "a:10" under "a:1" too).
    if (!index.isValid() || !node->isGroup || node->isMore || node->isHint || node->counting || !session_) return;
    node->counting = true;
    node->exact.reset();
    const quint64 generation = generation_;
    const QPersistentModelIndex where(index);
    auto changed = [this, where] {
        if (where.isValid()) emit dataChanged(where, where, {Qt::DisplayRole});
    };
    changed();
    // Nodes live until the tree is rebuilt (generation_): until then `node` is safe.
    onResult(session_->run([prefix = node->prefix](storage::Storage& s) -> std::optional<std::uint64_t> {
                 return storage::estimatedKeysUnder(s, prefix);
             }),
             this, [this, node, generation, changed](std::optional<std::uint64_t> estimate) {
                 if (generation != generation_ || !node->counting) return;
                 node->estimate = estimate;
                 changed();
             });
    const auto counting = session_->count(node->prefix);
    emit taskStarted(tr("Counting keys under %1…")
                         .arg(QString::fromStdString(storage::displayBytes(node->prefix, display_))),
                     QFuture<void>(counting));
    onResult(
        counting, this,
        [this, node, generation, changed](storage::Result<std::uint64_t> count) {
            if (generation != generation_) return;
            node->counting = false;
            if (count.ok()) node->exact = count.value();
            else emit errorOccurred(QString::fromStdString(count.status().message()));
            changed();
        },
        [this, node, generation, changed] {
            if (generation != generation_) return;
            node->counting = false;
            changed();
        });
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
    case Qt::DisplayRole:
        if (node->isMore) return tr("more…");
        if (node->isHint)
            return tr("No \u201c%1\u201d in these keys: choose a delimiter (View > Namespace Delimiter…)")
                .arg(QString::fromStdString(storage::displayBytes(std::string(1, delimiter_), display_)));
        return QString::fromStdString(storage::displayBytes(node->segment, display_)) + countText(*node);
    case Qt::ToolTipRole:
        if (node->isMore) return tr("List the next %1").arg(childLimit_);
        if (node->isHint) return tr("The first keys have no \u201c%1\u201d to group them by; they are all in the key list")
                              .arg(QString::fromStdString(storage::displayBytes(std::string(1, delimiter_), display_)));
        return QString::fromStdString(storage::displayBytes(node->prefix, display_));
    case Qt::FontRole:
        if (node->isMore || node->isHint) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case IsMoreRole:
        return node->isMore;
    case IsHintRole:
        return node->isHint;
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
    list(nodeFor(parent), std::nullopt);
}

void NamespaceModel::list(Node* node, std::optional<storage::NamespaceChild> after) {
    node->fetching = true;
    const quint64 generation = generation_;
    onResult(session_->listNamespace(node->prefix, delimiter_, childLimit_, std::move(after)), this,
             [this, node, generation](storage::Result<storage::NamespaceListing> listing) {
                 applyListing(node, generation, std::move(listing));
             });
}

void NamespaceModel::loadMore(const QModelIndex& index) {
    Node* more = nodeFor(index);
    if (!index.isValid() || !more->isMore || !session_) return;
    Node* node = more->parent;
    if (node->fetching) return;
    // Listing resumes after the last child shown; the "more…" row goes.
    const Node* last = node->children[node->children.size() - 2].get();
    storage::NamespaceChild after;
    after.prefix = last->prefix;
    after.segment = last->segment;
    after.isGroup = last->isGroup;
    after.isKey = last->isKey;
    const int row = static_cast<int>(node->children.size()) - 1;
    beginRemoveRows(indexFor(node), row, row);
    node->children.pop_back();
    endRemoveRows();
    node->truncated = false;
    list(node, std::move(after));
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
    // Top-level keys with no delimiter at all: one hint, not keys posing as namespaces.
    const bool noDelimiter = node == root_.get() && node->children.empty() && children.size() > 1 &&
                             std::none_of(children.begin(), children.end(), [](const auto& c) { return c.isGroup; });
    if (noDelimiter) {
        beginInsertRows(parentIndex, 0, 0);
        auto hint = std::make_unique<Node>();
        hint->parent = node;
        hint->isHint = true;
        hint->isGroup = false;
        hint->fetched = true;
        node->children.push_back(std::move(hint));
        node->truncated = false;
        endInsertRows();
        emit childrenLoaded(parentIndex);
        return;
    }
    if (!children.empty() || node->truncated) {
        const int first = static_cast<int>(node->children.size());
        beginInsertRows(parentIndex, first, first + static_cast<int>(children.size()) - (node->truncated ? 0 : 1));
        for (auto& c : children) {
            auto child = std::make_unique<Node>();
            child->parent = node;
            child->row = static_cast<int>(node->children.size());
            child->prefix = std::move(c.prefix);
            child->segment = std::move(c.segment);
            child->isGroup = c.isGroup;
            child->isKey = c.isKey;
            child->fetched = !c.isGroup;
            node->children.push_back(std::move(child));
        }
        if (node->truncated) {
            auto more = std::make_unique<Node>();
            more->parent = node;
            more->row = static_cast<int>(node->children.size());
            more->isMore = true;
            more->isGroup = false;
            more->fetched = true;
            more->prefix = node->prefix;
            node->children.push_back(std::move(more));
        }
        endInsertRows();
    }
    if (generation != generation_) return;  // a slot rebuilt the tree meanwhile
    emit childrenLoaded(parentIndex);
}

}  // namespace meridian::ui
