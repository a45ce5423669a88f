// Value editor tests, part 1: edits in the Text and Hex views, rename,
// delete by prefix, add, delete selected keys, each undone and redone with
// the database checked after every step; read-only and following-live opens
// refusing all of it. See value_editor_test.h for the whole suite.
#include "tests/gui/value_editor_test.h"

#include <QAction>
#include <QLabel>
#include <QTableView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QUndoStack>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/key_dialog.h"
#include "ui/editor/value_editor.h"
#include "ui/window/edit_actions.h"

namespace meridian::valuetest {

using ui::ValueView;

namespace {

QByteArray raw(const char* bytes, int size) { return QByteArray(bytes, size); }

QList<QByteArray> listedKeys(ui::MainWindow* window) {
    QList<QByteArray> keys;
    auto* model = window->keyBrowser()->model();
    for (int row = 0; row < model->rowCount(); ++row) keys << model->keyAt(row);
    return keys;
}

// Waits for the key list to be reloaded and loaded after a write.
QString waitList(ui::MainWindow* window) {
    QTest::qWait(20);
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

void ValueEditorTest::initTestCase() { setUpTestApplication("value_editor_test"); }

void ValueEditorTest::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1200, 760);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->activateWindow();  // shortcuts (Delete in the key list, Ctrl+Z) need an active window
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
}

void ValueEditorTest::cleanup() {
    window_.reset();  // no close event: nothing asks; the session waits for its work and closes
    dir_.reset();
}

QString ValueEditorTest::openFresh(const Entries& entries, storage::OpenMode mode) {
    if (QString error = makeDatabase(dir_->path(), entries); !error.isEmpty()) return error;
    return openInWindow(window_.get(), dir_->path(), mode);
}

void ValueEditorTest::textEditSavesAndUndoRedoRestoreExactBytes() {
    MERIDIAN_VALUE_OK(openFresh({{"greeting", "hello world"}, {"other", "x"}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "greeting"));
    ui::ValueEditor* editor = window_->valueEditor();
    QCOMPARE(editor->view(), ValueView::Text);
    auto* edit = window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"));
    QVERIFY(edit && edit->isVisible());
    QCOMPARE(edit->toPlainText(), QStringLiteral("hello world"));
    QVERIFY(!edit->isReadOnly());

    // Type at the end, as a user does; the edit is flagged until saved.
    edit->setFocus();
    edit->moveCursor(QTextCursor::End);
    QTest::keyClicks(edit, QStringLiteral(", again"));
    QVERIFY(editor->isDirty());
    QVERIFY(!window_->findChild<QLabel*>(QStringLiteral("valueDirtyLabel"))->text().isEmpty());
    QCOMPARE(stored(window_.get(), "greeting"), QByteArray("hello world"));  // nothing written before Save
    MERIDIAN_VALUE_OK(trigger(window_.get(), "saveValueAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "greeting"), QByteArray("hello world, again"));
    QVERIFY(!editor->isDirty());

    // A second edit: everything replaced, including non-ASCII text.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, QStringLiteral("zweite Fassung: gr"));
    for (const QString& c : {QStringLiteral("ü"), QStringLiteral("ß")})  // typed as a keyboard layout would
        QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, c, Qt::NoModifier);
    MERIDIAN_VALUE_OK(trigger(window_.get(), "saveValueAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "greeting"), QByteArray("zweite Fassung: gr\xc3\xbc\xc3\x9f"));

    // Undo, undo, redo, redo: the exact previous bytes every time, shown in the editor too.
    auto* undo = window_->findChild<QAction*>(QStringLiteral("undoAction"));
    QVERIFY(undo->text().contains(QStringLiteral("greeting")));
    const QList<QByteArray> states = {"hello world", "hello world, again", "zweite Fassung: gr\xc3\xbc\xc3\x9f"};
    for (int i : {1, 0}) {
        MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
        MERIDIAN_VALUE_OK(waitIdle(window_.get()));
        QCOMPARE(stored(window_.get(), "greeting"), states[i]);
        QCOMPARE(edit->toPlainText().toUtf8(), states[i]);
        QVERIFY(!editor->isDirty());
    }
    QVERIFY(!undo->isEnabled());
    for (int i : {1, 2}) {
        MERIDIAN_VALUE_OK(trigger(window_.get(), "redoAction"));
        MERIDIAN_VALUE_OK(waitIdle(window_.get()));
        QCOMPARE(stored(window_.get(), "greeting"), states[i]);
        QCOMPARE(edit->toPlainText().toUtf8(), states[i]);
    }
    QCOMPARE(stored(window_.get(), "other"), QByteArray("x"));  // untouched

    // Another process sees the same bytes once the window lets go.
    const QString path = dir_->path();
    window_.reset();
    Entries onDisk;
    MERIDIAN_VALUE_OK(ldbEntries(path, &onDisk));
    QCOMPARE(onDisk, (Entries{{"greeting", states[2]}, {"other", "x"}}));
}

void ValueEditorTest::hexEditsOverwriteInsertDeleteWithUndoRedo() {
    const QByteArray key = raw("\x00" "bin\xff", 5);
    const QByteArray v0 = raw("\x00\x01\x02\x03\xff\xfe", 6);
    MERIDIAN_VALUE_OK(openFresh({{key, v0}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), key));
    ui::ValueEditor* editor = window_->valueEditor();
    QCOMPARE(editor->view(), ValueView::Hex);  // not UTF-8: the app picks Hex
    ui::HexView* hex = editor->hexView();
    QVERIFY(hex->isVisible() && !hex->isReadOnly());
    QCOMPARE(hex->data(), v0);
    hex->setFocus();

    auto saveAndCheck = [&](const QByteArray& expected) -> QString {
        if (hex->data() != expected) return QStringLiteral("the hex view holds %1, expected %2").arg(show(hex->data()), show(expected));
        if (QString e = trigger(window_.get(), "saveValueAction"); !e.isEmpty()) return e;
        if (QString e = waitIdle(window_.get()); !e.isEmpty()) return e;
        const auto now = stored(window_.get(), key);
        if (now != expected) return QStringLiteral("stored %1, expected %2").arg(show(now), show(expected));
        return {};
    };

    // Overwrite (the default): two hex digits replace byte 1.
    QVERIFY(hex->overwriteMode());
    hex->setCursorPosition(1);
    QTest::keyClicks(hex, QStringLiteral("ab"));
    const QByteArray v1 = raw("\x00\xab\x02\x03\xff\xfe", 6);
    MERIDIAN_VALUE_OK(saveAndCheck(v1));

    // Insert: the Insert key switches; typed bytes go in before byte 3, and
    // the ASCII column types characters.
    QTest::keyClick(hex, Qt::Key_Insert);
    QVERIFY(!hex->overwriteMode());
    hex->setCursorPosition(3);
    QTest::keyClicks(hex, QStringLiteral("4142"));
    QTest::keyClick(hex, Qt::Key_Tab);
    QCOMPARE(hex->activeColumn(), ui::HexView::Column::Ascii);
    QTest::keyClicks(hex, QStringLiteral("Z"));
    const QByteArray v2 = raw("\x00\xab\x02" "ABZ\x03\xff\xfe", 9);
    MERIDIAN_VALUE_OK(saveAndCheck(v2));

    // Delete: a selection made with Shift+Right goes with Delete, the last byte with Backspace.
    hex->setCursorPosition(0);
    QTest::keyClick(hex, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(hex, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(hex->selectedBytes(), raw("\x00\xab", 2));
    QTest::keyClick(hex, Qt::Key_Delete);
    QTest::keyClick(hex, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClick(hex, Qt::Key_Backspace);
    const QByteArray v3 = raw("\x02" "ABZ\x03\xff", 6);
    MERIDIAN_VALUE_OK(saveAndCheck(v3));

    // Undo each step, then redo each, checking the database every time.
    const QList<QByteArray> states = {v0, v1, v2, v3};
    for (int i : {2, 1, 0}) {
        MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
        MERIDIAN_VALUE_OK(waitIdle(window_.get()));
        QCOMPARE(stored(window_.get(), key), states[i]);
        QCOMPARE(hex->data(), states[i]);
    }
    for (int i : {1, 2, 3}) {
        MERIDIAN_VALUE_OK(trigger(window_.get(), "redoAction"));
        MERIDIAN_VALUE_OK(waitIdle(window_.get()));
        QCOMPARE(stored(window_.get(), key), states[i]);
        QCOMPARE(hex->data(), states[i]);
    }
}

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

void ValueEditorTest::readOnlyAndFollowingLiveRefuseEveryEdit() {
    const Entries entries{{"json", "{\"a\":1}"}, {"text", "words"}, {raw("\x01\xff", 2), raw("\x00\x01", 2)}};
    MERIDIAN_VALUE_OK(makeDatabase(dir_->path(), entries));
    const char* editing[] = {"saveValueAction", "addKeyAction", "renameKeyAction", "deleteKeysAction",
                             "deletePrefixAction", "loadValueFromFileAction", "pasteValueAction"};

    for (const auto mode : {storage::OpenMode::ReadOnly, storage::OpenMode::Secondary}) {
        const QString expectedWhy = mode == storage::OpenMode::ReadOnly ? QStringLiteral("read-only")
                                                                         : QStringLiteral("live writer");
        MERIDIAN_VALUE_OK(openInWindow(window_.get(), dir_->path(), mode));
        MERIDIAN_VALUE_OK(selectKey(window_.get(), "text"));
        ui::ValueEditor* editor = window_->valueEditor();
        ui::EditController* edits = window_->editActions()->controller();
        QVERIFY(!edits->isWritable());

        // Every editing action is off and says why and how to change it.
        for (const char* name : editing) {
            auto* action = window_->findChild<QAction*>(QLatin1String(name));
            QVERIFY2(action && !action->isEnabled(), name);
            QVERIFY2(action->toolTip().contains(expectedWhy), qPrintable(action->toolTip()));
            QVERIFY2(action->toolTip().contains(QStringLiteral("read-write")), qPrintable(action->toolTip()));
        }
        auto* saveButton = window_->findChild<QPushButton*>(QStringLiteral("saveValueButton"));
        QVERIFY(!saveButton->isEnabled());
        QVERIFY(saveButton->toolTip().contains(expectedWhy));
        QVERIFY(window_->findChild<QLabel*>(QStringLiteral("valueNote"))->text().contains(expectedWhy));

        // Typing changes nothing, in the text view and in the hex view.
        auto* edit = window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"));
        QVERIFY(edit->isReadOnly());
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("more"));
        QCOMPARE(edit->toPlainText(), QStringLiteral("words"));
        editor->setView(ValueView::Hex);
        ui::HexView* hex = editor->hexView();
        QVERIFY(hex->isReadOnly());
        hex->setFocus();
        QTest::keyClicks(hex, QStringLiteral("ff"));
        QTest::keyClick(hex, Qt::Key_Delete);
        QCOMPARE(hex->data(), QByteArray("words"));
        QVERIFY(!editor->isDirty());

        // Asked directly, everything is refused with the reason, and nothing is queued.
        QVERIFY(!editor->save());
        QVERIFY2(editor->lastError().contains(expectedWhy), qPrintable(editor->lastError()));
        QVERIFY(!editor->replaceValue("x"));
        storage::Status refused;
        edits->putValue("text", "x", QStringLiteral("t"), [&](const storage::Status& s) { refused = s; });
        QCOMPARE(refused.code(), storage::Status::Code::ReadOnly);
        edits->deleteKeys({"text"}, [&](const storage::Status& s) { refused = s; });
        QCOMPARE(refused.code(), storage::Status::Code::ReadOnly);
        edits->renameKey("text", "t2");
        edits->deletePrefix("", 3);
        QVERIFY(!edits->isBusy());
        QCOMPARE(edits->undoStack()->count(), 0);
        QTableView* list = window_->keyBrowser()->view();
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(edits->undoStack()->count(), 0);
        QCOMPARE(storedUnder(window_.get(), ""), entries);
        window_->closeDatabase();
    }

    // And the database, read by another process, is as it was.
    Entries onDisk;
    MERIDIAN_VALUE_OK(ldbEntries(dir_->path(), &onDisk));
    QCOMPARE(onDisk, entries);
}

}  // namespace meridian::valuetest

QTEST_MAIN(meridian::valuetest::ValueEditorTest)
