// EditController: every edit of the database the GUI makes, undoable.
//
// Owns the QUndoStack (Edit > Undo/Redo) and the EditWriter that applies the
// commands in order on the session's pool, with sync. Calls return at once;
// `done` (optional) runs on the UI thread when the first write finished or
// failed, and applied() follows every successful write, including undo and
// redo, so the key list and the editor can follow.
//
// History bounds: at most kUndoLimit commands; a delete keeps at most
// kMaxUndoBytes (edit_commands.h). Before a new command is pushed, a history
// holding more than kHistoryBudget bytes is cleared (with a message), so the
// history never holds much more than that plus the commands still running.
//
// A failed write leaves the database as it was before that write, but the
// history may no longer describe it: the history is cleared and failed()
// says so. A prefix delete cancelled before its commit is simply dropped
// (message(), not failed()); changing the session cancels those still reading.
//
// Refuses everything (with a reason) when the session is not writable.
// UI thread only.
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <cstddef>
#include <functional>
#include <memory>

#include "ui/editor/edit_commands.h"

class QUndoStack;

namespace meridian::ui {

class EditWriter;
class StorageSession;

class EditController : public QObject {
    Q_OBJECT
public:
    static constexpr int kUndoLimit = 100;
    static constexpr std::size_t kHistoryBudget = std::size_t{768} * 1024 * 1024;

    using Done = std::function<void(const storage::Status&)>;

    explicit EditController(QObject* parent = nullptr);

    // Clears the history: it belongs to the database it was made on.
    void setSession(StorageSession* session);
    StorageSession* session() const;
    QUndoStack* undoStack() const { return stack_; }
    // Applies writes in order on the session's pool: other undoable commands
    // (an import's) go through it to stay in order with the edits.
    EditWriter* writer() const { return writer_; }

    bool isWritable() const;
    // Why editing is off, and how to turn it on; empty when writable.
    QString readOnlyReason() const;
    // A write is queued or running.
    bool isBusy() const;
    // Runs `next` once every write queued so far has landed (now, when idle),
    // on the UI thread; dropped if `context` is destroyed first.
    void whenIdle(QObject* context, std::function<void()> next);
    // Keys and values the undo history keeps, in bytes.
    std::size_t historyBytes() const;

    // In the session's current column family (putValue: in `family` when given).
    void putValue(const QByteArray& key, const QByteArray& value, const QString& text, Done done = {},
                  const QString& family = {});
    void deleteKeys(const QList<QByteArray>& keys, Done done = {});
    void renameKey(const QByteArray& from, const QByteArray& to, Done done = {});
    // One batch. The future reports keys read so far (out of `expected`) and
    // cancels the delete until the commit; it finishes with the command.
    QFuture<void> deletePrefix(const QByteArray& prefix, quint64 expected, Done done = {});

signals:
    void applied(const meridian::ui::EditChange& change);
    void failed(const QString& message);
    void busyChanged(bool busy);
    void message(const QString& text);

private:
    bool refuse(const Done& done);
    void push(const QString& text, EditPlan plan, Done done, const QString& family = {});
    void finished(const EditChange& change, const storage::Status& status, const Done& done);

    QPointer<StorageSession> session_;
    QUndoStack* stack_;
    EditWriter* writer_;
    // Prefix deletes that may still be reading: cancelled when the session goes.
    QList<std::weak_ptr<QPromise<void>>> deleting_;
};

}  // namespace meridian::ui
