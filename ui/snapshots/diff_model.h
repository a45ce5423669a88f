// DiffModel: the rows of a diff (what changed, and which key), for the
// Compare dialog's table.
//
// Rows hold the change kind and the raw key only, never values: a row costs
// its key bytes plus about nine bytes, so a million rows of 16-byte keys stay
// around 40 MB. Values are read back from the two snapshots when a row is
// selected. Rows arrive in batches (DiffRows, filled on a worker) and are
// appended in key order; the model never sorts.
//
// Columns: Change ("+ added", "− removed", "~ changed", coloured to read on
// light and dark palettes), Key (shown escaped when not printable, like the
// key list).
// Roles: Qt::DisplayRole per column; KeyRole is the raw key (QByteArray) and
// KindRole the storage::ChangeKind as an int, on every column;
// Qt::ForegroundRole colours the Change column; Qt::ToolTipRole shows the
// key's size and hex.
//
// Thread safety: the model lives on the UI thread; a DiffRows may be filled
// on any thread and handed over.
#pragma once

#include <QAbstractTableModel>
#include <QByteArray>

#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/bytes.h"
#include "storage/transfer/diff.h"
#include "ui/common/key_arena.h"

namespace meridian::ui {

// A batch of rows, in key order.
struct DiffRows {
    KeyArena keys;
    std::vector<std::uint8_t> kinds;  // storage::ChangeKind, one per key

    void append(storage::ChangeKind kind, std::string_view key) {
        keys.append(key);
        kinds.push_back(static_cast<std::uint8_t>(kind));
    }
    std::size_t size() const { return kinds.size(); }
    bool empty() const { return kinds.empty(); }
};

class DiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ChangeColumn = 0, KeyColumn = 1, ColumnCount = 2 };
    enum Roles { KeyRole = Qt::UserRole + 1, KindRole };

    explicit DiffModel(QObject* parent = nullptr);

    void clear();
    // Appends `rows` after the existing ones (moved from, left empty).
    void append(DiffRows& rows);

    QByteArray keyAt(int row) const;
    storage::ChangeKind kindAt(int row) const;
    std::size_t memoryBytes() const;

    // How keys are shown (Auto: as text when printable, else escaped).
    void setDisplay(storage::ByteDisplay display);
    storage::ByteDisplay display() const { return display_; }

    // "added" / "removed" / "changed", translated, with its symbol.
    static QString kindText(storage::ChangeKind kind);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    KeyArena keys_;
    std::vector<std::uint8_t> kinds_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
};

}  // namespace meridian::ui
