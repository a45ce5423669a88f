// protobuf_decode_test: Protobuf without a schema (decode/protobuf_wire.h)
// against `protoc --decode_raw`, and with a schema (decode/protobuf_schema.h)
// against libprotobuf itself: the values are made with libprotobuf's dynamic
// messages from the same .proto files (tests/data/decode), loaded here
// independently of ProtobufSchema, then serialized and decoded with ours.
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "decode/protobuf_schema.h"
#include "decode/protobuf_wire.h"

using namespace meridian::decode;
using namespace std::string_literals;
namespace pb = google::protobuf;

namespace {

const QString kDataDir = QStringLiteral(MERIDIAN_TEST_SOURCE_DIR "/data/decode");

QByteArray qb(const std::string& s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

std::string path(const QString& file) { return (kDataDir + "/" + file).toStdString(); }

// libprotobuf's own view of the test schema: the reference the decoder is
// checked against (the well-known types from libprotobuf, as ours).
struct Reference {
    pb::compiler::DiskSourceTree tree;
    pb::DescriptorPoolDatabase wellKnown{*pb::DescriptorPool::generated_pool()};
    pb::compiler::SourceTreeDescriptorDatabase database{&tree, &wellKnown};
    pb::DescriptorPool pool{&database};
    pb::DynamicMessageFactory factory;

    Reference() {
        tree.MapPath("", kDataDir.toStdString());
        pool.FindFileByName("example.proto");
        pool.FindFileByName("legacy.proto");
    }

    std::unique_ptr<pb::Message> make(const std::string& type) {
        const pb::Descriptor* descriptor = pool.FindMessageTypeByName(type);
        if (!descriptor) return nullptr;
        return std::unique_ptr<pb::Message>(factory.GetPrototype(descriptor)->New());
    }
};

// Setting fields by name through Reflection.
struct Setter {
    pb::Message* m;
    const pb::FieldDescriptor* f(const char* name) const {
        const pb::FieldDescriptor* field = m->GetDescriptor()->FindFieldByName(name);
        if (!field) qFatal("no field %s", name);
        return field;
    }
    const pb::Reflection* r() const { return m->GetReflection(); }
    Setter& str(const char* name, const std::string& v) { r()->SetString(m, f(name), v); return *this; }
    Setter& addStr(const char* name, const std::string& v) { r()->AddString(m, f(name), v); return *this; }
    Setter& i32(const char* name, std::int32_t v) { r()->SetInt32(m, f(name), v); return *this; }
    Setter& addI32(const char* name, std::int32_t v) { r()->AddInt32(m, f(name), v); return *this; }
    Setter& i64(const char* name, std::int64_t v) { r()->SetInt64(m, f(name), v); return *this; }
    Setter& u32(const char* name, std::uint32_t v) { r()->SetUInt32(m, f(name), v); return *this; }
    Setter& u64(const char* name, std::uint64_t v) { r()->SetUInt64(m, f(name), v); return *this; }
    Setter& dbl(const char* name, double v) { r()->SetDouble(m, f(name), v); return *this; }
    Setter& flt(const char* name, float v) { r()->SetFloat(m, f(name), v); return *this; }
    Setter& boolean(const char* name, bool v) { r()->SetBool(m, f(name), v); return *this; }
    Setter& enumValue(const char* name, int v) { r()->SetEnumValue(m, f(name), v); return *this; }
    Setter sub(const char* name) { return Setter{r()->MutableMessage(m, f(name))}; }
    Setter add(const char* name) { return Setter{r()->AddMessage(m, f(name))}; }
};

std::string serialized(const pb::Message& m) {
    std::string out;
    m.SerializePartialToString(&out);
    return out;
}

// example.User with every kind of field set.
void fillUser(pb::Message* user, bool twoEntryMaps) {
    Setter u{user};
    u.str("name", "Alice").i64("id", 42).addStr("tags", "a").addStr("tags", "b").addStr("tags", "c");
    u.enumValue("role", 2);
    u.add("scores").str("key", "math").i32("value", 90);
    if (twoEntryMaps) u.add("scores").str("key", "art").i32("value", 75);
    u.str("avatar", "\x00\x01\xff"s).dbl("balance", 1234.5).i64("delta", -7).u32("flags", 0xDEADBEEF);
    u.str("email", "alice@example.com");
    u.sub("address").str("street", "Main St 1").str("city", "Springfield").i32("zip", 12345);
    u.add("previous").str("city", "Old Town");
    u.add("previous").str("city", "Elsewhere").i32("zip", 1);
    u.addI32("lucky", 7).addI32("lucky", -1).addI32("lucky", 300);
    Setter audit = u.sub("audit");
    audit.str("by", "bob").i64("at", 1700000000).addStr("changes", "x");
    u.sub("created").i64("seconds", 1700000000).i32("nanos", 5);
    u.flt("ratio", 0.1f).boolean("active", true);
    Setter office = u.add("offices");
    office.i32("key", 2);
    office.sub("value").str("city", "B");
    if (twoEntryMaps) {
        Setter first = u.add("offices");
        first.i32("key", 1);
        first.sub("value").str("city", "A");
    }
}

const Node* child(const Node& node, const std::string& name) {
    for (const Node& c : node.children)
        if (c.name == name) return &c;
    return nullptr;
}

std::size_t depthOf(const Node& node) {
    std::size_t deepest = 0;
    for (const Node& c : node.children) deepest = std::max(deepest, depthOf(c));
    return deepest + 1;
}

std::string varint(std::uint64_t v) {
    std::string out;
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
    return out;
}
std::string ld(std::uint32_t number, const std::string& payload) {
    return varint((std::uint64_t{number} << 3) | 2) + varint(payload.size()) + payload;
}
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

void checkFailureShape(const Decoded& decoded, std::size_t size) {
    if (decoded.ok()) return;
    const std::string prefix = "not valid Protobuf at byte " + std::to_string(decoded.failure->offset) + ": ";
    QVERIFY2(decoded.failure->message.rfind(prefix, 0) == 0, decoded.failure->message.c_str());
    QVERIFY(decoded.failure->offset <= size);
}

}  // namespace

class ProtobufDecodeTest : public QObject {
    Q_OBJECT

private:
    Reference ref_;
    std::shared_ptr<const ProtobufSchema> schema_;
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
        QVERIFY(ref_.pool.FindMessageTypeByName("legacy.Record"));
        auto loaded = ProtobufSchema::load({path("example.proto"), path("legacy.proto")});
        QVERIFY2(loaded.ok(), loaded.status().message().c_str());
        schema_ = loaded.value();
        protoc_.program = QStandardPaths::findExecutable(QStringLiteral("protoc"));
        if (protoc_.program.isEmpty())
            QFAIL("protoc is not on PATH: install protobuf-compiler (the package with protoc), which this test "
                  "compares the raw Protobuf view against");
    }

