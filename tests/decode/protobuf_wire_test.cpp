// protobuf_wire_test: Protobuf without a schema (decode/protobuf_wire.h)
// against `protoc --decode_raw` (protobuf-compiler), byte for byte: hand-made
// edge cases, random messages, garbage, every prefix of a real value (made
// with libprotobuf from the test schema, tests/data/decode) and depth bombs.
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QtTest>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "decode/protobuf_wire.h"
#include "tests/decode/protobuf_test_support.h"

using namespace meridian::decode;
using namespace meridian::protobuftest;
using namespace std::string_literals;

namespace {

std::string group(std::uint32_t number, const std::string& inner) {
    return varint((std::uint64_t{number} << 3) | 3) + inner + varint((std::uint64_t{number} << 3) | 4);
}

// What protoc --decode_raw makes of `bytes`: its output, or nullopt when it
// says "Failed to parse input.".
struct Protoc {
    QString program;
    std::optional<std::string> decodeRaw(const std::string& bytes) const {
        QProcess process;
        process.start(program, {QStringLiteral("--decode_raw")});
        if (!process.waitForStarted()) qFatal("protoc did not start");
        process.write(qb(bytes));
        process.closeWriteChannel();
        process.waitForFinished(60000);
        const QByteArray out = process.readAllStandardOutput();
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) return std::nullopt;
        return out.toStdString();
    }
};

// Random messages of every wire type, with the odd overlong varint, wrong
// length, unmatched group or garbage byte; the same for a given seed.
std::string randomMessage(QRandomGenerator& rng, int depth) {
    std::string out;
    const int fields = static_cast<int>(rng.bounded(5));
    for (int i = 0; i < fields; ++i) {
        const std::uint32_t numbers[] = {1, 2, 3, 15, 16, 2047, 2048, 536870911};
        const std::uint32_t number = numbers[rng.bounded(8)];
        const int wireTypes[] = {0, 0, 1, 2, 2, 2, 3, 5};
        const int wireType = wireTypes[rng.bounded(8)];
        std::string tag = varint((std::uint64_t{number} << 3) | static_cast<unsigned>(wireType));
        if (rng.bounded(20) == 0) {  // overlong tag
            tag.back() = static_cast<char>(tag.back() | 0x80);
            tag += "\x80\x00"s;
        }
        switch (wireType) {
        case 0: out += tag + varint(rng.bounded(2) ? rng.generate64() : rng.bounded(300)); break;
        case 1:
        case 5:
            out += tag;
            for (int b = 0; b < (wireType == 1 ? 8 : 4); ++b) out += static_cast<char>(rng.bounded(256));
            break;
        case 2: {
            std::string payload;
            const int kind = static_cast<int>(rng.bounded(4));
            if (kind == 0 && depth < 12) payload = randomMessage(rng, depth + 1);
            else if (kind == 1) payload = "text with \"quotes\", 'apostrophes', \\ and \t\n";
            else if (kind == 2) payload = "caf\xc3\xa9 \xe2\x98\x83";
            else
                for (int b = 0, n = static_cast<int>(rng.bounded(7)); b < n; ++b)
                    payload += static_cast<char>(rng.bounded(256));
            out += tag + varint(payload.size() + (rng.bounded(30) == 0 ? 1 : 0)) + payload;
            break;
        }
        case 3:
            out += tag + (depth < 12 ? randomMessage(rng, depth + 1) : std::string()) +
                   varint((std::uint64_t{rng.bounded(25) == 0 ? number + 1 : number} << 3) | 4);
            break;
        }
    }
    if (rng.bounded(15) == 0 && !out.empty())
        out[rng.bounded(static_cast<quint32>(out.size()))] = static_cast<char>(rng.bounded(256));
    return out;
}

}  // namespace

class ProtobufWireTest : public QObject {
    Q_OBJECT

private:
    Reference ref_;
    Protoc protoc_;

