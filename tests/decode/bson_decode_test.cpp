// bson_decode_test: BSON (decode/bson.h) against libbson itself: documents
// are built with bson_append_*, decoded with ours, and compared field by
// field; the text must be libbson's relaxed extended JSON. Damaged documents
// (truncated, mutated, random, too deep) must fail with a well-formed
// "not valid BSON at byte N" and never crash.
#include <QRandomGenerator>
#include <QtTest>

#include <bson/bson.h>

#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "decode/bson.h"

using namespace meridian::decode;
using namespace std::string_literals;

namespace {

QByteArray qb(const std::string& s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

// A bson_t built in place, destroyed with the scope.
struct Doc {
    bson_t* b = bson_new();
    Doc() = default;
    Doc(const Doc&) = delete;
    Doc& operator=(const Doc&) = delete;
    ~Doc() { bson_destroy(b); }
    std::string bytes() const { return std::string(reinterpret_cast<const char*>(bson_get_data(b)), b->len); }
};

// libbson's relaxed extended JSON of valid bytes.
std::string libbsonJson(const std::string& bytes) {
    bson_t b;
    if (!bson_init_static(&b, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())) return "(init)";
    char* json = bson_as_relaxed_extended_json(&b, nullptr);
    if (!json) return "(null)";
    std::string out(json);
    bson_free(json);
    return out;
}

bool libbsonValid(const std::string& bytes) {
    bson_t b;
    std::size_t offset = 0;
    return bson_init_static(&b, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) &&
           bson_validate(&b, static_cast<bson_validate_flags_t>(BSON_VALIDATE_UTF8 | BSON_VALIDATE_UTF8_ALLOW_NULL),
                         &offset);
}

const Node* child(const Node& node, const std::string& name) {
    for (const Node& c : node.children)
        if (c.name == name) return &c;
    return nullptr;
}

void putInt32(std::string& bytes, std::size_t at, std::int32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((static_cast<std::uint32_t>(v) >> (8 * i)) & 0xFF);
}

// The document of every type the tests look at.
std::string everyType() {
    Doc doc;
    BSON_APPEND_UTF8(doc.b, "name", "Ada");
    BSON_APPEND_INT32(doc.b, "age", 36);
    BSON_APPEND_INT64(doc.b, "big", std::int64_t{1} << 40);
    BSON_APPEND_DOUBLE(doc.b, "pi", 3.25);
    const std::uint8_t raw[] = {1, 2, 255};
    BSON_APPEND_BINARY(doc.b, "bin", BSON_SUBTYPE_BINARY, raw, 3);
    const std::uint8_t uuid[16] = {0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0, 1, 2, 3};
    BSON_APPEND_BINARY(doc.b, "uuid", BSON_SUBTYPE_UUID, uuid, 16);
    bson_oid_t oid;
    bson_oid_init_from_string(&oid, "5f1a2b3c4d5e6f7081920a0b");
    BSON_APPEND_OID(doc.b, "id", &oid);
    BSON_APPEND_DATE_TIME(doc.b, "when", 1700000000123LL);
    BSON_APPEND_BOOL(doc.b, "ok", true);
    BSON_APPEND_NULL(doc.b, "nothing");
    bson_t nested;
    BSON_APPEND_DOCUMENT_BEGIN(doc.b, "nested", &nested);
    BSON_APPEND_INT32(&nested, "x", 1);
    bson_t tags;
    BSON_APPEND_ARRAY_BEGIN(&nested, "tags", &tags);
    BSON_APPEND_UTF8(&tags, "0", "a");
    BSON_APPEND_UTF8(&tags, "1", "b");
    bson_append_array_end(&nested, &tags);
    bson_append_document_end(doc.b, &nested);
    bson_t list;
    BSON_APPEND_ARRAY_BEGIN(doc.b, "list", &list);
    BSON_APPEND_INT32(&list, "0", 1);
    BSON_APPEND_UTF8(&list, "1", "two");
    bson_t three;
    BSON_APPEND_DOCUMENT_BEGIN(&list, "2", &three);
    BSON_APPEND_INT32(&three, "three", 3);
    bson_append_document_end(&list, &three);
    bson_append_array_end(doc.b, &list);
    BSON_APPEND_TIMESTAMP(doc.b, "ts", 5, 6);
    BSON_APPEND_REGEX(doc.b, "re", "^a", "i");
    bson_decimal128_t dec;
    bson_decimal128_from_string("1.5", &dec);
    BSON_APPEND_DECIMAL128(doc.b, "dec", &dec);
    BSON_APPEND_MINKEY(doc.b, "min");
    BSON_APPEND_MAXKEY(doc.b, "max");
    BSON_APPEND_CODE(doc.b, "code", "f()");
    BSON_APPEND_DOUBLE(doc.b, "inf", std::numeric_limits<double>::infinity());
    return doc.bytes();
}

void checkFailureShape(const Decoded& d, std::size_t size) {
    if (d.ok()) return;
    QVERIFY2(d.failure->message.rfind("not valid BSON at byte " + std::to_string(d.failure->offset) + ": ", 0) == 0,
             d.failure->message.c_str());
    QVERIFY(d.failure->offset <= size);
}

// Ours and libbson agree: what we accept libbson accepts and prints as our
// text; what libbson refuses, we refuse.
void checkAgainstLibbson(const std::string& bytes) {
    const Decoded d = decodeBson(bytes);
    checkFailureShape(d, bytes.size());
    const bool theirs = libbsonValid(bytes);
    if (d.ok()) {
        QVERIFY2(theirs, qb(bytes).toHex().constData());
        QCOMPARE(qb(d.text), qb(libbsonJson(bytes)));
        QVERIFY(looksLikeBson(bytes));
    } else {
        QVERIFY(!looksLikeBson(bytes));
    }
}

std::string nestedDocuments(int depth) {
    // {"a": {"a": ... {} ...}} built from the inside out.
    std::string doc = "\x05\x00\x00\x00\x00"s;
    for (int i = 0; i < depth; ++i) {
        std::string outer = "\x00\x00\x00\x00\x03" "a\x00"s + doc + "\x00"s;
        putInt32(outer, 0, static_cast<std::int32_t>(outer.size()));
        doc = std::move(outer);
    }
    return doc;
}

}  // namespace

class BsonDecodeTest : public QObject {
    Q_OBJECT

private slots:
    void decodesEveryType() {
        const std::string bytes = everyType();
        const Decoded d = decodeBson(bytes);
        QVERIFY2(d.ok(), d.failure->message.c_str());
        QCOMPARE(qb(d.format), QByteArray("BSON"));
        QCOMPARE(d.root.kind, NodeKind::Map);
        QCOMPARE(qb(d.root.type), QByteArray("document"));
        QCOMPARE(d.root.size, bytes.size());

        struct Expect {
            const char* name;
            NodeKind kind;
            const char* type;
            const char* value;
        };
        const Expect expected[] = {
            {"name", NodeKind::String, "string", "Ada"},
            {"age", NodeKind::Integer, "int32", "36"},
            {"big", NodeKind::Integer, "int64", "1099511627776"},
            {"pi", NodeKind::Float, "double", "3.25"},
            {"bin", NodeKind::Bytes, "binary subtype 0", "0102FF"},
            {"uuid", NodeKind::Bytes, "binary subtype 4", "123456781234456789ABCDEF00010203"},
            {"id", NodeKind::Other, "ObjectId", "5f1a2b3c4d5e6f7081920a0b"},
            {"when", NodeKind::Other, "date", "2023-11-14T22:13:20.123Z"},
            {"ok", NodeKind::Bool, "bool", "true"},
            {"nothing", NodeKind::Null, "null", ""},
            {"nested", NodeKind::Map, "document", ""},
            {"list", NodeKind::Array, "array", ""},
            {"ts", NodeKind::Other, "timestamp", "Timestamp(5, 6)"},
            {"re", NodeKind::Other, "regex", "/^a/i"},
            {"dec", NodeKind::Other, "decimal128", "1.5"},
            {"min", NodeKind::Other, "MinKey", "MinKey"},
            {"max", NodeKind::Other, "MaxKey", "MaxKey"},
            {"code", NodeKind::Other, "code", "f()"},
            {"inf", NodeKind::Float, "double", "Infinity"},
        };
        QCOMPARE(d.root.children.size(), std::size(expected));
        std::size_t end = 4;
        for (std::size_t i = 0; i < std::size(expected); ++i) {
            const Node& n = d.root.children[i];
            QCOMPARE(qb(n.name), QByteArray(expected[i].name));
            QCOMPARE(n.kind, expected[i].kind);
            QCOMPARE(qb(n.type), QByteArray(expected[i].type));
            QCOMPARE(qb(n.value), QByteArray(expected[i].value));
            // Each element from its type byte, its key right after, elements back to back.
            QCOMPARE(n.offset, end);
            QCOMPARE(qb(bytes.substr(n.offset + 1, std::strlen(expected[i].name) + 1)),
                     QByteArray(expected[i].name, static_cast<qsizetype>(std::strlen(expected[i].name) + 1)));
            end = n.offset + n.size;
        }
        QCOMPARE(end, bytes.size() - 1);

        const Node* nested = child(d.root, "nested");
        QCOMPARE(qb(child(*nested, "x")->value), QByteArray("1"));
        const Node* tags = child(*nested, "tags");
        QCOMPARE(tags->children.size(), std::size_t{2});
        QCOMPARE(qb(tags->children[1].name), QByteArray());  // array items have no names
        QCOMPARE(qb(tags->children[1].value), QByteArray("b"));
        QCOMPARE(qb(bytes.substr(tags->children[1].offset, tags->children[1].size)),
                 QByteArray("\x02" "1\x00\x02\x00\x00\x00" "b\x00", 9));
        const Node* list = child(d.root, "list");
        QCOMPARE(qb(child(list->children[2], "three")->value), QByteArray("3"));

        QCOMPARE(qb(toJson(d.root)),
                 QByteArray(R"j({"name":"Ada","age":36,"big":1099511627776,"pi":3.25,"bin":{"$hex":"0102FF"},)j"
                            R"j("uuid":{"$hex":"123456781234456789ABCDEF00010203"},)j"
                            R"j("id":{"$ObjectId":"5f1a2b3c4d5e6f7081920a0b"},)j"
                            R"j("when":{"$date":"2023-11-14T22:13:20.123Z"},"ok":true,"nothing":null,)j"
                            R"j("nested":{"x":1,"tags":["a","b"]},"list":[1,"two",{"three":3}],)j"
                            R"j("ts":{"$timestamp":"Timestamp(5, 6)"},"re":{"$regex":"/^a/i"},)j"
                            R"j("dec":{"$decimal128":"1.5"},"min":{"$MinKey":"MinKey"},"max":{"$MaxKey":"MaxKey"},)j"
                            R"j("code":{"$code":"f()"},"inf":"Infinity"})j"));
        QCOMPARE(qb(d.text), qb(libbsonJson(bytes)));
        QVERIFY(looksLikeBson(bytes));
    }

