// The value editor's parts on their own (offscreen): the whitespace-only JSON
// formatter and tree, the view choice, the HexView's keyboard editing,
// selection, clipboard and local history, the key dialog's parsing, and the
// EditController's undo/redo, refusals and bounds against an in-memory store.
#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QMimeData>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include "storage/memory/memory_storage.h"
#include "ui/editor/edit_commands.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/json_format.h"
#include "ui/editor/key_dialog.h"
#include "ui/common/text.h"
#include "ui/editor/value_format.h"
#include "ui/session/storage_session.h"

using namespace meridian;
using ui::HexView;

namespace {

QByteArray raw(const char* bytes, int size) { return QByteArray(bytes, size); }

// Whitespace outside strings removed: what prettyJson() must not change.
QByteArray tokens(const QByteArray& json) {
    QByteArray out;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size()) out += json[++i];
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> get(storage::Storage& s, const std::string& key) {
    auto r = s.get(key);
    if (!r.ok()) return std::nullopt;
    return r.value();
}

}  // namespace

class ValueViewsTest : public QObject {
    Q_OBJECT

private slots:
    void prettyJsonChangesOnlyWhitespace_data();
    void prettyJsonChangesOnlyWhitespace();
    void jsonTreeKeepsOrderDuplicatesAndNumbers();
    void viewChoiceAndCuts();
    void hexOverwriteInsertDeleteAndLocalUndo();
    void hexSelectionClipboardAndReadOnly();
    void hexShortcutsBelongToTheView();
    void keyDialogParsesTextAndHex();
    void controllerUndoRedoAndRefusals();
    void deletesThatCannotBeUndoneAreRefusedBeforeWriting();
};

void ValueViewsTest::prettyJsonChangesOnlyWhitespace_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("object") << QByteArray("{\"b\":1,\"a\":[1,2,{\"c\":null}],\"d\":{}}");
    QTest::newRow("big numbers") << QByteArray("[12345678901234567890,-0.0,1E+2,1.5e-300]");
    QTest::newRow("escapes") << QByteArray("{\"q\\\"uote\":\"back\\\\slash \\u00e9 \\ud83d\\ude00 {not:structure}\"}");
    QTest::newRow("spaced") << QByteArray("  [ 1 ,\t2 ,\r\n 3 ]  ");
    QTest::newRow("duplicates") << QByteArray("{\"a\":1,\"a\":2}");
    QTest::newRow("empty containers") << QByteArray("{\"x\":[],\"y\":{},\"z\":[[]]}");
    QTest::newRow("utf-8") << QByteArray("{\"\xe6\x97\xa5\":\"\xc3\xa9\"}");
}

