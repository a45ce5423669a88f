// KeyListModel: the keys under a prefix, paged lazily with a cursor.
//
// The first page is requested when the prefix (or session, column family, or
// the session's read view: live or a snapshot) changes; views pull the next page through canFetchMore()/fetchMore(), which
// resumes strictly after the last key shown: nothing ever iterates from the
// start to reach a later page. Values are never held. Results of a
// superseded request (the prefix changed meanwhile) are dropped.
//
// Roles: Qt::DisplayRole is the key as the chosen ByteDisplay shows it;
// KeyRole is the raw key bytes (QByteArray); Qt::ToolTipRole shows hex and size.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QElapsedTimer>
#include <QPointer>

#include <optional>
#include <string>

#include "storage/bytes.h"
#include "storage/storage.h"
#include "ui/common/key_arena.h"

namespace meridian::ui {

class StorageSession;

class KeyListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { KeyRole = Qt::UserRole + 1 };

    explicit KeyListModel(QObject* parent = nullptr);

    void setSession(StorageSession* session);  // null clears the model
    void setPrefix(const QByteArray& prefix);
    QByteArray prefix() const { return QByteArray::fromStdString(prefix_); }
    void setDisplay(storage::ByteDisplay display);
    storage::ByteDisplay display() const { return display_; }
    void setPageSize(std::size_t first, std::size_t next);
    // Reloads from the start (after a catch-up or an edit).
    void reload();

    bool isLoading() const { return loading_; }
    bool atEnd() const { return !cursor_; }
    QByteArray keyAt(int row) const;
    std::size_t memoryBytes() const { return keys_.memoryBytes(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void loadingChanged(bool loading);
    // The first page of the current prefix is in the model (ms since the request).
    void firstPageLoaded(qint64 elapsedMs);
    void pageLoaded(int rows);
    void errorOccurred(const QString& message);

private:
    void request(bool first);
    void applyPage(quint64 generation, bool first, storage::Result<storage::ScanPage> page);

    QPointer<StorageSession> session_;
    std::string prefix_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
    std::size_t firstPage_ = 200;
    std::size_t nextPage_ = 2000;
    KeyArena keys_;
    std::optional<std::string> cursor_;  // resume after this key; unset at the end
    bool started_ = false;               // a first page was asked for the current prefix
    bool loading_ = false;
    quint64 generation_ = 0;
    QElapsedTimer sinceRequest_;
};

}  // namespace meridian::ui