    // ---- without a schema ------------------------------------------------

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
            const Decoded s = schema_->decode(bytes, "example.User");
            checkFailureShape(s, bytes.size());
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

    // ---- with a schema ---------------------------------------------------

    void loadsFilesAndFolders() {
        const std::vector<std::string> types = schema_->messageTypes();
        QVERIFY(std::is_sorted(types.begin(), types.end()));
        for (const char* name : {"example.User", "example.User.Address", "example.common.Audit",
                                 "google.protobuf.Timestamp", "legacy.Record", "legacy.Record.Item"})
            QVERIFY2(std::find(types.begin(), types.end(), name) != types.end(), name);
        QVERIFY(std::find(types.begin(), types.end(), "example.User.ScoresEntry") == types.end());

        auto folder = ProtobufSchema::load({kDataDir.toStdString()});
        QVERIFY2(folder.ok(), folder.status().message().c_str());
        QCOMPARE(folder.value()->messageTypes(), types);
    }

    void loadErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto write = [&dir](const char* name, const char* text) {
            QFile file(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write("broken.proto", "syntax = \"proto3\";\nmessage A { int32 x = 1 }\n");
        write("imports.proto", "syntax = \"proto3\";\nimport \"missing.proto\";\nmessage B { int32 y = 1; }\n");
        auto broken = ProtobufSchema::load({dir.filePath("broken.proto").toStdString()});
        QVERIFY(!broken.ok());
        QCOMPARE(broken.status().code(), meridian::storage::Status::Code::InvalidArgument);
        const QString brokenMessage = QString::fromStdString(broken.status().message());
        QVERIFY2(brokenMessage.contains(dir.filePath("broken.proto") + ":2:"), qPrintable(brokenMessage));

        auto missing = ProtobufSchema::load({dir.filePath("imports.proto").toStdString()});
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.status().message()).contains("missing.proto"),
                 missing.status().message().c_str());

