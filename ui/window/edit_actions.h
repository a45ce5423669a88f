// EditActions: editing in the main window. Owns the value editor (shown
// beside the key list) and the EditController, and provides the Edit menu's
// editing actions: Undo/Redo (from the QUndoStack), Add Key…, Rename Key…,
// Delete (selected keys), Delete Keys Under Prefix… (a dry-run count, a
// confirmation, then one batch with progress and cancel before the commit),
// Save Value, Save Value to File…, Load Value from File…, Copy Value (as
// bytes or hex), Paste Value.
//
// Keeps the key list and the editor in step: selecting a key shows it (after
// asking about unsaved edits, putting the selection back if the user stays),
// and writes that add, remove or rename keys reload the list and show the
// key concerned. On a database open read-only the editing actions stay on
// and offer to enable editing first (editing_mode.h), then go on; with any
// other session that cannot write they are disabled and their tooltips say
// why and how to change it.
//
// Every dialog is opened non-modally (open()), so nothing here blocks.
// UI thread only. Implementation: edit_actions.cpp (actions, state, list and
// editor in step) and edit_flows.cpp (what each action does).
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;

namespace meridian::ui {

class EditController;
class EditingMode;
struct EditChange;
class KeyBrowser;
class StorageSession;
class ValueEditor;

class EditActions : public QObject {
    Q_OBJECT
public:
    EditActions(QMainWindow* window, KeyBrowser* browser);

    ValueEditor* editor() const { return editor_; }
    EditController* controller() const { return edits_; }
    void setSession(StorageSession* session);
    // The padlock that can make a read-only database writable (owned by the window).
    void setEditingMode(EditingMode* editing);
    // Adds the actions to the Edit menu: Undo/Redo first, the rest before `before`.
    void addToEditMenu(QMenu* menu, QAction* before);
    // Runs `next` now and returns true when no unsaved value edit is in the
    // way; otherwise asks, returns false, and runs `next` later if the user
    // saved or discarded.
    bool leaveEditorThen(const std::function<void()>& next);
    // Re-reads the value shown unless it has unsaved edits (after a refresh).
    void refreshValue();
    // Shows `key` in the editor, and selects it in the list once the list's
    // first page is in (after a reopen).
    void revealKey(const QByteArray& key);

    // The actions' work, also for tests. The dialog flows open a dialog and return.
    void addKey();
    void renameKey();
    void deleteSelectedKeys();
    void deleteUnderPrefix();
    // Counts, then asks ("deletePrefixConfirm"), then deletes.
    void deleteUnderPrefix(const QByteArray& prefix);
    void saveValueToFile(const QString& path);
    void loadValueFromFile(const QString& path);
    void copyValue(bool asHex);
    void pasteValue();
    QList<QByteArray> selectedKeys() const;

signals:
    void message(const QString& text, bool error);
    // Long work (counting and deleting keys under a prefix) for the status bar.
    void taskStarted(const QString& what, QFuture<void> future);

private:
    // edit_actions.cpp
    QAction* makeAction(const QString& name, const QString& text, const QString& tip);
    void buildActions();
    void updateActions();
    void keySelected(const QByteArray& key);
    // Clears the editor when its key is outside the list's prefix or family (and unedited).
    void dropKeyNotListed();
    // False when the session can write. Otherwise offers Enable Editing (then
    // `retry`) or reports why editing is off, and returns true.
    bool cannotWrite(std::function<void()> retry);
    void selectInList(const QByteArray& key);
    void followChange(const EditChange& change);
    void report(const QString& text, bool error);
    // edit_flows.cpp
    void putNewKey(const QByteArray& key, const QByteArray& value);
    // Asks; runs `then` on yes, `otherwise` (when given) on cancel.
    void confirmThen(const QString& name, const QString& text, const QString& detail, const QString& yes,
                     std::function<void()> then, std::function<void()> otherwise = {});

    QMainWindow* window_;
    KeyBrowser* browser_;
    EditController* edits_;
    ValueEditor* editor_;
    QPointer<StorageSession> session_;
    EditingMode* editing_ = nullptr;
    QByteArray reselectAfterReload_;
    bool syncingSelection_ = false;

    // Found by their object names ("addKeyAction", ...) from outside.
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QAction* addKeyAction_ = nullptr;
    QAction* renameKeyAction_ = nullptr;
    QAction* deleteKeysAction_ = nullptr;
    QAction* deletePrefixAction_ = nullptr;
    QAction* saveValueAction_ = nullptr;
    QAction* saveToFileAction_ = nullptr;
    QAction* loadFromFileAction_ = nullptr;
    QAction* copyValueAction_ = nullptr;
    QAction* copyValueHexAction_ = nullptr;
    QAction* pasteValueAction_ = nullptr;
};

}  // namespace meridian::ui