    // ours == protoc's, for valid and invalid bytes alike.
    void compareWithProtoc(const std::string& bytes, const char* what) {
        const Decoded ours = decodeProtobufWire(bytes);
        const std::optional<std::string> theirs = protoc_.decodeRaw(bytes);
        const QByteArray context = QByteArray(what) + " " + qb(bytes).toHex();
        QVERIFY2(ours.ok() == theirs.has_value(),
                 (context + (ours.ok() ? " we accept what protoc refuses" : " we refuse what protoc accepts: " +
                                                                                 qb(ours.failure->message)))
                     .constData());
        if (theirs) QCOMPARE(qb(ours.text), qb(*theirs));
    }

private slots:
    void initTestCase() {
        QVERIFY2(ref_.pool.FindMessageTypeByName("example.User"), "the reference did not load example.proto");
        protoc_.program = QStandardPaths::findExecutable(QStringLiteral("protoc"));
        if (protoc_.program.isEmpty())
            QFAIL("protoc is not on PATH: install protobuf-compiler (the package with protoc), which this test "
                  "compares the raw Protobuf view against");
    }

    void rawTreeOfEveryWireType() {
        const std::string bytes = "\x08\x96\x01"s                        // 1: varint 150
                                  "\x11\x01\x02\x03\x04\x05\x06\x07\x08"s  // 2: fixed64
                                  "\x1a\x03" "abc"s                        // 3: string
                                  "\x22\x02\x08\x01"s                      // 4: message {1: 1}
                                  "\x2a\x02\xff\x00"s                      // 5: bytes
                                  "\x33\x08\x01\x34"s                      // 6: group {1: 1}
                                  "\x3d\xef\xbe\xad\xde"s                  // 7: fixed32
                                  "\x08\x01"s;                             // 1 again
        const Decoded d = decodeProtobufWire(bytes);
        QVERIFY(d.ok());
        QCOMPARE(qb(d.format), QByteArray("Protobuf (no schema)"));
        QCOMPARE(d.root.kind, NodeKind::Map);
        QCOMPARE(qb(d.root.type), QByteArray("message"));
        QCOMPARE(d.root.size, bytes.size());
        QCOMPARE(d.root.children.size(), std::size_t{8});
        const char* names[] = {"1", "2", "3", "4", "5", "6", "7", "1"};
        const char* types[] = {"varint", "fixed64", "string", "message", "bytes", "group", "fixed32", "varint"};
        const std::size_t offsets[] = {0, 3, 12, 17, 21, 25, 29, 34};
        const std::size_t sizes[] = {3, 9, 5, 4, 4, 4, 5, 2};
        for (std::size_t i = 0; i < 8; ++i) {
            const Node& n = d.root.children[i];
            QCOMPARE(qb(n.name), QByteArray(names[i]));
            QCOMPARE(qb(n.type), QByteArray(types[i]));
            QCOMPARE(n.offset, offsets[i]);
            QCOMPARE(n.size, sizes[i]);
        }
        QCOMPARE(qb(d.root.children[1].value), QByteArray("578437695752307201"));
        QCOMPARE(qb(d.root.children[6].value), QByteArray("3735928559"));
        QCOMPARE(d.root.children[3].children[0].offset, std::size_t{19});
        QCOMPARE(qb(toJson(d.root)),
                 QByteArray(R"({"1":150,"2":578437695752307201,"3":"abc","4":{"1":1},"5":{"$hex":"FF00"},)"
                            R"("6":{"1":1},"7":3735928559,"1":1})"));
        QCOMPARE(qb(d.text), QByteArray("1: 150\n2: 0x0807060504030201\n3: \"abc\"\n4 {\n  1: 1\n}\n"
                                        "5: \"\\377\\000\"\n6 {\n  1: 1\n}\n7: 0xdeadbeef\n1: 1\n"));
        compareWithProtoc(bytes, "every wire type");
    }

    void rawEmptyInput() {
        const Decoded d = decodeProtobufWire("");
        QVERIFY(d.ok());
        QCOMPARE(d.root.kind, NodeKind::Map);
        QVERIFY(d.root.children.empty());
        QVERIFY(d.text.empty());
        compareWithProtoc("", "empty");
    }

