#include "ui/files/table_files_model.h"

#include <QDateTime>
#include <QLocale>

#include "ui/common/text.h"

namespace meridian::ui {

namespace {

constexpr std::size_t kKeyGlance = 80;  // characters of a key shown in a cell

QString glance(const std::string& key, storage::ByteDisplay display) {
    QString text = QString::fromStdString(storage::displayBytes(key, display));
    if (text.size() > qsizetype(kKeyGlance)) text = text.left(qsizetype(kKeyGlance)) + QChar(0x2026);
    return text;
}

}  // namespace

void TableFilesModel::setReport(storage::FilesReport report) {
    beginResetModel();
    report_ = std::move(report);
    endResetModel();
}

void TableFilesModel::clear() { setReport({}); }

void TableFilesModel::setDisplay(storage::ByteDisplay display) {
    if (display == display_) return;
    display_ = display;
    if (rowCount() > 0) emit dataChanged(index(0, Smallest), index(rowCount() - 1, Largest), {Qt::DisplayRole});
}

int TableFilesModel::rowOfFile(std::uint64_t number) const {
    for (std::size_t i = 0; i < report_.tables.size(); ++i)
        if (report_.tables[i].number == number) return int(i);
    return -1;
}

int TableFilesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(report_.tables.size());
}

int TableFilesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TableFilesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const storage::TableFile& t = report_.tables[std::size_t(index.row())];
    const int column = index.column();
    if (role == SortRole) {
        switch (column) {
        case Level: return t.level;
        case File: return qulonglong(t.number);
        case Size: return qulonglong(t.size);
        case Entries: return qulonglong(t.entries);
        case Deletions: return qulonglong(t.deletions + t.rangeDeletions);
        case Sequences: return qulonglong(t.smallestSequence);
        case Created: return qulonglong(t.creationTime);
        case Smallest: return QByteArray::fromStdString(t.smallestKey);
        case Largest: return QByteArray::fromStdString(t.largestKey);
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && (column == Size || column == Entries || column == Deletions))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (column == Smallest) return QString::fromStdString(storage::displayBytes(t.smallestKey, display_));
        if (column == Largest) return QString::fromStdString(storage::displayBytes(t.largestKey, display_));
        if (column == Size) return tr("%1 bytes").arg(QLocale().toString(qulonglong(t.size)));
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    const QLocale locale;
    switch (column) {
    case Level: return QStringLiteral("L%1").arg(t.level);
    case File: return QString::fromStdString(t.name);
    case Size: return sizeText(t.size);
    case Entries: return locale.toString(qulonglong(t.entries));
    case Deletions:
        return t.rangeDeletions ? tr("%1 + %2 ranges").arg(locale.toString(qulonglong(t.deletions))).arg(t.rangeDeletions)
                                : locale.toString(qulonglong(t.deletions));
    case Smallest: return glance(t.smallestKey, display_);
    case Largest: return glance(t.largestKey, display_);
    case Sequences:
        return QStringLiteral("%1 – %2").arg(locale.toString(qulonglong(t.smallestSequence)),
                                             locale.toString(qulonglong(t.largestSequence)));
    case Compression: return QString::fromStdString(t.compression);
    case Created:
        return t.creationTime ? locale.toString(QDateTime::fromSecsSinceEpoch(qint64(t.creationTime)), QLocale::ShortFormat)
                              : QString();
    default: return {};
    }
}

QVariant TableFilesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Level: return tr("Level");
    case File: return tr("File");
    case Size: return tr("Size");
    case Entries: return tr("Entries");
    case Deletions: return tr("Deletions");
    case Smallest: return tr("Smallest key");
    case Largest: return tr("Largest key");
    case Sequences: return tr("Sequence numbers");
    case Compression: return tr("Compression");
    case Created: return tr("Created");
    default: return {};
    }
}

}  // namespace meridian::ui
