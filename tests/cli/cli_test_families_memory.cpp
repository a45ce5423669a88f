// CliTest slots (see cli_test.h): column families, and the in-memory
// backend (--memory or MERIDIAN_USE_MEMORY_STORAGE), which never touches the
// database on disk, compressed with --compress or MERIDIAN_MEMORY_COMPRESSION.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QtTest>

#include "cli_test.h"
#include "tests/support/folders.h"

using namespace meridian::test;

void CliTest::columnFamilies() {
    const QString db = makeSmallDatabase("families");
    QVERIFY(!db.isEmpty());
    QCOMPARE(ldb(db, {"create_column_family", "cf2"}).code, 0);

    const Ran list = meridianDb({"list-cf", db});
    VERIFY_OK(list);
    QCOMPARE(list.out, QByteArray("default\ncf2\n"));
    const Ran json = meridianDb({"list-cf", "--json", db});
    VERIFY_OK(json);
    const QList<QByteArray> lines = linesOf(json.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value("name").toString(), QString("cf2"));

    VERIFY_OK(meridianDb({"put", "--cf", "cf2", db, "only-in-cf2", "yes"}));
    QCOMPARE(ldb(db, {"--column_family=cf2", "get", "only-in-cf2"}).out, QByteArray("yes\n"));
    QCOMPARE(meridianDb({"get", db, "only-in-cf2", "--cf", "cf2"}).out, QByteArray("yes\n"));
    VERIFY_FAILS_CLEANLY(meridianDb({"get", db, "only-in-cf2"}));  // not in default
    QCOMPARE(meridianDb({"scan", "--keys-only", "--cf=cf2", db}).out, QByteArray("only-in-cf2\n"));
    VERIFY_FAILS_CLEANLY(meridianDb({"scan", "--cf", "nope", db}));
}

void CliTest::memoryBackend() {
    const QString db = makeSmallDatabase("memory");
    QVERIFY(!db.isEmpty());
    const auto before = snapshotDir(db);

    const Ran info = meridianDb({"info", "--memory", db});
    VERIFY_OK(info);
    QVERIFY2(info.out.contains("backend: In memory\n"), info.out.constData());
    QVERIFY2(info.out.contains("persistent: no"), info.out.constData());
    const Ran json = meridianDb({"info", "--memory", "--json", db});
    VERIFY_OK(json);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value("backend").toString(), QString("In memory"));
    QCOMPARE(object.value("persistent").toBool(true), false);
    QVERIFY(!object.value("warnings").toArray().isEmpty());

    // A put lands in memory and is gone with the process; the database on disk never sees it.
    VERIFY_OK(meridianDb({"put", "--memory", db, "k", "v"}));
    QCOMPARE(meridianDb({"scan", "--memory", "--count", db}).out, QByteArray("0\n"));
    CHECK_DIR_UNCHANGED(db, before);
    QVERIFY(ldbSaysNotFound(ldb(db, {"get", "k"})));

    // The environment variable has the same effect, and says so on stderr.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MERIDIAN_USE_MEMORY_STORAGE", "1");
    const Ran forced = meridianDb({"info", db}, env);
    VERIFY_OK(forced);
    QVERIFY2(forced.out.contains("backend: In memory\n"), forced.out.constData());
    QVERIFY2(forced.err.contains("MERIDIAN_USE_MEMORY_STORAGE"), forced.err.constData());
}

