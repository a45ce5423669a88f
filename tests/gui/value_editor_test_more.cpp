// Value editor tests, part 2: which view is picked and switching views, JSON
// that does not parse, text the editor cannot keep, large values, unsaved
// edits on switching keys and closing, cancelling a prefix delete, undo
// across column families, files. See value_editor_test.h.
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include "tests/gui/value_editor_test.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/json_view.h"
#include "ui/editor/key_dialog.h"
#include "ui/editor/text_view.h"
#include "ui/editor/value_document.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/window/edit_actions.h"

namespace meridian::valuetest {

using ui::ValueView;

namespace {

QByteArray raw(const char* bytes, int size) { return QByteArray(bytes, size); }

QString infoText(ui::MainWindow* window) { return window->findChild<QLabel*>(QStringLiteral("valueInfo"))->text(); }

void clickRow(ui::MainWindow* window, const QByteArray& key) {
    auto* model = window->keyBrowser()->model();
    QTableView* list = window->keyBrowser()->view();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->keyAt(row) == key)
            QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, list->visualRect(model->index(row)).center());
}

}  // namespace

void ValueEditorTest::picksTheViewThatFitsAndTheUserCanSwitch() {
    const QByteArray binaryKey = raw("\xff\x00k", 3);
    MERIDIAN_VALUE_OK(openFresh({{"text", "plain words\nline two"},
                                 {"json", "{\"b\":1,\"a\":[1,2],\"b\":3}"},
                                 {"bin", raw("\x00\x01\x80", 3)},
                                 {"ctrl", raw("abc\x01" "def", 7)},
                                 {"empty", ""},
                                 {binaryKey, "v"}}));
    ui::ValueEditor* editor = window_->valueEditor();
    const QList<QPair<QByteArray, ValueView>> expected = {
        {"text", ValueView::Text}, {"json", ValueView::Json}, {"bin", ValueView::Hex},
        {"ctrl", ValueView::Hex},  {"empty", ValueView::Text}, {binaryKey, ValueView::Text}};
    for (const auto& [key, view] : expected) {
        MERIDIAN_VALUE_OK(selectKey(window_.get(), key));
        QCOMPARE(editor->view(), view);
        QCOMPARE(editor->autoView(), view);
        QVERIFY2(infoText(window_.get()).contains(QStringLiteral("picked")), qPrintable(infoText(window_.get())));
        QVERIFY2(infoText(window_.get()).contains(ui::viewName(view)), qPrintable(infoText(window_.get())));
    }
    QVERIFY(infoText(window_.get()).startsWith(QStringLiteral("1 byte")));

    // The JSON tree keeps the order and the duplicate key (QJsonDocument would not).
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "json"));
    auto* tree = window_->findChild<QTreeWidget*>(QStringLiteral("jsonTree"));
    QVERIFY(tree->isVisible());
    QTreeWidgetItem* root = tree->topLevelItem(0);
    QVERIFY(root && root->isExpanded());
    QCOMPARE(root->childCount(), 3);
    QCOMPARE(root->child(0)->text(0), QStringLiteral("b"));
    QCOMPARE(root->child(1)->text(0), QStringLiteral("a"));
    QCOMPARE(root->child(2)->text(1), QStringLiteral("3"));
    root->child(1)->setExpanded(true);  // children made on demand
    QCOMPARE(root->child(1)->childCount(), 2);

    // The user switches: the same bytes in another view, and the info says what the app had picked.
    QTest::mouseClick(window_->findChild<QToolButton*>(QStringLiteral("viewHexButton")), Qt::LeftButton);
    QCOMPARE(editor->view(), ValueView::Hex);
    QCOMPARE(editor->hexView()->data(), QByteArray("{\"b\":1,\"a\":[1,2],\"b\":3}"));
    QVERIFY(infoText(window_.get()).contains(QStringLiteral("picked was JSON")));
    QTest::mouseClick(window_->findChild<QToolButton*>(QStringLiteral("viewTextButton")), Qt::LeftButton);
    QCOMPARE(window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"))->toPlainText(),
             QStringLiteral("{\"b\":1,\"a\":[1,2],\"b\":3}"));
    QVERIFY(!editor->isDirty());

    // Keys have the same choice: a binary key shows as hex, and as text with escapes on request.
    MERIDIAN_VALUE_OK(selectKey(window_.get(), binaryKey));
    auto* keyField = window_->findChild<QLineEdit*>(QStringLiteral("valueKeyField"));
    auto* keyView = window_->findChild<QComboBox*>(QStringLiteral("keyViewCombo"));
    QCOMPARE(editor->keyView(), ValueView::Hex);
    QCOMPARE(keyField->text(), QStringLiteral("FF 00 6B"));
    editor->setKeyView(ValueView::Text);
    QCOMPARE(keyView->currentIndex(), 0);
    QCOMPARE(keyField->text(), QStringLiteral("\\xff\\x00k"));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "text"));
    QCOMPARE(editor->keyView(), ValueView::Text);
    QCOMPARE(keyField->text(), QStringLiteral("text"));
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