    void emptyDocument() {
        const std::string bytes = "\x05\x00\x00\x00\x00"s;
        const Decoded d = decodeBson(bytes);
        QVERIFY(d.ok());
        QVERIFY(d.root.children.empty());
        QCOMPARE(qb(d.text), qb(libbsonJson(bytes)));
        QVERIFY(looksLikeBson(bytes));
    }

    void codeWithScopeAndOddValues() {
        Doc doc;
        bson_t scope = BSON_INITIALIZER;
        BSON_APPEND_INT32(&scope, "x", 1);
        BSON_APPEND_CODE_WITH_SCOPE(doc.b, "cws", "f(x)", &scope);
        bson_destroy(&scope);
        BSON_APPEND_DATE_TIME(doc.b, "epoch", 0);
        BSON_APPEND_DATE_TIME(doc.b, "before", -1);
        BSON_APPEND_DATE_TIME(doc.b, "far", -62198755200001LL);  // before year 0
        BSON_APPEND_DOUBLE(doc.b, "nan", std::numeric_limits<double>::quiet_NaN());
        BSON_APPEND_DOUBLE(doc.b, "third", 1.0 / 3);
        BSON_APPEND_UTF8(doc.b, "empty", "");
        BSON_APPEND_UNDEFINED(doc.b, "undef");
        const std::string bytes = doc.bytes();
        const Decoded d = decodeBson(bytes);
        QVERIFY2(d.ok(), d.failure->message.c_str());
        const Node* cws = child(d.root, "cws");
        QCOMPARE(qb(cws->type), QByteArray("code with scope"));
        QCOMPARE(qb(child(*cws, "$code")->value), QByteArray("f(x)"));
        QCOMPARE(qb(child(*child(*cws, "$scope"), "x")->value), QByteArray("1"));
        QCOMPARE(qb(child(d.root, "epoch")->value), QByteArray("1970-01-01T00:00:00.000Z"));
        QCOMPARE(qb(child(d.root, "before")->value), QByteArray("1969-12-31T23:59:59.999Z"));
        QCOMPARE(qb(child(d.root, "far")->value), QByteArray("-62198755200001 ms since 1970"));
        QCOMPARE(qb(child(d.root, "nan")->value), QByteArray("NaN"));
        QCOMPARE(qb(child(d.root, "third")->value), QByteArray("0.3333333333333333"));
        QCOMPARE(child(d.root, "undef")->kind, NodeKind::Other);
        QCOMPARE(qb(d.text), qb(libbsonJson(bytes)));
    }