void ValueViewsTest::prettyJsonChangesOnlyWhitespace() {
    QFETCH(QByteArray, json);
    const QByteArray pretty = ui::prettyJson(json);
    QCOMPARE(tokens(pretty), tokens(json));  // every token byte for byte, in order
    QJsonParseError error;
    QJsonDocument::fromJson(pretty, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(ui::prettyJson(pretty), pretty);  // stable
    QVERIFY(!pretty.endsWith('\n'));
}

void ValueViewsTest::jsonTreeKeepsOrderDuplicatesAndNumbers() {
    const auto nodes = ui::parseJsonTree("{\"b\":1,\"a\":[12345678901234567890,\"x\\ty\"],\"b\":true,\"n\":null}");
    QVERIFY(!nodes.empty());
    const auto& root = nodes[0];
    QCOMPARE(root.kind, ui::JsonKind::Object);
    QCOMPARE(root.value, QStringLiteral("{4}"));
    QCOMPARE(root.children.size(), std::size_t{4});
    QCOMPARE(nodes[root.children[0]].name, QStringLiteral("b"));
    QCOMPARE(nodes[root.children[1]].name, QStringLiteral("a"));
    QCOMPARE(nodes[root.children[2]].name, QStringLiteral("b"));
    QCOMPARE(nodes[root.children[2]].kind, ui::JsonKind::Bool);
    QCOMPARE(nodes[root.children[3]].kind, ui::JsonKind::Null);
    const auto& array = nodes[root.children[1]];
    QCOMPARE(nodes[array.children[0]].value, QStringLiteral("12345678901234567890"));
    QCOMPARE(nodes[array.children[0]].name, QStringLiteral("[0]"));
    QCOMPARE(nodes[array.children[1]].value, QStringLiteral("x\ty"));
    QVERIFY(ui::parseJsonTree("{\"a\":").empty());
    QVERIFY(ui::parseJsonTree("").empty());
    QCOMPARE(ui::jsonLocation("{\n  \"\xc3\xa9\" x", 9), QStringLiteral("line 2, column 7"));
}

void ValueViewsTest::viewChoiceAndCuts() {
    QCOMPARE(ui::chooseView("").view, ui::ValueView::Text);
    QCOMPARE(ui::chooseView("hello\nworld\t!").view, ui::ValueView::Text);
    QCOMPARE(ui::chooseView(" [1, 2] ").view, ui::ValueView::Json);
    QCOMPARE(ui::chooseView("{\"a\":").view, ui::ValueView::Text);  // not JSON: text
    QCOMPARE(ui::chooseView("42").view, ui::ValueView::Text);       // a scalar is not a JSON document here
    QCOMPARE(ui::chooseView(raw("a\0b", 3)).view, ui::ValueView::Hex);
    QCOMPARE(ui::chooseView(raw("\xc0\x80", 2)).view, ui::ValueView::Hex);
    QCOMPARE(ui::chooseKeyView("user:1"), ui::ValueView::Text);
    QCOMPARE(ui::chooseKeyView(raw("\x00\x01", 2)), ui::ValueView::Hex);
    const QByteArray euro = "ab\xe2\x82\xac" "cd";
    QCOMPARE(ui::utf8CutPoint(euro, 3), 2);  // not inside the euro sign
    QCOMPARE(ui::utf8CutPoint(euro, 5), 5);
    QCOMPARE(ui::utf8CutPoint(euro, 100), euro.size());
    QCOMPARE(ui::byteCountText(1), QStringLiteral("1 byte"));
    // The editor counts bytes exactly; from 1 MiB on the one size style (ui/common/text.h) leads.
    const QLocale locale;
    QCOMPARE(ui::byteCountText(1000), QStringLiteral("%1 bytes").arg(locale.toString(1000)));
    QCOMPARE(ui::byteCountText(4 * 1024 * 1024),
             QStringLiteral("%1 (%2 bytes)").arg(ui::sizeText(4 * 1024 * 1024), locale.toString(4 * 1024 * 1024)));
    QCOMPARE(ui::sizeText(1), QStringLiteral("1 byte"));
    QCOMPARE(ui::sizeText(512), QStringLiteral("512 bytes"));
    QCOMPARE(ui::sizeText(1536), locale.formattedDataSize(1536, 1, QLocale::DataSizeIecFormat));
    QVERIFY2(ui::sizeText(3 * 1024 * 1024).endsWith(QStringLiteral("MiB")), qPrintable(ui::sizeText(3 * 1024 * 1024)));
}

void ValueViewsTest::hexOverwriteInsertDeleteAndLocalUndo() {
    HexView hex;
    hex.resize(700, 300);
    hex.show();
    QVERIFY(QTest::qWaitForWindowExposed(&hex));
    QSignalSpy modified(&hex, &HexView::modifiedChanged);
    hex.setData(raw("\x10\x20\x30", 3));
    QVERIFY(!hex.isModified());

    QTest::keyClicks(&hex, QStringLiteral("a"));  // high half of byte 0
    QCOMPARE(hex.data(), raw("\xa0\x20\x30", 3));
    QCOMPARE(hex.cursorPosition(), 0);
    QTest::keyClicks(&hex, QStringLiteral("B"));  // low half, then the next byte
    QCOMPARE(hex.data(), raw("\xab\x20\x30", 3));
    QCOMPARE(hex.cursorPosition(), 1);
    QVERIFY(hex.isModified());
    QCOMPARE(modified.size(), 1);
    QTest::keyClicks(&hex, QStringLiteral("xyz"));  // not hex: ignored in the hex column
    QCOMPARE(hex.data(), raw("\xab\x20\x30", 3));

    QTest::keyClick(&hex, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClicks(&hex, QStringLiteral("ff"));  // at the end, typing appends even in overwrite mode
    QCOMPARE(hex.data(), raw("\xab\x20\x30\xff", 4));

    QTest::keyClick(&hex, Qt::Key_Insert);
    hex.setCursorPosition(1);
    QTest::keyClicks(&hex, QStringLiteral("01"));
    QCOMPARE(hex.data(), raw("\xab\x01\x20\x30\xff", 5));
    QTest::keyClick(&hex, Qt::Key_Tab);
    QTest::keyClicks(&hex, QStringLiteral("Hi"));
    QCOMPARE(hex.data(), raw("\xab\x01Hi\x20\x30\xff", 7));

    QTest::keyClick(&hex, Qt::Key_Backspace);
    QCOMPARE(hex.data(), raw("\xab\x01H\x20\x30\xff", 6));
    hex.setCursorPosition(0);
    QTest::keyClick(&hex, Qt::Key_Delete);
    QCOMPARE(hex.data(), raw("\x01H\x20\x30\xff", 5));

    // The view's own history: back to the start is "not modified" again.
    while (hex.canUndo()) hex.undo();
    QCOMPARE(hex.data(), raw("\x10\x20\x30", 3));
    QVERIFY(!hex.isModified());
    QTest::keyClick(&hex, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(hex.data(), raw("\xa0\x20\x30", 3));
    QVERIFY(hex.isModified());
    hex.setModified(false);
    QVERIFY(!hex.isModified());
}

void ValueViewsTest::hexSelectionClipboardAndReadOnly() {
    HexView hex;
    hex.resize(700, 300);
    hex.show();
    QVERIFY(QTest::qWaitForWindowExposed(&hex));
    hex.setData(raw("\x00\x01\x02\x03\x04", 5));
    hex.setCursorPosition(1);
    QTest::keyClick(&hex, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&hex, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(hex.selectedBytes(), raw("\x01\x02", 2));

    hex.copyHex();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("01 02"));
    QCOMPARE(QApplication::clipboard()->mimeData()->data(QStringLiteral("application/octet-stream")), raw("\x01\x02", 2));
    hex.copyBytes();
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1("\x01\x02", 2));  // valid UTF-8: as is

    // Paste replaces the selection with raw bytes; hex text is read as hex in the hex column.
    auto* mime = new QMimeData;
    mime->setData(QStringLiteral("application/octet-stream"), raw("\xff\x00\xfe", 3));
    QApplication::clipboard()->setMimeData(mime);
    hex.paste();
    QCOMPARE(hex.data(), raw("\x00\xff\x00\xfe\x03\x04", 6));
    QApplication::clipboard()->setText(QStringLiteral("0x41 42"));
    hex.setCursorPosition(0);
    hex.paste();  // overwrite mode: over bytes 0 and 1
    QCOMPARE(hex.data(), raw("AB\x00\xfe\x03\x04", 6));

    // Mouse: press on a byte, drag to another: both are in the selection, in either column.
    QWidget* viewport = hex.viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, hex.byteRect(1, HexView::Column::Hex).center().toPoint());
    QMouseEvent drag(QEvent::MouseMove, hex.byteRect(3, HexView::Column::Hex).center(),
                     viewport->mapToGlobal(hex.byteRect(3, HexView::Column::Hex).center()), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drag);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, hex.byteRect(3, HexView::Column::Hex).center().toPoint());
    QCOMPARE(hex.selectionStart(), 1);
    QCOMPARE(hex.selectionEnd(), 4);
    QTest::mouseClick(viewport, Qt::LeftButton, {}, hex.byteRect(5, HexView::Column::Ascii).center().toPoint());
    QCOMPARE(hex.activeColumn(), HexView::Column::Ascii);
    QCOMPARE(hex.cursorPosition(), 5);
    QVERIFY(!hex.hasSelection());
    QTest::mouseClick(viewport, Qt::LeftButton, {}, hex.byteRect(2, HexView::Column::Hex).center().toPoint());
    QCOMPARE(hex.activeColumn(), HexView::Column::Hex);
    QCOMPARE(hex.cursorPosition(), 2);
    hex.selectAll();
    QCOMPARE(hex.selectedBytes(), hex.data());

    // Read-only: nothing changes, copying still works.
    hex.setReadOnly(true);
    hex.setCursorPosition(0);
    QTest::keyClicks(&hex, QStringLiteral("ff"));
    QTest::keyClick(&hex, Qt::Key_Delete);
    hex.insertBytes(0, "x");
    hex.paste();
    QCOMPARE(hex.data(), raw("AB\x00\xfe\x03\x04", 6));

    // A large buffer: rows and scrolling without touching the bytes.
    hex.setData(QByteArray(16 * 1024 * 1024, '\x5a'));
    QCOMPARE(hex.rowCount(), 1024 * 1024 + 1);
    hex.ensureVisible(hex.size());
    QVERIFY(hex.firstVisibleRow() > 1000000);
    hex.repaint();
}

