#include "ui/transfer/import_command.h"

#include <QPromise>
#include <QString>


#include "ui/editor/edit_writer.h"
#include "ui/session/keys_progress.h"

namespace meridian::ui {

ImportCommand::ImportCommand(EditWriter* writer, std::string family, const QString& text,
                             std::shared_ptr<const storage::ImportUndo> undo, storage::SnapshotPtr after, Hooks hooks)
    : QUndoCommand(text),
      writer_(writer),
      family_(std::move(family)),
      undo_(std::move(undo)),
      after_(std::move(after)),
      hooks_(std::move(hooks)) {}

quint64 ImportCommand::keys() const { return undo_ ? undo_->keys() : 0; }

void ImportCommand::redo() {
    if (applied_) {
        applied_ = false;  // the push: the import is written already
        return;
    }
    enqueue(false);
}

void ImportCommand::undo() { enqueue(true); }

void ImportCommand::enqueue(bool undo) {
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    promise->setProgressRange(0, 0);
    if (hooks_.started) hooks_.started(undo, promise->future());
    if (!writer_) {
        promise->finish();
        if (hooks_.finished) hooks_.finished(undo, storage::Status::readOnly("no database is open"));
        return;
    }
    // The job owns what it uses: the stack may delete this command while it is queued.
    auto work = [undo, imported = undo_, at = undo ? storage::SnapshotPtr() : after_,
                 promise](storage::Storage&) -> storage::Status {
        // The ImportUndo writes to the storage the import wrote to: the
        // family it was started in, whatever the session shows now.
        KeysProgress report(*promise);
        const storage::Progress progress = [&report](std::uint64_t done) {
            report(done);
            return true;  // not cancellable: see the header
        };
        return undo ? imported->undo(progress) : imported->restore(at, progress);
    };
    writer_->enqueue(family_, std::move(work), [undo, promise, hooks = hooks_](const storage::Status& status) {
        promise->finish();
        if (hooks.finished) hooks.finished(undo, status);
    });
}

}  // namespace meridian::ui