    void failures_data() {
        const std::string good = everyType();
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << 0 << "at least 5 bytes, this has 0";
        QTest::newRow("4 bytes") << QByteArray("\x05\x00\x00\x00", 4) << 0 << "at least 5 bytes";
        const QString claims = QStringLiteral("the document claims %1 bytes and has %2");
        QTest::newRow("one byte more") << qb(good + "\x00"s) << 0 << claims.arg(good.size()).arg(good.size() + 1);
        QTest::newRow("one byte less") << qb(good.substr(0, good.size() - 1)) << 0
                                       << claims.arg(good.size()).arg(good.size() - 1);
        QTest::newRow("negative length") << QByteArray("\xff\xff\xff\xff\x00", 5) << 0 << "claims -1 bytes";
        std::string noNul = good;
        noNul.back() = 'x';
        QTest::newRow("no final 0x00") << qb(noNul) << static_cast<int>(good.size() - 1) << "does not end with a 0x00";
        std::string badType = good;
        badType[4] = '\x7e';
        QTest::newRow("unknown type") << qb(badType) << 4 << "unknown element type 0x7E";
        std::string longString = good;
        putInt32(longString, 10, 1000);  // "name"'s string length
        QTest::newRow("string past the end") << qb(longString) << 10 << "the string \"name\" is corrupt";
        std::string notUtf8 = good;
        notUtf8[14] = '\xff';  // in "Ada"
        QTest::newRow("string not UTF-8") << qb(notUtf8) << 4 << "the string \"name\" is not valid UTF-8";
        // A nested document whose last byte is not 0: libbson 1.23's validation lets it through.
        Doc outer;
        bson_t inner;
        BSON_APPEND_DOCUMENT_BEGIN(outer.b, "d", &inner);
        BSON_APPEND_INT32(&inner, "x", 1);
        bson_append_document_end(outer.b, &inner);
        std::string innerNoNul = outer.bytes();
        innerNoNul[18] = '\x01';
        QTest::newRow("nested document without its 0x00") << qb(innerNoNul) << 7 << "length does not match";
        std::string early = "\x0d\x00\x00\x00\x10" "a\x00\x01\x00\x00\x00\x00\x00"s;  // a 0x00 where more was claimed
        putInt32(early, 0, 14);
        early += "\x00"s;
        QTest::newRow("early end") << qb(early) << 11 << "a 0x00 byte ends the document before the length it claims";
    }