void ValueViewsTest::hexShortcutsBelongToTheView() {
    HexView hex;
    hex.setData("abc");
    QKeyEvent del(QEvent::ShortcutOverride, Qt::Key_Delete, Qt::NoModifier);
    QApplication::sendEvent(&hex, &del);
    QVERIFY(del.isAccepted());  // Delete edits the bytes, not the window's Delete action
    QKeyEvent undo(QEvent::ShortcutOverride, Qt::Key_Z, Qt::ControlModifier);
    QApplication::sendEvent(&hex, &undo);
    QVERIFY(!undo.isAccepted());  // nothing to undo here: the window's Undo may have it
    hex.setReadOnly(true);
    QKeyEvent del2(QEvent::ShortcutOverride, Qt::Key_Delete, Qt::NoModifier);
    QApplication::sendEvent(&hex, &del2);
    QVERIFY(!del2.isAccepted());
}

void ValueViewsTest::keyDialogParsesTextAndHex() {
    QCOMPARE(ui::KeyDialog::parse(QStringLiteral("a\\x00b\\\\"), false), raw("a\x00" "b\\", 4));
    QCOMPARE(ui::KeyDialog::parse(QStringLiteral("0x00 ff 41"), true), raw("\x00\xff" "A", 3));
    QCOMPARE(ui::KeyDialog::parse(QStringLiteral("\\q"), false), std::nullopt);
    QCOMPARE(ui::KeyDialog::parse(QStringLiteral("abc"), true), std::nullopt);
    bool hex = false;
    QCOMPARE(ui::KeyDialog::format(raw("\x00\xff", 2), &hex), QStringLiteral("00 FF"));
    QVERIFY(hex);
    QCOMPARE(ui::KeyDialog::format("user:1", &hex), QStringLiteral("user:1"));
    QVERIFY(!hex);
    ui::KeyDialog dialog(ui::KeyDialog::Purpose::AddKey, raw("k\x00", 2));
    QCOMPARE(dialog.key(), raw("k\x00", 2));  // shown as hex, read back exactly
    dialog.setValueText(QStringLiteral("caf\\xc3\\xa9"));
    QCOMPARE(dialog.value(), QByteArray("caf\xc3\xa9"));

    // Paste takes the exact bytes a Copy Key / Copy Value put on the clipboard.
    auto* mime = new QMimeData;
    mime->setData(QStringLiteral("application/octet-stream"), raw("\x00k\xff", 3));
    mime->setText(QStringLiteral("\\x00k\\xff"));
    QApplication::clipboard()->setMimeData(mime);
    auto* paste = dialog.findChild<QToolButton*>(QStringLiteral("keyDialogPasteKey"));
    QVERIFY(paste);
    QTest::mouseClick(paste, Qt::LeftButton);
    QCOMPARE(dialog.key(), raw("\x00k\xff", 3));
    QApplication::clipboard()->setText(QStringLiteral("plain\\x01"));  // text only: read as typed, escapes and all
    QTest::mouseClick(dialog.findChild<QToolButton*>(QStringLiteral("keyDialogPasteValue")), Qt::LeftButton);
    QCOMPARE(dialog.value(), raw("plain\x01", 6));
}

