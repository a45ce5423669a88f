#include "ui/snapshots/diff_model.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace meridian::ui {

namespace {

// Keys longer than this are cut for display (the raw key stays whole):
// escaping a megabyte for every repaint of a row helps nobody.
constexpr std::size_t kDisplayKeyBytes = 512;

bool darkPalette() { return QGuiApplication::palette().color(QPalette::Base).lightness() < 128; }

// Readable on the palette's base colour: deeper shades on light
// backgrounds, lighter ones on dark.
QColor kindColor(storage::ChangeKind kind) {
    const bool dark = darkPalette();
    switch (kind) {
    case storage::ChangeKind::Added: return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    case storage::ChangeKind::Removed: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case storage::ChangeKind::Changed: return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    }
    return {};
}

}  // namespace

DiffModel::DiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void DiffModel::clear() {
    beginResetModel();
    keys_.clear();
    std::vector<std::uint8_t>().swap(kinds_);
    endResetModel();
}

void DiffModel::append(DiffRows& rows) {
    if (rows.empty()) return;
    const int from = rowCount();
    beginInsertRows({}, from, from + static_cast<int>(rows.size()) - 1);
    for (std::size_t i = 0; i < rows.size(); ++i) keys_.append(rows.keys.at(i));
    kinds_.insert(kinds_.end(), rows.kinds.begin(), rows.kinds.end());
    endInsertRows();
    rows.keys.clear();
    std::vector<std::uint8_t>().swap(rows.kinds);
}

QByteArray DiffModel::keyAt(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= kinds_.size()) return {};
    const auto k = keys_.at(static_cast<std::size_t>(row));
    return QByteArray(k.data(), static_cast<qsizetype>(k.size()));
}

storage::ChangeKind DiffModel::kindAt(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= kinds_.size()) return storage::ChangeKind::Changed;
    return static_cast<storage::ChangeKind>(kinds_[static_cast<std::size_t>(row)]);
}

std::size_t DiffModel::memoryBytes() const { return keys_.memoryBytes() + kinds_.capacity(); }

void DiffModel::setDisplay(storage::ByteDisplay display) {
    if (display == display_) return;
    display_ = display;
    if (!kinds_.empty()) emit dataChanged(index(0, KeyColumn), index(rowCount() - 1, KeyColumn), {Qt::DisplayRole});
}

QString DiffModel::kindText(storage::ChangeKind kind) {
    switch (kind) {
    case storage::ChangeKind::Added: return tr("+ added");
    case storage::ChangeKind::Removed: return tr("\u2212 removed");
    case storage::ChangeKind::Changed: return tr("~ changed");
    }
    return {};
}

int DiffModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(kinds_.size());
}

int DiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DiffModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto row = static_cast<std::size_t>(index.row());
    const auto kind = static_cast<storage::ChangeKind>(kinds_[row]);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == ChangeColumn) return kindText(kind);
        {
            const std::string_view key = keys_.at(row);
            QString text = QString::fromStdString(storage::displayBytes(key.substr(0, kDisplayKeyBytes), display_));
            if (key.size() > kDisplayKeyBytes) text += QChar(0x2026);
            return text;
        }
    case Qt::ForegroundRole:
        if (index.column() == ChangeColumn) return kindColor(kind);
        return {};
    case Qt::ToolTipRole: {
        const std::string_view key = keys_.at(row);
        return tr("%1, %2 bytes\n0x%3")
            .arg(kindText(kind))
            .arg(key.size())
            .arg(QString::fromStdString(storage::toHex(key.substr(0, 256))));
    }
    case KeyRole: {
        const std::string_view key = keys_.at(row);
        return QByteArray(key.data(), static_cast<qsizetype>(key.size()));
    }
    case KindRole:
        return static_cast<int>(kind);
    default:
        return {};
    }
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ChangeColumn: return tr("Change");
    case KeyColumn: return tr("Key");
    default: return {};
    }
}

QHash<int, QByteArray> DiffModel::roleNames() const {
    auto names = QAbstractTableModel::roleNames();
    names[KeyRole] = "key";
    names[KindRole] = "kind";
    return names;
}

}  // namespace meridian::ui