    void failures() {
        QFETCH(QByteArray, input);
        QFETCH(int, offset);
        QFETCH(QString, reason);
        const std::string bytes = input.toStdString();
        const Decoded d = decodeBson(bytes);
        QVERIFY(!d.ok());
        QVERIFY2(d.failure->message.rfind("not valid BSON at byte " + std::to_string(offset) + ": ", 0) == 0,
                 d.failure->message.c_str());
        QCOMPARE(d.failure->offset, static_cast<std::size_t>(offset));
        QVERIFY2(QString::fromStdString(d.failure->message).contains(reason), d.failure->message.c_str());
        QVERIFY(d.text.empty());
        QVERIFY(!looksLikeBson(bytes));
    }

    void everyPrefix() {
        const std::string good = everyType();
        for (std::size_t n = 0; n < good.size(); ++n) {
            std::string prefix = good.substr(0, n);
            QVERIFY(!decodeBson(prefix).ok());
            checkFailureShape(decodeBson(prefix), n);
            // The same prefix claiming its own length and ending in 0x00: damaged inside.
            if (n >= 5) {
                putInt32(prefix, 0, static_cast<std::int32_t>(n));
                prefix.back() = '\0';
                checkAgainstLibbson(prefix);
            }
        }
    }

    void mutationsAndGarbage() {
        const std::string good = everyType();
        QRandomGenerator rng(1234);
        for (int i = 0; i < 20000; ++i) {
            std::string bytes = good;
            for (int k = 0, n = 1 + static_cast<int>(rng.bounded(3)); k < n; ++k)
                bytes[rng.bounded(static_cast<quint32>(bytes.size()))] = static_cast<char>(rng.bounded(256));
            checkAgainstLibbson(bytes);
        }
        for (int i = 0; i < 5000; ++i) {
            std::string bytes(5 + rng.bounded(40), '\0');
            for (char& c : bytes) c = static_cast<char>(rng.bounded(256));
            if (i % 2 == 0) {  // a frame that passes the first checks
                putInt32(bytes, 0, static_cast<std::int32_t>(bytes.size()));
                bytes.back() = '\0';
            }
            checkAgainstLibbson(bytes);
        }
    }

