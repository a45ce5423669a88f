// Undoable edits of the database: put a value (save, add), delete keys,
// rename a key, delete every key under a prefix.
//
// Every command is a list of changes (key, bytes before, bytes after; "no
// value" for an absent key) applied as ONE WriteBatch with sync, through the
// EditWriter: on the session's pool, in the order the undo stack asks.
//
// The first run of a command reads the previous bytes of every key it will
// change, in the same job and just before writing, and keeps them: undo
// writes exactly those bytes back (a deleted key returns, a renamed key goes
// back, an overwritten destination is restored), redo writes the same change
// again. Nothing is re-read or re-encoded on undo/redo.
//
// Memory bound: a command keeps its keys and both versions of their values
// while it is in the undo stack. Deletes (selected keys, prefix) refuse,
// before writing anything, to remove more than kMaxUndoBytes of keys and
// values: they could not keep them for undo. Puts are not refused (the
// editor holds the value already) but count toward the history budget that
// EditController enforces.
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QPromise>
#include <QString>
#include <QUndoCommand>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/storage.h"

namespace meridian::ui {

class EditWriter;

// 256 MiB of keys and values per delete command.
constexpr std::size_t kMaxUndoBytes = std::size_t{256} * 1024 * 1024;

// What a command changed. Filled by its first run (on a worker), read-only after.
struct EditRecord {
    struct Change {
        std::string key;
        std::optional<std::string> before;  // nullopt: the key was absent
        std::optional<std::string> after;   // nullopt: the key is deleted
    };
    std::vector<Change> changes;
    std::atomic<std::size_t> bytes{0};  // keys + both versions of the values
    std::atomic<bool> applied{false};   // the first run wrote
};

// What a finished step did, for the views to follow.
struct EditChange {
    enum class Step { First, Undo, Redo };
    Step step = Step::First;
    std::string family;
    std::shared_ptr<const EditRecord> record;
    bool touches(const QByteArray& key) const;
    // Some key appeared or disappeared (the key list needs a reload).
    bool keySetChanged() const;
    // A key that exists after this step, for the views to show (the renamed
    // or added key; the restored one on undo of a delete); empty if none.
    QByteArray focusKey() const;
};

// Called on the UI thread after each step's write (or failure).
using EditListener = std::function<void(const EditChange& change, const storage::Status& status)>;

// Reads what a first run changes into the record (on the worker, just before
// the write). An error status stops the command before anything is written.
using EditPlan = std::function<storage::Status(storage::Storage& storage, EditRecord& record)>;

class StorageEditCommand : public QUndoCommand {
public:
    StorageEditCommand(EditWriter* writer, std::string family, const QString& text, EditPlan plan,
                       EditListener listener);

    void undo() override;
    void redo() override;

    std::shared_ptr<const EditRecord> record() const { return record_; }

private:
    void enqueue(EditChange::Step step);

    QPointer<EditWriter> writer_;
    std::string family_;
    EditPlan plan_;
    EditListener listener_;
    std::shared_ptr<EditRecord> record_ = std::make_shared<EditRecord>();
    bool ranOnce_ = false;
};

// The plans. Each reads before it writes; see the file comment.
EditPlan putPlan(std::string key, std::string value);
// `maxBytes`: the most keys and values a delete may keep for undo (see above).
EditPlan deleteKeysPlan(std::vector<std::string> keys, std::size_t maxBytes = kMaxUndoBytes);
EditPlan renamePlan(std::string from, std::string to);
// Reads the entries under `prefix` page by page, reporting the keys read so
// far as progress; cancelling `progress`'s future before the commit stops it
// with Cancelled and nothing written.
EditPlan deletePrefixPlan(std::string prefix, std::shared_ptr<QPromise<void>> progress,
                          std::size_t maxBytes = kMaxUndoBytes);

}  // namespace meridian::ui
