// EditActions: the actions, their state, and the key list and value editor
// kept in step. What each action does is in edit_flows.cpp.
#include "ui/window/edit_actions.h"

#include <QAction>
#include <QTableView>
#include <QMainWindow>
#include <QMenu>
#include <QUndoStack>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_document.h"
#include "ui/common/text.h"
#include "ui/editor/value_editor.h"
#include "ui/editor/value_format.h"
#include "ui/session/storage_session.h"
#include "ui/window/editing_mode.h"

namespace meridian::ui {

EditActions::EditActions(QMainWindow* window, KeyBrowser* browser)
    : QObject(window),
      window_(window),
      browser_(browser),
      edits_(new EditController(this)),
      editor_(new ValueEditor(edits_, window)) {
    setObjectName(QStringLiteral("editActions"));
    buildActions();

    connect(browser_, &KeyBrowser::currentKeyChanged, this, &EditActions::keySelected);
    // The editor shows a key the list shows: not one the new prefix or family leaves out.
    connect(browser_->model(), &QAbstractItemModel::modelReset, this, &EditActions::dropKeyNotListed);
    connect(browser_, &KeyBrowser::columnFamilyChanged, this, &EditActions::dropKeyNotListed);
    connect(browser_->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EditActions::updateActions);
    connect(browser_->model(), &KeyListModel::firstPageLoaded, this, [this] {
        if (reselectAfterReload_.isNull()) return;
        const QByteArray key = reselectAfterReload_;
        reselectAfterReload_ = QByteArray();
        selectInList(key);
    });
    connect(edits_, &EditController::applied, this, &EditActions::followChange);
    connect(edits_, &EditController::failed, this, [this](const QString& text) { report(text, true); });
    connect(edits_, &EditController::message, this, [this](const QString& text) { report(text, false); });
    connect(edits_, &EditController::busyChanged, this, &EditActions::updateActions);
    connect(editor_, &ValueEditor::message, this, [this](const QString& text) { report(text, true); });
    connect(editor_, &ValueEditor::valueLoaded, this, &EditActions::updateActions);
    // Typing into a read-only value offers Enable Editing (once per question shown).
    connect(editor_, &ValueEditor::editAttempted, this, [this] {
        if (editing_ && editing_->canEnable() && !window_->findChild<QWidget*>(QStringLiteral("enableEditingQuestion")))
            editing_->offer();
    });
    connect(editor_, &ValueEditor::saved, this, [this](const QByteArray& key) {
        report(tr("Saved the value of %1 (%2); Edit > Undo brings the old one back")
                   .arg(shortKey(key), byteCountText(editor_->currentBytes().size())),
               false);
    });
    connect(editor_, &ValueEditor::dirtyChanged, this, &EditActions::updateActions);
    connect(editor_->document(), &ValueDocument::stateChanged, this, &EditActions::updateActions);
    updateActions();
}

QAction* EditActions::makeAction(const QString& name, const QString& text, const QString& tip) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setStatusTip(tip);
    action->setProperty("editTip", tip);
    return action;
}

