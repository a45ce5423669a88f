// meridian-db stats: keys and bytes per namespace, as text and JSON Lines,
// figures worked out by hand on a small database; drilling down with
// --prefix; --limit and --top; a binary delimiter with --hex; the db_bench
// database's total against ldb's scan; refusals of bad arguments.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli_test.h"

using namespace meridian::test;

namespace {

// One JSON object a line.
QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> objects;
    for (const QByteArray& line : linesOf(out)) objects << QJsonDocument::fromJson(line).object();
    return objects;
}

}  // namespace

// A database of a few namespaces (import from JSON Lines, which takes any bytes).
QString CliTest::makeNamespacedDatabase(const QString& name, const QByteArray& jsonLines) {
    const QString file = m_tmp.filePath(name + ".jsonl");
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(jsonLines) != jsonLines.size()) return {};
    out.close();
    const QString dir = m_tmp.filePath(name);
    const Ran made = meridianDb({"import", "--create-if-missing", "--format", "jsonl", dir, file});
    return made.code == 0 ? dir : QString();
}

void CliTest::statsCountsNamespaces() {
    // Bytes are key + value: order: 7+100 and 7+10; user: 16, 28 and 14;
    // cfg: 4+14 (a key ending with the delimiter); ":" 5+1; loose: cfg 3+1, zz 2.
    const QString db = makeNamespacedDatabase(
        "namespaces", "{\"key\":\"user:1:name\",\"value\":\"alice\"}\n"
                      "{\"key\":\"user:1:mail\",\"value\":\"alice@example.org\"}\n"
                      "{\"key\":\"user:2:name\",\"value\":\"bob\"}\n"
                      "{\"key\":\"order:1\",\"value\":\"" + QByteArray(100, 'o') + "\"}\n"
                      "{\"key\":\"order:2\",\"value\":\"" + QByteArray(10, 'p') + "\"}\n"
                      "{\"key\":\"cfg\",\"value\":\"v\"}\n"
                      "{\"key\":\"cfg:\",\"value\":\"delimiter last\"}\n"
                      "{\"key\":\":root\",\"value\":\"r\"}\n"
                      "{\"key\":\"zz\",\"value\":\"\"}\n");
    QVERIFY(!db.isEmpty());

    const Ran text = meridianDb({"stats", db});
    VERIFY_OK(text);
    QCOMPARE(text.out, QByteArray("group order: 2 keys, 124 bytes, 58.5%\n"
                                  "group user: 3 keys, 58 bytes, 27.4%\n"
                                  "group cfg: 1 keys, 18 bytes, 8.5%\n"
                                  "group : 1 keys, 6 bytes, 2.8%\n"
                                  "loose (no : after the prefix) 2 keys, 6 bytes, 2.8%\n"
                                  "total 9 keys, 212 bytes, exact\n"
                                  "largest order:1 100 bytes\n"
                                  "largest user:1:mail 17 bytes\n"
                                  "largest cfg: 14 bytes\n"
                                  "largest order:2 10 bytes\n"
                                  "largest user:1:name 5 bytes\n"
                                  "largest user:2:name 3 bytes\n"
                                  "largest :root 1 bytes\n"
                                  "largest cfg 1 bytes\n"
                                  "largest zz 0 bytes\n"));

    // Drilling down, bounded: one group, the other merged; the largest value.
    const Ran drill = meridianDb({"stats", "--prefix", "user:", "--by-namespace", ":", "--limit", "1", "--top", "1", db});
    VERIFY_OK(drill);
    QCOMPARE(drill.out, QByteArray("group 1: 2 keys, 44 bytes, 75.9%\n"
                                   "others 1 groups, 1 keys, 14 bytes, 24.1%\n"
                                   "total 3 keys, 58 bytes, exact\n"
                                   "largest user:1:mail 17 bytes\n"));

    // JSON Lines: groups, loose, others, total, largest.
    const Ran json = meridianDb({"stats", "--json", "--top", "2", "--limit", "3", db});
    VERIFY_OK(json);
    const QList<QJsonObject> records = jsonLines(json.out);
    QCOMPARE(records.size(), 3 + 3 + 2);
    QCOMPARE(records[0].value("kind").toString(), QStringLiteral("group"));
    QCOMPARE(records[0].value("segment").toString(), QStringLiteral("order:"));
    QCOMPARE(records[0].value("prefix").toString(), QStringLiteral("order:"));
    QCOMPARE(records[0].value("keys").toInteger(), 2);
    QCOMPARE(records[0].value("bytes").toInteger(), 124);
    QCOMPARE(records[2].value("segment").toString(), QStringLiteral("cfg:"));
    QCOMPARE(records[3].value("kind").toString(), QStringLiteral("loose"));
    QCOMPARE(records[3].value("keys").toInteger(), 2);
    QCOMPARE(records[4].value("kind").toString(), QStringLiteral("others"));
    QCOMPARE(records[4].value("groups").toInteger(), 1);
    QCOMPARE(records[4].value("keys").toInteger(), 1);
    QCOMPARE(records[4].value("bytes").toInteger(), 6);
    const QJsonObject total = records[5];
    QCOMPARE(total.value("kind").toString(), QStringLiteral("total"));
    QCOMPARE(total.value("prefix").toString(), QString());
    QCOMPARE(total.value("delimiter").toString(), QStringLiteral(":"));
    QCOMPARE(total.value("exact").toBool(), true);
    QCOMPARE(total.value("known").toBool(), true);
    QCOMPARE(total.value("keys").toInteger(), 9);
    QCOMPARE(total.value("bytes").toInteger(), 212);
    QCOMPARE(records[6].value("kind").toString(), QStringLiteral("largest"));
    QCOMPARE(records[6].value("key").toString(), QStringLiteral("order:1"));
    QCOMPARE(records[6].value("value_bytes").toInteger(), 100);
    QCOMPARE(records[7].value("key").toString(), QStringLiteral("user:1:mail"));

    // So few keys: the estimate is that exact count, without largest values.
    const Ran estimate = meridianDb({"stats", "--estimate", db});
    VERIFY_OK(estimate);
    QCOMPARE(linesOf(estimate.out).size(), 6);
    QCOMPARE(linesOf(estimate.out).at(0), QByteArray("group order: 2 keys, 124 bytes, 58.5%"));
    QCOMPARE(linesOf(estimate.out).at(5), QByteArray("total 9 keys, 212 bytes, exact"));

    // Another delimiter: 'e' cuts "user:1:name" after "use".
    const Ran byE = meridianDb({"stats", "--by-namespace", "e", "--top", "1", db});
    VERIFY_OK(byE);
    QVERIFY2(byE.out.startsWith("group orde 2 keys, 124 bytes"), byE.out.constData());
    QVERIFY2(byE.out.contains("\ngroup use 3 keys, 58 bytes"), byE.out.constData());
    QVERIFY2(byE.out.contains("\nloose (no e after the prefix) 4 keys"), byE.out.constData());  // cfg, cfg:, :root, zz
}

