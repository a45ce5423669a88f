// ValueEditorTest slots (see value_editor_test.h): operations on keys.
// Rename, delete by prefix (and cancelling it before the commit), add and
// delete selected keys, each undone and redone with the database checked
// after every step; copied keys and values paste as the same bytes.
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QMimeData>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include "tests/gui/session_idle.h"
#include "tests/gui/value_editor_test.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/key_dialog.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/window/edit_actions.h"

namespace meridian::valuetest {

using ui::ValueView;

namespace {

QList<QByteArray> listedKeys(ui::MainWindow* window) {
    QList<QByteArray> keys;
    auto* model = window->keyBrowser()->model();
    for (int row = 0; row < model->rowCount(); ++row) keys << model->keyAt(row);
    return keys;
}

// Waits for the key list to be reloaded and loaded after a write: the reload
// the write set off has been asked for once the session delivered all it had.
QString waitList(ui::MainWindow* window) {
    if (QString error = test::waitForSessionIdle(window->session()); !error.isEmpty()) return error;
    auto* model = window->keyBrowser()->model();
    if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 20000)) return QStringLiteral("key list still loading");
    return {};
}

ui::KeyDialog* waitForKeyDialog(ui::MainWindow* window) {
    ui::KeyDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            dialog = window->findChild<ui::KeyDialog*>(QStringLiteral("keyDialog"));
            return dialog && dialog->isVisible();
        },
        5000);
    return shown ? dialog : nullptr;
}

}  // namespace

void ValueEditorTest::renameIsOneBatchAndUndoRestoresBothKeys() {
    const QByteArray value = raw("\x00value\xff", 7);
    MERIDIAN_VALUE_OK(openFresh({{"alpha", value}, {"beta", "b"}, {"gamma", "g"}}));
    QUndoStack* stack = window_->editActions()->controller()->undoStack();
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "alpha"));

    MERIDIAN_VALUE_OK(trigger(window_.get(), "renameKeyAction"));
    ui::KeyDialog* dialog = waitForKeyDialog(window_.get());
    QVERIFY(dialog);
    QCOMPARE(dialog->key(), QByteArray("alpha"));  // starts from the old name
    dialog->setKeyText(QStringLiteral("alpha\\x002"));
    QCOMPARE(dialog->key(), raw("alpha\x00" "2", 7));
    dialog->accept();
    const QByteArray renamed = raw("alpha\x00" "2", 7);
    QTRY_COMPARE(stack->count(), 1);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(stored(window_.get(), "alpha"), std::nullopt);
    QCOMPARE(stored(window_.get(), renamed), value);
    QCOMPARE(listedKeys(window_.get()), (QList<QByteArray>{renamed, "beta", "gamma"}));
    QCOMPARE(window_->valueEditor()->key(), renamed);  // the editor follows the key
    QCOMPARE(window_->keyBrowser()->currentKey(), renamed);

    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(stored(window_.get(), "alpha"), value);
    QCOMPARE(stored(window_.get(), renamed), std::nullopt);
    QCOMPARE(listedKeys(window_.get()), (QList<QByteArray>{"alpha", "beta", "gamma"}));
    QCOMPARE(window_->valueEditor()->key(), QByteArray("alpha"));

    MERIDIAN_VALUE_OK(trigger(window_.get(), "redoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(stored(window_.get(), "alpha"), std::nullopt);
    QCOMPARE(stored(window_.get(), renamed), value);

    // Onto an existing key: asked first; undo brings back both.
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "beta"));
    MERIDIAN_VALUE_OK(trigger(window_.get(), "renameKeyAction"));
    dialog = waitForKeyDialog(window_.get());
    QVERIFY(dialog);
    dialog->setKeyText(QStringLiteral("gamma"));
    dialog->accept();
    QMessageBox* confirm = waitForMessageBox(window_.get(), QStringLiteral("replaceKeyConfirm"));
    QVERIFY(confirm);
    // Cancel goes back to the dialog, as it was typed.
    QPointer<QMessageBox> first(confirm);
    QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(dialog->isVisible() && first.isNull());
    QCOMPARE(dialog->key(), QByteArray("gamma"));
    QCOMPARE(stack->count(), 1);
    dialog->accept();
    confirm = waitForMessageBox(window_.get(), QStringLiteral("replaceKeyConfirm"));
    QVERIFY(confirm);
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(stack->count(), 2);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "beta"), std::nullopt);
    QCOMPARE(stored(window_.get(), "gamma"), QByteArray("b"));
    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "beta"), QByteArray("b"));
    QCOMPARE(stored(window_.get(), "gamma"), QByteArray("g"));
}

