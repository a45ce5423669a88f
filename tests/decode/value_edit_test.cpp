// Editing decoded values as text, byte for byte: CBOR's diagnostic notation
// is written back by encodeCbor to exactly the bytes it was read from (Qt's
// QCborValue and hand-made non-shortest encodings), an edited text gives what
// QCborValue writes for the edited value, and ValueDecoder offers a value's
// text for editing only when that holds, for every format, saying why not
// otherwise.
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QtTest>

#include <cmath>
#include <random>

#include "decode/cbor.h"
#include "decode/notation.h"
#include "decode/value_decoder.h"

using namespace meridian::decode;

namespace {

std::string cbor(const QCborValue& value) { return value.toCbor().toStdString(); }
std::string fromHexText(const char* hex) { return QByteArray::fromHex(hex).toStdString(); }
QByteArray hexOf(const std::string& bytes) { return QByteArray::fromStdString(bytes).toHex(); }

// decodeCbor's notation of `bytes`, checked to encode back to them exactly.
std::string roundTrip(const std::string& bytes) {
    const Decoded d = decodeCbor(bytes);
    if (!d.ok()) qFatal("not CBOR: %s", d.failure->message.c_str());
    const auto back = encodeCbor(d.text);
    if (!back.ok()) qFatal("%s does not encode: %s", d.text.c_str(), back.status().message().c_str());
    if (back.value() != bytes)
        qFatal("%s came back as %s, not %s", d.text.c_str(), hexOf(back.value()).constData(), hexOf(bytes).constData());
    return d.text;
}

}  // namespace

class ValueEditTest : public QObject {
    Q_OBJECT
private slots:
    void cborWrittenByQtComesBackExactly() {
        QCborMap map;
        map.insert(QStringLiteral("name"), QStringLiteral("Grace \"G\"\n\u00e9\u4e2d"));
        map.insert(QStringLiteral("n"), -42);
        map.insert(QStringLiteral("big"), qint64(-9223372036854775807LL - 1));
        map.insert(QStringLiteral("x"), 1.5);
        map.insert(QStringLiteral("tiny"), 5e-324);
        map.insert(QStringLiteral("list"), QCborArray{1, QStringLiteral("two"), QByteArray("\x03\x04", 2), false, QCborValue()});
        map.insert(7, QCborMap{{QStringLiteral("inner"), true}});
        map.insert(QStringLiteral("when"), QCborValue(QCborTag(1000), 7));  // a tag Qt keeps as it is
        map.insert(QStringLiteral("date"), QCborValue(QCborKnownTags::UnixTime_t, 1700000000));  // Qt writes this as tag 0, a date text
        map.insert(QStringLiteral("undef"), QCborValue(QCborValue::Undefined));
        map.insert(QStringLiteral("simple"), QCborValue(QCborSimpleType(99)));
        const std::string bytes = cbor(map);
        const std::string text = roundTrip(bytes);
        // Qt writes doubles, our usual float, so its values need no indicator.
        QVERIFY2(text.find('_') == std::string::npos, text.c_str());
        QVERIFY2(text.find("\"when\": 1000(7)") != std::string::npos, text.c_str());
        QVERIFY2(text.find("\"date\": 0(\"2023-11-14T22:13:20.000Z\")") != std::string::npos, text.c_str());
        QVERIFY(text.find("simple(99)") != std::string::npos);
    }

    void cborEncodingsThatAreNotShortestComeBackExactly() {
        struct Case {
            const char* hex;
            const char* text;
        };
        const Case cases[] = {
            {"1805", "5_0"},                      // 5 in a 1-byte argument
            {"190005", "5_1"},
            {"1a00000005", "5_2"},
            {"1b0000000000000005", "5_3"},
            {"3900ff", "-256_1"},
            {"d9000100", "1_1(0)"},               // a tag number in 2 bytes
            {"780161", "\"a\"_0"},
            {"59000100", "h'00'_1"},
            {"980101", "[_0 1]"},
            {"b9000100f6", "{_1 0: null}"},
            {"f93e00", "1.5_1"},                  // half and single floats say so
            {"fa3fc00000", "1.5_2"},
            {"fb3ff8000000000000", "1.5"},
            {"f97c00", "Infinity_1"},
            {"f98000", "-0.0_1"},
            {"5f41014102ff", "(_ h'01', h'02')"},
            {"7f780161ff", "(_ \"a\"_0)"},
            {"5fff", "''_"},
            {"7fff", "\"\"_"},
            {"9f01ff", "[_ 1]"},
            {"bfff", "{_ }"},
            {"f820", "simple(32)"},
            {"3bffffffffffffffff", "-18446744073709551616"},
        };
        for (const Case& c : cases) {
            const std::string bytes = fromHexText(c.hex);
            QCOMPARE(QString::fromStdString(roundTrip(bytes)), QString::fromLatin1(c.text));
        }
    }

