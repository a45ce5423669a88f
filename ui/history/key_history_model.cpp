#include "ui/history/key_history_model.h"

#include <QLocale>

namespace meridian::ui {

namespace {

constexpr std::size_t kGlanceBytes = 256;  // of a value, in the Value column

}  // namespace

void KeyHistoryModel::setHistory(std::vector<storage::KeyVersion> versions,
                                 std::optional<std::vector<storage::TableFile>> files) {
    beginResetModel();
    versions_ = std::move(versions);
    files_ = std::move(files);
    endResetModel();
}

void KeyHistoryModel::clear() { setHistory({}, std::nullopt); }

void KeyHistoryModel::setDisplay(storage::ByteDisplay display) {
    if (display == display_) return;
    display_ = display;
    if (!versions_.empty()) emit dataChanged(index(0, Value), index(rowCount() - 1, Value), {Qt::DisplayRole});
}

QString KeyHistoryModel::whereIs(int row) const {
    if (!files_ || row < 0 || std::size_t(row) >= versions_.size()) return {};
    const std::uint64_t seq = versions_[std::size_t(row)].sequence;
    for (const auto& f : *files_)
        if (f.smallestSequence <= seq && seq <= f.largestSequence)
            return QStringLiteral("L%1 %2").arg(f.level).arg(QString::fromStdString(f.name));
    // No table file's sequence range holds it: it is still in the memtable
    // (or in a log replayed into it on open).
    return tr("memtable");
}

int KeyHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(versions_.size());
}

int KeyHistoryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant KeyHistoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto& v = versions_[std::size_t(index.row())];
    const bool hasBytes = v.type == storage::VersionType::Value || v.type == storage::VersionType::Merge;
    if (role == ValueRole) return QByteArray(v.value.data(), qsizetype(v.value.size()));
    if (role == Qt::ToolTipRole && index.column() == Kind) return QString::fromStdString(v.typeName);
    if (role == Qt::TextAlignmentRole && (index.column() == Sequence || index.column() == Size))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    const QLocale locale;
    switch (index.column()) {
    case Sequence: return locale.toString(qulonglong(v.sequence));
    case Kind: return QString::fromLatin1(storage::versionTypeName(v.type));
    case Size: return hasBytes ? locale.toString(qulonglong(v.valueSize)) : QString();
    case Where: return whereIs(index.row());
    case Value: {
        if (!hasBytes) return QString();
        QString shown = QString::fromStdString(storage::displayBytes(std::string_view(v.value).substr(0, kGlanceBytes), display_));
        if (v.value.size() > kGlanceBytes) shown += QStringLiteral("…");
        return shown;
    }
    default: return {};
    }
}

QVariant KeyHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Sequence: return tr("Sequence");
    case Kind: return tr("Kind");
    case Size: return tr("Size");
    case Where: return tr("Where");
    case Value: return tr("Value");
    default: return {};
    }
}

}  // namespace meridian::ui
