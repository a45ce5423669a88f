#include "ui/browser/key_list_model.h"

#include <memory>

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

void KeyListModel::clearWindow(bool jumping) {
    beginResetModel();
    keys_.clear();
    cursor_.reset();
    atStart_ = true;
    started_ = jumping;
    positionFirst_ = false;
    ++generation_;  // drops whatever is still in flight
    if (!jumping) setLoading(false);
    endResetModel();
}

void KeyListModel::reload() {
    clearWindow(false);
    if (session_) request(true);
}

void KeyListModel::goToStart() {
    if (atStart_ && !keys_.empty() && started_) {
        emit positioned(0);
        return;
    }
    reload();
    positionFirst_ = session_ != nullptr;
}

void KeyListModel::setLoading(bool loading) {
    if (loading_ == loading) return;
    loading_ = loading;
    emit loadingChanged(loading);
}

storage::ScanRequest KeyListModel::pageRequest(std::size_t limit) const {
    storage::ScanRequest req;
    req.prefix = prefix_;
    req.keysOnly = true;
    req.limit = limit;
    return req;
}

bool KeyListModel::failed(const storage::Result<storage::ScanPage>& page) {
    if (page.ok()) return false;
    cursor_.reset();
    setLoading(false);
    emit errorOccurred(QString::fromStdString(page.status().message()));
    return true;
}

void KeyListModel::startJump() {
    clearWindow(true);
    setLoading(true);
    sinceRequest_.start();
}

void KeyListModel::goToKey(const QByteArray& key, bool select) {
    if (!session_) return;
    startJump();
    selectOnJump_ = select;
    const std::string target = key.toStdString();
    // Two seeks: the rows before the key (backward) and from it on.
    storage::ScanRequest back = pageRequest(firstPage_);
    back.before = target;
    storage::ScanRequest from = pageRequest(firstPage_);
    from.startAt = target;
    using PageResult = storage::Result<storage::ScanPage>;
    struct Both {
        std::optional<PageResult> before, after;
    };
    auto both = std::make_shared<Both>();
    const quint64 generation = generation_;
    auto arrived = [this, generation, both] {
        if (generation != generation_ || !both->before || !both->after) return;
        if (failed(*both->before) || failed(*both->after)) return;
        resetTo(both->before->value(), both->after->value());
    };
    onResult(session_->scan(std::move(back)), this, [both, arrived](PageResult page) {
        both->before = std::move(page);
        arrived();
    });
    onResult(session_->scan(std::move(from)), this, [both, arrived](PageResult page) {
        both->after = std::move(page);
        arrived();
    });
}

void KeyListModel::goToEnd() {
    if (!session_) return;
    if (!cursor_ && started_ && !loading_ && !keys_.empty()) {
        emit positioned(rowCount() - 1);  // the last rows are held already
        return;
    }
    startJump();
    selectOnJump_ = true;
    storage::ScanRequest back = pageRequest(firstPage_);
    back.reverse = true;
    const quint64 generation = generation_;
    onResult(session_->scan(std::move(back)), this, [this, generation](storage::Result<storage::ScanPage> page) {
        if (generation != generation_ || failed(page)) return;
        resetTo(page.value(), storage::ScanPage{});
    });
}

void KeyListModel::resetTo(const storage::ScanPage& before, const storage::ScanPage& after) {
    const int rows = static_cast<int>(before.entries.size() + after.entries.size());
    atStart_ = !before.nextCursor;
    cursor_ = after.nextCursor;
    loading_ = false;
    if (rows > 0) {
        beginInsertRows({}, 0, rows - 1);
        for (auto it = before.entries.rbegin(); it != before.entries.rend(); ++it) keys_.append(it->key);
        for (const auto& e : after.entries) keys_.append(e.key);
        endInsertRows();
    }
    if (!loading_) emit loadingChanged(false);
    emit firstPageLoaded(sinceRequest_.elapsed());
    emit pageLoaded(rows);
    // The first key at or after the target; the last when none is.
    if (rows == 0) return;
    const int row = after.entries.empty() ? rows - 1 : static_cast<int>(before.entries.size());
    selectOnJump_ ? emit positioned(row) : emit revealed(row);
}

