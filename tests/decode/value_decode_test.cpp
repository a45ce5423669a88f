// MessagePack and CBOR decoding, checked against the reference libraries:
// values written by msgpack-cxx and by Qt's QCborValue decode to the tree and
// notation they stand for; every prefix of them and garbage give "not valid X
// at byte N"; nesting and size limits hold. Also which format a value is
// guessed to be.
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QRandomGenerator>
#include <QtTest>

#include <msgpack.hpp>

#include "decode/cbor.h"
#include "decode/messagepack.h"
#include "decode/value_decoder.h"

using namespace meridian::decode;

namespace {

std::string packed(const msgpack::sbuffer& buffer) { return std::string(buffer.data(), buffer.size()); }

std::string cbor(const QCborValue& value) {
    const QByteArray bytes = value.toCbor();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

std::string fromHexText(const char* hex) { return QByteArray::fromHex(hex).toStdString(); }

// Every strict prefix of a valid value fails with the common wording, at an
// offset inside the bytes, and never crashes.
template <class Decode>
void checkEveryPrefixFails(const std::string& bytes, const char* format, Decode decode) {
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const Decoded d = decode(std::string_view(bytes).substr(0, n));
        QVERIFY2(!d.ok(), qPrintable(QString("prefix of %1 bytes decoded").arg(n)));
        QVERIFY2(d.failure->message.starts_with(std::string("not valid ") + format + " at byte "),
                 d.failure->message.c_str());
        QVERIFY(d.failure->offset <= n);
    }
}

const Node* child(const Node& node, const std::string& name) {
    for (const Node& c : node.children)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

class ValueDecodeTest : public QObject {
    Q_OBJECT
private slots:
    void messagePackFromTheReferenceLibrary() {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack_map(9);
        pk.pack(std::string("name"));
        pk.pack(std::string("Ada"));
        pk.pack(std::string("age"));
        pk.pack(std::uint8_t{36});
        pk.pack(std::string("balance"));
        pk.pack(-1234567890123LL);
        pk.pack(std::string("ratio"));
        pk.pack(0.1f);
        pk.pack(std::string("pi"));
        pk.pack(3.141592653589793);
        pk.pack(std::string("tags"));
        pk.pack_array(3);
        pk.pack(std::string("a"));
        pk.pack_nil();
        pk.pack(true);
        pk.pack(std::string("blob"));
        pk.pack_bin(3);
        pk.pack_bin_body("\x00\x01\xff", 3);
        pk.pack(std::string("when"));  // the timestamp extension, 32-bit seconds
        pk.pack_ext(4, -1);
        pk.pack_ext_body("\x65\x53\xf1\x00", 4);
        pk.pack(std::uint32_t{7});  // a non-string key
        pk.pack_ext(2, 5);
        pk.pack_ext_body("\xab\xcd", 2);
        const std::string bytes = packed(buffer);

        const Decoded d = decodeMessagePack(bytes);
        QVERIFY2(d.ok(), d.failure ? d.failure->message.c_str() : "");
        QCOMPARE(d.root.kind, NodeKind::Map);
        QCOMPARE(d.root.children.size(), std::size_t{9});
        QCOMPARE(toJson(d.root),
                 std::string("{\"name\":\"Ada\",\"age\":36,\"balance\":-1234567890123,\"ratio\":0.1,\"pi\":3.141592653589793,"
                             "\"tags\":[\"a\",null,true],\"blob\":{\"$hex\":\"0001FF\"},\"when\":{\"$timestamp\":\"2023-11-14T22:13:20Z\"},"
                             "\"7\":{\"$ext 5\":\"ABCD\"}}"));
        // Strings and binary know where they are.
        const Node* blob = child(d.root, "blob");
        QVERIFY(blob);
        QCOMPARE(bytes.substr(blob->offset, blob->size), std::string("\x00\x01\xff", 3));
        QCOMPARE(child(d.root, "ratio")->type, std::string("float32"));
        checkEveryPrefixFails(bytes, "MessagePack", [](std::string_view b) { return decodeMessagePack(b); });
    }

    void messagePackRefusesWhatIsNotOneValue() {
        const Decoded extra = decodeMessagePack(fromHexText("81a1610102"));  // {"a":1} then 0x02
        QVERIFY(!extra.ok());
        QCOMPARE(extra.failure->message, std::string("not valid MessagePack at byte 4: 1 byte after the value"));
        const Decoded never = decodeMessagePack(fromHexText("91c1"));  // 0xC1 is never used
        QVERIFY(!never.ok());
        QCOMPARE(never.failure->offset, std::size_t{1});
        // A 4-billion-item array announced in 5 bytes fails at the end, without allocating for it.
        const Decoded huge = decodeMessagePack(fromHexText("ddffffffff01"));
        QVERIFY(!huge.ok());
        QVERIFY(huge.failure->offset <= 6);
    }

    void messagePackNestingAndSizeLimits() {
        const std::string deep(10000, '\x91');  // [[[[...
        const Decoded d = decodeMessagePack(deep + std::string(1, '\x01'));
        QVERIFY(!d.ok());
        QVERIFY2(d.failure->message.find("nested deeper than 100 levels") != std::string::npos, d.failure->message.c_str());

        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack_array(300000);
        for (int i = 0; i < 300000; ++i) pk.pack(i);
        const Decoded big = decodeMessagePack(packed(buffer));
        QVERIFY(big.ok());  // read to the end, so a damaged tail would still show
        QVERIFY(big.cut);
        QCOMPARE(nodeCount(big.root), Limits{}.maxNodes);
        QCOMPARE(big.note, std::string("too large to decode in full: showing the first 200,000 items"));
    }

    // Keys that are containers are named by their JSON, cut short: uncut, a key
    // whose key is a map escapes the text inside again at every level, and 60
    // bytes of nested keys would be named in gigabytes. Empty strings have no place.
    void nestedContainerKeysStaySmall() {
        for (const char map : {'\x81', '\xa1'}) {  // a one-entry map, in MessagePack and in CBOR
            const int k = 60;
            std::string bytes(k, map);
            bytes += std::string(k + 1, '\x01');
            const Decoded d = map == '\x81' ? decodeMessagePack(bytes) : decodeCbor(bytes);
            QVERIFY2(d.ok(), d.failure ? d.failure->message.c_str() : "");
            QCOMPARE(d.root.children.size(), std::size_t{1});
            QVERIFY(d.root.children[0].name.size() <= 256 + 3);
            QVERIFY(d.root.children[0].name.ends_with("…"));
        }
        const Decoded empty = decodeMessagePack(fromHexText("92a178a0"));  // ["x", ""]
        QVERIFY(empty.ok());
        QCOMPARE(empty.root.children[1].offset, std::size_t{0});
        QCOMPARE(empty.root.children[1].size, std::size_t{0});
        QCOMPARE(decodeMessagePack(fromHexText("a0")).root.offset, std::size_t{0});
        // A long chain of tags on every item names a few, not all of them.
        std::string tagged;
        for (int i = 0; i < 99; ++i) tagged += '\xc0';
        tagged += '\x00';
        const Decoded tags = decodeCbor(tagged);
        QVERIFY(tags.ok());
        QVERIFY2(tags.root.type.size() < 300, tags.root.type.c_str());
    }

    void cborFromQCborValue() {
        QCborMap map;
        map.insert(QStringLiteral("name"), QStringLiteral("Grace \"G\"\n"));
        map.insert(QStringLiteral("n"), -42);
        map.insert(QStringLiteral("big"), qint64(-9223372036854775807LL - 1));
        map.insert(QStringLiteral("x"), 1.5);
        map.insert(QStringLiteral("list"), QCborArray{1, QStringLiteral("two"), QByteArray("\x03\x04", 2), false});
        map.insert(7, QCborMap{{QStringLiteral("inner"), true}});
        map.insert(QCborArray{1, 2}, QCborValue(QCborValue::Null));
        const QCborValue value(map);
        const std::string bytes = cbor(value);

        const Decoded d = decodeCbor(bytes);
        QVERIFY2(d.ok(), d.failure ? d.failure->message.c_str() : "");
        // Qt's own diagnostic notation of what it wrote is ours, for values it
        // writes losslessly (no NaN, -0.0 or undefined, which Qt prints otherwise).
        QCOMPARE(QString::fromStdString(d.text), value.toDiagnosticNotation());
        QCOMPARE(toJson(d.root),
                 std::string("{\"name\":\"Grace \\\"G\\\"\\n\",\"n\":-42,\"big\":-9223372036854775808,\"x\":1.5,"
                             "\"list\":[1,\"two\",{\"$hex\":\"0304\"},false],\"7\":{\"inner\":true},\"[1,2]\":null}"));
        // Every item knows its bytes: the byte string's node covers its header and content.
        const Node* list = child(d.root, "list");
        QVERIFY(list);
        QCOMPARE(bytes.substr(list->children[2].offset, list->children[2].size), std::string("\x42\x03\x04", 3));
        // And what Qt reads back from our reading's bytes is the same value.
        QCOMPARE(QCborValue::fromCbor(QByteArray::fromStdString(bytes.substr(d.root.offset, d.root.size))), value);
        checkEveryPrefixFails(bytes, "CBOR", [](std::string_view b) { return decodeCbor(b); });
    }

    void cborWhatQtReadsButDoesNotShow() {
        // Indefinite lengths, half floats, -0.0, undefined, simple values,
        // the largest negative integer and tags, in RFC 8949's notation.
        const Decoded d = decodeCbor(fromHexText("9f018202035f42010243030405ff7f6161626263ffbf6161f93c00fff98000f7f0"
                                                 "3bffffffffffffffffc11a6553f100f97e00fa7f800000ff"));
        QVERIFY2(d.ok(), d.failure ? d.failure->message.c_str() : "");
        // Floats that are not doubles say their width (_1 half, _2 single), so the text is exact.
        QCOMPARE(d.text, std::string("[_ 1, [2, 3], (_ h'0102', h'030405'), (_ \"a\", \"bc\"), {_ \"a\": 1.0_1}, -0.0_1, undefined, "
                                     "simple(16), -18446744073709551616, 1(1700000000), NaN_1, Infinity_2]"));
        QVERIFY(d.root.children[9].type.find("epoch time 2023-11-14T22:13:20Z") != std::string::npos);
        QCOMPARE(d.root.children[3].value, std::string("abc"));
        // Qt reads the same bytes to the same values.
        const QCborArray qt = QCborValue::fromCbor(QByteArray::fromStdString(fromHexText(
                                  "9f018202035f42010243030405ff7f6161626263ffbf6161f93c00fff98000f7f03bffffffffffffffffc11a"
                                  "6553f100f97e00fa7f800000ff")))
                                  .toArray();
        QCOMPARE(qt.size(), qsizetype(d.root.children.size()));
        QCOMPARE(qt.at(3).toString().toStdString(), d.root.children[3].value);
    }

    void cborGarbage() {
        struct Case {
            const char* hex;
            std::size_t at;
            const char* says;
        };
        const Case cases[] = {
            {"1c", 0, "additional information 28 is reserved"},
            {"ff", 0, "a break (0xFF) outside an indefinite-length item"},
            {"62c328", 0, "the text string is not valid UTF-8"},
            {"5a00ffffff00", 0, "a byte string's length runs past the end"},
            {"0102", 1, "1 byte after the value"},
            {"5f6161ff", 1, "a chunk of an indefinite-length byte string must be a definite byte string"},
            {"bf6161ff", 3, "a map ends after a key, without its value"},
            {"f801", 0, "simple value 1 must be in one byte"},
        };
        for (const Case& c : cases) {
            const Decoded d = decodeCbor(fromHexText(c.hex));
            QVERIFY2(!d.ok(), c.hex);
            QVERIFY2(d.failure->message.find(c.says) != std::string::npos, d.failure->message.c_str());
            QCOMPARE(d.failure->offset, c.at);
            QVERIFY(d.failure->message.starts_with("not valid CBOR at byte " + std::to_string(c.at) + ": "));
        }
        const Decoded deep = decodeCbor(std::string(5000, '\x81') + "\x01");
        QVERIFY(!deep.ok());
        const Decoded tags = decodeCbor(std::string(5000, '\xc1') + "\x01");
        QVERIFY(!tags.ok());
    }

    void randomBytesNeverCrash() {
        QRandomGenerator random(1234);
        for (int i = 0; i < 20000; ++i) {
            std::string bytes(random.bounded(1, 64), '\0');
            for (char& c : bytes) c = static_cast<char>(random.bounded(256));
            for (const Decoded& d : {decodeMessagePack(bytes), decodeCbor(bytes)}) {
                if (!d.ok()) {
                    QVERIFY(d.failure->offset <= bytes.size());
                    QVERIFY(d.failure->message.starts_with("not valid "));
                }
            }
        }
    }

    void guessesTheFormat() {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack_map(1);
        pk.pack(std::string("id"));
        pk.pack(7);
        QCOMPARE(guessFormat(packed(buffer)), std::optional(ValueFormat::MessagePack));
        QCOMPARE(guessFormat(cbor(QCborMap{{QStringLiteral("id"), 7}})), std::optional(ValueFormat::Cbor));
        QCOMPARE(guessFormat(cbor(QCborArray{1, 2, 3})), std::optional(ValueFormat::Cbor));
        QCOMPARE(guessFormat("{\"id\": 7}"), std::optional<ValueFormat>());
        QCOMPARE(guessFormat("plain text"), std::optional<ValueFormat>());
        QCOMPARE(guessFormat(std::string("\x00\x00\x00\x00\x00\x00\x01\x02", 8)), std::optional<ValueFormat>());
        QCOMPARE(guessFormat(""), std::optional<ValueFormat>());
        // Protobuf: field 1 varint 150, field 2 "hi" (0x08 0x96 0x01 0x12 0x02 'h' 'i').
        QCOMPARE(guessFormat(fromHexText("089601120268690a")), std::optional<ValueFormat>());  // a dangling tag
        QCOMPARE(guessFormat(fromHexText("0896011202686918")), std::optional<ValueFormat>());
        QCOMPARE(guessFormat(fromHexText("08960112026869")), std::optional(ValueFormat::ProtobufWire));
    }

    void decoderNamesReadBack() {
        for (const char* name : {"msgpack", "cbor", "bson", "protobuf", "protobuf:schemas/a.proto:pkg.Msg", "u64be",
                                 "i16le", "f64be", "varint", "zigzag", "uuid", "utf8", "bytes:16"}) {
            auto spec = parseDecoderSpec(name);
            QVERIFY2(spec.ok(), name);
            QCOMPARE(spec->name(), std::string(name));
        }
        for (const char* name : {"", "json5", "u63be", "protobuf:", "protobuf:x.proto", "u64be:8", "bytes:"}) {
            QVERIFY2(!parseDecoderSpec(name).ok(), name);
        }
        auto u64 = ValueDecoder::make(parseDecoderSpec("u64be").value());
        QVERIFY(u64.ok());
        QCOMPARE(u64->decode(std::string("\x00\x00\x00\x00\x00\x00\x01\x00", 8)).root.value, std::string("256"));
        const Decoded shortValue = u64->decode("abc");
        QVERIFY(!shortValue.ok());
        QCOMPARE(shortValue.failure->message, std::string("not valid u64be at byte 3: u64be needs 8 bytes, 3 left"));
    }
};

QTEST_GUILESS_MAIN(ValueDecodeTest)
#include "value_decode_test.moc"
