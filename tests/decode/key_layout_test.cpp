// Key layouts (decode/key_layout.h) and the typed fields under them
// (decode/field_type.h): templates parse or say where they are wrong; keys
// decode to their fields; typed keys encode back to the exact bytes, whole or
// as a prefix.
#include <QRandomGenerator>
#include <QtTest>

#include "decode/data_inspector.h"
#include "decode/key_layout.h"
#include "tests/support/conversions.h"

using namespace meridian::decode;

namespace {

std::string be64(std::uint64_t v) { return meridian::test::bigEndian(v); }
std::string be32(std::uint32_t v) { return meridian::test::bigEndian(v, 4); }

KeyLayout layout(const char* text) {
    auto parsed = KeyLayout::parse(text);
    if (!parsed.ok()) qFatal("%s: %s", text, parsed.status().message().c_str());
    return parsed.value();
}

}  // namespace

class KeyLayoutTest : public QObject {
    Q_OBJECT
private slots:
    void decodesACompositeKey() {
        const KeyLayout user = layout("user:{u64be:id}:{utf8:field}");
        QCOMPARE(user.fixedPrefix(), std::string("user:"));
        QCOMPARE(user.fieldNames(), (std::vector<std::string>{"id", "field"}));
        const std::string key = "user:" + be64(42) + ":email";
        const KeyMatch m = user.match(key);
        QVERIFY2(m.matches(), m.why.c_str());
        QCOMPARE(m.fields.size(), std::size_t{2});
        QCOMPARE(m.fields[0].value.text, std::string("42"));
        QCOMPARE(m.fields[0].offset, std::size_t{5});
        QCOMPARE(m.fields[1].value.text, std::string("email"));
        QCOMPARE(user.typedText(key), std::optional<std::string>("user:{42}:{email}"));
        QCOMPARE(user.encodeTyped("user:{42}:{email}").value(), key);
    }

    void binaryFieldsAndUnnamedOnes() {
        const KeyLayout tenant = layout("{u32be:tenant}{bytes:16:id}");
        const std::string id = QByteArray::fromHex("00112233445566778899aabbccddeeff").toStdString();
        const std::string key = be32(7) + id;
        const KeyMatch m = tenant.match(key);
        QVERIFY(m.matches());
        QCOMPARE(m.fields[1].value.text, std::string("00112233445566778899AABBCCDDEEFF"));
        QCOMPARE(tenant.encodeTyped("{7}{00112233445566778899aabbccddeeff}").value(), key);
        // A prefix: the tenant alone.
        QCOMPARE(tenant.encodeTyped("{7}").value(), be32(7));

        const KeyLayout unnamed = layout("ev\\x00{i64le}{uuid}{f64be}{zigzag}{varint}");
        QCOMPARE(unnamed.fieldNames(), (std::vector<std::string>{"field1", "field2", "field3", "field4", "field5"}));
        const std::string typed = "ev\\x00{-5}{123e4567-e89b-12d3-a456-426614174000}{2.5}{-300}{300}";
        auto bytes = unnamed.encodeTyped(typed);
        QVERIFY2(bytes.ok(), bytes.status().message().c_str());
        QCOMPARE(bytes->size(), std::size_t{3 + 8 + 16 + 8 + 2 + 2});
        QCOMPARE(unnamed.typedText(bytes.value()), std::optional<std::string>(typed));
    }

    void typedPrefixesStopAnywhere() {
        const KeyLayout user = layout("user:{u64be}:{utf8}");
        QCOMPARE(user.encodeTyped("").value(), std::string());
        QCOMPARE(user.encodeTyped("us").value(), std::string("us"));
        QCOMPARE(user.encodeTyped("user:").value(), std::string("user:"));
        QCOMPARE(user.encodeTyped("user:{42}").value(), "user:" + be64(42));
        QCOMPARE(user.encodeTyped("user:{42}:").value(), "user:" + be64(42) + ":");
        QCOMPARE(user.encodeTyped("user:{0x2a}:{a\\}b}").value(), "user:" + be64(42) + ":a}b");
    }

