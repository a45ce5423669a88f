// ValueEditorTest slots (see value_editor_test.h): editing values. Edits in
// the Text and Hex views saved, undone and redone with the database checked
// after every step; JSON that does not parse; unsaved edits when switching
// keys or closing; undo in the column family the edit came from; a value to
// a file and back; read-only and following-live opens refusing every edit.
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include "tests/gui/value_editor_test.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/json_view.h"
#include "ui/editor/value_editor.h"
#include "ui/window/edit_actions.h"

namespace meridian::valuetest {

using ui::ValueView;

namespace {

void clickRow(ui::MainWindow* window, const QByteArray& key) {
    auto* model = window->keyBrowser()->model();
    QTableView* list = window->keyBrowser()->view();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->keyAt(row) == key)
            QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, list->visualRect(model->index(row)).center());
}

}  // namespace

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

void ValueEditorTest::jsonThatDoesNotParseIsNotSavedAndSaysWhere() {
    // Numbers beyond 2^53, key order and escapes are kept exactly.
    const QByteArray original = "{\"id\":12345678901234567890,\"z\":\"caf\\u00e9\",\"a\":[]}";
    MERIDIAN_VALUE_OK(openFresh({{"doc", original}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "doc"));
    ui::ValueEditor* editor = window_->valueEditor();
    QCOMPARE(editor->view(), ValueView::Json);
    ui::JsonValueView* json = editor->jsonView();
    json->setMode(ui::JsonValueView::Mode::Text);
    QPlainTextEdit* edit = json->edit();
    QCOMPARE(edit->toPlainText(),
             QStringLiteral("{\n    \"id\": 12345678901234567890,\n    \"z\": \"caf\\u00e9\",\n    \"a\": []\n}"));

    // Saving untouched writes the stored bytes, not the formatted text.
    QVERIFY(editor->save());
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "doc"), original);

    // A stray comma: refused, with where it broke, and the cursor there.
    edit->setFocus();
    QTextCursor cursor = edit->textCursor();
    cursor.setPosition(static_cast<int>(edit->toPlainText().indexOf(QStringLiteral("[]")) + 2));
    edit->setTextCursor(cursor);
    QTest::keyClicks(edit, QStringLiteral(","));
    QVERIFY(editor->isDirty());
    QVERIFY(!editor->save());
    QVERIFY2(editor->lastError().contains(QStringLiteral("at line 5, column")), qPrintable(editor->lastError()));
    QVERIFY(window_->findChild<QLabel*>(QStringLiteral("valueError"))->isVisible());
    QCOMPARE(edit->textCursor().blockNumber(), 4);
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "doc"), original);
    QCOMPARE(window_->editActions()->controller()->undoStack()->count(), 1);  // only the untouched save

    // The editor's own undo takes the comma back; then a real change is
    // saved as exactly the text of the view.
    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!editor->isDirty());
    cursor = edit->textCursor();
    cursor.setPosition(static_cast<int>(edit->toPlainText().indexOf(QStringLiteral("\"a\""))) + 2);
    edit->setTextCursor(cursor);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, QStringLiteral("b"));
    QVERIFY(editor->save());
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "doc"),
             QByteArray("{\n    \"id\": 12345678901234567890,\n    \"z\": \"caf\\u00e9\",\n    \"b\": []\n}"));
    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "doc"), original);
}

void ValueEditorTest::unsavedEditsAskBeforeSwitchingKeysOrClosing() {
    MERIDIAN_VALUE_OK(openFresh({{"k1", "one"}, {"k2", "two"}}));
    ui::ValueEditor* editor = window_->valueEditor();
    auto* edit = window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "k1"));
    edit->setFocus();
    edit->moveCursor(QTextCursor::End);
    QTest::keyClicks(edit, QStringLiteral(" more"));
    QVERIFY(editor->isDirty());

    // Cancel: the editor keeps the edit and the list goes back to its key.
    clickRow(window_.get(), "k2");
    QMessageBox* box = waitForMessageBox(window_.get(), QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_COMPARE(window_->keyBrowser()->currentKey(), QByteArray("k1"));
    QCOMPARE(editor->key(), QByteArray("k1"));
    QVERIFY(editor->isDirty());

    // Discard: nothing written, the other key shown.
    clickRow(window_.get(), "k2");
    box = waitForMessageBox(window_.get(), QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Discard), Qt::LeftButton);
    QTRY_COMPARE(editor->key(), QByteArray("k2"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k1"), QByteArray("one"));
    QCOMPARE(edit->toPlainText(), QStringLiteral("two"));

    // Save: written, then the other key shown.
    edit->setFocus();
    edit->moveCursor(QTextCursor::End);
    QTest::keyClicks(edit, QStringLiteral(" 2"));
    clickRow(window_.get(), "k1");
    box = waitForMessageBox(window_.get(), QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Save), Qt::LeftButton);
    QTRY_COMPARE(editor->key(), QByteArray("k1"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k2"), QByteArray("two 2"));

    // Closing the window asks too; Discard lets it close.
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("!"));
    QVERIFY(!window_->close());
    QVERIFY(window_->isVisible());
    box = waitForMessageBox(window_.get(), QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Discard), Qt::LeftButton);
    QTRY_VERIFY(!window_->isVisible());
}

