// KeyBrowser: the central key list with its prefix field, column family
// switcher, estimate and exact count.
//
// Typing in the prefix field re-queries at once (late pages of the old prefix
// are dropped by the model); it reads the syntax the list shows keys in (hex
// in Hex mode, \xNN escapes otherwise: typed_bytes.h) and marks what does not
// parse instead of matching nothing. The list is a window (key_list_model.h):
// Home and End go to the first and last key, Go to Key (Ctrl+G) to the first
// key at or after the typed bytes, and scrolling to the top loads earlier
// rows, keeping the rows in view where they are; typing in the list goes to
// the first key at or after what was typed. Its scroll bar places the
// rows among all the keys (key_position_bar.h). "Count" runs off the UI
// thread with progress and cancel through the window's task indicator
// (taskStarted / taskFinished).
#pragma once

#include <QFuture>
#include <QPointer>
#include <QWidget>

#include <cstdint>

#include "storage/bytes.h"
#include "storage/storage.h"
#include "ui/browser/key_table_view.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace meridian::ui {

class DecoderSettings;
class KeyListModel;
class KeyPositionBar;
class StorageSession;

class KeyBrowser : public QWidget {
    Q_OBJECT
public:
    explicit KeyBrowser(QWidget* parent = nullptr);

    // A prefix belongs to its database: a new session starts with none,
    // unless `keepPrefix` (the same database, reopened).
    void setSession(StorageSession* session, bool keepPrefix = false);
    KeyListModel* model() const { return model_; }
    // A single-column table of keys (objectName "keyList").
    QTableView* view() const { return view_; }
    // The list's scroll bar over all the keys (objectName "keyPositionBar").
    KeyPositionBar* positionBar() const { return positionBar_; }
    QLineEdit* prefixField() const { return prefix_; }
    QComboBox* columnFamilySwitcher() const { return families_; }
    QByteArray currentKey() const;

    void setPrefix(const QByteArray& prefix);
    // The rows around the first key >= `key`, that key selected.
    void goToKey(const QByteArray& key);
    void goToStart();
    void goToEnd();
    // Go to Key… (Ctrl+G): asks for the key (a dialog named "goToKeyDialog").
    QAction* goToKeyAction() const { return goToKey_; }
    // The prefix field's text does not parse in the current syntax.
    bool prefixInvalid() const { return prefixInvalid_; }
    // What the summary says when nothing at all is listed (no prefix); empty: the usual count.
    void setEmptyText(const QString& text);
    void focusPrefix();
    void setDisplay(storage::ByteDisplay display);
    // The database's key layouts: the list gains a column per field of the
    // layout that fits the prefix, and typed fields ("user:{42}:") are read
    // with it in the prefix field, Go to Key and typing in the list.
    void setDecoderSettings(DecoderSettings* settings);
    // What `text` stands for: typed fields with a key layout, else the
    // list's syntax (typed_bytes.h); nullopt when neither reads it.
    std::optional<std::string> keyBytes(const QString& text) const;
    // Starts an exact count of the keys under the current prefix.
    void countKeys();
    void cancelCount();
    bool isCounting() const { return counting_.isRunning(); }
    // The last exact count shown, or -1.
    qint64 lastCount() const { return lastCount_; }
    // The key estimate shown (all keys of the column family), or -1.
    qint64 estimate() const { return estimate_; }
    // Refresh: the keys again, and the estimate (the one shown stays until
    // the new one arrives).
    void reload();

signals:
    void currentKeyChanged(const QByteArray& key);
    void taskStarted(const QString& what, QFuture<void> future);
    void countFinished(qint64 count);  // -1 when cancelled or failed
    void message(const QString& text);
    void columnFamilyChanged(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void askForKey();
    void prefixTyped(const QString& text);
    void keysTyped(const QString& text);
    void positionAt(int row);
    void showRow(int row, QAbstractItemView::ScrollHint hint);
    void keepTopRow();
    void refreshEstimate(bool clearFirst = true);
    void updateSummary();
    void updateLayoutColumns();
    void fitLayoutColumns();
    QString syntaxHint() const;

    QPointer<StorageSession> session_;
    QPointer<DecoderSettings> decoderSettings_;
    KeyListModel* model_;
    KeyTableView* view_;
    KeyPositionBar* positionBar_;
    QLineEdit* prefix_;
    QComboBox* families_;
    QLabel* summary_;
    QToolButton* countButton_;
    QFuture<storage::Result<std::uint64_t>> counting_;
    qint64 estimate_ = -1;
    qint64 lastCount_ = -1;
    QString emptyText_;
    QAction* goToKey_;
    QAction* prefixWarning_;
    bool prefixInvalid_ = false;
    int topRowBefore_ = -1;  // the row at the top of the view while rows go in or out above it
    int topShift_ = 0;
};

}  // namespace meridian::ui
