#include "ui/browser/key_list_model.h"

#include "ui/common/async.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

KeyListModel::KeyListModel(QObject* parent) : QAbstractListModel(parent) {}

void KeyListModel::setSession(StorageSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    // Reading a snapshot or live again: the same rows, as that view has them.
    if (session) connect(session, &StorageSession::readViewChanged, this, &KeyListModel::reload);
    reload();
}

void KeyListModel::setPrefix(const QByteArray& prefix) {
    const std::string p = prefix.toStdString();
    if (p == prefix_ && started_) return;
    prefix_ = p;
    reload();
}

void KeyListModel::setDisplay(storage::ByteDisplay display) {
    if (display == display_) return;
    display_ = display;
    if (!keys_.empty()) emit dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

void KeyListModel::setPageSize(std::size_t first, std::size_t next) {
    firstPage_ = first;
    nextPage_ = next;
}

void KeyListModel::reload() {
    beginResetModel();
    keys_.clear();
    cursor_.reset();
    started_ = false;
    ++generation_;  // drops whatever is still in flight
    if (loading_) {
        loading_ = false;
        emit loadingChanged(false);
    }
    endResetModel();
    if (session_) request(true);
}

QByteArray KeyListModel::keyAt(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= keys_.size()) return {};
    const auto k = keys_.at(static_cast<std::size_t>(row));
    return QByteArray(k.data(), static_cast<qsizetype>(k.size()));
}

int KeyListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(keys_.size());
}

QVariant KeyListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto key = keys_.at(static_cast<std::size_t>(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(storage::displayBytes(key, display_));
    case KeyRole:
        return QByteArray(key.data(), static_cast<qsizetype>(key.size()));
    case Qt::ToolTipRole:
        return tr("%1 bytes\n0x%2").arg(key.size()).arg(QString::fromStdString(storage::toHex(key.substr(0, 256))));
    default:
        return {};
    }
}

bool KeyListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && session_ && started_ && cursor_.has_value() && !loading_;
}

void KeyListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent)) request(false);
}

QHash<int, QByteArray> KeyListModel::roleNames() const {
    auto names = QAbstractListModel::roleNames();
    names[KeyRole] = "key";
    return names;
}

void KeyListModel::request(bool first) {
    storage::ScanRequest req;
    req.prefix = prefix_;
    req.keysOnly = true;
    req.limit = first ? firstPage_ : nextPage_;
    if (!first) req.after = cursor_;
    started_ = true;
    loading_ = true;
    emit loadingChanged(true);
    if (first) sinceRequest_.start();
    const quint64 generation = generation_;
    onResult(session_->scan(std::move(req)), this,
                            [this, generation, first](storage::Result<storage::ScanPage> page) {
                                applyPage(generation, first, std::move(page));
                            });
}

void KeyListModel::applyPage(quint64 generation, bool first, storage::Result<storage::ScanPage> page) {
    if (generation != generation_) return;  // superseded
    loading_ = false;
    if (!page.ok()) {
        cursor_.reset();
        emit loadingChanged(false);
        emit errorOccurred(QString::fromStdString(page.status().message()));
        return;
    }
    auto& entries = page->entries;
    // The cursor moves before the rows go in: a slot on rowsInserted may ask
    // for the next page at once (views, QAbstractItemModelTester), and that
    // page must resume after these rows, not after the previous page again.
    cursor_ = std::move(page->nextCursor);
    const int rows = static_cast<int>(entries.size());
    if (rows > 0) {
        const int from = rowCount();
        beginInsertRows({}, from, from + rows - 1);
        for (const auto& e : entries) keys_.append(e.key);
        endInsertRows();
    }
    if (generation != generation_) return;  // a slot reloaded meanwhile
    if (!loading_) emit loadingChanged(false);  // unless a slot already asked for the next page
    if (first) emit firstPageLoaded(sinceRequest_.elapsed());
    emit pageLoaded(rows);
}

}  // namespace meridian::ui
