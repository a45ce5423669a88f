// KeyPositionBar: the key list's vertical scroll bar, over all the keys
// under the prefix rather than the rows the window holds.
//
// The list is a window of at most 60,000 rows onto millions of keys
// (key_list_model.h), so the view's own scroll bar (hidden, still driven by
// the wheel and the keyboard) only spans the window. This bar places the
// window among all the keys with storage::KeyPositions: exact ranks when
// there are few keys, estimates from table file sizes otherwise. Dragging
// it and letting go jumps to the keys at that place (rows shown, none
// selected); the arrows and the trough page through rows as usual. When the
// position is unknown (the backend has no estimate, or every key is still in
// RocksDB's memtable), it spans the rows held, like the view's own bar, and
// its tooltip says so.
//
// Measuring runs off the UI thread (the session's pool for KeyPositions, a
// read lane for the window's ends); results for a superseded prefix or
// window are dropped. UI thread only.
#pragma once

#include <QPointer>
#include <QScrollBar>

#include <memory>
#include <optional>

namespace meridian::storage {
class KeyPositions;
}

class QTableView;

namespace meridian::ui {

class KeyListModel;
class StorageSession;

class KeyPositionBar : public QScrollBar {
    Q_OBJECT
public:
    static constexpr int kSteps = 10000;

    KeyPositionBar(QTableView* view, KeyListModel* model, QWidget* parent = nullptr);

    void setSession(StorageSession* session);
    // The keys changed (prefix, column family, read view, an edit): measure again.
    void remeasure();
    // Up to this many keys are held for exact positions (storage::KeyPositions::kExactLimit).
    void setExactLimit(std::size_t keys) { exactLimit_ = keys; }
    // Where the top row in view is among all the keys under the prefix, in
    // [0, 1], or nullopt while unknown.
    std::optional<double> topPosition() const;
    bool positionKnown() const;
    // Shows the keys about `fraction` of the way through (what letting go of
    // a drag does).
    void jumpTo(double fraction);

signals:
    // A measure or a window's span arrived (for tests).
    void positionsUpdated();

protected:
    void wheelEvent(QWheelEvent* event) override;

private:
    void act(int action);
    void measureSpan();
    void sync();

    QTableView* view_;
    KeyListModel* model_;
    QPointer<StorageSession> session_;
    std::shared_ptr<const storage::KeyPositions> positions_;
    // Where the first and last rows held are among all the keys.
    std::optional<std::pair<double, double>> span_;
    quint64 measureGeneration_ = 0;
    quint64 spanGeneration_ = 0;
    bool spanQueued_ = false;
    bool spanStale_ = false;  // rows went in or out since span_ was measured
    quint64 jumpGeneration_ = 0;
    std::size_t exactLimit_;
};

}  // namespace meridian::ui
