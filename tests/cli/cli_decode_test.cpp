// meridian-db get/scan --decode and --key-layout: the JSON Lines a user gets
// for values the reference libraries wrote (msgpack-cxx, QCborValue, libbson,
// libprotobuf), for keys of big-endian integers, and for bytes that are not
// what they were said to be.
#include <QCborMap>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <bson/bson.h>
#include <msgpack.hpp>

#include "storage/factory.h"
#include "tests/support/conversions.h"
#include "tests/support/run_program.h"

using namespace meridian;
using meridian::test::Ran;

namespace {

std::string be64(std::uint64_t v) { return meridian::test::bigEndian(v); }

std::string messagePack(int id, const std::string& name) {
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    pk.pack_map(2);
    pk.pack(std::string("id"));
    pk.pack(id);
    pk.pack(std::string("name"));
    pk.pack(name);
    return std::string(buffer.data(), buffer.size());
}

std::string bsonDocument() {
    bson_t* doc = bson_new();
    BSON_APPEND_UTF8(doc, "title", "Report");
    BSON_APPEND_INT64(doc, "pages", 12);
    std::string bytes(reinterpret_cast<const char*>(bson_get_data(doc)), doc->len);
    bson_destroy(doc);
    return bytes;
}

QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> lines;
    for (const QByteArray& line : out.split('\n')) {
        if (line.isEmpty()) continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError) qWarning("not JSON: %s", line.constData());
        lines << doc.object();
    }
    return lines;
}

}  // namespace

class CliDecodeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        db_ = tmp_.filePath("db");
        auto opened = storage::createStorage(
            db_.toStdString(), storage::StorageConfig{}.withEnvironment(false).withCreateIfMissing());
        QVERIFY2(opened.ok(), opened.status.message().c_str());
        storage::Storage& s = *opened.storage;
        for (int i = 1; i <= 3; ++i)
            QVERIFY(s.put("mp:" + be64(static_cast<std::uint64_t>(i)) + ":profile", messagePack(i, "user" + std::to_string(i))).ok());
        QVERIFY(s.put("mp:" + be64(4) + ":profile", "\x82\xa2id").ok());  // cut short
        const QByteArray cbor = QCborValue(QCborMap{{QStringLiteral("t"), 21.5}, {QStringLiteral("ok"), true}}).toCbor();
        QVERIFY(s.put("cbor:1", cbor.toStdString()).ok());
        QVERIFY(s.put("bson:1", bsonDocument()).ok());
        QVERIFY(s.put("pb:1", QByteArray::fromHex("089601120568656c6c6f1a03089601").toStdString()).ok());
        QVERIFY(s.put("n:1", be64(1700000000123)).ok());
        QVERIFY(s.put("text:1", "just text").ok());
    }

    void scanDecodesMessagePackWithTheKeyLayout() {
        const Ran ran = run({"scan", db_, "--prefix", "mp:", "--decode", "msgpack", "--key-layout", "mp:{u64be:user}:{utf8:kind}"});
        QCOMPARE(ran.code, 0);
        const auto lines = jsonLines(ran.out);
        QCOMPARE(lines.size(), 4);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(lines[i]["format"].toString(), QStringLiteral("MessagePack"));
            QCOMPARE(lines[i]["value"].toObject()["id"].toInt(), i + 1);
            QCOMPARE(lines[i]["value"].toObject()["name"].toString(), QStringLiteral("user%1").arg(i + 1));
            QCOMPARE(lines[i]["fields"].toObject()["user"].toInt(), i + 1);
            QCOMPARE(lines[i]["fields"].toObject()["kind"].toString(), QStringLiteral("profile"));
        }
        // The value cut short: its bytes, and where it stops being MessagePack; the scan went on to it.
        QVERIFY(lines[3]["error"].toString().startsWith(QStringLiteral("not valid MessagePack at byte ")));
        QVERIFY(lines[3].contains(QStringLiteral("value")) || lines[3].contains(QStringLiteral("value_hex")));
    }

    void typedPrefixesReachOneUser() {
        const Ran ran = run({"scan", db_, "--prefix", "mp:{2}:", "--key-layout", "mp:{u64be:user}:{utf8:kind}",
                             "--decode", "msgpack"});
        QCOMPARE(ran.code, 0);
        const auto lines = jsonLines(ran.out);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0]["fields"].toObject()["user"].toInt(), 2);
        const Ran get = run({"get", db_, "mp:{3}:{profile}", "--key-layout", "mp:{u64be}:{utf8}", "--decode", "msgpack"});
        QCOMPARE(get.code, 0);
        QCOMPARE(jsonLines(get.out).value(0)["value"].toObject()["name"].toString(), QStringLiteral("user3"));
        const Ran wrong = run({"scan", db_, "--prefix", "mp:{-1}:", "--key-layout", "mp:{u64be}:{utf8}"});
        QVERIFY(wrong.code != 0);
        QVERIFY2(wrong.err.contains("--prefix: typed key, at 4: field1: \"-1\" does not fit in u64be"), wrong.err.constData());
    }

    void eachFormat() {
        struct Case {
            const char* key;
            const char* decoder;
            const char* format;
            const char* json;
        };
        const Case cases[] = {
            {"cbor:1", "cbor", "CBOR", "{\"t\":21.5,\"ok\":true}"},
            {"bson:1", "bson", "BSON", "{\"title\":\"Report\",\"pages\":12}"},
            {"pb:1", "protobuf", "Protobuf (no schema)", "{\"1\":150,\"2\":\"hello\",\"3\":{\"1\":150}}"},
            {"n:1", "u64be", "u64be", "1700000000123"},
            {"cbor:1", "auto", "CBOR", "{\"t\":21.5,\"ok\":true}"},
            {"bson:1", "auto", "BSON", "{\"title\":\"Report\",\"pages\":12}"},
        };
        for (const Case& c : cases) {
            const Ran ran = run({"get", db_, c.key, "--decode", c.decoder});
            QVERIFY2(ran.code == 0, ran.err.constData());
            const QJsonObject line = jsonLines(ran.out).value(0);
            QCOMPARE(line["format"].toString(), QString::fromUtf8(c.format));
            QCOMPARE(QJsonDocument::fromJson(QByteArray("[") + c.json + "]").array().at(0), line["value"]);
        }
        // auto on text: the value as it is, no format.
        const QJsonObject text = jsonLines(run({"get", db_, "text:1", "--decode", "auto"}).out).value(0);
        QVERIFY(!text.contains(QStringLiteral("format")));
        QCOMPARE(text["value"].toString(), QStringLiteral("just text"));
        // Text said to be CBOR.
        const QJsonObject wrong = jsonLines(run({"get", db_, "text:1", "--decode", "cbor"}).out).value(0);
        QCOMPARE(wrong["error"].toString(), QStringLiteral("not valid CBOR at byte 0: a text string's length runs past the end (needs 10 bytes, 8 left)"));
    }

    void badOptionsAreUsageErrors() {
        struct Case {
            QStringList args;
            const char* says;
        };
        const QList<Case> cases = {
            {{"scan", db_, "--decode", "yaml"}, "--decode: unknown decoder yaml"},
            {{"scan", db_, "--decode", "protobuf:nowhere.proto:X"}, "--decode: "},
            {{"scan", db_, "--key-layout", "a{u63be}"}, "--key-layout: key layout, at 3: unknown type"},
            {{"scan", db_, "--decode", "cbor", "--count"}, "--decode shows values: it excludes --keys-only and --count"},
            {{"info", db_, "--decode", "cbor"}, "--decode only applies to get and scan"},
        };
        for (const Case& c : cases) {
            const Ran ran = run(c.args);
            QVERIFY2(ran.code != 0, qPrintable(c.args.join(' ')));
            QVERIFY2(ran.err.contains(c.says), ran.err.constData());
        }
    }

private:
    Ran run(const QStringList& args) { return meridian::test::runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args, meridian::test::RunOptions{}); }

    QTemporaryDir tmp_;
    QString db_;
};

QTEST_GUILESS_MAIN(CliDecodeTest)
#include "cli_decode_test.moc"