void ValueEditorTest::undoWritesToTheColumnFamilyItCameFrom() {
    MERIDIAN_VALUE_OK(makeDatabase(dir_->path(), {{"k", "default value"}}, {{QStringLiteral("other"), {{"k", "other value"}}}}));
    MERIDIAN_VALUE_OK(openInWindow(window_.get(), dir_->path()));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "k"));
    ui::ValueEditor* editor = window_->valueEditor();
    QVERIFY(editor->replaceValue("changed"));
    QVERIFY(editor->save());
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k"), QByteArray("changed"));

    auto* families = window_->findChild<QComboBox*>(QStringLiteral("columnFamilySwitcher"));
    families->setCurrentText(QStringLiteral("other"));
    QTRY_VERIFY(!editor->hasValue());  // another family's keys
    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k"), QByteArray("other value"));  // the family shown: untouched
    families->setCurrentText(QStringLiteral("default"));
    QCOMPARE(stored(window_.get(), "k"), QByteArray("default value"));  // the family edited: restored
}

void ValueEditorTest::valueToFileAndBackIsExact() {
    const QByteArray value = raw("\x00\xff\xfe" "binary\x00", 10);
    MERIDIAN_VALUE_OK(openFresh({{"k", value}, {"empty", QByteArray()}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "k"));
    ui::EditActions* actions = window_->editActions();
    const QString out = dir_->filePath(QStringLiteral("value.bin"));
    actions->saveValueToFile(out);
    QFile written(out);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), value);

    const QByteArray fromFile = raw("\x01\x02\x03 from a file \xff", 18);
    const QString in = dir_->filePath(QStringLiteral("in.bin"));
    QFile input(in);
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write(fromFile);
    input.close();
    actions->loadValueFromFile(in);
    ui::ValueEditor* editor = window_->valueEditor();
    QVERIFY(editor->isDirty());
    QCOMPARE(stored(window_.get(), "k"), value);  // loaded, not yet saved
    MERIDIAN_VALUE_OK(trigger(window_.get(), "saveValueAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k"), fromFile);

    // Copy and paste carry raw bytes.
    actions->copyValue(false);
    QCOMPARE(QApplication::clipboard()->mimeData()->data(QStringLiteral("application/octet-stream")), fromFile);
    actions->copyValue(true);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(fromFile.toHex(' ').toUpper()));
    auto* mime = new QMimeData;
    mime->setData(QStringLiteral("application/octet-stream"), value);
    QApplication::clipboard()->setMimeData(mime);
    actions->pasteValue();
    QCOMPARE(editor->currentBytes(), value);
    MERIDIAN_VALUE_OK(trigger(window_.get(), "saveValueAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k"), value);
    MERIDIAN_VALUE_OK(trigger(window_.get(), "undoAction"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "k"), fromFile);

    // Binary bytes loaded over an empty value: the view is picked again from them.
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "empty"));
    QCOMPARE(editor->view(), ValueView::Text);
    actions->loadValueFromFile(in);
    QCOMPARE(editor->view(), ValueView::Hex);
    const QString header = window_->findChild<QLabel*>(QStringLiteral("valueInfo"))->text();
    QVERIFY2(!header.contains(QStringLiteral("empty value")) && header.contains(QStringLiteral("18 bytes")),
             qPrintable(header));
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

        // Every editing action says why editing is off and how to change it.
        // Read-only, they stay on and offer Enable Editing (read_only_test);
        // following live, they are off. Save Value has nothing to save.
        for (const char* name : editing) {
            auto* action = window_->findChild<QAction*>(QLatin1String(name));
            const bool offers = mode == storage::OpenMode::ReadOnly && qstrcmp(name, "saveValueAction") != 0;
            QVERIFY2(action && action->isEnabled() == offers, name);
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
        if (mode == storage::OpenMode::ReadOnly) {  // the key asked to enable editing first
            auto* question = window_->findChild<QMessageBox*>(QStringLiteral("enableEditingQuestion"));
            QVERIFY(question && question->isVisible());
            question->reject();
        }
        QCOMPARE(storedUnder(window_.get(), ""), entries);
        window_->closeDatabase();
    }

    // And the database, read by another process, is as it was.
    Entries onDisk;
    MERIDIAN_VALUE_OK(ldbEntries(dir_->path(), &onDisk));
    QCOMPARE(onDisk, entries);
}

// After a prefix or column family change the editor shows no key the list
// leaves out; with unsaved edits it keeps them.
void ValueEditorTest::aKeyTheListLeavesOutLeavesTheEditor() {
    MERIDIAN_VALUE_OK(openFresh({{"a:1", "one"}, {"b:1", "two"}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "a:1"));
    ui::ValueEditor* editor = window_->valueEditor();
    QVERIFY(editor->hasValue());
    window_->keyBrowser()->prefixField()->setText(QStringLiteral("a:"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(editor->key(), QByteArray("a:1"));  // still listed
    window_->keyBrowser()->prefixField()->setText(QStringLiteral("b:"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QVERIFY(!editor->hasValue());

    MERIDIAN_VALUE_OK(selectKey(window_.get(), "b:1"));
    QVERIFY(editor->replaceValue("edited"));
    window_->keyBrowser()->prefixField()->setText(QStringLiteral("a:"));
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(editor->key(), QByteArray("b:1"));
    QVERIFY(editor->isDirty());
}

}  // namespace meridian::valuetest