    void typedKeysThatDoNotFitSayWhere() {
        const KeyLayout user = layout("user:{u8:n}:{utf8}");
        struct Case {
            const char* typed;
            const char* says;
        };
        const Case cases[] = {
            {"user:{300}", "at 6: n: \"300\" does not fit in u8"},
            {"user:{-1}", "does not fit in u8"},
            {"user:{x}", "is not an integer for u8"},
            {"usr:", "at 1: expected \"user:\""},
            {"user:7", "expected {u8} for n"},
            {"user:{1}:{a}{b}", "more than the layout holds"},
            {"user:{1", "a { without its }"},
            {"user:{1}}", "a } without its {"},
        };
        for (const Case& c : cases) {
            auto r = user.encodeTyped(c.typed);
            QVERIFY2(!r.ok(), c.typed);
            QVERIFY2(r.status().message().find(c.says) != std::string::npos, r.status().message().c_str());
        }
    }

    void keysThatDoNotFollowTheLayout() {
        const KeyLayout user = layout("user:{u64be}:{utf8}");
        QCOMPARE(user.match("user:").why, std::string("field1: u64be needs 8 bytes, 0 left"));
        QCOMPARE(user.match("order:1").mismatchAt, std::optional<std::size_t>(0));
        QCOMPARE(user.match("user:" + be64(1) + "/x").why, std::string("expected \":\" at byte 13"));
        QVERIFY(!user.match("user:" + be64(1) + ":\xff").matches());  // not UTF-8
        const KeyLayout fixed = layout("k{u16le}");
        QCOMPARE(fixed.match("k\x01\x02\x03").why, std::string("1 byte after the layout"));
        QCOMPARE(user.typedText("nope"), std::optional<std::string>());
    }

    void templatesThatAreWrong() {
        struct Case {
            const char* text;
            const char* says;
        };
        const Case cases[] = {
            {"user:{u63be}", "at 7: unknown type \"u63be\""},
            {"user:{u64be", "at 6: a { without its }"},
            {"user}", "a } without its {"},
            {"{utf8}{u32be}", "field1 (utf8 without a length) must be followed by text or end the key"},
            {"{u32be:8}", "only utf8 and bytes take a length"},
            {"{u8:a}{u8:a}", "two fields are called a"},
            {"{u8:a-b}", "letters, digits and _"},
            {"{u8:a:b}", "{TYPE}, {TYPE:NAME} or {TYPE:COUNT:NAME}"},
            {"x\\q", "a \\ must start"},
        };
        for (const Case& c : cases) {
            auto parsed = KeyLayout::parse(c.text);
            QVERIFY2(!parsed.ok(), c.text);
            QVERIFY2(parsed.status().message().find(c.says) != std::string::npos, parsed.status().message().c_str());
        }
        QVERIFY(KeyLayout::parse("{{literal}}{utf8:a}:{bytes:b}").ok());
        QVERIFY(KeyLayout::parse("{bytes:4}{bytes}").ok());
    }