void KeyListModel::fetchEarlier() {
    if (!session_ || !started_ || atStart_ || loading_ || keys_.empty()) return;
    storage::ScanRequest back = pageRequest(nextPage_);
    back.before = std::string(keys_.at(0));
    setLoading(true);
    const quint64 generation = generation_;
    onResult(session_->scan(std::move(back)), this, [this, generation](storage::Result<storage::ScanPage> page) {
        if (generation != generation_ || failed(page)) return;
        loading_ = false;
        atStart_ = !page->nextCursor;
        const auto& entries = page->entries;
        const int rows = static_cast<int>(entries.size());
        if (rows > 0) {
            beginInsertRows({}, 0, rows - 1);
            KeyArena merged;
            for (auto it = entries.rbegin(); it != entries.rend(); ++it) merged.append(it->key);
            for (std::size_t i = 0; i < keys_.size(); ++i) merged.append(keys_.at(i));
            keys_ = std::move(merged);
            endInsertRows();
        }
        trimBack();
        if (!loading_) emit loadingChanged(false);
        emit pageLoaded(rows);
    });
}

// The window is rebuilt from the rows kept: a copy of at most windowLimit()
// short keys (about a millisecond for 60,000), once per page past the limit.
void KeyListModel::trimFront() {
    if (keys_.size() <= windowLimit_) return;
    const std::size_t drop = keys_.size() - windowLimit_;
    beginRemoveRows({}, 0, static_cast<int>(drop) - 1);
    KeyArena kept;
    for (std::size_t i = drop; i < keys_.size(); ++i) kept.append(keys_.at(i));
    keys_ = std::move(kept);
    atStart_ = false;
    endRemoveRows();
}

void KeyListModel::trimBack() {
    if (keys_.size() <= windowLimit_) return;
    beginRemoveRows({}, static_cast<int>(windowLimit_), static_cast<int>(keys_.size()) - 1);
    KeyArena kept;
    for (std::size_t i = 0; i < windowLimit_; ++i) kept.append(keys_.at(i));
    keys_ = std::move(kept);
    cursor_ = std::string(keys_.back());  // the dropped rows come back through fetchMore()
    endRemoveRows();
}

QByteArray KeyListModel::keyAt(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= keys_.size()) return {};
    const auto k = keys_.at(static_cast<std::size_t>(row));
    return QByteArray(k.data(), static_cast<qsizetype>(k.size()));
}

int KeyListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(keys_.size());
}

int KeyListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 1 + static_cast<int>(fieldNames_.size());
}

void KeyListModel::setKeyLayout(std::optional<decode::KeyLayout> layout) {
    const std::vector<std::string> names = layout ? layout->fieldNames() : std::vector<std::string>{};
    const bool sameText = layout_.has_value() == layout.has_value() && (!layout || layout_->text() == layout->text());
    if (sameText) return;
    const int before = static_cast<int>(fieldNames_.size());
    if (before > 0) {
        beginRemoveColumns({}, 1, before);
        fieldNames_.clear();
        layout_.reset();
        endRemoveColumns();
    }
    if (!names.empty()) {
        beginInsertColumns({}, 1, static_cast<int>(names.size()));
        fieldNames_ = names;
        layout_ = std::move(layout);
        endInsertColumns();
    }
}

QVariant KeyListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractListModel::headerData(section, orientation, role);
    if (section == 0) return tr("Key");
    if (section - 1 < static_cast<int>(fieldNames_.size())) return QString::fromStdString(fieldNames_[static_cast<std::size_t>(section - 1)]);
    return {};
}

QVariant KeyListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto key = keys_.at(static_cast<std::size_t>(index.row()));
    // Every column is the row's key to whoever asks for it (the current cell may be a field's).
    if (role == KeyRole) return QByteArray(key.data(), static_cast<qsizetype>(key.size()));
    if (index.column() > 0) {
        if (!layout_ || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole)) return {};
        const decode::KeyMatch m = layout_->match(key);
        const std::size_t field = static_cast<std::size_t>(index.column() - 1);
        if (role == Qt::ToolTipRole)
            return m.matches() ? QVariant() : tr("This key does not follow %1: %2")
                                                  .arg(QString::fromStdString(layout_->text()), QString::fromStdString(m.why));
        if (field >= m.fields.size()) return {};
        const decode::FieldValue& v = m.fields[field].value;
        if (role == Qt::TextAlignmentRole)
            return v.kind == decode::NodeKind::Integer || v.kind == decode::NodeKind::Float
                       ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        return QString::fromStdString(v.text);
    }
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
    trimFront();
    if (!loading_) emit loadingChanged(false);  // unless a slot already asked for the next page
    if (first) emit firstPageLoaded(sinceRequest_.elapsed());
    emit pageLoaded(rows);
    if (first && positionFirst_ && rows > 0) {
        positionFirst_ = false;
        emit positioned(0);
    }
}

}  // namespace meridian::ui