void ValueViewsTest::controllerUndoRedoAndRefusals() {
    auto memory = storage::createMemoryStorage("values");
    ui::StorageSession session(memory, {});
    ui::EditController edits;
    edits.setSession(&session);
    QSignalSpy applied(&edits, &ui::EditController::applied);
    QSignalSpy failed(&edits, &ui::EditController::failed);
    auto idle = [&] { return QTest::qWaitFor([&] { return !edits.isBusy(); }, 10000); };

    // Put, rename, delete queued back to back: applied in order.
    edits.putValue("k", raw("\x00v", 2), QStringLiteral("put"));
    edits.renameKey("k", "k2");
    edits.deleteKeys({"k2", "absent"});
    QVERIFY(idle());
    QCOMPARE(applied.size(), 3);
    QCOMPARE(get(*memory, "k"), std::nullopt);
    QCOMPARE(get(*memory, "k2"), std::nullopt);
    QUndoStack* stack = edits.undoStack();
    QCOMPARE(stack->count(), 3);
    stack->undo();  // the delete
    stack->undo();  // the rename
    QVERIFY(idle());
    QCOMPARE(get(*memory, "k"), std::make_optional(std::string("\0v", 2)));
    QCOMPARE(get(*memory, "k2"), std::nullopt);
    stack->redo();
    stack->redo();
    QVERIFY(idle());
    QCOMPARE(get(*memory, "k2"), std::nullopt);
    QVERIFY(edits.historyBytes() > 0);

    // A rename of a key that is not there fails without writing and leaves the history as it was.
    edits.renameKey("missing", "x");
    QVERIFY(idle());
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("no longer exists")));
    QCOMPARE(stack->count(), 3);
    QCOMPARE(get(*memory, "x"), std::nullopt);

    // The change record says which key the views should show.
    edits.putValue("new", "n", QStringLiteral("add"));
    QVERIFY(idle());
    const auto change = applied.last().first().value<ui::EditChange>();
    QVERIFY(change.keySetChanged());
    QCOMPARE(change.focusKey(), QByteArray("new"));
    QVERIFY(change.touches("new") && !change.touches("k"));

    // No session: everything is refused with the reason.
    edits.setSession(nullptr);
    QCOMPARE(stack->count(), 0);
    storage::Status refused;
    edits.putValue("k", "v", QStringLiteral("put"), [&](const storage::Status& s) { refused = s; });
    QCOMPARE(refused.code(), storage::Status::Code::ReadOnly);
    QVERIFY(!edits.readOnlyReason().isEmpty());
}