    // Every key a layout matches comes back byte for byte from its typed text.
    void randomKeysRoundTrip() {
        const KeyLayout l = layout("t{u8}{i16be}{u32le}{i64be}{f32le}{varint}{zigzag}{bytes:3}|{utf8}/{bytes}");
        QRandomGenerator random(99);
        int matched = 0;
        for (int i = 0; i < 5000; ++i) {
            std::string key = "t";
            auto randomBytes = [&](int n) {
                std::string s(static_cast<std::size_t>(n), '\0');
                for (char& c : s) c = static_cast<char>(random.bounded(256));
                return s;
            };
            key += randomBytes(1 + 2 + 4 + 8);
            std::uint32_t f;
            do {
                f = random.generate();
            } while ((f & 0x7f800000u) == 0x7f800000u);  // NaN payloads have no text that keeps them
            key += std::string(reinterpret_cast<const char*>(&f), 4);
            std::uint64_t v = random.generate64() >> random.bounded(64);
            do {  // a varint, then a zigzag one
                key += static_cast<char>((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
                v >>= 7;
            } while (v);
            v = random.generate64() >> random.bounded(64);
            do {
                key += static_cast<char>((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
                v >>= 7;
            } while (v);
            key += randomBytes(3) + "|";
            const std::string words[] = {"", "a", "héllo", "x{y}z", "back\\slash"};
            key += words[random.bounded(5)] + "/" + randomBytes(random.bounded(6));
            auto typed = l.typedText(key);
            if (!typed) continue;  // the random bytes held a '|' or '/' where text was meant
            ++matched;
            auto back = l.encodeTyped(*typed);
            QVERIFY2(back.ok(), (*typed + ": " + back.status().message()).c_str());
            QCOMPARE(back.value(), key);
        }
        QVERIFY(matched > 3000);
    }

    // A key no typed text gives back has no typed form.
    void typedFormsThatWouldNotComeBack() {
        QCOMPARE(layout("k:{varint}").typedText(std::string("k:\x80\x00", 4)), std::optional<std::string>());
        QCOMPARE(layout("k:{varint}").typedText(std::string("k:\x00", 3)), std::optional<std::string>("k:{0}"));
        QCOMPARE(layout("{f32be}").typedText(std::string("\xff\xc0\x00\x01", 4)), std::optional<std::string>());
    }

    void fieldsReadAndWriteTheirLimits() {
        struct Case {
            const char* type;
            const char* text;
            const char* hex;
        };
        const Case cases[] = {
            {"u8", "255", "ff"},
            {"i8", "-128", "80"},
            {"u16le", "513", "0102"},
            {"i16be", "-2", "fffe"},
            {"i32le", "-2147483648", "00000080"},
            {"u64be", "18446744073709551615", "ffffffffffffffff"},
            {"i64be", "-9223372036854775808", "8000000000000000"},
            {"f32be", "1.5", "3fc00000"},
            {"f64le", "-0.0", "0000000000000080"},
            {"varint", "300", "ac02"},
            {"zigzag", "-1", "01"},
            {"zigzag", "-9223372036854775808", "ffffffffffffffffff01"},
            {"uuid", "00112233-4455-6677-8899-aabbccddeeff", "00112233445566778899aabbccddeeff"},
        };
        for (const Case& c : cases) {
            const FieldType type = fieldTypeNamed(c.type).value();
            const std::string bytes = QByteArray::fromHex(c.hex).toStdString();
            auto written = writeField(type, c.text);
            QVERIFY2(written.ok(), c.type);
            QCOMPARE(written.value(), bytes);
            auto read = readField(type, bytes);
            QVERIFY2(read.has_value(), c.type);
            QCOMPARE(read->text, std::string(c.text));
            QCOMPARE(read->size, bytes.size());
        }
        QVERIFY(!writeField(fieldTypeNamed("i8").value(), "128").ok());
        QVERIFY(!writeField(fieldTypeNamed("u64be").value(), "18446744073709551616").ok());
        QVERIFY(!readField(fieldTypeNamed("varint").value(), "\x80\x80").has_value());
        QVERIFY(!readField(fieldTypeNamed("varint").value(), std::string(11, '\x80')).has_value());
    }

    // The hex view's data inspector: every reading at an offset, and none past the bytes.
    void dataInspectorReadsAtTheCursor() {
        const std::string bytes = be64(1700000000000);  // ms since 1970: 2023-11-14T22:13:20Z
        auto reading = [](const std::vector<Reading>& all, const char* label) {
            for (const Reading& r : all)
                if (r.label == label) return r;
            qFatal("no reading %s", label);
        };
        const auto at0 = inspectBytes(bytes, 0);
        QCOMPARE(reading(at0, "Unix time ms (int64 BE)").value, std::string("2023-11-14T22:13:20Z"));
        QCOMPARE(reading(at0, "uint64 BE").value, std::string("1700000000000"));
        QCOMPARE(reading(at0, "Unix time s (int64 BE)").value, std::string());  // year 53,000-something: no date
        QCOMPARE(reading(at0, "int8").value, std::string("0"));
        const auto at6 = inspectBytes(bytes, 6);  // 0x68 0x00 left
        QCOMPARE(reading(at6, "uint16 BE").value, std::string("26624"));
        QCOMPARE(reading(at6, "uint16 BE").size, std::size_t{2});
        QCOMPARE(reading(at6, "int32 BE").value, std::string());
        QCOMPARE(reading(at6, "varint (unsigned LEB128)").value, std::string("104"));
        QCOMPARE(reading(at6, "UUID").value, std::string());
        QCOMPARE(inspectBytes(bytes, 8).size(), at0.size());  // the same rows, all empty
        for (const Reading& r : inspectBytes(bytes, 8)) QCOMPARE(r.value, std::string());
        const auto negative = inspectBytes(std::string("\xff\xff\xff\xff\xff\xff\xfc\x18", 8), 0);
        QCOMPARE(reading(negative, "Unix time ms (int64 BE)").value, std::string("1969-12-31T23:59:59Z"));
        QCOMPARE(reading(negative, "int64 BE").value, std::string("-1000"));
    }
};

QTEST_GUILESS_MAIN(KeyLayoutTest)
#include "key_layout_test.moc"