void EditActions::buildActions() {
    QUndoStack* stack = edits_->undoStack();
    undoAction_ = stack->createUndoAction(this, tr("&Undo"));
    undoAction_->setObjectName(QStringLiteral("undoAction"));
    undoAction_->setShortcut(QKeySequence::Undo);
    undoAction_->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    redoAction_ = stack->createRedoAction(this, tr("&Redo"));
    redoAction_->setObjectName(QStringLiteral("redoAction"));
    redoAction_->setShortcut(QKeySequence::Redo);
    redoAction_->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    // The stack enables these itself; ours runs after it and keeps them off
    // while the session cannot write (viewing a snapshot, say).
    connect(stack, &QUndoStack::canUndoChanged, this, &EditActions::updateActions);
    connect(stack, &QUndoStack::canRedoChanged, this, &EditActions::updateActions);

    addKeyAction_ = makeAction(QStringLiteral("addKeyAction"), tr("&Add Key…"), tr("Add a key with a value"));
    addKeyAction_->setShortcut(QKeySequence::New);
    connect(addKeyAction_, &QAction::triggered, this, qOverload<>(&EditActions::addKey));

    renameKeyAction_ = makeAction(QStringLiteral("renameKeyAction"), tr("Re&name Key…"),
                                 tr("Give the selected key another name (one atomic batch)"));
    renameKeyAction_->setShortcut(Qt::Key_F2);
    connect(renameKeyAction_, &QAction::triggered, this, &EditActions::renameKey);

    deleteKeysAction_ = makeAction(QStringLiteral("deleteKeysAction"), tr("&Delete"),
                                  tr("Delete the selected keys (Edit > Undo brings them back)"));
    deleteKeysAction_->setShortcut(QKeySequence::Delete);
    deleteKeysAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);  // the key list; editors keep Delete
    connect(deleteKeysAction_, &QAction::triggered, this, &EditActions::deleteSelectedKeys);

    deletePrefixAction_ = makeAction(QStringLiteral("deletePrefixAction"), tr("Delete Keys Under &Prefix…"),
                                    tr("Count, confirm, then delete every key under a prefix in one batch"));
    connect(deletePrefixAction_, &QAction::triggered, this, qOverload<>(&EditActions::deleteUnderPrefix));

    saveValueAction_ = makeAction(QStringLiteral("saveValueAction"), tr("&Save Value"),
                                 tr("Write the value in the editor to the database"));
    saveValueAction_->setShortcut(QKeySequence::Save);
    connect(saveValueAction_, &QAction::triggered, editor_, [this] {
        if (!editor_->hasValue() || !cannotWrite([this] { editor_->save(); })) editor_->save();
    });

    saveToFileAction_ = makeAction(QStringLiteral("saveValueToFileAction"), tr("Save Value to &File…"),
                                  tr("Write the value's bytes, exactly, to a file"));
    connect(saveToFileAction_, &QAction::triggered, this, [this] { saveValueToFile(QString()); });

    loadFromFileAction_ = makeAction(QStringLiteral("loadValueFromFileAction"), tr("&Load Value from File…"),
                                    tr("Replace the value in the editor with a file's bytes (then Save Value)"));
    connect(loadFromFileAction_, &QAction::triggered, this, [this] { loadValueFromFile(QString()); });

    copyValueAction_ = makeAction(QStringLiteral("copyValueAction"), tr("Copy &Value"),
                                 tr("Copy the value's bytes (and its text when it is valid UTF-8)"));
    connect(copyValueAction_, &QAction::triggered, this, [this] { copyValue(false); });
    copyValueHexAction_ = makeAction(QStringLiteral("copyValueHexAction"), tr("Copy Value as He&x"),
                                    tr("Copy the value as hex text"));
    connect(copyValueHexAction_, &QAction::triggered, this, [this] { copyValue(true); });
    pasteValueAction_ = makeAction(QStringLiteral("pasteValueAction"), tr("Paste &Value"),
                                  tr("Replace the value in the editor with the clipboard's bytes (then Save Value)"));
    connect(pasteValueAction_, &QAction::triggered, this, &EditActions::pasteValue);

    // The key list's context menu.
    QTableView* list = browser_->view();
    auto* separator = new QAction(this);
    separator->setSeparator(true);
    list->addActions({separator, addKeyAction_, renameKeyAction_, deleteKeysAction_, deletePrefixAction_});
}

void EditActions::addToEditMenu(QMenu* menu, QAction* before) {
    menu->setToolTipsVisible(true);  // disabled editing actions say why
    QAction* first = menu->actions().value(0);
    menu->insertActions(first, {undoAction_, redoAction_});
    menu->insertSeparator(first);
    // Before the separator that precedes `before` (after the Copy Key actions).
    const auto actions = menu->actions();
    const qsizetype at = actions.indexOf(before);
    QAction* anchor = at > 0 && actions.at(at - 1)->isSeparator() ? actions.at(at - 1) : before;
    menu->insertActions(anchor, {copyValueAction_, copyValueHexAction_, pasteValueAction_});
    menu->insertSeparator(anchor);
    menu->insertActions(anchor, {addKeyAction_, renameKeyAction_, deleteKeysAction_, deletePrefixAction_});
    menu->insertSeparator(anchor);
    menu->insertActions(anchor, {saveValueAction_, saveToFileAction_, loadFromFileAction_});
}

void EditActions::setEditingMode(EditingMode* editing) {
    editing_ = editing;
    connect(editing_->action(), &QAction::changed, this, &EditActions::updateActions);
    updateActions();
}

void EditActions::setSession(StorageSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session) connect(session, &StorageSession::readViewChanged, this, &EditActions::updateActions);
    reselectAfterReload_ = QByteArray();
    edits_->setSession(session);
    editor_->setSession(session);
    updateActions();
}

