// The value editor through the real MainWindow, offscreen (QT_QPA_PLATFORM=
// offscreen): a user selects keys in the key list, edits in the Text, Hex
// and JSON views, saves, adds, renames, deletes (selected keys and by
// prefix), undoes and redoes, and every step is checked against what RocksDB
// holds. Read-only and following-live opens must refuse every edit and write
// nothing.
//
// The slots are split by area: value_editor_test_editing.cpp (edits in each
// view, undo, redo, JSON errors, unsaved edits, files, read-only refusals),
// value_editor_test_keys.cpp (add, rename, delete, delete by prefix, copy and
// paste) and value_editor_test_views.cpp (choosing views, text the editor
// cannot keep, large values, refresh); the fixture is in value_editor_test.cpp.
#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>

#include "tests/gui/value_test_support.h"
#include "ui/window/main_window.h"

namespace meridian::valuetest {

// Bytes with NULs in them, from a literal.
inline QByteArray raw(const char* bytes, int size) { return QByteArray(bytes, size); }

class ValueEditorTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // In the order they run; the file each is in:
    void textEditSavesAndUndoRedoRestoreExactBytes();        // _editing
    void hexEditsOverwriteInsertDeleteWithUndoRedo();        // _editing
    void renameIsOneBatchAndUndoRestoresBothKeys();          // _keys
    void deleteByPrefixCountsConfirmsAndUndoRestoresAll();   // _keys
    void addAndDeleteSelectedKeysWithUndo();                 // _keys
    void readOnlyAndFollowingLiveRefuseEveryEdit();          // _editing
    void picksTheViewThatFitsAndTheUserCanSwitch();          // _views
    void jsonThatDoesNotParseIsNotSavedAndSaysWhere();       // _editing
    void textTheEditorCannotKeepIsReadOnlyInTextView();      // _views
    void largeValueShowsFirstPartThenLoadsAll();             // _views
    void unsavedEditsAskBeforeSwitchingKeysOrClosing();      // _editing
    void prefixDeleteCancelledBeforeCommitDeletesNothing();  // _keys
    void undoWritesToTheColumnFamilyItCameFrom();            // _editing
    void valueToFileAndBackIsExact();
    void aKeyTheListLeavesOutLeavesTheEditor();                        // _editing
    void copiedKeysAndValuesPasteAsTheSameBytes();           // _keys
    void refreshShowsNewBytesInTheSameView();                // _views

private:
    // A fresh database with `entries`, opened read-write in the window.
    QString openFresh(const Entries& entries, storage::OpenMode mode = storage::OpenMode::ReadWrite);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ui::MainWindow> window_;
};

}  // namespace meridian::valuetest