    void cborEveryValidRandomValueComesBackExactly() {
        // Random bytes biased towards CBOR's heads: every input that decodes
        // must come back byte for byte, but for NaNs with another payload.
        std::mt19937 random(20261207);
        int valid = 0;
        for (int i = 0; i < 200000; ++i) {
            std::string bytes;
            const int n = 1 + static_cast<int>(random() % 14);
            for (int j = 0; j < n; ++j) {
                unsigned b = random() % 256;
                if (random() % 3 == 0) b = (random() % 8) << 5 | (24 + random() % 4);  // a head with an argument
                if (random() % 6 == 0) b = 0x9f;
                if (random() % 7 == 0) b = 0xff;
                bytes += static_cast<char>(b);
            }
            const Decoded d = decodeCbor(bytes);
            if (!d.ok()) continue;
            ++valid;
            const auto back = encodeCbor(d.text);
            QVERIFY2(back.ok(), d.text.c_str());
            if (back.value() != bytes) {
                QVERIFY2(d.text.find("NaN") != std::string::npos,
                         qPrintable(QStringLiteral("%1 -> %2 -> %3").arg(hexOf(bytes), QString::fromStdString(d.text),
                                                                       hexOf(back.value()))));
            }
        }
        QVERIFY2(valid > 2000, qPrintable(QString::number(valid)));
    }

    void theTextToEditIsIndentedAndReadsTheSame() {
        // Containers holding others, or longer than a short line, one entry a
        // line; commas inside strings, tags and string parts left alone.
        const std::string text = "{\"a\": [1, 2, {\"b\": [_ ]}], \"c\": (_ \"x, y\", \"z\"), \"d\": 1([1, 2]), "
                                 "\"e\": {_ }, \"f\": [_ 1, [2]], \"g\": \"[{,\\\"'\"}";
        QCOMPARE(indentNotation(text), std::string("{\n"
                                                   "  \"a\": [\n"
                                                   "    1,\n"
                                                   "    2,\n"
                                                   "    {\n"
                                                   "      \"b\": [_ ]\n"
                                                   "    }\n"
                                                   "  ],\n"
                                                   "  \"c\": (_ \"x, y\", \"z\"),\n"
                                                   "  \"d\": 1([1, 2]),\n"
                                                   "  \"e\": {_ },\n"
                                                   "  \"f\": [_\n"
                                                   "    1,\n"
                                                   "    [2]\n"
                                                   "  ],\n"
                                                   "  \"g\": \"[{,\\\"'\"\n"
                                                   "}"));
        // Only white space changes: random values read the same indented.
        std::mt19937 random(7);
        int checked = 0;
        for (int i = 0; i < 100000; ++i) {
            std::string bytes;
            const int n = 1 + static_cast<int>(random() % 14);
            for (int j = 0; j < n; ++j) {
                unsigned b = random() % 256;
                if (random() % 4 == 0) b = 0x80 | (random() % 4);  // small arrays
                if (random() % 4 == 0) b = 0xa0 | (random() % 3);  // small maps
                if (random() % 6 == 0) b = 0x9f;
                if (random() % 7 == 0) b = 0xff;
                bytes += static_cast<char>(b);
            }
            const Decoded d = decodeCbor(bytes);
            if (!d.ok() || d.text.find("NaN") != std::string::npos) continue;
            ++checked;
            const auto back = encodeCbor(indentNotation(d.text));
            QVERIFY2(back.ok() && back.value() == bytes, d.text.c_str());
        }
        QVERIFY2(checked > 2000, qPrintable(QString::number(checked)));
    }