void ValueEditorTest::deleteByPrefixCountsConfirmsAndUndoRestoresAll() {
    Entries entries;
    Entries under;
    for (int i = 0; i < 50; ++i) {
        const QByteArray key = QByteArray("a:") + QByteArray::number(i).rightJustified(3, '0');
        QByteArray value = raw("\x00\xff", 2) + QByteArray::number(i * 7919);
        under.insert(key, value);
        entries.insert(key, value);
    }
    entries.insert("a", "not under a:");
    entries.insert("b:1", "bee");
    MERIDIAN_VALUE_OK(openFresh(entries));
    QUndoStack* stack = window_->editActions()->controller()->undoStack();
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "a:007"));

    MERIDIAN_VALUE_OK(trigger(window_.get(), "deletePrefixAction"));
    ui::KeyDialog* dialog = waitForKeyDialog(window_.get());
    QVERIFY(dialog);
    dialog->setKeyText(QStringLiteral("a:"));
    dialog->accept();
    // The dry run counts first; nothing is deleted before the confirmation.
    QMessageBox* confirm = waitForMessageBox(window_.get(), QStringLiteral("deletePrefixConfirm"));
    QVERIFY(confirm);
    QVERIFY2(confirm->text().contains(QStringLiteral("50 keys")), qPrintable(confirm->text()));
    QCOMPARE(storedUnder(window_.get(), "a:"), under);
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(stack->count(), 1);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(storedUnder(window_.get(), "a:"), Entries());
    QCOMPARE(stored(window_.get(), "a"), QByteArray("not under a:"));
    QCOMPARE(stored(window_.get(), "b:1"), QByteArray("bee"));
    QCOMPARE(listedKeys(window_.get()), (QList<QByteArray>{"a", "b:1"}));
    QVERIFY(!window_->valueEditor()->hasValue());  // its key is gone

    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(storedUnder(window_.get(), "a:"), under);  // every key, every byte
    QCOMPARE(window_->keyBrowser()->model()->rowCount(), 52);

    MERIDIAN_VALUE_OK(trigger(window_.get(), "redoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(storedUnder(window_.get(), "a:"), Entries());
    QCOMPARE(stored(window_.get(), "b:1"), QByteArray("bee"));

    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(storedUnder(window_.get(), "a:"), under);
}

void ValueEditorTest::addAndDeleteSelectedKeysWithUndo() {
    MERIDIAN_VALUE_OK(openFresh({{"k1", "v1"}, {"k2", "v2"}, {"k3", "v3"}}));
    QUndoStack* stack = window_->editActions()->controller()->undoStack();

    // Add Key: a binary key typed with escapes, a value typed as hex.
    MERIDIAN_VALUE_OK(trigger(window_.get(), "addKeyAction"));
    ui::KeyDialog* dialog = waitForKeyDialog(window_.get());
    QVERIFY(dialog);
    dialog->setKeyText(QStringLiteral("new\\x00key"));
    dialog->setValueText(QStringLiteral("00 FF 41"), true);
    dialog->accept();
    const QByteArray added = raw("new\x00key", 7);
    QTRY_COMPARE(stack->count(), 1);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(stored(window_.get(), added), raw("\x00\xff" "A", 3));
    QCOMPARE(window_->valueEditor()->key(), added);
    QVERIFY(listedKeys(window_.get()).contains(added));

    // Delete two selected keys with the Delete key in the list.
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "k1"));
    QTableView* list = window_->keyBrowser()->view();
    const QModelIndex k2 = window_->keyBrowser()->model()->index(listedKeys(window_.get()).indexOf("k2"));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::ControlModifier, list->visualRect(k2).center());
    QCOMPARE(window_->editActions()->selectedKeys().size(), 2);
    window_->activateWindow();  // the Add Key dialog had it; a window manager would give it back
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QTRY_COMPARE(stack->count(), 2);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(stored(window_.get(), "k1"), std::nullopt);
    QCOMPARE(stored(window_.get(), "k2"), std::nullopt);
    QCOMPARE(stored(window_.get(), "k3"), QByteArray("v3"));
    QCOMPARE(listedKeys(window_.get()), (QList<QByteArray>{"k3", added}));

    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));  // the deleted keys come back
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    MERIDIAN_VALUE_OK(waitList(window_.get()));
    QCOMPARE(stored(window_.get(), "k1"), QByteArray("v1"));
    QCOMPARE(stored(window_.get(), "k2"), QByteArray("v2"));
    QCOMPARE(listedKeys(window_.get()), (QList<QByteArray>{"k1", "k2", "k3", added}));
    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));  // the added key goes
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), added), std::nullopt);
    MERIDIAN_VALUE_OK(trigger(window_.get(), "redoAction"));
    MERIDIAN_VALUE_OK(trigger(window_.get(), "redoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), added), raw("\x00\xff" "A", 3));
    QCOMPARE(stored(window_.get(), "k1"), std::nullopt);
    QCOMPARE(stored(window_.get(), "k2"), std::nullopt);
}

void ValueEditorTest::prefixDeleteCancelledBeforeCommitDeletesNothing() {
    Entries entries;
    for (int i = 0; i < 100; ++i) entries.insert("a:" + QByteArray::number(i), QByteArray::number(i));
    MERIDIAN_VALUE_OK(openFresh(entries));
    ui::EditController* edits = window_->editActions()->controller();
    // A write in line first: the delete waits behind it, so the cancel below
    // comes before the delete has read (let alone written) anything.
    edits->putValue("z", QByteArray(1 << 20, 'z'), QStringLiteral("Put z"));
    storage::Status status;
    bool done = false;
    QFuture<void> deleting = edits->deletePrefix("a:", 100, [&](const storage::Status& s) {
        status = s;
        done = true;
    });
    deleting.cancel();
    QTRY_VERIFY(done);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(status.code(), storage::Status::Code::Cancelled);
    QCOMPARE(storedUnder(window_.get(), "a:"), entries);
    QCOMPARE(stored(window_.get(), "z"), QByteArray(1 << 20, 'z'));
    // The cancelled delete left no trace in the history; the put before it stays undoable.
    QCOMPARE(edits->undoStack()->count(), 1);
    QCOMPARE(edits->undoStack()->undoText(), QStringLiteral("Put z"));
}

void ValueEditorTest::copiedKeysAndValuesPasteAsTheSameBytes() {
    const QByteArray binaryKey = raw("\x00key\xff", 5), binaryValue = raw("\xff\x00value\x80", 8);
    MERIDIAN_VALUE_OK(openFresh({{binaryKey, binaryValue}, {"plain", "p"}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), binaryKey));

    // Ctrl+C in the key list copies the key's bytes; Copy Value the value's.
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QTableView* list = window_->keyBrowser()->view();
    list->setFocus();
    QTest::keyClick(list, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->mimeData()->data(QStringLiteral("application/octet-stream")), binaryKey);

    // Add Key, pasting the copied key and then a suffix typed in hex.
    MERIDIAN_VALUE_OK(trigger(window_.get(), "addKeyAction"));
    ui::KeyDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window_->findChild<ui::KeyDialog*>(QStringLiteral("keyDialog"))) && dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QToolButton*>(QStringLiteral("keyDialogPasteKey")), Qt::LeftButton);
    QCOMPARE(dialog->key(), binaryKey);
    auto* keyField = dialog->findChild<QLineEdit*>(QStringLiteral("keyDialogKeyField"));
    keyField->setText(keyField->text() + QStringLiteral(" 32"));  // shown as hex: append the byte '2'
    MERIDIAN_VALUE_OK(trigger(window_.get(), "copyValueAction"));
    QTest::mouseClick(dialog->findChild<QToolButton*>(QStringLiteral("keyDialogPasteValue")), Qt::LeftButton);
    QCOMPARE(dialog->value(), binaryValue);
    dialog->accept();
    const QByteArray copy = binaryKey + "2";
    QTRY_COMPARE(window_->editActions()->controller()->undoStack()->count(), 1);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), copy), binaryValue);
    QCOMPARE(stored(window_.get(), binaryKey), binaryValue);

    // Paste Value into another key, then save: the same bytes again.
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "plain"));
    MERIDIAN_VALUE_OK(trigger(window_.get(), "pasteValueAction"));
    QVERIFY(window_->valueEditor()->isDirty());
    MERIDIAN_VALUE_OK(trigger(window_.get(), "saveValueAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "plain"), binaryValue);
}

}  // namespace meridian::valuetest