    void rawFailures_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("reason");
        QTest::newRow("truncated varint") << QByteArray("\x08\x96", 2) << 1 << "varint is cut off";
        QTest::newRow("varint of 11 bytes") << QByteArray("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x80\x00", 12) << 1
                                            << "longer than 10 bytes";
        QTest::newRow("length past end") << QByteArray("\x12\x05" "ab", 4) << 1 << "runs past the end";
        QTest::newRow("wire type 6") << QByteArray("\x0e", 1) << 0 << "wire type 6";
        QTest::newRow("wire type 7") << QByteArray("\x08\x01\x0f", 3) << 2 << "wire type 7";
        QTest::newRow("field number 0") << QByteArray("\x02\x00", 2) << 0 << "field number 0";
        QTest::newRow("zero byte") << QByteArray("\x08\x01\x00", 3) << 2 << "field number 0";
        QTest::newRow("end group alone") << QByteArray("\x0c", 1) << 0 << "without a start-group";
        QTest::newRow("group closed by another") << QByteArray("\x0b\x08\x01\x14", 4) << 3 << "closed by an end-group";
        QTest::newRow("group never closed") << QByteArray("\x0b\x08\x01", 3) << 3 << "not closed";
        QTest::newRow("fixed64 short") << QByteArray("\x09\x01\x02", 3) << 1 << "needs 8 bytes";
        QTest::newRow("tag of 6 bytes") << QByteArray("\x88\x80\x80\x80\x80\x00\x01", 7) << 0 << "longer than 5";
        QTest::newRow("length of 2 GiB") << QByteArray("\x12\x80\x80\x80\x80\x08", 6) << 1 << "2 GiB";
    }

    void rawFailures() {
        QFETCH(QByteArray, input);
        QFETCH(int, offset);
        QFETCH(QString, reason);
        const std::string bytes = input.toStdString();
        const Decoded d = decodeProtobufWire(bytes);
        QVERIFY(!d.ok());
        QCOMPARE(d.failure->offset, static_cast<std::size_t>(offset));
        QVERIFY2(d.failure->message.rfind("not valid Protobuf at byte " + std::to_string(offset) + ": ", 0) == 0,
                 d.failure->message.c_str());
        QVERIFY2(QString::fromStdString(d.failure->message).contains(reason), d.failure->message.c_str());
        QVERIFY(d.text.empty());
        compareWithProtoc(bytes, "failure");
    }

    void rawMatchesProtocOnEdgeCases() {
        std::string deep = "\x08\x01"s;
        for (int i = 0; i < 12; ++i) deep = ld(1, deep);
        std::string groups100 = "\x08\x01"s, groups101;
        for (int i = 0; i < 100; ++i) groups100 = group(1, groups100);
        groups101 = group(1, groups100);
        std::string ldGroups = "\x08\x01"s;
        for (int i = 0; i < 11; ++i) ldGroups = group(2, ldGroups);
        std::string all;
        for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
        const std::vector<std::pair<const char*, std::string>> cases = {
            {"nested 12 deep (protoc prints 10)", deep},
            {"100 groups", groups100},
            {"101 groups", groups101},
            {"groups in a length-delimited field", ld(3, ldGroups)},
            {"groups then a message", group(1, group(1, group(1, ld(2, ld(2, "\x08\x01"s)))))},
            {"every byte in a string", ld(1, all)},
            {"empty length-delimited", ld(1, "")},
            {"a message ending in a zero byte", ld(1, "\x08\x01\x00"s)},
            {"overlong tag inside", ld(1, "\x88\x80\x80\x80\x80\x00\x01"s)},
            {"overlong tag at the top", "\x88\x80\x80\x80\x00\x01"s},
            {"tag cut to 32 bits", "\x88\x80\x80\x80\x7f\x01"s},
            {"length of 5 bytes", "\x12\x83\x80\x80\x80\x00" "abc"s},
            {"length cut to 32 bits inside", ld(1, "\x12\x83\x80\x80\x80\x10" "abc"s)},
            {"varint of 10 bytes", "\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f"s},
            {"field number 2^29-1", varint((std::uint64_t{536870911} << 3)) + "\x01"s},
            {"end group in a string", ld(1, "\x0c"s)},
            {"utf-8 string", ld(1, "caf\xc3\xa9")},
        };
        for (const auto& [what, bytes] : cases) compareWithProtoc(bytes, what);
    }

    void rawMatchesProtocOnRandomMessages() {
        QRandomGenerator rng(20240601);
        for (int i = 0; i < 300; ++i) compareWithProtoc(randomMessage(rng, 0), "random message");
    }

    void rawMatchesProtocOnSchemaValues() {
        auto user = ref_.make("example.User");
        fillUser(user.get(), true);
        compareWithProtoc(serialized(*user), "example.User");
        auto plus = ref_.make("example.UserPlus");
        Setter{plus.get()}.str("name", "Zed").str("nickname", "zz").u64("karma", 5);
        compareWithProtoc(serialized(*plus), "example.UserPlus");
    }

    // Every prefix of a real value: protoc and we agree on each, and every
    // failure is well-formed.
    void rawEveryPrefix() {
        auto user = ref_.make("example.User");
        fillUser(user.get(), false);
        const std::string bytes = serialized(*user);
        for (std::size_t n = 0; n <= bytes.size(); ++n) {
            const std::string prefix = bytes.substr(0, n);
            checkFailureShape(decodeProtobufWire(prefix), n);
            compareWithProtoc(prefix, "prefix");
        }
    }

    void rawGarbage() {
        QRandomGenerator rng(7);
        for (int i = 0; i < 3000; ++i) {
            std::string bytes(rng.bounded(64), '\0');
            for (char& c : bytes) c = static_cast<char>(rng.bounded(256));
            const Decoded d = decodeProtobufWire(bytes);
            checkFailureShape(d, bytes.size());
            if (i < 200) compareWithProtoc(bytes, "garbage");
        }
    }

    void rawDepthBomb() {
        std::string bytes = "\x08\x01"s;
        for (int i = 0; i < 10000; ++i) bytes = ld(1, bytes);
        const Decoded d = decodeProtobufWire(bytes);
        QVERIFY(d.ok());  // valid: deeper levels are shown as bytes
        QVERIFY(depthOf(d.root) <= Limits{}.maxDepth + 2);  // the root, 100 levels of messages, their fields
        QVERIFY2(QString::fromStdString(d.note).contains("deeper than 100 levels"), d.note.c_str());
        compareWithProtoc(bytes, "10,000 nested length-delimited fields");

        std::string groups = "\x08\x01"s;
        for (int i = 0; i < 10000; ++i) groups = group(1, groups);
        const Decoded g = decodeProtobufWire(groups);
        QVERIFY(!g.ok());
        QVERIFY2(QString::fromStdString(g.failure->message).contains("nested more than 100 levels deep"),
                 g.failure->message.c_str());
        checkFailureShape(g, groups.size());
        compareWithProtoc(groups, "10,000 nested groups");

        Limits shallow;
        shallow.maxDepth = 3;
        const Decoded s = decodeProtobufWire(group(1, group(1, group(1, group(1, "\x08\x01"s)))), shallow);
        QVERIFY(!s.ok());
        QVERIFY(QString::fromStdString(s.failure->message).contains("nested more than 3 levels deep"));
    }

    void rawCutAtMaxNodes() {
        std::string bytes;
        for (int i = 0; i < 1000; ++i) bytes += "\x08\x01"s;
        Limits limits;
        limits.maxNodes = 10;
        const Decoded d = decodeProtobufWire(bytes, limits);
        QVERIFY(d.ok());
        QVERIFY(d.cut);
        QCOMPARE(qb(d.note), qb(cutNote(10)));
        QCOMPARE(nodeCount(d.root), std::size_t{10});
        QVERIFY(d.text.empty());
    }

    void scanFields() {
        const auto spans = scanProtobufFields("\x08\x96\x01\x12\x02hi\x0b\x08\x01\x0c"s);
        QVERIFY(spans);
        QCOMPARE(spans->size(), std::size_t{3});
        QCOMPARE((*spans)[1].offset, std::size_t{3});
        QCOMPARE((*spans)[1].valueOffset, std::size_t{5});
        QCOMPARE((*spans)[1].valueSize, std::size_t{2});
        QCOMPARE((*spans)[2].wireType, 3);
        QCOMPARE((*spans)[2].size, std::size_t{4});
        QCOMPARE((*spans)[2].valueSize, std::size_t{2});
        QVERIFY(!scanProtobufFields("\x08"s));
        QVERIFY(!scanProtobufFields("\x08\x96\x01\x12\x02hi\x0b\x08\x01\x0c"s, 2));  // more fields than asked for
    }
};

QTEST_GUILESS_MAIN(ProtobufWireTest)
#include "protobuf_wire_test.moc"