    void depthLimit() {
        const std::string bomb = nestedDocuments(10000);
        const Decoded d = decodeBson(bomb);
        QVERIFY(!d.ok());
        QVERIFY2(QString::fromStdString(d.failure->message).contains("nested more than 100 levels deep"),
                 d.failure->message.c_str());
        checkFailureShape(d, bomb.size());
        QVERIFY(!looksLikeBson(bomb));

        QVERIFY(decodeBson(nestedDocuments(100)).ok());
        QVERIFY(!decodeBson(nestedDocuments(101)).ok());
        Limits shallow;
        shallow.maxDepth = 2;
        QVERIFY(decodeBson(nestedDocuments(2), shallow).ok());
        const Decoded three = decodeBson(nestedDocuments(3), shallow);
        QVERIFY(!three.ok());
        QCOMPARE(three.failure->offset, std::size_t{18});  // the element holding the third level
    }

    void cutAtMaxNodes() {
        Doc doc;
        bson_t array;
        BSON_APPEND_ARRAY_BEGIN(doc.b, "a", &array);
        for (int i = 0; i < 1000; ++i) BSON_APPEND_INT32(&array, std::to_string(i).c_str(), i);
        bson_append_array_end(doc.b, &array);
        Limits limits;
        limits.maxNodes = 10;
        const Decoded d = decodeBson(doc.bytes(), limits);
        QVERIFY(d.ok());
        QVERIFY(d.cut);
        QCOMPARE(qb(d.note), qb(cutNote(10)));
        QCOMPARE(nodeCount(d.root), std::size_t{10});
        QVERIFY(d.text.empty());
        QVERIFY(decodeBson(doc.bytes()).ok());
        QCOMPARE(nodeCount(decodeBson(doc.bytes()).root), std::size_t{1002});
    }

    void looksLike() {
        QVERIFY(looksLikeBson(everyType()));
        QVERIFY(looksLikeBson("\x05\x00\x00\x00\x00"s));
        QVERIFY(!looksLikeBson(""));
        QVERIFY(!looksLikeBson("hello world"));
        QVERIFY(!looksLikeBson("\x05\x00\x00\x00\x01"s));
        QVERIFY(!looksLikeBson("\x06\x00\x00\x00\x00"s));
        QVERIFY(!looksLikeBson("\x08\x96\x01"s));                         // Protobuf
        QVERIFY(!looksLikeBson("\x0c\x00\x00\x00\x7e" "a\x00\x00\x00\x00\x00\x00"s));  // unknown type
    }
};

QTEST_GUILESS_MAIN(BsonDecodeTest)
#include "bson_decode_test.moc"
