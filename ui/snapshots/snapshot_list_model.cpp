#include "ui/snapshots/snapshot_list_model.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QStyle>

namespace meridian::ui {

SnapshotListModel::SnapshotListModel(QObject* parent) : QAbstractListModel(parent) {}

int SnapshotListModel::add(NamedSnapshot snapshot) {
    ++taken_;
    snapshot.name = uniqueName(snapshot.name.trimmed().isEmpty() ? tr("Snapshot %1").arg(taken_) : snapshot.name.trimmed());
    const int row = size();
    beginInsertRows({}, row, row);
    items_.append(std::move(snapshot));
    endInsertRows();
    return row;
}

void SnapshotListModel::remove(int row) {
    if (row < 0 || row >= size()) return;
    beginRemoveRows({}, row, row);
    items_.removeAt(row);  // the last copy goes: the snapshot is released here
    endRemoveRows();
    if (viewed_ == row) viewed_ = -1;
    else if (viewed_ > row) --viewed_;
}

void SnapshotListModel::clear() {
    beginResetModel();
    items_.clear();
    viewed_ = -1;
    taken_ = 0;
    endResetModel();
}

QString SnapshotListModel::uniqueName(const QString& wanted, int except) const {
    auto taken = [this, except](const QString& name) {
        for (int i = 0; i < size(); ++i)
            if (i != except && items_.at(i).name == name) return true;
        return false;
    };
    QString name = wanted;
    for (int n = 2; taken(name); ++n) name = QStringLiteral("%1 (%2)").arg(wanted).arg(n);
    return name;
}

void SnapshotListModel::setViewedRow(int row) {
    const int old = viewed_;
    viewed_ = row;
    for (int r : {old, row})
        if (r >= 0 && r < size()) emit dataChanged(index(r), index(r));
}

int SnapshotListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : size(); }

QVariant SnapshotListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= size()) return {};
    const NamedSnapshot& s = items_.at(index.row());
    const bool viewed = index.row() == viewed_;
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 — %2").arg(s.name, s.takenAt.toString(QStringLiteral("HH:mm:ss")));  // viewed: icon and bold
    case Qt::EditRole: return s.name;
    case Qt::ToolTipRole:
        return tr("%1%4\nTaken %2\nSequence number %3\nDouble-click to browse it; the live database keeps changing.")
            .arg(s.name, QLocale().toString(s.takenAt, QLocale::LongFormat))
            .arg(s.snapshot ? s.snapshot->sequence() : 0)
            .arg(viewed ? tr(" (being viewed)") : QString());
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(viewed ? QStyle::SP_DialogYesButton : QStyle::SP_FileIcon);
    case Qt::FontRole:
        if (viewed) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default: return {};
    }
}

bool SnapshotListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole) return false;
    const QString wanted = value.toString().trimmed();
    if (wanted.isEmpty()) return false;
    items_[index.row()].name = uniqueName(wanted, index.row());
    emit dataChanged(index, index);
    return true;
}

Qt::ItemFlags SnapshotListModel::flags(const QModelIndex& index) const {
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

}  // namespace meridian::ui
