// KeyListModel: a window onto the keys under a prefix, paged lazily with
// cursors in both directions.
//
// The first page is requested when the prefix (or session, column family, or
// the session's read view: live or a snapshot) changes. Views pull the next
// page through canFetchMore()/fetchMore(), which resumes strictly after the
// last key held; fetchEarlier() loads the page before the first key held
// (backward scan), inserted at row 0. goToKey() and goToEnd() replace the
// window with the rows around a key or the last rows, each one or two seeks:
// nothing ever iterates from the start to reach a later key. The window
// holds at most windowLimit() rows: loading past it drops the rows at the
// other end, so memory stays bounded however far the user goes. Values are
// never held. Results of a superseded request (the prefix changed, or
// another jump) are dropped.
//
// Roles: Qt::DisplayRole is the key as the chosen ByteDisplay shows it;
// KeyRole is the raw key bytes (QByteArray); Qt::ToolTipRole shows hex and size.
//
// With a key layout (decode/key_layout.h), a column per field follows the
// key: each key's field values, read when the row is shown; empty for a key
// the layout does not fit (its tooltip says where it stops fitting).
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QElapsedTimer>
#include <QPointer>

#include <algorithm>
#include <optional>
#include <string>

#include "decode/key_layout.h"
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
    // Columns for the fields of `layout` after the key (none: the key alone).
    void setKeyLayout(std::optional<decode::KeyLayout> layout);
    const std::optional<decode::KeyLayout>& keyLayout() const { return layout_; }
    storage::ByteDisplay display() const { return display_; }
    void setPageSize(std::size_t first, std::size_t next);
    // Reloads from the start (after a catch-up or an edit).
    void reload();
    // Home: the first rows, then positioned(0) (at once when they are held).
    void goToStart();
    // The rows around the first key >= `key`, then positioned(row of that
    // key, or of the last key when none is >= it); `select` false: revealed()
    // instead (the position bar's jumps show rows without selecting one).
    void goToKey(const QByteArray& key, bool select = true);
    // The last rows under the prefix, then positioned(last row).
    void goToEnd();
    // Loads the page before the first row held (rows inserted at 0).
    void fetchEarlier();
    void setWindowLimit(std::size_t rows) { windowLimit_ = std::max<std::size_t>(rows, 2 * nextPage_); }
    std::size_t windowLimit() const { return windowLimit_; }

    bool isLoading() const { return loading_; }
    bool atEnd() const { return !cursor_; }
    // The first row held is the first key under the prefix.
    bool atStart() const { return atStart_; }
    QByteArray keyAt(int row) const;
    std::size_t memoryBytes() const { return keys_.memoryBytes(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void loadingChanged(bool loading);
    // The first page of the current prefix is in the model (ms since the
    // request); also after goToKey() and goToEnd().
    void firstPageLoaded(qint64 elapsedMs);
    // After goToKey() / goToEnd(): the row to show and select.
    void positioned(int row);
    // After goToKey(key, false): the row to show at the top, not selected.
    void revealed(int row);
    void pageLoaded(int rows);
    void errorOccurred(const QString& message);

private:
    void request(bool first);
    void applyPage(quint64 generation, bool first, storage::Result<storage::ScanPage> page);
    // A new window: `before` (descending, as a backward scan gives them) then `after`.
    void resetTo(const storage::ScanPage& before, const storage::ScanPage& after);
    // An empty window, whatever was in flight dropped; `jumping`: a jump
    // (goToKey, goToEnd) loads it next, not the first page.
    void clearWindow(bool jumping);
    void startJump();
    bool failed(const storage::Result<storage::ScanPage>& page);
    void setLoading(bool loading);
    storage::ScanRequest pageRequest(std::size_t limit) const;
    // Drops rows beyond windowLimit() at the front (or the back).
    void trimFront();
    void trimBack();

    QPointer<StorageSession> session_;
    std::string prefix_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
    std::optional<decode::KeyLayout> layout_;
    std::vector<std::string> fieldNames_;
    std::size_t firstPage_ = 200;
    std::size_t nextPage_ = 2000;
    KeyArena keys_;
    std::optional<std::string> cursor_;  // resume after this key; unset at the end
    bool atStart_ = true;                // nothing under the prefix before the first row
    bool positionFirst_ = false;         // goToStart(): positioned(0) with the first page
    bool selectOnJump_ = true;           // goToKey(): positioned() (true) or revealed()
    std::size_t windowLimit_ = 60000;
    bool started_ = false;               // a first page was asked for the current prefix
    bool loading_ = false;
    quint64 generation_ = 0;
    QElapsedTimer sinceRequest_;
};

}  // namespace meridian::ui
