// storage_bytes_test: the byte-string codecs every front end uses to show and edit
// keys and values (storage/bytes.h), and the hex, base64 and JSON string codecs
// behind the dump formats and meridian-db's output (storage/codec.h). Each
// encoder must have an exact inverse over all bytes.
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>

#include "storage/bytes.h"
#include "storage/codec.h"
#include "test_support.h"

using namespace meridian::storage;
using namespace meridian::test;
using namespace std::string_literals;

class BytesTest : public QObject {
    Q_OBJECT

private slots:
    void hexRoundTrips() {
        QCOMPARE(qs(toHex("Key\0\xff"s)), QStringLiteral("4B657900FF"));
        QCOMPARE(qs(toHex("")), QString());
        QCOMPARE(bytes(fromHex("4b657900ff").value()), QByteArray("Key\0\xff", 5));
        QCOMPARE(bytes(fromHex("0X4B").value()), QByteArray("K"));
        QVERIFY(fromHex("").has_value());
        QVERIFY(!fromHex("abc"));   // odd length
        QVERIFY(!fromHex("zz"));    // not hex
        QVERIFY(!fromHex("0x4"));
        QVERIFY(!fromHex("4B 65"));  // no separators
    }

    void utf8Validity_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("printable");
        QTest::newRow("ascii") << QByteArray("hello") << true << true;
        QTest::newRow("empty") << QByteArray() << true << true;
        QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9") << true << true;
        QTest::newRow("3-byte") << QByteArray("\xe2\x9c\x93") << true << true;
        QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true << true;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false << false;
        QTest::newRow("overlong /") << QByteArray("\xc0\xaf") << false << false;
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false << false;
        QTest::newRow("truncated") << QByteArray("\xe2\x9c") << false << false;
        QTest::newRow("0xFF") << QByteArray("\xff") << false << false;
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << true << false;
        QTest::newRow("DEL") << QByteArray("\x7f") << true << false;
        QTest::newRow("C1 control") << QByteArray("\xc2\x85") << true << false;
        QTest::newRow("newline") << QByteArray("a\nb") << true << false;
    }

    void utf8Validity() {
        QFETCH(QByteArray, input);
        QFETCH(bool, valid);
        QFETCH(bool, printable);
        const std::string_view view(input.constData(), static_cast<std::size_t>(input.size()));
        QCOMPARE(isValidUtf8(view), valid);
        QCOMPARE(isPrintableUtf8(view), printable);
    }

    void whitespaceIsPrintableOnlyWhenAllowed() {
        QVERIFY(!isPrintableUtf8("a\tb\nc\r"));
        QVERIFY(isPrintableUtf8("a\tb\nc\r", true));
        QVERIFY(!isPrintableUtf8("a\x01", true));
    }

    void escapeShowsEveryByte() {
        QCOMPARE(qs(escapeBytes("plain text")), QStringLiteral("plain text"));
        QCOMPARE(qs(escapeBytes("a\0b\xff"s)), QStringLiteral("a\\x00b\\xff"));
        QCOMPARE(qs(escapeBytes("back\\slash")), QStringLiteral("back\\\\slash"));
        QCOMPARE(qs(escapeBytes("t\tn\nr\r")), QStringLiteral("t\\tn\\nr\\r"));
        QCOMPARE(qs(escapeBytes("caf\xc3\xa9")), QString::fromUtf8("caf\xc3\xa9"));
        QCOMPARE(qs(escapeBytes("\xc3")), QStringLiteral("\\xc3"));
        // Text keeps its characters, whitespace escaped; binary bytes (a
        // control byte that is not whitespace) show no accidental letters.
        QCOMPARE(qs(escapeBytes("line\ncaf\xc3\xa9")), QString::fromUtf8("line\\ncaf\xc3\xa9"));
        QCOMPARE(qs(escapeBytes("\0\x06\xde\x98" "00"s)), QStringLiteral("\\x00\\x06\\xde\\x9800"));
        // Escaped text is single-line printable UTF-8.
        QVERIFY(isPrintableUtf8(escapeBytes("\x01\x02\n\x7f\xc2\x85\xed\xa0\x80")));
    }

    void unescapeAcceptsAndRefuses() {
        QCOMPARE(bytes(unescapeBytes("\\0\\x00\\xFF\\xfe").value()), QByteArray("\0\0\xff\xfe", 4));
        QCOMPARE(bytes(unescapeBytes("a\\\\b").value()), QByteArray("a\\b"));
        QVERIFY(!unescapeBytes("dangling\\"));
        QVERIFY(!unescapeBytes("\\q"));
        QVERIFY(!unescapeBytes("\\x4"));
        QVERIFY(!unescapeBytes("\\xg0"));
        QCOMPARE(bytes(unescapeBytes("\\x41").value()), QByteArray("A"));
        QCOMPARE(bytes(unescapeBytes("end\\x41").value()), QByteArray("endA"));
    }

    void randomBytesRoundTrip() {
        QRandomGenerator rng(42);
        for (int round = 0; round < 5000; ++round) {
            std::string b(rng.bounded(40), '\0');
            for (auto& c : b) {
                // Bias towards interesting bytes: controls, backslash, UTF-8 lead/continuation bytes.
                static const unsigned char kPool[] = {0, 1, '\t', '\n', '\r', '\\', 'x', '0', 'a', 0x7f,
                                                      0x80, 0x85, 0xbf, 0xc2, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xff};
                c = static_cast<char>(rng.bounded(2) ? kPool[rng.bounded(int(sizeof kPool))] : rng.bounded(256));
            }
            const auto escaped = unescapeBytes(escapeBytes(b));
            QVERIFY2(escaped && *escaped == b, qPrintable("escape round trip failed for " + bytes(b).toHex()));
            const auto hex = fromHex(toHex(b));
            QVERIFY2(hex && *hex == b, qPrintable("hex round trip failed for " + bytes(b).toHex()));
            QVERIFY(isPrintableUtf8(escapeBytes(b)));
            QVERIFY(escapeBytes(b).find('\n') == std::string::npos);
            const std::string shown = displayBytes(b, ByteDisplay::Auto);
            QVERIFY(isPrintableUtf8(shown));
            if (isPrintableUtf8(b)) QVERIFY(shown == b);
            QCOMPARE(qs(displayBytes(b, ByteDisplay::Hex)), qs(toHex(b)));
        }
    }
    // ---- storage/codec.h ------------------------------------------------

    void hexDigitsOfEitherCase() {
        QCOMPARE(qs(toHex("\x01\xAB\xff"s, HexDigits::Upper)), QStringLiteral("01ABFF"));
        QCOMPARE(qs(toHex("\x01\xAB\xff"s, HexDigits::Lower)), QStringLiteral("01abff"));
        std::string out = "0x";  // ldb --hex writes "0x" then upper-case digits
        appendHex(out, "k\0"s);
        QCOMPARE(qs(out), QStringLiteral("0x6B00"));
        appendHex(out, "");
        QCOMPARE(qs(out), QStringLiteral("0x6B00"));
        for (int c = 0; c < 256; ++c) {
            const char ch = static_cast<char>(c);
            const int expected = c >= '0' && c <= '9'   ? c - '0'
                                 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                        : -1;
            QCOMPARE(hexDigitValue(ch), expected);
        }
    }

    void decodeHexIsStrict() {
        std::string out = "previous contents";
        QVERIFY(decodeHex("4b00Ff", out));
        QCOMPARE(bytes(out), QByteArray("K\0\xff", 3));  // replaced, not appended
        QVERIFY(decodeHex("", out));
        QVERIFY(out.empty());
        for (const char* bad : {"0x4B", "0X4B", "4", "4B6", "4G", "4B 65", " 4B", "4B\n", "x4"})
            QVERIFY2(!decodeHex(bad, out), bad);
        QVERIFY(!decodeHex("4\0"s, out));
        // fromHex: the same after an optional "0x" / "0X", as a person types it.
        QCOMPARE(bytes(fromHex("0x").value()), QByteArray());
        QCOMPARE(bytes(fromHex("0xabCD").value()), QByteArray("\xAB\xCD"));
        QCOMPARE(bytes(fromHex("0XabCD").value()), QByteArray("\xAB\xCD"));
        QVERIFY(!fromHex("0x0x00"));
        QVERIFY(!fromHex("x00"));
        QVERIFY(!fromHex("0"));
    }

    void base64EdgeCases() {
        QCOMPARE(qs(toBase64("\0"s)), QStringLiteral("AA=="));
        QCOMPARE(qs(toBase64("\xff\xff\xff")), QStringLiteral("////"));
        QCOMPARE(qs(toBase64("\xfb\xef\xbe")), QStringLiteral("++++"));
        QCOMPARE(bytes(fromBase64("").value()), QByteArray());
        QCOMPARE(bytes(fromBase64("AA==").value()), QByteArray("\0", 1));
        QCOMPARE(bytes(fromBase64("AAA=").value()), QByteArray("\0\0", 2));
        // Every single byte, so every final group with two '=' is exercised.
        for (int c = 0; c < 256; ++c) {
            const std::string one(1, static_cast<char>(c));
            QCOMPARE(toBase64(one).size(), std::size_t(4));
            QVERIFY(toBase64(one).ends_with("=="));
            QCOMPARE(bytes(fromBase64(toBase64(one)).value()), bytes(one));
        }
    }

    void base64RefusesNonCanonicalInput_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("length 1") << QByteArray("A");
        QTest::newRow("length 3") << QByteArray("AAA");
        QTest::newRow("length 5") << QByteArray("AAAAA");
        QTest::newRow("missing padding") << QByteArray("Zg");
        QTest::newRow("only padding") << QByteArray("====");
        QTest::newRow("three '='") << QByteArray("A===");
        QTest::newRow("'=' then data") << QByteArray("AA=A");
        QTest::newRow("padding mid-text") << QByteArray("AA==AAAA");
        QTest::newRow("hidden bits set, one '='") << QByteArray("AAB=");
        QTest::newRow("hidden bits set, two '='") << QByteArray("AB==");
        QTest::newRow("URL-safe '-'") << QByteArray("-AAA");
        QTest::newRow("URL-safe '_'") << QByteArray("_AAA");
        QTest::newRow("space") << QByteArray("AA AA");
        QTest::newRow("newline") << QByteArray("AAAA\nAAAA");
        QTest::newRow("NUL") << QByteArray("AA\0A", 4);
        QTest::newRow("non-ASCII") << QByteArray("AA\xc3\xa9");
    }
    void base64RefusesNonCanonicalInput() {
        QFETCH(QByteArray, text);
        QVERIFY(!fromBase64(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))));
    }

    // The two spellings the callers have always written: meridian-db --json
    // uses \b and \f, JSON Lines dumps \u0008 and \u000c. Nothing else differs.
    void jsonStringSpellings() {
        const std::string controls = "\b\f\n\r\t\x01\x1f\0"s;
        QCOMPARE(qs(jsonString(controls, JsonShortEscapes::WithBackspaceFormFeed)),
                 QStringLiteral("\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u0000\""));
        QCOMPARE(qs(jsonString(controls, JsonShortEscapes::TabNewlineReturn)),
                 QStringLiteral("\"\\u0008\\u000c\\n\\r\\t\\u0001\\u001f\\u0000\""));
        for (auto style : {JsonShortEscapes::WithBackspaceFormFeed, JsonShortEscapes::TabNewlineReturn}) {
            QCOMPARE(qs(jsonString("", style)), QStringLiteral("\"\""));
            QCOMPARE(qs(jsonString("say \"hi\" \\ /", style)), QStringLiteral("\"say \\\"hi\\\" \\\\ /\""));
            // DEL, C1 controls (U+0085) and other non-ASCII bytes are written as they are.
            QCOMPARE(bytes(jsonString("\x7f\xc2\x85na\xc3\xafve", style)), QByteArray("\"\x7f\xc2\x85na\xc3\xafve\""));
            std::string out = "{";
            appendJsonString(out, "k", style);
            QCOMPARE(qs(out), QStringLiteral("{\"k\""));
        }
    }

    void readJsonStringAcceptsEveryEscape() {
        const std::string text = "  \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0000\\ud83d\\ude00z\" , \"next\"";
        std::size_t pos = 2;
        std::string out = "previous";
        CHECK_OK(readJsonString(text, pos, out));
        QCOMPARE(bytes(out), QByteArray("a\"\\/\b\f\n\r\t\xc3\xa9\0\xf0\x9f\x98\x80z", 17));
        QCOMPARE(text.substr(pos), std::string(" , \"next\""));
        pos += 3;
        CHECK_OK(readJsonString(text, pos, out));
        QCOMPARE(qs(out), QStringLiteral("next"));
        QCOMPARE(pos, text.size());
        // Upper-case \u digits; raw bytes (even invalid UTF-8) copied for the caller to judge.
        pos = 0;
        CHECK_OK(readJsonString("\"\\u00E9\xff\"", pos, out));
        QCOMPARE(bytes(out), QByteArray("\xc3\xa9\xff"));
        QVERIFY(!isValidUtf8(out));
    }

    void readJsonStringSaysWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray("") << "expected a string";
        QTest::newRow("space first") << QByteArray(" \"a\"") << "expected a string";
        QTest::newRow("number") << QByteArray("1") << "expected a string";
        QTest::newRow("no closing quote") << QByteArray("\"abc") << "unterminated string";
        QTest::newRow("ends in a backslash") << QByteArray("\"abc\\") << "unterminated escape";
        QTest::newRow("raw tab") << QByteArray("\"a\tb\"") << "control character inside a string (must be escaped)";
        QTest::newRow("raw NUL") << QByteArray("\"a\0b\"", 5) << "control character inside a string (must be escaped)";
        QTest::newRow("unknown escape") << QByteArray("\"\\a\"") << "unknown escape in a string";
        QTest::newRow("\\x is not JSON") << QByteArray("\"\\x41\"") << "unknown escape in a string";
        QTest::newRow("short \\u") << QByteArray("\"\\u12\"") << "bad \\u escape";
        QTest::newRow("\\u at the end") << QByteArray("\"\\u12") << "bad \\u escape";
        QTest::newRow("non-hex \\u") << QByteArray("\"\\u12g4\"") << "bad \\u escape";
        QTest::newRow("high surrogate alone") << QByteArray("\"\\ud83d\"") << "unpaired surrogate in a \\u escape";
        QTest::newRow("high then text") << QByteArray("\"\\ud83dx\"") << "unpaired surrogate in a \\u escape";
        QTest::newRow("high then non-low") << QByteArray("\"\\ud83d\\u0041\"") << "unpaired surrogate in a \\u escape";
        QTest::newRow("high then bad \\u") << QByteArray("\"\\ud83d\\u00\"") << "unpaired surrogate in a \\u escape";
        QTest::newRow("two highs") << QByteArray("\"\\ud83d\\ud83d\"") << "unpaired surrogate in a \\u escape";
        QTest::newRow("low surrogate alone") << QByteArray("\"\\ude00\"") << "unpaired surrogate in a \\u escape";
    }
    void readJsonStringSaysWhatIsWrong() {
        QFETCH(QByteArray, text);
        QFETCH(QString, reason);
        std::size_t pos = 0;
        std::string out;
        const Status s = readJsonString(std::string_view(text.constData(), std::size_t(text.size())), pos, out);
        CHECK_CODE(s, Status::Code::InvalidArgument);
        QCOMPARE(qs(s.message()), reason);
    }

    void randomBytesRoundTripThroughEveryCodec() {
        QRandomGenerator rng(7);
        std::string decoded;
        for (int round = 0; round < 5000; ++round) {
            std::string b(rng.bounded(48), '\0');
            for (auto& c : b) {
                static const unsigned char kPool[] = {0, 8, 12, '\t', '\n', '"', '\\', '/', '=', '+', 0x1f, 0x7f,
                                                      0x80, 0xc3, 0xa9, 0xed, 0xa0, 0xf0, 0x9f, 0xff};
                c = static_cast<char>(rng.bounded(2) ? kPool[rng.bounded(int(sizeof kPool))] : rng.bounded(256));
            }
            const QByteArray hex = bytes(b).toHex();
            for (auto digits : {HexDigits::Upper, HexDigits::Lower}) {
                const std::string encoded = toHex(b, digits);
                QCOMPARE(encoded.size(), 2 * b.size());
                QVERIFY2(decodeHex(encoded, decoded) && decoded == b, hex.constData());
                QVERIFY2(fromHex("0x" + encoded) == b, hex.constData());
            }
            const std::string base64 = toBase64(b);
            QCOMPARE(base64.size(), (b.size() + 2) / 3 * 4);
            QVERIFY2(fromBase64(base64) == b, hex.constData());
            for (auto style : {JsonShortEscapes::WithBackspaceFormFeed, JsonShortEscapes::TabNewlineReturn}) {
                const std::string json = jsonString(b, style);
                // No raw control character, and valid UTF-8 stays valid UTF-8.
                QVERIFY(std::none_of(json.begin(), json.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
                if (isValidUtf8(b)) QVERIFY(isValidUtf8(json));
                std::size_t pos = 0;
                CHECK_OK(readJsonString(json, pos, decoded));
                QCOMPARE(pos, json.size());
                QVERIFY2(decoded == b, hex.constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(BytesTest)
#include "storage_bytes_test.moc"