void CliTest::statsOfBinaryKeys() {
    // NUL as the delimiter, bytes that are not UTF-8: hex in and out.
    const QString db = makeNamespacedDatabase(
        "binary", "{\"key_base64\":\"AAFh\",\"value\":\"x\"}\n"          // 00 01 61
                  "{\"key_base64\":\"AAJi\",\"value\":\"yy\"}\n"         // 00 02 62
                  "{\"key_base64\":\"/wD/\",\"value\":\"zzz\"}\n"        // ff 00 ff
                  "{\"key_base64\":\"/w==\",\"value\":\"w\"}\n");        // ff
    QVERIFY(!db.isEmpty());
    const Ran text = meridianDb({"stats", "--hex", "--by-namespace", "00", "--top", "1", db});
    VERIFY_OK(text);
    QCOMPARE(text.out, QByteArray("group 0x00 2 keys, 9 bytes, 52.9%\n"
                                  "group 0xFF00 1 keys, 6 bytes, 35.3%\n"
                                  "loose (no 0x00 after the prefix) 1 keys, 2 bytes, 11.8%\n"
                                  "total 4 keys, 17 bytes, exact\n"
                                  "largest 0xFF00FF 3 bytes\n"));
    // Drilling into 0xFF with the same delimiter: the key 0xFF itself is loose.
    const Ran json = meridianDb({"stats", "--hex", "--json", "--by-namespace", "0x00", "--prefix", "FF", db});
    VERIFY_OK(json);
    const QList<QJsonObject> records = jsonLines(json.out);
    QVERIFY(records.size() >= 4);
    QCOMPARE(records[0].value("segment_hex").toString(), QStringLiteral("00"));
    QCOMPARE(records[0].value("prefix_hex").toString(), QStringLiteral("FF00"));
    QCOMPARE(records[1].value("kind").toString(), QStringLiteral("loose"));
    QCOMPARE(records[1].value("keys").toInteger(), 1);
    QCOMPARE(records[3].value("prefix_hex").toString(), QStringLiteral("FF"));
    QCOMPARE(records[3].value("delimiter_hex").toString(), QStringLiteral("00"));
}

