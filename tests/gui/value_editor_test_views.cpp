// ValueEditorTest slots (see value_editor_test.h): views. The view that fits
// is picked and the user can switch; text the editor cannot keep stays
// read-only in the Text view; a large value shows its first part, then all;
// a refresh shows new bytes in the view the user chose.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include "tests/gui/session_idle.h"
#include "tests/gui/value_editor_test.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"

namespace meridian::valuetest {

using ui::ValueView;

namespace {

QString infoText(ui::MainWindow* window) { return window->findChild<QLabel*>(QStringLiteral("valueInfo"))->text(); }

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

void ValueEditorTest::refreshShowsNewBytesInTheSameView() {
    MERIDIAN_VALUE_OK(openFresh({{"k", "{\"a\":1}"}}));
    MERIDIAN_VALUE_OK(selectKey(window_.get(), "k"));
    ui::ValueEditor* editor = window_->valueEditor();
    QCOMPARE(editor->view(), ValueView::Json);
    editor->setView(ValueView::Hex);
    editor->hexView()->setCursorPosition(3);

    // Unchanged: nothing moves, also once the read the reload started has come back.
    editor->reload();
    MERIDIAN_WAIT_SESSION_IDLE(window_->session());
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
