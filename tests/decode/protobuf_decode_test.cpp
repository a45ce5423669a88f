// protobuf_decode_test: Protobuf with a schema (decode/protobuf_schema.h)
// against libprotobuf itself: the values are made with libprotobuf's dynamic
// messages from the same .proto files (tests/data/decode), loaded here
// independently of ProtobufSchema, then serialized and decoded with ours.
// Protobuf without a schema is protobuf_wire_test's.
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <google/protobuf/message.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "decode/protobuf_schema.h"
#include "tests/decode/protobuf_test_support.h"

using namespace meridian::decode;
using namespace meridian::protobuftest;
using namespace std::string_literals;

namespace {

std::string path(const QString& file) { return (kDataDir + "/" + file).toStdString(); }

const Node* child(const Node& node, const std::string& name) {
    for (const Node& c : node.children)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

class ProtobufDecodeTest : public QObject {
    Q_OBJECT

private:
    Reference ref_;
    std::shared_ptr<const ProtobufSchema> schema_;

private slots:
    void initTestCase() {
        QVERIFY2(ref_.pool.FindMessageTypeByName("example.User"), "the reference did not load example.proto");
        QVERIFY(ref_.pool.FindMessageTypeByName("legacy.Record"));
        auto loaded = ProtobufSchema::load({path("example.proto"), path("legacy.proto")});
        QVERIFY2(loaded.ok(), loaded.status().message().c_str());
        schema_ = loaded.value();
    }

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
        // libprotobuf's own JSON writer would stop the process on it: refused, saying why.
        const auto json = schema_->toProtoJson("", "legacy.Record");
        QVERIFY(!json.ok());
        QVERIFY2(json.status().message().find("required fields are missing (key)") != std::string::npos,
                 json.status().message().c_str());
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

    // Random bytes (the same as protobuf_wire_test's rawGarbage): every
    // failure is well-formed.
    void schemaRandomBytes() {
        QRandomGenerator rng(7);
        for (int i = 0; i < 3000; ++i) {
            std::string bytes(rng.bounded(64), '\0');
            for (char& c : bytes) c = static_cast<char>(rng.bounded(256));
            checkFailureShape(schema_->decode(bytes, "example.User"), bytes.size());
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
