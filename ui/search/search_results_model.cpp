#include "ui/search/search_results_model.h"

#include <algorithm>

namespace meridian::ui {

namespace {
bool byKey(const storage::SearchMatch& a, const storage::SearchMatch& b) { return a.key < b.key; }
}  // namespace

SearchResultsModel::SearchResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SearchResultsModel::clear() {
    beginResetModel();
    rows_.clear();
    finalFrom_ = 0;
    endResetModel();
}

void SearchResultsModel::add(std::vector<storage::SearchMatch> matches) {
    std::sort(matches.begin(), matches.end(), byKey);
    for (auto& m : matches) {
        const auto at = std::lower_bound(rows_.begin() + static_cast<std::ptrdiff_t>(finalFrom_), rows_.end(), m, byKey);
        const int row = static_cast<int>(at - rows_.begin());
        beginInsertRows({}, row, row);
        rows_.insert(at, std::move(m));
        endInsertRows();
    }
}

void SearchResultsModel::setFinal(std::vector<storage::SearchMatch> matches) {
    beginResetModel();
    rows_.resize(finalFrom_);
    for (auto& m : matches) rows_.push_back(std::move(m));
    endResetModel();
}

void SearchResultsModel::keepRows() { finalFrom_ = rows_.size(); }

void SearchResultsModel::setDisplay(storage::ByteDisplay display) {
    display_ = display;
    if (!rows_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, 0));
}

QByteArray SearchResultsModel::keyAt(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= rows_.size()) return {};
    return QByteArray::fromStdString(rows_[static_cast<std::size_t>(row)].key);
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int SearchResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 2; }

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const auto& m = rows_[static_cast<std::size_t>(index.row())];
    if (role == KeyRole) return QByteArray::fromStdString(m.key);
    if (role != Qt::DisplayRole) return {};
    if (index.column() == 0) return QString::fromStdString(storage::displayBytes(m.key, display_));
    return m.inKey && m.inValue ? tr("key and value") : m.inKey ? tr("key") : tr("value");
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == 0 ? tr("Key") : tr("Matched in");
}

}  // namespace meridian::ui