void CliTest::hybridOption() {
    // A new database, in memory while the command runs and saved at its end.
    const QString db = m_tmp.filePath("hybrid");
    const QByteArray big(700, 'x');
    VERIFY_OK(meridianDb({"--hybrid=64KiB", "put", db, "a", "1"}));
    const Ran info = meridianDb({"--hybrid=64KiB", "info", db});
    VERIFY_OK(info);
    QVERIFY2(info.out.contains("backend: In memory\n"), info.out.constData());
    QVERIFY2(info.out.contains("hybrid: in memory: "), info.out.constData());
    QVERIFY2(info.out.contains("persistent: yes"), info.out.constData());
    // Saved where RocksDB's own ldb reads it.
    const Ran got = ldb(db, {"get", "a"});
    QCOMPARE(got.out, QByteArray("1\n"));

    // Past the threshold: RocksDB from the open, saying so in --json.
    for (int i = 0; i < 4; ++i) VERIFY_OK(meridianDb({"--hybrid=1KiB", "put", db, QString("k%1").arg(i), QString(big)}));
    const Ran json = meridianDb({"--hybrid=1KiB", "info", "--json", db});
    VERIFY_OK(json);
    const QJsonObject hybrid = QJsonDocument::fromJson(json.out).object().value("hybrid").toObject();
    QCOMPARE(hybrid.value("live").toString(), QString("rocksdb"));
    QCOMPARE(hybrid.value("threshold_bytes").toInteger(), qint64(1024));
    QVERIFY2(hybrid.value("summary").toString().startsWith("RocksDB: "), json.out.constData());
    QCOMPARE(meridianDb({"scan", "--count", db}).out, QByteArray("5\n"));
    // Without --hybrid: null.
    QVERIFY(QJsonDocument::fromJson(meridianDb({"info", "--json", db}).out).object().value("hybrid").isNull());

    // Usage errors name the option.
    const Ran bad = meridianDb({"--hybrid=12parsecs", "info", db});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--hybrid takes a size like 64MiB"), bad.err.constData());
    const Ran both = meridianDb({"--hybrid", "--read-only", "info", db});
    QCOMPARE(both.code, 2);
    QVERIFY2(both.err.contains("--hybrid cannot be combined with --read-only"), both.err.constData());
}

void CliTest::memoryCompression() {
    const QString db = makeSmallDatabase("memory-compression");
    QVERIFY(!db.isEmpty());
    const auto before = snapshotDir(db);
    QProcessEnvironment clean = QProcessEnvironment::systemEnvironment();
    clean.remove("MERIDIAN_MEMORY_COMPRESSION");  // whatever the developer's shell has

    const Ran plain = meridianDb({"info", "--memory", db}, clean);
    VERIFY_OK(plain);
    QVERIFY2(plain.out.contains("compression: none\n"), plain.out.constData());
    QVERIFY2(plain.out.contains("values written: 0 bytes, held: 0 bytes, ratio n/a\n"), plain.out.constData());

    const Ran zstd = meridianDb({"info", "--memory", "--compress=zstd:7", db});
    VERIFY_OK(zstd);
    QVERIFY2(zstd.out.contains("compression: zstd level 7\n"), zstd.out.constData());
    const Ran json = meridianDb({"info", "--json", "--compress", "lz4", "--memory", db});
    VERIFY_OK(json);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    const QJsonObject compression = object.value("compression").toObject();
    QCOMPARE(compression.value("codec").toString(), QString("lz4 level 9"));
    QCOMPARE(compression.value("raw_bytes").toInt(-1), 0);
    QCOMPARE(compression.value("stored_bytes").toInt(-1), 0);
    QVERIFY(!compression.contains("ratio"));  // no values, no ratio
    QCOMPARE(object.value("properties").toObject().value("memory.compression").toString(), QString("lz4 level 9"));

    // The environment compresses memory stores too, and --compress wins over it.
    QProcessEnvironment env = clean;
    env.insert("MERIDIAN_MEMORY_COMPRESSION", "zstd:2");
    const Ran fromEnv = meridianDb({"info", "--memory", "-v", db}, env);
    VERIFY_OK(fromEnv);
    QVERIFY2(fromEnv.out.contains("compression: zstd level 2\n"), fromEnv.out.constData());
    QVERIFY2(fromEnv.err.contains("MERIDIAN_MEMORY_COMPRESSION=zstd:2"), fromEnv.err.constData());
    const Ran overridden = meridianDb({"info", "--memory", "--compress=none", db}, env);
    VERIFY_OK(overridden);
    QVERIFY2(overridden.out.contains("compression: none\n"), overridden.out.constData());

    // A bad value is a usage error that names the option.
    const Ran bad = meridianDb({"info", "--memory", "--compress=brotli", db});
    VERIFY_FAILS_CLEANLY(bad);
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--compress"), bad.err.constData());
    QVERIFY2(bad.err.contains("zstd"), bad.err.constData());
    CHECK_DIR_UNCHANGED(db, before);
}