        auto nothing = ProtobufSchema::load({dir.filePath("no-such.proto").toStdString()});
        QVERIFY(!nothing.ok());
        QVERIFY(QString::fromStdString(nothing.status().message()).contains("no such file or folder"));

        QTemporaryDir empty;
        auto none = ProtobufSchema::load({empty.path().toStdString()});
        QVERIFY(!none.ok());
        QVERIFY(QString::fromStdString(none.status().message()).contains("holds no .proto file"));
        QVERIFY(!ProtobufSchema::load({}).ok());
    }

    void decodesEveryKindOfField() {
        auto user = ref_.make("example.User");
        fillUser(user.get(), true);
        const std::string bytes = serialized(*user);
        const Decoded d = schema_->decode(bytes, "example.User");
        QVERIFY2(d.ok(), d.failure->message.c_str());
        QCOMPARE(qb(d.format), QByteArray("Protobuf"));
        QCOMPARE(qb(d.root.type), QByteArray("message example.User"));
        QCOMPARE(d.root.size, bytes.size());

        QStringList names;
        for (const Node& c : d.root.children) names << QString::fromStdString(c.name);
        QCOMPARE(names, QStringList({"name", "id", "tags", "role", "scores", "avatar", "balance", "delta", "flags",
                                     "email", "address", "previous", "lucky", "audit", "created", "ratio", "active",
                                     "offices"}));

        const Node* name = child(d.root, "name");
        QCOMPARE(name->kind, NodeKind::String);
        QCOMPARE(qb(name->type), QByteArray("string"));
        QCOMPARE(qb(bytes.substr(name->offset, name->size)), QByteArray("\x0a\x05" "Alice"));
        QCOMPARE(qb(child(d.root, "id")->type), QByteArray("int64"));
        const Node* tags = child(d.root, "tags");
        QCOMPARE(tags->kind, NodeKind::Array);
        QCOMPARE(qb(tags->type), QByteArray("repeated string"));
        QCOMPARE(tags->children.size(), std::size_t{3});
        QCOMPARE(qb(tags->children[2].value), QByteArray("c"));
        QCOMPARE(qb(bytes.substr(tags->children[1].offset, tags->children[1].size)), QByteArray("\x1a\x01" "b"));
        const Node* role = child(d.root, "role");
        QCOMPARE(role->kind, NodeKind::String);
        QCOMPARE(qb(role->value), QByteArray("EDITOR"));
        QCOMPARE(qb(role->type), QByteArray("enum example.User.Role"));
        const Node* scores = child(d.root, "scores");
        QCOMPARE(qb(scores->type), QByteArray("map<string, int32>"));
        QCOMPARE(qb(scores->children[0].name), QByteArray("art"));  // sorted by key, as TextFormat
        QCOMPARE(qb(scores->children[1].value), QByteArray("90"));
        QVERIFY(scores->children[1].size > 0);
        QCOMPARE(qb(child(d.root, "avatar")->value), QByteArray("0001FF"));
        QCOMPARE(child(d.root, "avatar")->kind, NodeKind::Bytes);
        QCOMPARE(qb(child(d.root, "balance")->value), QByteArray("1234.5"));
        QCOMPARE(qb(child(d.root, "delta")->type), QByteArray("sint64"));
        QCOMPARE(qb(child(d.root, "delta")->value), QByteArray("-7"));
        QCOMPARE(qb(child(d.root, "flags")->value), QByteArray("3735928559"));
        const Node* address = child(d.root, "address");
        QCOMPARE(qb(address->type), QByteArray("message example.User.Address"));
        QCOMPARE(qb(child(*address, "city")->value), QByteArray("Springfield"));
        QCOMPARE(bytes[address->offset], '\x62');
        QCOMPARE(qb(bytes.substr(child(*address, "city")->offset, child(*address, "city")->size)),
                 QByteArray("\x12\x0bSpringfield"));
        const Node* previous = child(d.root, "previous");
        QCOMPARE(previous->children.size(), std::size_t{2});
        QCOMPARE(qb(child(previous->children[1], "city")->value), QByteArray("Elsewhere"));
        const Node* lucky = child(d.root, "lucky");
        QCOMPARE(lucky->children.size(), std::size_t{3});
        QCOMPARE(qb(lucky->children[1].value), QByteArray("-1"));
        QCOMPARE(lucky->children[0].size, std::size_t{1});  // packed: each value's own bytes
        QCOMPARE(lucky->children[1].size, std::size_t{10});
        QCOMPARE(lucky->children[2].size, std::size_t{2});
        QCOMPARE(qb(child(d.root, "audit")->type), QByteArray("message example.common.Audit"));
        QCOMPARE(qb(child(*child(d.root, "created"), "seconds")->value), QByteArray("1700000000"));
        QCOMPARE(qb(child(d.root, "ratio")->value), QByteArray("0.1"));
        QCOMPARE(child(d.root, "active")->kind, NodeKind::Bool);
        const Node* offices = child(d.root, "offices");
        QCOMPARE(qb(offices->type), QByteArray("map<int32, message example.User.Address>"));
        QCOMPARE(qb(offices->children[0].name), QByteArray("1"));
        QCOMPARE(qb(child(offices->children[1], "city")->value), QByteArray("B"));

        QCOMPARE(qb(toJson(d.root)),
                 QByteArray(R"({"name":"Alice","id":42,"tags":["a","b","c"],"role":"EDITOR",)"
                            R"("scores":{"art":75,"math":90},"avatar":{"$hex":"0001FF"},"balance":1234.5,)"
                            R"("delta":-7,"flags":3735928559,"email":"alice@example.com",)"
                            R"("address":{"street":"Main St 1","city":"Springfield","zip":12345},)"
                            R"("previous":[{"city":"Old Town"},{"city":"Elsewhere","zip":1}],"lucky":[7,-1,300],)"
                            R"("audit":{"by":"bob","at":1700000000,"changes":["x"]},)"
                            R"("created":{"seconds":1700000000,"nanos":5},"ratio":0.1,"active":true,)"
                            R"("offices":{"1":{"city":"A"},"2":{"city":"B"}}})"));

        // text and JSON are libprotobuf's own for the same bytes.
        auto parsed = ref_.make("example.User");
        QVERIFY(parsed->ParseFromString(bytes));
        std::string text;
        pb::TextFormat::PrintToString(*parsed, &text);
        QCOMPARE(qb(d.text), qb(text));
        pb::util::JsonPrintOptions options;
        options.preserve_proto_field_names = true;
        std::string json;
        QVERIFY(pb::util::MessageToJsonString(*parsed, &json, options).ok());
        const auto ours = schema_->toProtoJson(bytes, "example.User");
        QVERIFY2(ours.ok(), ours.status().message().c_str());
        QCOMPARE(qb(ours.value()), qb(json));
        QVERIFY(QString::fromStdString(json).contains("\"created\":\"2023-11-14T22:13:20.000000005Z\""));
    }

    void unknownFields() {
        auto plus = ref_.make("example.UserPlus");
        Setter p{plus.get()};
        p.str("name", "Zed").str("nickname", "zz").u64("karma", 5).sub("note").str("by", "x");
        plus->GetReflection()->SetUInt64(plus.get(), plus->GetDescriptor()->FindFieldByName("checksum"),
                                         0x0102030405060708ULL);
        const std::string bytes = serialized(*plus);
        const Decoded d = schema_->decode(bytes, "example.User");
        QVERIFY(d.ok());
        QCOMPARE(d.root.children.size(), std::size_t{2});
        QCOMPARE(qb(d.root.children[0].name), QByteArray("name"));
        const Node* unknown = child(d.root, "(unknown fields)");
        QVERIFY(unknown);
        QCOMPARE(unknown->children.size(), std::size_t{4});
        const char* numbers[] = {"30", "31", "32", "33"};
        const char* types[] = {"string", "varint", "message", "fixed64"};
        const std::string encoded[] = {"\xf2\x01\x02zz"s, "\xf8\x01\x05"s, "\x82\x02\x03\x0a\x01x"s,
                                       "\x89\x02\x08\x07\x06\x05\x04\x03\x02\x01"s};
        for (int i = 0; i < 4; ++i) {
            const Node& u = unknown->children[i];
            QCOMPARE(qb(u.name), QByteArray(numbers[i]));
            QCOMPARE(qb(u.type), QByteArray(types[i]));
            QCOMPARE(qb(bytes.substr(u.offset, u.size)), qb(encoded[i]));  // at its place in the value
        }
        QCOMPARE(qb(unknown->children[2].children[0].value), QByteArray("x"));
        QCOMPARE(qb(bytes.substr(unknown->children[2].children[0].offset, unknown->children[2].children[0].size)),
                 QByteArray("\x0a\x01x"));
        QCOMPARE(qb(toJson(*unknown)), QByteArray(R"({"30":"zz","31":5,"32":{"1":"x"},"33":72623859790382856})"));

        auto parsed = ref_.make("example.User");
        QVERIFY(parsed->ParseFromString(bytes));
        std::string text;
        pb::TextFormat::PrintToString(*parsed, &text);
        QCOMPARE(qb(d.text), qb(text));
        QVERIFY(schema_->reserializesExactly(bytes, "example.User"));  // unknown fields at the end are kept

        // A known field with the wrong wire type is unknown to libprotobuf too.
        const Decoded wrong = schema_->decode("\x08\x01"s, "example.User");
        QVERIFY(wrong.ok());
        QCOMPARE(qb(toJson(wrong.root)), QByteArray(R"j({"(unknown fields)":{"1":1}})j"));
    }

    void enumsAndProto2() {
        const Decoded unknownEnum = schema_->decode("\x20\x07"s, "example.User");
        QVERIFY(unknownEnum.ok());
        QCOMPARE(child(unknownEnum.root, "role")->kind, NodeKind::Integer);
        QCOMPARE(qb(child(unknownEnum.root, "role")->value), QByteArray("7"));
        QCOMPARE(qb(child(unknownEnum.root, "role")->type), QByteArray("enum example.User.Role"));

        auto record = ref_.make("legacy.Record");
        Setter r{record.get()};
        r.str("key", "k").enumValue("kind", 2);
        r.add("item").i32("count", 5);
        r.add("item").i32("count", 6);
        const Decoded d = schema_->decode(serialized(*record), "legacy.Record");
        QVERIFY(d.ok());
        QCOMPARE(qb(toJson(d.root)), QByteArray(R"({"key":"k","kind":"SPECIAL","item":[{"count":5},{"count":6}]})"));
        QCOMPARE(qb(child(d.root, "item")->type), QByteArray("repeated group legacy.Record.Item"));
        QVERIFY(d.note.empty());

        // Missing required field: decoded, and said. A closed enum's unknown number is an unknown field.
        const Decoded partial = schema_->decode("\x10\x09"s, "legacy.Record");
        QVERIFY(partial.ok());
        QVERIFY2(QString::fromStdString(partial.note).contains("required fields missing: key"), partial.note.c_str());
        QCOMPARE(qb(toJson(partial.root)), QByteArray(R"j({"(unknown fields)":{"2":9}})j"));
    }

    void schemaFailures_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wire: truncated") << QByteArray("\x0a\x05" "Al") << "example.User" << 1 << "runs past the end";
        QTest::newRow("proto3 string not UTF-8") << QByteArray("\x0a\x02\xff\xfe") << "example.User" << 0
                                                 << "example.User.name is not valid UTF-8";
        QTest::newRow("nested string not UTF-8") << QByteArray("\x08\x01\x62\x03\x0a\x01\xff") << "example.User" << 4
                                                 << "example.User.Address.street is not valid UTF-8";
        QTest::newRow("message field not a message") << QByteArray("\x62\x01\x08") << "example.User" << 3
                                                     << "field example.User.address holds bytes that are not a valid";
        QTest::newRow("type not in the schema") << QByteArray("\x08\x01") << "example.Nope" << 0
                                                << "the schema has no message type \"example.Nope\"";
        QTest::newRow("type without its package") << QByteArray() << "User" << 0 << "did you mean example.User?";
    }

    void schemaFailures() {
        QFETCH(QByteArray, input);
        QFETCH(QString, type);
        QFETCH(int, offset);
        QFETCH(QString, reason);
        const Decoded d = schema_->decode(input.toStdString(), type.toStdString());
        QVERIFY(!d.ok());
        QCOMPARE(d.failure->offset, static_cast<std::size_t>(offset));
        QVERIFY2(d.failure->message.rfind("not valid Protobuf at byte " + std::to_string(offset) + ": ", 0) == 0,
                 d.failure->message.c_str());
        QVERIFY2(QString::fromStdString(d.failure->message).contains(reason), d.failure->message.c_str());
        QVERIFY(!schema_->toProtoJson(input.toStdString(), type.toStdString()).ok());
    }

    void schemaEveryPrefixAndGarbage() {
        pb::LogSilencer quiet;  // the reference parses log each string that is not UTF-8
        auto user = ref_.make("example.User");
        fillUser(user.get(), true);
        const std::string bytes = serialized(*user);
        for (std::size_t n = 0; n <= bytes.size(); ++n) {
            const std::string prefix = bytes.substr(0, n);
            const Decoded d = schema_->decode(prefix, "example.User");
            checkFailureShape(d, n);
            auto reference = ref_.make("example.User");
            QCOMPARE(d.ok(), reference->ParsePartialFromString(prefix));
        }
        QRandomGenerator rng(11);
        for (int i = 0; i < 1000; ++i) {
            std::string mutated = bytes;
            for (int k = 0; k < 3; ++k)
                mutated[rng.bounded(static_cast<quint32>(mutated.size()))] = static_cast<char>(rng.bounded(256));
            const Decoded d = schema_->decode(mutated, "example.User");
            checkFailureShape(d, mutated.size());
            auto reference = ref_.make("example.User");
            QCOMPARE(d.ok(), reference->ParsePartialFromString(mutated));
        }
    }

    void schemaDepth() {
        // 10,000 nested Tree.child: past libprotobuf's limit of 100.
        std::string bytes = "\x0a\x01x"s;
        for (int i = 0; i < 10000; ++i) bytes = ld(2, bytes);
        const Decoded d = schema_->decode(bytes, "example.Tree");
        QVERIFY(!d.ok());
        QVERIFY2(QString::fromStdString(d.failure->message).contains("nested more than 100 levels deep"),
                 d.failure->message.c_str());
        checkFailureShape(d, bytes.size());

        std::string fifty = "\x0a\x01x"s;
        for (int i = 0; i < 50; ++i) fifty = ld(2, fifty);
        QVERIFY(schema_->decode(fifty, "example.Tree").ok());
        Limits shallow;
        shallow.maxDepth = 20;
        const Decoded limited = schema_->decode(fifty, "example.Tree", shallow);
        QVERIFY(!limited.ok());
        QVERIFY(QString::fromStdString(limited.failure->message).contains("nested more than 20 levels deep"));
        QVERIFY(depthOf(limited.root) <= 22);
    }

    void schemaCutAtMaxNodes() {
        auto user = ref_.make("example.User");
        for (int i = 0; i < 1000; ++i) Setter{user.get()}.addStr("tags", "t" + std::to_string(i));
        Limits limits;
        limits.maxNodes = 10;
        const Decoded d = schema_->decode(serialized(*user), "example.User", limits);
        QVERIFY(d.ok());
        QVERIFY(d.cut);
        QCOMPARE(qb(d.note), qb(cutNote(10)));
        QCOMPARE(nodeCount(d.root), std::size_t{10});
        QVERIFY(d.text.empty());
    }

    void reserializes() {
        auto user = ref_.make("example.User");
        fillUser(user.get(), false);  // maps of one entry: their order is not kept
        const std::string bytes = serialized(*user);
        QVERIFY(schema_->reserializesExactly(bytes, "example.User"));
        QVERIFY(schema_->reserializesExactly("\x10\x96\x01"s, "example.User"));
        // id = 150 with an extra continuation byte: same value, other bytes.
        const std::string overlong = "\x10\x96\x81\x00"s;
        QCOMPARE(qb(child(schema_->decode(overlong, "example.User").root, "id")->value), QByteArray("150"));
        QVERIFY(!schema_->reserializesExactly(overlong, "example.User"));
        QVERIFY(!schema_->reserializesExactly("\x10\x01\x0a\x01x"s, "example.User"));  // fields out of order
        QVERIFY(!schema_->reserializesExactly("\x0a\x05" "Al"s, "example.User"));
        QVERIFY(!schema_->reserializesExactly(bytes, "example.Nope"));
    }

    void encodesFromText() {
        auto user = ref_.make("example.User");
        fillUser(user.get(), false);
        const std::string bytes = serialized(*user);
        const Decoded d = schema_->decode(bytes, "example.User");
        const auto encoded = schema_->encodeFromText(d.text, "example.User");
        QVERIFY2(encoded.ok(), encoded.status().message().c_str());
        QCOMPARE(qb(encoded.value()), qb(bytes));

        const auto typed = schema_->encodeFromText("name: \"Bo\"\nid: 7\nrole: ADMIN\n", "example.User");
        QVERIFY(typed.ok());
        QCOMPARE(qb(typed.value()), QByteArray("\x0a\x02" "Bo\x10\x07\x20\x01"));

        const auto wrongType = schema_->encodeFromText("name: 5", "example.User");
        QVERIFY(!wrongType.ok());
        QVERIFY2(QString::fromStdString(wrongType.status().message()).startsWith("line 1, column "),
                 wrongType.status().message().c_str());
        const auto badField = schema_->encodeFromText("id: 1\nbogus: 2\n", "example.User");
        QVERIFY(!badField.ok());
        QVERIFY2(QString::fromStdString(badField.status().message()).startsWith("line 2, column "),
                 badField.status().message().c_str());
        QVERIFY(!schema_->encodeFromText("", "example.Nope").ok());
        // Missing required fields are allowed, as decode() allows them.
        QVERIFY(schema_->encodeFromText("kind: PLAIN", "legacy.Record").ok());
    }

    void decodesFromManyThreads() {
        auto user = ref_.make("example.User");
        fillUser(user.get(), true);
        const std::string bytes = serialized(*user);
        const Decoded once = schema_->decode(bytes, "example.User");
        const std::string expected = toJson(once.root) + once.text;
        std::vector<std::thread> threads;
        std::vector<int> mismatches(4, 0);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i) {
                    const Decoded d = schema_->decode(bytes, "example.User");
                    if (toJson(d.root) + d.text != expected) ++mismatches[t];
                    if (schema_->decode("\x20\x09"s, "example.User").root.children.empty()) ++mismatches[t];
                    if (!schema_->toProtoJson(bytes, "example.User").ok()) ++mismatches[t];
                }
            });
        }
        for (std::thread& t : threads) t.join();
        QCOMPARE(mismatches, std::vector<int>(4, 0));
    }
};

QTEST_GUILESS_MAIN(ProtobufDecodeTest)
#include "protobuf_decode_test.moc"