    void charactersATextEditorWouldChangeAreEscaped() {
        // A plain text box turns U+00A0 into a space and U+2028, U+2029,
        // U+FDD0, U+FDD1 into line breaks: the notation escapes them, so
        // the text of a value survives the box and an edit elsewhere in it.
        QCborMap map;
        map.insert(QStringLiteral("a"), QStringLiteral("x\u00a0y\u2028z\u2029\ufdd0\ufdd1"));
        map.insert(QStringLiteral("b"), 1);
        const std::string text = roundTrip(cbor(map));
        QCOMPARE(text, std::string("{\"a\": \"x\\u00a0y\\u2028z\\u2029\\ufdd0\\ufdd1\", \"b\": 1}"));
        QVERIFY(QString::fromStdString(text).toStdString() == text);
    }

    void cborEditedTextIsWhatQtWritesForTheEditedValue() {
        QCborMap before;
        before.insert(QStringLiteral("name"), QStringLiteral("Ada"));
        before.insert(QStringLiteral("n"), 1);
        const std::string text = roundTrip(cbor(before));
        QCOMPARE(text, std::string("{\"name\": \"Ada\", \"n\": 1}"));

        const auto edited = encodeCbor("{\"name\": \"Ada Lovelace\",\n \"n\": 1815, / a comment / \"tags\": [h'ff', -1.25, null]}");
        QVERIFY2(edited.ok(), edited.status().message().c_str());
        QCborMap after;
        after.insert(QStringLiteral("name"), QStringLiteral("Ada Lovelace"));
        after.insert(QStringLiteral("n"), 1815);
        after.insert(QStringLiteral("tags"), QCborArray{QByteArray("\xff", 1), -1.25, QCborValue(nullptr)});
        QCOMPARE(hexOf(edited.value()), hexOf(cbor(after)));
        // A float typed with a width is the nearest float of that width.
        QCOMPARE(hexOf(encodeCbor("0.1_2").value()), QByteArray("fa3dcccccd"));
    }

    void cborTextThatCannotBeWrittenSaysWhereAndWhy() {
        struct Case {
            const char* text;
            const char* says;
        };
        const Case cases[] = {
            {"[1, 2", "line 1, column 6: expected ',' or ']'"},
            {"{\"a\" 1}", "line 1, column 6: expected ':' after a map key"},
            {"256_0", "line 1, column 1: 256 does not fit in the 1-byte argument _0 asks for"},
            {"1.1_1", "line 1, column 1: 1.1 is not exactly a half float"},
            {"5_7", "line 1, column 1: unknown indicator _7"},
            {"ext(1, h'00')", "line 1, column 1: CBOR has no ext(...)"},
            {"simple(24)", "line 1, column 1: simple(24) to simple(31) are not allowed"},
            {"-18446744073709551617", "line 1, column 1: the integer -18446744073709551617 does not fit in 64 bits"},
            {"h'0'", "line 1, column 1: h'...' needs pairs of hex digits"},
            {"1 2", "line 1, column 3: more text after the value"},
            {"[\n  1,\n  nope]", "line 3, column 3: unknown word 'nope'"},
            {"\"\u00e9\u00e9\" x", "line 1, column 6: more text after the value"},  // columns count characters
            {"(_ \"a\", h'00')", "line 1, column 9: the parts of a string must all be text or all bytes"},
            {"", "line 1, column 1: expected a value, found the end of the text"},
            {"[1, \"id\xc5\"]", "line 1, column 5: the text is not valid UTF-8"},  // found by fuzz_decoders
            {"[_1]", "line 1, column 4: expected a space after the bracket's indicator"},  // not an empty array
            {"h'0x01'", "line 1, column 1: h'...' holds hex digits only"},
        };
        for (const Case& c : cases) {
            const auto r = encodeCbor(c.text);
            QVERIFY2(!r.ok(), c.text);
            QVERIFY2(r.status().message().starts_with(c.says), r.status().message().c_str());
        }
        // Nesting is bounded, not a crash, and as deep as the decoders read: what is written decodes.
        const auto deep = encodeCbor(std::string(100000, '[') + std::string(100000, ']'));
        QVERIFY(!deep.ok());
        QVERIFY2(deep.status().message().find("nested deeper than 100 levels") != std::string::npos,
                 deep.status().message().c_str());
        QVERIFY(!encodeCbor(std::string(101, '[') + std::string(101, ']')).ok());
        QVERIFY(!encodeCbor(std::string(100, '[') + "1(0)" + std::string(100, ']')).ok());
        const auto hundred = encodeCbor(std::string(100, '[') + std::string(100, ']'));
        QVERIFY(hundred.ok());
        QVERIFY(decodeCbor(hundred.value()).ok());
    }