bool EditActions::leaveEditorThen(const std::function<void()>& next) {
    if (!editor_->isDirty()) return true;
    editor_->askToLeave([next](bool proceed) {
        if (proceed) next();
    });
    return false;
}

void EditActions::dropKeyNotListed() {
    if (!session_ || !editor_->hasValue() || editor_->isDirty()) return;  // unsaved edits stay, and say where they go
    const QByteArray prefix = browser_->model()->prefix();
    if (editor_->family() != session_->columnFamily() || !editor_->key().startsWith(prefix)) {
        editor_->clear();
        updateActions();
    }
}

void EditActions::revealKey(const QByteArray& key) {
    editor_->showKey(key);
    reselectAfterReload_ = key;
}

void EditActions::refreshValue() {
    editor_->reload();
}

QList<QByteArray> EditActions::selectedKeys() const {
    QList<QByteArray> keys;
    const auto rows = browser_->view()->selectionModel()->selectedRows();
    for (const auto& index : rows) keys << index.data(KeyListModel::KeyRole).toByteArray();
    return keys;
}

void EditActions::updateActions() {
    const bool open = session_ != nullptr;
    const bool writable = edits_->isWritable();
    // Read-only: the actions stay on and offer to enable editing first.
    const bool offer = !writable && editing_ && editing_->canEnable();
    const bool canAct = writable || offer;
    const bool value = editor_->hasValue();
    const bool current = browser_->view()->currentIndex().isValid() || value;
    const bool selected = browser_->view()->selectionModel()->hasSelection();
    const QString why = open ? edits_->readOnlyReason() : tr("Open a database first.");
    auto set = [&](QAction* action, bool enabled, bool needsWrite) {
        action->setEnabled(enabled);
        const QString tip = action->property("editTip").toString();
        action->setToolTip(needsWrite && !writable ? (offer ? tip + QStringLiteral(" — ") + why : why) : tip);
    };
    QUndoStack* stack = edits_->undoStack();
    undoAction_->setEnabled(writable && stack->canUndo());
    redoAction_->setEnabled(writable && stack->canRedo());
    set(addKeyAction_, canAct, true);
    set(renameKeyAction_, canAct && current, true);
    set(deleteKeysAction_, canAct && selected, true);
    set(deletePrefixAction_, canAct, true);
    set(saveValueAction_, writable && value && !editor_->isSaving() && editor_->isDirty(), true);
    set(loadFromFileAction_, canAct && value, true);
    set(pasteValueAction_, canAct && value, true);
    set(saveToFileAction_, value, false);
    set(copyValueAction_, value, false);
    set(copyValueHexAction_, value, false);
}

void EditActions::keySelected(const QByteArray& key) {
    if (syncingSelection_ || !session_ || !browser_->view()->currentIndex().isValid()) return;
    if (editor_->hasValue() && key == editor_->key() && editor_->family() == session_->columnFamily()) return;
    const QByteArray shown = editor_->key();
    editor_->askToLeave([this, key, shown](bool proceed) {
        if (proceed) editor_->showKey(key);
        else selectInList(shown);  // stay: the list shows the key being edited
    });
    updateActions();
}

void EditActions::selectInList(const QByteArray& key) {
    KeyListModel* model = browser_->model();
    QTableView* list = browser_->view();
    syncingSelection_ = true;
    bool found = false;
    for (int row = 0; row < model->rowCount() && !found; ++row) {
        if (model->keyAt(row) != key) continue;
        const QModelIndex index = model->index(row);
        list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        list->scrollTo(index);
        found = true;
    }
    if (!found) list->selectionModel()->clearCurrentIndex();
    syncingSelection_ = false;
    updateActions();
}

void EditActions::followChange(const EditChange& change) {
    updateActions();
    if (!change.keySetChanged()) return;
    // Keys came or went: reload the list, then select the key the change is
    // about (the added, renamed or restored one) or the one shown.
    QByteArray focus = change.focusKey();
    if (!focus.isEmpty() && !editor_->isDirty() && focus != editor_->key()) editor_->showKey(focus);
    reselectAfterReload_ = editor_->isDirty() || focus.isEmpty() ? editor_->key() : focus;  // null: none
    browser_->model()->reload();
}

void EditActions::report(const QString& text, bool error) { emit message(text, error); }

}  // namespace meridian::ui