void ValueViewsTest::deletesThatCannotBeUndoneAreRefusedBeforeWriting() {
    auto memory = storage::createMemoryStorage("caps");
    for (int i = 0; i < 20; ++i) QVERIFY(memory->put("p:" + std::to_string(i), std::string(100, 'v')).ok());
    ui::EditRecord record;
    auto plan = ui::deletePrefixPlan("p:", nullptr, 1000);  // 20 x ~104 bytes > 1000
    const storage::Status status = plan(*memory, record);
    QCOMPARE(status.code(), storage::Status::Code::Unsupported);
    QVERIFY(QString::fromStdString(status.message()).contains(QStringLiteral("nothing was deleted")));
    QCOMPARE(memory->count("p:").value(), std::uint64_t{20});
    ui::EditRecord small;
    QVERIFY(ui::deleteKeysPlan({"p:1", "p:2"}, 1000)(*memory, small).ok());
    QCOMPARE(small.changes.size(), std::size_t{2});
    QCOMPARE(*small.changes[0].before, std::string(100, 'v'));
    QVERIFY(!small.changes[0].after);
    ui::EditRecord tooMany;
    std::vector<std::string> keys;
    for (int i = 0; i < 20; ++i) keys.push_back("p:" + std::to_string(i));
    QCOMPARE(ui::deleteKeysPlan(keys, 1000)(*memory, tooMany).code(), storage::Status::Code::Unsupported);
}

QTEST_MAIN(ValueViewsTest)
#include "value_views_test.moc"