void ValueEditorTest::textTheEditorCannotKeepIsReadOnlyInTextView() {
    const QByteArray crlf = "line1\r\nline2", nbsp = "a\xc2\xa0" "b", bad = raw("ok\xff\xfe", 4);
    MERIDIAN_VALUE_OK(openFresh({{"crlf", crlf}, {"nbsp", nbsp}, {"bad", bad}}));
    ui::ValueEditor* editor = window_->valueEditor();
    auto* edit = window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"));
    auto* note = window_->findChild<QLabel*>(QStringLiteral("valueNote"));

    for (const QByteArray& key : {QByteArray("crlf"), QByteArray("nbsp")}) {
        MERIDIAN_VALUE_OK(selectKey(window_.get(), key));
        editor->setView(ValueView::Text);
        QVERIFY2(edit->isReadOnly(), key.constData());
        QVERIFY2(note->text().contains(QStringLiteral("would change")), qPrintable(note->text()));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("x"));
        QVERIFY(!editor->isDirty());
    }

    MERIDIAN_VALUE_OK(selectKey(window_.get(), "bad"));
    editor->setView(ValueView::Text);
    QVERIFY(edit->isReadOnly());
    QCOMPARE(edit->toPlainText(), QStringLiteral("ok\\xff\\xfe"));
    QVERIFY2(note->text().contains(QStringLiteral("Not valid UTF-8")), qPrintable(note->text()));

    // An edit made in the hex view travels to the text view as bytes; the
    // text view cannot edit it, and saving writes exactly those bytes.
    editor->setView(ValueView::Hex);
    editor->hexView()->setFocus();
    editor->hexView()->setCursorPosition(4);
    QTest::keyClicks(editor->hexView(), QStringLiteral("00"));
    editor->setView(ValueView::Text);
    QVERIFY(editor->isDirty());
    QCOMPARE(edit->toPlainText(), QStringLiteral("ok\\xff\\xfe\\x00"));
    QVERIFY(edit->isReadOnly());
    QVERIFY(editor->save());
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "bad"), raw("ok\xff\xfe\x00", 5));

    // Saving the untouched ones writes the identical bytes.
    for (const auto& [key, value] : {std::pair{QByteArray("crlf"), crlf}, std::pair{QByteArray("nbsp"), nbsp}}) {
        MERIDIAN_VALUE_OK(selectKey(window_.get(), key));
        editor->setView(ValueView::Text);
        QVERIFY(editor->save());
        MERIDIAN_VALUE_OK(waitIdle(window_.get()));
        QCOMPARE(stored(window_.get(), key), value);
    }
}

void ValueEditorTest::largeValueShowsFirstPartThenLoadsAll() {
    QByteArray big;
    for (int line = 0; big.size() < 3 * 1024 * 1024; ++line) big += "line " + QByteArray::number(line) + " of a large value\n";
    MERIDIAN_VALUE_OK(openFresh({{"big", big}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "big"));
    ui::ValueEditor* editor = window_->valueEditor();
    QCOMPARE(editor->view(), ValueView::Text);
    auto* edit = window_->findChild<QPlainTextEdit*>(QStringLiteral("textValueEdit"));
    auto* loadAll = window_->findChild<QPushButton*>(QStringLiteral("loadAllButton"));
    QVERIFY(edit->toPlainText().size() <= ui::kQuickLookBytes);
    QVERIFY(big.startsWith(edit->toPlainText().toUtf8()));
    QVERIFY(edit->isReadOnly());
    QVERIFY(loadAll->isVisible());
    QVERIFY(window_->findChild<QLabel*>(QStringLiteral("valueNote"))->text().contains(QStringLiteral("first")));

    // The hex view shows all of it at once.
    editor->setView(ValueView::Hex);
    QCOMPARE(editor->hexView()->size(), big.size());
    QVERIFY(!loadAll->isVisible());
    editor->setView(ValueView::Text);

    QTest::mouseClick(loadAll, Qt::LeftButton);
    QCOMPARE(edit->toPlainText().toUtf8(), big);
    QVERIFY(!edit->isReadOnly());
    QVERIFY(!loadAll->isVisible());
    QVERIFY(editor->save());  // untouched: identical bytes
    MERIDIAN_VALUE_OK(waitIdle(window_.get()));
    QCOMPARE(stored(window_.get(), "big"), big);
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
    MERIDIAN_VALUE_OK(openFresh({{"k", value}}));
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

void ValueEditorTest::refreshShowsNewBytesInTheSameView() {
    MERIDIAN_VALUE_OK(openFresh({{"k", "{\"a\":1}"}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "k"));
    ui::ValueEditor* editor = window_->valueEditor();
    QCOMPARE(editor->view(), ValueView::Json);
    editor->setView(ValueView::Hex);
    editor->hexView()->setCursorPosition(3);

    // Unchanged: nothing moves.
    editor->reload();
    QTest::qWait(50);
    QCOMPARE(editor->view(), ValueView::Hex);
    QCOMPARE(editor->hexView()->cursorPosition(), 3);

    // Written by someone else: the new bytes, still in the view the user chose.
    auto written = window_->session()->run([](storage::Storage& s) { return s.put("k", "{\"a\":2}"); });
    QVERIFY(written.result().ok());
    editor->reload();
    QTRY_COMPARE(editor->hexView()->data(), QByteArray("{\"a\":2}"));
    QCOMPARE(editor->view(), ValueView::Hex);
    QCOMPARE(editor->autoView(), ValueView::Json);
}

}  // namespace meridian::valuetest
