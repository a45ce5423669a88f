// CliTest slots (see cli_test.h): writing. Binary keys and values round
// trip through hex and JSON, compared with ldb; argv bytes are taken as typed;
// read-only and following-live opens refuse writes.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli_test.h"
#include "storage/bytes.h"

using namespace meridian::test;

void CliTest::binaryRoundTripThroughHex_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("NUL bytes") << "0x00006B00" << "0x00";
    QTest::newRow("0xFF bytes") << "0xFFFF" << "0xFF00FF";
    QTest::newRow("invalid UTF-8") << "0xC328" << "0x80C3E2";
    QTest::newRow("newline and backslash") << "0x0A5C" << "0x5C0D0A";
    QTest::newRow("empty value") << "0x6B" << "0x";
}
void CliTest::binaryRoundTripThroughHex() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QString db = makeSmallDatabase(QString("roundtrip-%1").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(!db.isEmpty());

    const Ran put = meridianDb({"put", "--hex", db, key, value});
    VERIFY_OK(put);
    const Ran theirs = ldb(db, {"--hex", "get", key});
    QCOMPARE(theirs.code, 0);
    QCOMPARE(theirs.out, value.toLatin1() + "\n");
    const Ran ours = meridianDb({"get", "--hex", db, key});
    VERIFY_OK(ours);
    QCOMPARE(ours.out, value.toLatin1() + "\n");

    // --json with --hex: always the _hex fields (plain hex digits).
    const Ran hexJson = meridianDb({"get", "--json", "--hex", db, key.mid(2)});
    VERIFY_OK(hexJson);
    const QJsonObject hexObject = QJsonDocument::fromJson(hexJson.out).object();
    QCOMPARE(hexObject.value("key_hex").toString(), key.mid(2));
    QCOMPARE(hexObject.value("value_hex").toString(), value.mid(2));
    // --json without --hex: text when valid UTF-8, hex otherwise; exact either way.
    const std::string rawValue = *meridian::storage::fromHex(value.toStdString());
    const Ran utf8Json = meridianDb({"scan", "--json", db});  // without --hex: lossless text or hex
    VERIFY_OK(utf8Json);
    bool found = false;
    for (const QByteArray& line : linesOf(utf8Json.out)) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QByteArray k = o.contains("key") ? o.value("key").toString().toUtf8()
                                               : QByteArray::fromHex(o.value("key_hex").toString().toLatin1());
        if (k != QByteArray::fromHex(key.mid(2).toLatin1())) continue;
        found = true;
        const QByteArray v = o.contains("value") ? o.value("value").toString().toUtf8()
                                                 : QByteArray::fromHex(o.value("value_hex").toString().toLatin1());
        QCOMPARE(v, bytes(rawValue));
        QCOMPARE(o.contains("value_hex"), !meridian::storage::isValidUtf8(rawValue));
    }
    QVERIFY2(found, utf8Json.out.constData());

    const Ran removed = meridianDb({"delete", "--hex", db, key});
    VERIFY_OK(removed);
    QVERIFY(ldbSaysNotFound(ldb(db, {"--hex", "get", key})));
    VERIFY_FAILS_CLEANLY(meridianDb({"get", "--hex", db, key}));
    // The rest of the database is untouched.
    QCOMPARE(ldb(db, {"get", "seed"}).out, QByteArray("1\n"));
}

void CliTest::argvBytesAreTakenAsIs() {
    const QString db = makeSmallDatabase("argv");
    QVERIFY(!db.isEmpty());
    // No unescaping: a literal backslash sequence is stored as typed.
    VERIFY_OK(meridianDb({"put", db, "a\\x00", "naïve value"}));
    const Ran theirs = ldb(db, {"--hex", "get", "0x615C783030"});
    QCOMPARE(theirs.code, 0);
    QCOMPARE(theirs.out, "0x" + QByteArray("naïve value").toHex().toUpper() + "\n");
    // Shown escaped, so the backslash is doubled on the way out.
    const Ran scan = meridianDb({"scan", db, "--prefix", "a"});
    VERIFY_OK(scan);
    QCOMPARE(scan.out, QByteArray("a\\\\x00 : naïve value\n"));
    // Keys that look like options go after "--".
    VERIFY_OK(meridianDb({"put", db, "--", "-dash", "x"}));
    QCOMPARE(ldb(db, {"get", "-dash"}).out, QByteArray("x\n"));
}

void CliTest::writesAreRefusedWhenNotReadWrite() {
    const QString db = makeSmallDatabase("readonly-put");
    QVERIFY(!db.isEmpty());
    VERIFY_FAILS_CLEANLY(meridianDb({"put", "--read-only", db, "k", "v"}));
    VERIFY_FAILS_CLEANLY(meridianDb({"delete", "--secondary", db, "seed"}));
    QVERIFY(ldbSaysNotFound(ldb(db, {"get", "k"})));
    QCOMPARE(ldb(db, {"get", "seed"}).out, QByteArray("1\n"));
}
