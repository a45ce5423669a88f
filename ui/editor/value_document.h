// ValueDocument: the value being edited, as bytes, and whether it differs
// from what is stored.
//
// `stored` is what the database held when the value was loaded or last saved
// (never re-encoded: the exact bytes storage returned). `pending` is an edit
// carried outside a view (a view switch, a paste, a file loaded); the views
// keep their own in-progress edits and hand them over as bytes. The editor
// saves `pending` when no view holds a newer edit, so saving an untouched
// value writes the stored bytes exactly.
//
// UI thread only.
#pragma once

#include <QByteArray>
#include <QObject>

namespace meridian::ui {

class ValueDocument : public QObject {
    Q_OBJECT
public:
    enum class State { Empty, Loading, Loaded, Missing, Failed };

    explicit ValueDocument(QObject* parent = nullptr);

    State state() const { return state_; }
    QByteArray key() const { return key_; }
    bool hasValue() const { return state_ == State::Loaded; }
    const QByteArray& stored() const { return stored_; }
    // The bytes to save when no view holds a newer edit.
    const QByteArray& pending() const { return pending_; }
    bool hasPendingEdit() const {
        // Usually the very same (shared) bytes: no need to compare megabytes.
        return pending_.size() != stored_.size() || (pending_.constData() != stored_.constData() && pending_ != stored_);
    }

    void clear();
    void startLoading(const QByteArray& key);
    void load(const QByteArray& key, const QByteArray& value);  // clean
    void setMissing(const QByteArray& key);                     // the key does not exist
    void setFailed(const QByteArray& key);
    // An edit made outside a view.
    void setPending(const QByteArray& bytes);
    // The bytes were written: they are now what is stored.
    void markSaved(const QByteArray& bytes);
    // What is stored changed under an edit (undo, redo): the edit is kept.
    void setStored(const QByteArray& bytes);
    // Drops the pending edit.
    void revert();

signals:
    void stateChanged(State state);
    void pendingChanged(bool hasPendingEdit);

private:
    void setState(State state);
    void setPendingInternal(const QByteArray& bytes);

    State state_ = State::Empty;
    QByteArray key_;
    QByteArray stored_;
    QByteArray pending_;
};

}  // namespace meridian::ui
