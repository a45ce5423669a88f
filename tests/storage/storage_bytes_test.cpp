// storage_bytes_test: the byte-string codecs every front end uses to show and edit
// keys and values. Each encoder must have an exact inverse over all bytes.
#include <QRandomGenerator>
#include <QtTest>

#include "storage/bytes.h"
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
};

QTEST_GUILESS_MAIN(BytesTest)
#include "storage_bytes_test.moc"
