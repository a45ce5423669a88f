#include "ui/keyspace/keyspace_model.h"

#include <QLocale>

#include <algorithm>

#include "ui/common/text.h"

namespace meridian::ui {

namespace {

constexpr quint64 kBlockBytes = 4096;  // RocksDB's default table block

}  // namespace

void KeyspaceModel::setReport(storage::KeyspaceReport report) {
    beginResetModel();
    report_ = std::move(report);
    hasReport_ = true;
    buildRows();
    endResetModel();
}

void KeyspaceModel::clear() {
    beginResetModel();
    report_ = {};
    hasReport_ = false;
    rows_.clear();
    endResetModel();
}

void KeyspaceModel::setDisplay(storage::ByteDisplay display) {
    if (display == display_) return;
    display_ = display;
    if (!rows_.empty()) emit dataChanged(index(0, Namespace), index(rowCount() - 1, Namespace));
}

void KeyspaceModel::buildRows() {
    rows_.clear();
    for (const auto& g : report_.groups) rows_.push_back({&g, Row::Group});
    if (report_.loose.keys > 0 || report_.loose.bytes > 0) rows_.push_back({&report_.loose, Row::Loose});
    if (report_.others.keys > 0 || report_.others.bytes > 0) rows_.push_back({&report_.others, Row::Others});
    // The keys outside the namespaces listed can be most of them (binary
    // keys with an accidental delimiter): they take their place by size.
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.group->bytes > b.group->bytes; });
}

QString KeyspaceModel::label(const Row& row) const {
    switch (row.kind) {
    case Row::Group: return QString::fromStdString(storage::displayBytes(row.group->segment, display_));
    case Row::Loose: return tr("(keys with no “%1” after the prefix)").arg(QString::fromStdString(storage::displayBytes(std::string(1, report_.delimiter), display_)));
    case Row::Others:
        return report_.otherGroups ? countText(report_.otherGroups, tr("(1 more namespace)"), tr("(%1 more namespaces)")) : tr("(the rest)");
    }
    return {};
}

int KeyspaceModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int KeyspaceModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant KeyspaceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = rows_[std::size_t(index.row())];
    const storage::KeyspaceGroup& g = *row.group;
    const double share = report_.totalBytes ? double(g.bytes) / double(report_.totalBytes) : 0.0;
    switch (role) {
    case PrefixRole: return row.kind == Row::Group ? QByteArray::fromStdString(g.prefix) : QByteArray();
    case KeysRole: return qulonglong(g.keys);
    case BytesRole: return qulonglong(g.bytes);
    case ShareRole: return share;
    case IsGroupRole: return row.kind == Row::Group;
    case Qt::TextAlignmentRole:
        return index.column() == Namespace ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::DisplayRole: break;
    default: return {};
    }
    const QLocale locale;
    const QString about = report_.exact ? QString() : tr("about ");
    switch (index.column()) {
    case Namespace: return label(row);
    case Keys: return about + locale.toString(qulonglong(g.keys));
    case Bytes:
        // Size estimates come in table blocks: below one, "about 0 bytes" would mislead.
        if (!report_.exact && g.bytes < kBlockBytes) return tr("under %1").arg(sizeText(kBlockBytes));
        return about + sizeText(g.bytes);
    case Share: return locale.toString(share * 100, 'f', 1) + QLatin1Char('%');
    default: return {};
    }
}

QVariant KeyspaceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Namespace: return tr("Namespace");
    case Keys: return tr("Keys");
    case Bytes: return report_.exact ? tr("Keys + values") : tr("On disk");
    case Share: return tr("Share");
    default: return {};
    }
}

}  // namespace meridian::ui