void CliTest::statsTotalsMatchLdb() {
    // The db_bench database: every key, whatever groups its counters' ':'
    // bytes make, in the total, exact and (so few keys) estimated alike.
    for (const QStringList& extra : {QStringList{}, QStringList{"--estimate"}}) {
        const Ran ran = meridianDb(QStringList{"stats", "--json", m_db} + extra);
        VERIFY_OK(ran);
        std::int64_t keys = 0, summed = 0;
        for (const QJsonObject& record : jsonLines(ran.out)) {
            const QString kind = record.value("kind").toString();
            if (kind == "total") keys = record.value("keys").toInteger();
            else if (kind != "largest") summed += record.value("keys").toInteger();
        }
        QCOMPARE(keys, std::int64_t(m_ldbLines.size()));
        QCOMPARE(summed, keys);
    }
}

void CliTest::statsRefusesBadArguments_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("says");
    QTest::newRow("two-byte delimiter") << QStringList{"stats", "--by-namespace", "::", "DB"} << QByteArray("one byte");
    QTest::newRow("empty delimiter") << QStringList{"stats", "--by-namespace=", "DB"} << QByteArray("one byte");
    QTest::newRow("delimiter not hex") << QStringList{"stats", "--hex", "--by-namespace", "zz", "DB"} << QByteArray("one byte");
    QTest::newRow("two hex bytes") << QStringList{"stats", "--hex", "--by-namespace", "3A3A", "DB"} << QByteArray("one byte");
    QTest::newRow("top with estimate") << QStringList{"stats", "--estimate", "--top", "3", "DB"} << QByteArray("--estimate");
    QTest::newRow("top zero") << QStringList{"stats", "--top", "0", "DB"} << QByteArray("positive");
    QTest::newRow("top on scan") << QStringList{"scan", "--top", "3", "DB"} << QByteArray("only applies to stats");
    QTest::newRow("estimate on info") << QStringList{"info", "--estimate", "DB"} << QByteArray("only applies to stats");
    QTest::newRow("by-namespace on scan") << QStringList{"scan", "--by-namespace", ":", "DB"} << QByteArray("only applies to stats");
    QTest::newRow("no path") << QStringList{"stats"} << QByteArray("no database path");
}

void CliTest::statsRefusesBadArguments() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, says);
    args.replaceInStrings("DB", m_db);
    const Ran ran = meridianDb(args);
    VERIFY_FAILS_CLEANLY(ran);
    QCOMPARE(ran.code, 2);  // a usage error
    QVERIFY2(ran.err.contains(says), ran.err.constData());
    // A path that is no database: a failure, not a usage error.
    const Ran missing = meridianDb({"stats", m_tmp.filePath("no-such-database")});
    VERIFY_FAILS_CLEANLY(missing);
    QCOMPARE(missing.code, 1);
}
