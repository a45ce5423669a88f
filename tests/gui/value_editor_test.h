// The value editor through the real MainWindow, offscreen (QT_QPA_PLATFORM=
// offscreen): a user selects keys in the key list, edits in the Text, Hex
// and JSON views, saves, adds, renames, deletes (selected keys and by
// prefix), undoes and redoes, and every step is checked against what RocksDB
// holds. Read-only and following-live opens must refuse every edit and write
// nothing.
//
// The slots are split over value_editor_test.cpp (the edits, undo, redo,
// read-only) and value_editor_test_more.cpp (choosing views, JSON errors,
// text the editor cannot keep, large values, unsaved edits, cancelling).
#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>

#include "tests/gui/value_test_support.h"
#include "ui/window/main_window.h"

namespace meridian::valuetest {

class ValueEditorTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // value_editor_test.cpp
    void textEditSavesAndUndoRedoRestoreExactBytes();
    void hexEditsOverwriteInsertDeleteWithUndoRedo();
    void renameIsOneBatchAndUndoRestoresBothKeys();
    void deleteByPrefixCountsConfirmsAndUndoRestoresAll();
    void addAndDeleteSelectedKeysWithUndo();
    void readOnlyAndFollowingLiveRefuseEveryEdit();

    // value_editor_test_more.cpp
    void picksTheViewThatFitsAndTheUserCanSwitch();
    void jsonThatDoesNotParseIsNotSavedAndSaysWhere();
    void textTheEditorCannotKeepIsReadOnlyInTextView();
    void largeValueShowsFirstPartThenLoadsAll();
    void unsavedEditsAskBeforeSwitchingKeysOrClosing();
    void prefixDeleteCancelledBeforeCommitDeletesNothing();
    void undoWritesToTheColumnFamilyItCameFrom();
    void valueToFileAndBackIsExact();
    void copiedKeysAndValuesPasteAsTheSameBytes();
    void refreshShowsNewBytesInTheSameView();

private:
    // A fresh database with `entries`, opened read-write in the window.
    QString openFresh(const Entries& entries, storage::OpenMode mode = storage::OpenMode::ReadWrite);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ui::MainWindow> window_;
};

}  // namespace meridian::valuetest
