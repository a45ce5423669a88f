// ImportCommand: a finished import on the undo stack, undone and redone in
// one step.
//
// It is pushed after the import has been written, so its first redo() (from
// QUndoStack::push) does nothing. undo() puts every key the import wrote back
// to what it held before the import (ImportUndo::undo: a key that did not
// exist is removed); redo() puts them back to what they held right after it
// (ImportUndo::restore at the snapshot taken as the import returned), so the
// imported bytes come back exactly.
//
// Both run on the EditWriter, in order with the other edits' steps, off the
// UI thread. Each step hands `Hooks::started` a future that reports keys
// restored so far (its progress text); it cannot be cancelled (an undo half
// done would match neither side of the history). `Hooks::finished` runs on
// the UI thread when the step is written or failed.
//
// Lifetimes: the command keeps the ImportUndo (the storage and the snapshot
// before the import: the backend keeps those old values while it lives) and
// the snapshot after. A step already queued keeps what it needs by itself;
// the stack may delete the command meanwhile.
#pragma once

#include <QFuture>
#include <QPointer>
#include <QString>
#include <QUndoCommand>

#include <functional>
#include <memory>
#include <string>

#include "storage/transfer/export_import.h"

namespace meridian::ui {

class EditWriter;

class ImportCommand : public QUndoCommand {
public:
    struct Hooks {
        std::function<void(bool undo, QFuture<void> progress)> started;
        std::function<void(bool undo, const storage::Status& status)> finished;
    };

    ImportCommand(EditWriter* writer, std::string family, const QString& text,
                  std::shared_ptr<const storage::ImportUndo> undo, storage::SnapshotPtr after, Hooks hooks);

    void undo() override;
    void redo() override;

    // Keys the import wrote (duplicates included).
    quint64 keys() const;

private:
    void enqueue(bool undo);

    QPointer<EditWriter> writer_;
    std::string family_;
    std::shared_ptr<const storage::ImportUndo> undo_;
    storage::SnapshotPtr after_;
    Hooks hooks_;
    bool applied_ = true;  // pushed after the import was written
};

}  // namespace meridian::ui