    void editableOnlyWhenTheTextWritesTheSameBytes() {
        auto editable = [](ValueFormat format, const std::string& bytes) {
            const auto decoder = ValueDecoder::forFormat(format);
            return decoder.editableText(bytes, decoder.decode(bytes));
        };
        // CBOR: the notation, and it writes the bytes back.
        const std::string value = fromHexText("a2616101616282f93e00f6");
        const auto text = editable(ValueFormat::Cbor, value);
        QVERIFY2(text.ok(), text.status().message().c_str());
        QCOMPARE(text.value(), std::string("{\n  \"a\": 1,\n  \"b\": [1.5_1, null]\n}"));  // indented for editing
        QCOMPARE(ValueDecoder::forFormat(ValueFormat::Cbor).encode(text.value()).value(), value);
        // A NaN with a payload of its own would not come back: read-only, saying which byte.
        const auto nan = editable(ValueFormat::Cbor, fromHexText("fb7ff8000000000001"));
        QVERIFY(!nan.ok());
        QVERIFY2(nan.status().message().find("byte 8 would differ") != std::string::npos, nan.status().message().c_str());
        // Bytes that are not the format, BSON and Protobuf without a schema: read-only with a reason.
        const auto broken = editable(ValueFormat::Cbor, fromHexText("a26161"));
        QVERIFY(!broken.ok());
        QVERIFY2(broken.status().message().find("not valid CBOR") != std::string::npos, broken.status().message().c_str());
        const std::string bson = fromHexText("0c0000001061000100000000");
        QVERIFY(editable(ValueFormat::Bson, bson).status().message().find("BSON's text forms") != std::string::npos);
        QVERIFY(!editable(ValueFormat::ProtobufWire, fromHexText("0801")).ok());
        // A value too big for the tree is too big to edit as text.
        const auto decoder = ValueDecoder::forFormat(ValueFormat::Cbor);
        Limits small;
        small.maxNodes = 2;
        const std::string three = fromHexText("83010203");
        QVERIFY(!decoder.editableText(three, decoder.decode(three, small)).ok());
    }

    void numbersAreEditableAsTheirText() {
        auto spec = parseDecoderSpec("u32be");
        QVERIFY(spec.ok());
        auto decoder = ValueDecoder::make(spec.value());
        QVERIFY(decoder.ok());
        const std::string bytes("\x00\x01\x00\x00", 4);
        const auto text = decoder->editableText(bytes, decoder->decode(bytes));
        QVERIFY2(text.ok(), text.status().message().c_str());
        QCOMPARE(text.value(), std::string("65536"));
        QCOMPARE(decoder->encode("7").value(), std::string("\x00\x00\x00\x07", 4));
        QVERIFY(!decoder->encode("4294967296").ok());
    }

    void protobufOnlyWhenLibprotobufWritesTheSameBytes() {
        auto spec = parseDecoderSpec("protobuf:" MERIDIAN_TEST_SOURCE_DIR "/data/decode/example.proto:example.User");
        QVERIFY2(spec.ok(), spec.status().message().c_str());
        auto decoder = ValueDecoder::make(spec.value());
        QVERIFY2(decoder.ok(), decoder.status().message().c_str());
        // name "Al", id 150: canonical, so the text format is offered and writes the bytes back.
        const std::string canonical("\x0a\x02" "Al" "\x10\x96\x01", 7);
        const auto text = decoder->editableText(canonical, decoder->decode(canonical));
        QVERIFY2(text.ok(), text.status().message().c_str());
        QCOMPARE(decoder->encode(text.value()).value(), canonical);
        // The edit: the bytes libprotobuf writes for the edited message.
        QCOMPARE(decoder->encode("name: \"Bo\"\nid: 7\n").value(), std::string("\x0a\x02" "Bo" "\x10\x07", 6));
        // The same fields in the other order would be written back reordered: refused.
        const std::string reordered("\x10\x96\x01\x0a\x02" "Al", 7);
        const auto refused = decoder->editableText(reordered, decoder->decode(reordered));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.status().message().find("libprotobuf would write this message back differently") != std::string::npos,
                 refused.status().message().c_str());
    }
};

QTEST_APPLESS_MAIN(ValueEditTest)
#include "value_edit_test.moc"
