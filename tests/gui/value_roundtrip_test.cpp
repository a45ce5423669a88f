// Binary round trip through the real MainWindow (offscreen): random keys and
// values with NUL, 0xFF, invalid UTF-8 of every kind, text a text editor
// would change, JSON that QJsonDocument would rewrite, values of 0 bytes and
// of 4 MiB. Each key is selected in the key list, its value shown in every
// view (Text, Hex, JSON; "Load all" for the large text ones), then saved
// unchanged; what RocksDB holds afterwards must be the identical bytes, read
// in this process after each save and by ldb from another process at the end.
//
// MERIDIAN_ROUNDTRIP_SEED picks the random seed (printed on every run).
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

#include "tests/gui/value_test_support.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/value_document.h"
#include "ui/editor/value_editor.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"

namespace meridian::valuetest {

using ui::ValueView;

namespace {

constexpr int kFourMiB = 4 * 1024 * 1024;

QByteArray raw(const char* bytes, int size) { return QByteArray(bytes, size); }

// Bytes biased toward the troublesome ones: NUL, 0xFF, continuation and lead bytes.
char randomByte(QRandomGenerator& random) {
    static const char special[] = {'\0', '\xff', '\x80', '\xc3', '\xe2', '\xf0', '\n', '\r', '\\', '"'};
    if (random.bounded(3) == 0) return special[random.bounded(static_cast<int>(sizeof special))];
    return static_cast<char>(random.bounded(256));
}

QByteArray randomBytes(QRandomGenerator& random, int size) {
    QByteArray bytes(size, '\0');
    for (int i = 0; i < size; ++i) bytes[i] = randomByte(random);
    return bytes;
}

Entries roundTripEntries(QRandomGenerator& random) {
    Entries entries;
    // Random keys with random values, some empty.
    while (entries.size() < 24) {
        const QByteArray key = randomBytes(random, 1 + random.bounded(24));
        entries.insert(key, randomBytes(random, random.bounded(4) == 0 ? 0 : random.bounded(600)));
    }
    // Values each view has its own trouble with.
    const QList<QByteArray> special = {
        QByteArray(),
        raw("\0", 1),
        raw("\xff", 1),
        raw("\0\0\0", 3),
        raw("\xc0\x80", 2),              // overlong NUL
        raw("\xed\xa0\x80", 3),          // a surrogate
        raw("\xf4\x90\x80\x80", 4),      // beyond U+10FFFF
        raw("\x80", 1),                  // a lone continuation byte
        raw("abc\xe2\x82", 5),           // cut in the middle of a character
        "\xef\xbb\xbf" "BOM then text",  // a byte order mark
        "crlf\r\nline\r\n",
        "cr\ronly",
        "no\xc2\xa0" "break",            // U+00A0
        "line\xe2\x80\xa8" "para\xe2\x80\xa9",  // U+2028, U+2029
        "tab\tand newline\n",
        "del\x7f",
        "{\"a\":1,\"a\":2}",             // duplicate keys
        "[1,12345678901234567890,-0.0,1E+2,\"\\u0000\\ud83d\\ude00\"]",
        "  {\"spaced\" :  true }  \n",
        "{\"unterminated\": ",
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e text",  // Japanese
    };
    for (int i = 0; i < special.size(); ++i)
        entries.insert(QByteArray("special:") + QByteArray::number(i).rightJustified(2, '0'), special[i]);
    // 4 MiB: binary, text with multi-byte characters across the quick-look limit, and JSON.
    entries.insert("large:binary", randomBytes(random, kFourMiB));
    QByteArray text;
    while (text.size() < kFourMiB) text += "größer als ein MiB: \xe2\x82\xac\xf0\x9f\x98\x80 ";
    entries.insert("large:text", text);
    QByteArray json = "[";
    for (int i = 0; json.size() < kFourMiB; ++i) json += (i ? "," : "") + ("{\"i\":" + QByteArray::number(i) + ",\"s\":\"\\u00e9\"}");
    json += "]";
    entries.insert("large:json", json);
    return entries;
}

}  // namespace

class ValueRoundTripTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { setUpTestApplication("value_roundtrip_test"); }
    void everyViewAndAnUnchangedSaveKeepEveryByte();
};

void ValueRoundTripTest::everyViewAndAnUnchangedSaveKeepEveryByte() {
    const quint32 seed = qEnvironmentVariableIsSet("MERIDIAN_ROUNDTRIP_SEED")
                             ? qEnvironmentVariable("MERIDIAN_ROUNDTRIP_SEED").toUInt()
                             : 20260101u;
    qInfo("MERIDIAN_ROUNDTRIP_SEED=%u", seed);
    QRandomGenerator random(seed);
    const Entries entries = roundTripEntries(random);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MERIDIAN_VALUE_OK(makeDatabase(dir.path(), entries));

    auto window = std::make_unique<ui::MainWindow>();
    window->resize(1200, 760);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    MERIDIAN_VALUE_OK(openInWindow(window.get(), dir.path()));
    ui::ValueEditor* editor = window->valueEditor();
    QUndoStack* history = window->editActions()->controller()->undoStack();

    int saves = 0;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const QByteArray& key = it.key();
        const QByteArray& value = it.value();
        const QByteArray where = "key " + show(key).toUtf8() + " value " + show(value).toUtf8();
        MERIDIAN_VALUE_OK(selectKey(window.get(), key));
        QVERIFY2(editor->hasValue(), where.constData());
        QVERIFY2(editor->document()->stored() == value, where.constData());

        // Shown in every view, the value stays the same bytes and nothing counts as edited.
        for (const ValueView view : {ValueView::Text, ValueView::Hex, ValueView::Json}) {
            editor->setView(view);
            QVERIFY2(editor->currentBytes() == value, (where + " in " + ui::viewName(view).toUtf8()).constData());
            QVERIFY2(!editor->isDirty(), (where + " dirty in " + ui::viewName(view).toUtf8()).constData());
            if (view == ValueView::Hex) QVERIFY2(editor->hexView()->data() == value, where.constData());
            if (view != ValueView::Hex && key != "large:binary" && !editor->isShowingAll() && value.size() > ui::kQuickLookBytes) {
                editor->loadAll();
                QVERIFY2(editor->isShowingAll(), where.constData());
                QVERIFY2(editor->currentBytes() == value && !editor->isDirty(), (where + " after Load all").constData());
            }
        }

        // Saved unchanged from the view the app picked: the identical bytes are written.
        editor->setView(editor->autoView());
        const int before = history->count();
        QVERIFY2(editor->save(), qPrintable(editor->lastError()));
        MERIDIAN_VALUE_OK(waitIdle(window.get()));
        QVERIFY2(history->count() == before + 1, where.constData());  // a write did happen
        const auto now = stored(window.get(), key);
        QVERIFY2(now == value, qPrintable(QStringLiteral("%1: stored %2").arg(QString::fromUtf8(where), show(now))));
        ++saves;
    }
    QCOMPARE(saves, entries.size());

    window.reset();  // releases the database
    Entries onDisk;
    MERIDIAN_VALUE_OK(ldbEntries(dir.path(), &onDisk));
    QCOMPARE(onDisk.size(), entries.size());
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        QVERIFY2(onDisk.value(it.key()) == it.value() && onDisk.contains(it.key()), qPrintable(show(it.key())));
}

}  // namespace meridian::valuetest

QTEST_MAIN(meridian::valuetest::ValueRoundTripTest)
#include "value_roundtrip_test.moc"
