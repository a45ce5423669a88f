// NamespaceModel: keys grouped into a tree by a delimiter (default ':').
//
// Children are listed lazily when a node is expanded (canFetchMore/fetchMore):
// one seek per child (storage/namespaces.h), never a scan of the whole
// subtree. A node lists at most `childLimit` children, then a "more…" row
// (IsMoreRole) that loadMore() replaces with the next ones. When the top
// level holds only keys (none has the delimiter), it shows one hint row
// (IsHintRole) instead of listing keys as namespaces. countKeys() shows how
// many keys a node holds, estimated then exact.
// It starts again from the top when the session's read view changes (live
// or a snapshot).
//
// Roles: Qt::DisplayRole is the segment as ByteDisplay shows it;
// PrefixRole is the node's full prefix (QByteArray); IsGroupRole is whether
// keys continue below it.
#pragma once

#include <QAbstractItemModel>
#include <QFuture>
#include <QPointer>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/bytes.h"
#include "storage/namespaces.h"

namespace meridian::ui {

class StorageSession;

class NamespaceModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Roles { PrefixRole = Qt::UserRole + 1, IsGroupRole, IsMoreRole, IsHintRole };

    explicit NamespaceModel(QObject* parent = nullptr);
    ~NamespaceModel() override;

    void setSession(StorageSession* session);
    void setDelimiter(char delimiter);
    char delimiter() const { return delimiter_; }
    void setDisplay(storage::ByteDisplay display);
    void setChildLimit(std::size_t limit) { childLimit_ = limit; }
    void reload();
    // The "more…" row at `index`: the next `childLimit` children in its place.
    void loadMore(const QModelIndex& index);
    // The keys under the node at `index`, shown beside it: an estimate at
    // once (its share of the table files, of the keys RocksDB estimates;
    // memory counts its rows), then the exact count, with progress and
    // Cancel through taskStarted(), as `ldb dump --count_delim` gives them.
    // Only for namespaces: a key's own node is one key.
    void countKeys(const QModelIndex& index);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void errorOccurred(const QString& message);
    void childrenLoaded(const QModelIndex& parent);
    void taskStarted(const QString& what, QFuture<void> future);

private:
    struct Node;
    Node* nodeFor(const QModelIndex& index) const;
    static QString countText(const Node& node);
    QModelIndex indexFor(Node* node) const;
    void applyListing(Node* node, quint64 generation, storage::Result<storage::NamespaceListing> listing);
    void list(Node* node, std::optional<storage::NamespaceChild> after);

    QPointer<StorageSession> session_;
    std::unique_ptr<Node> root_;
    char delimiter_ = ':';
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
    std::size_t childLimit_ = 1000;
    quint64 generation_ = 0;
};

}  // namespace meridian::ui
