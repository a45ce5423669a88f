// meridian-db checkpoint / export / import / diff, run as a user runs them
// and checked against RocksDB's own ldb both ways: our export loads with
// `ldb load` into an identical database, and `ldb dump` output imports into
// an identical one (compared with `ldb scan --hex`), binary keys and values
// included.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include "cli_test_support.h"
#include "tests/support/folders.h"
#include "tests/support/temp_paths.h"

using namespace meridian::test;

namespace {

constexpr int kBenchKeys = 20000;

// Keys and values no text format survives untouched: NUL, 0xFF, newlines,
// the " ==> " separator, invalid UTF-8, empty ones.
const QList<QPair<QString, QString>> kBinary{
    {"0x", "0x"},           {"0x00", "0x00FF"},         {"0x0A0D", "0x0A"},        {"0xFF", ""},
    {"0x203D3D3E20", "0x203D3D3E20"}, {"0xC328", "0x80C3E2"}, {"0x5C78", "0x7B7D"},
};

}  // namespace

class TransferCliTest : public QObject {
    Q_OBJECT

private:
    TempPaths m_tmp;
    QString m_ldb;
    QString m_db;        // db_bench's keys plus kBinary: read by the tests, written by none
    QByteArray m_scan;   // `ldb --hex scan` of m_db

    QString fresh(const QString& stem) { return m_tmp.freshPath(stem + QStringLiteral("-%1")); }
    Ran ldb(const QString& db, QStringList args, const QString& stdinFile = {}) {
        args.prepend("--db=" + db);
        return runProgram(m_ldb, args, QProcessEnvironment::systemEnvironment(), stdinFile);
    }
    QByteArray ldbScan(const QString& db) {
        const Ran scan = ldb(db, {"--hex", "scan"});
        return scan.code == 0 ? scan.out : "<ldb scan failed: " + scan.err + ">";
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_tmp.isValid(), "cannot create a temporary folder");
        const QString dbBench = QStandardPaths::findExecutable("db_bench");
        m_ldb = QStandardPaths::findExecutable("ldb");
        if (dbBench.isEmpty() || m_ldb.isEmpty())
            QFAIL("db_bench and ldb (package rocksdb-tools) are needed for the interop tests");
        QVERIFY2(QFileInfo(QStringLiteral(MERIDIAN_DB_BINARY)).isExecutable(), MERIDIAN_DB_BINARY " is not built");
        qunsetenv("MERIDIAN_USE_MEMORY_STORAGE");
        qunsetenv("MERIDIAN_FALLBACK_MEMORY");

        m_db = m_tmp.filePath("source");
        const QByteArray benchProblem = makeBenchDatabase(dbBench, m_db, kBenchKeys);
        QVERIFY2(benchProblem.isEmpty(), benchProblem.constData());
        for (const auto& [key, value] : kBinary) QCOMPARE(ldb(m_db, {"--hex", "put", key, value.isEmpty() ? "0x" : value}).code, 0);
        m_scan = ldbScan(m_db);
        QCOMPARE(linesOf(m_scan).size(), kBenchKeys + kBinary.size());
    }

    // --- ldb --hex, both ways ------------------------------------------------

    void hexExportIsWhatLdbDumpHexWrites() {
        const QString file = fresh("ours.txt");
        const Ran ran = meridianDb({"export", "--hex", m_db, file});
        VERIFY_OK(ran);
        QVERIFY2(ran.out.startsWith(QByteArray("exported ") + QByteArray::number(kBenchKeys + kBinary.size()) + " keys"),
                 ran.out.constData());
        const Ran theirs = ldb(m_db, {"dump", "--hex"});
        QCOMPARE(theirs.code, 0);
        QVERIFY2(readFile(file) == theirs.out, "export --hex differs from ldb dump --hex");
        // To stdout: the same bytes, and no summary mixed in.
        const Ran piped = meridianDb({"export", "--hex", m_db, "-"});
        VERIFY_OK(piped);
        QVERIFY(piped.out == theirs.out);
    }

    void ourHexExportLoadsWithLdbLoad() {
        const QString file = fresh("export.txt");
        VERIFY_OK(meridianDb({"export", "--hex", m_db, file}));
        const QString target = fresh("ldb-loaded");
        const Ran load = ldb(target, {"--create_if_missing", "--hex", "load"}, file);
        QVERIFY2(load.code == 0 && !load.out.contains("bad lines"), load.out + load.err);
        QVERIFY2(ldbScan(target) == m_scan, "ldb load of our export is not identical");
    }

    void ldbDumpHexImports() {
        const QString file = fresh("ldb-dump.txt");
        const Ran dump = ldb(m_db, {"dump", "--hex"});
        QCOMPARE(dump.code, 0);
        QVERIFY(writeFile(file, dump.out));
        const QString target = fresh("imported");
        const Ran ran = meridianDb({"import", "--hex", "--create-if-missing", target, file});
        VERIFY_OK(ran);
        QVERIFY2(ran.out.startsWith(QByteArray("imported ") + QByteArray::number(kBenchKeys + kBinary.size()) + " keys"),
                 ran.out.constData());
        QVERIFY2(ldbScan(target) == m_scan, "import of ldb dump --hex is not identical");
    }

    // --- ldb text (no --hex), both ways --------------------------------------

    void textExportLoadsWithLdbLoad() {
        // ldb's text format cannot carry newlines (nor " ==> " in a key): a
        // database of binary keys and values without them, made by ldb load --hex.
        QByteArray hexDump;
        for (int i = 0; i < 3000; ++i) {
            QByteArray key = QByteArray::number(i * 7919 % 3001).rightJustified(6, '\0');
            QByteArray value = QByteArray(i % 50, char(i % 256));
            key.replace('\n', '\r');
            value.replace('\n', "\xFF\x00");
            hexDump += "0x" + key.toHex() + " ==> 0x" + value.toHex() + "\n";
        }
        for (const char* key : {"", "\xFF", "\xC3\x28", "{\"", " ==", "==> "})
            hexDump += "0x" + QByteArray(key).toHex() + " ==> 0x00FF0D3D3D3E20\n";
        const QString hexFile = fresh("text-source.txt");
        QVERIFY(writeFile(hexFile, hexDump));
        const QString source = fresh("text-source");
        QCOMPARE(ldb(source, {"--create_if_missing", "--hex", "load"}, hexFile).code, 0);
        QCOMPARE(linesOf(ldbScan(source)).size(), 3006);
        const QString file = fresh("text.txt");
        VERIFY_OK(meridianDb({"export", source, file}));
        const QString target = fresh("text-loaded");
        const Ran load = ldb(target, {"--create_if_missing", "load"}, file);
        QVERIFY2(load.code == 0 && !load.out.contains("bad lines"), load.out + load.err);
        QVERIFY2(ldbScan(target) == ldbScan(source), "ldb load of our text export is not identical");
        // And back: our import of the same text.
        const QString back = fresh("text-imported");
        VERIFY_OK(meridianDb({"import", "--create-if-missing", back, file}));
        QVERIFY(ldbScan(back) == ldbScan(source));
        // A newline in a value: refused, naming the key, and no file is left.
        const QString refused = fresh("refused.txt");
        const Ran ran = meridianDb({"export", m_db, refused});
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(ran.err.contains("newline") && ran.err.contains("0x"), ran.err.constData());
        QVERIFY(!QFile::exists(refused));
    }

    void ldbTextDumpImports() {
        const QString source = fresh("plain");
        for (const char* kv : {"alpha=1", "beta=two words", "gamma=x ==> y"}) {
            const QString pair(kv);
            QCOMPARE(ldb(source, {"--create_if_missing", "put", pair.section('=', 0, 0), pair.section('=', 1)}).code, 0);
        }
        const QString file = fresh("plain.txt");
        const Ran dump = ldb(source, {"dump"});
        QVERIFY(writeFile(file, dump.out));
        const QString target = fresh("plain-imported");
        VERIFY_OK(meridianDb({"import", "--create-if-missing", target, file}));
        QCOMPARE(ldbScan(target), ldbScan(source));
    }

    // --- JSON Lines ------------------------------------------------------------

    void jsonLinesRoundTrip() {
        const QString file = fresh("export.jsonl");
        VERIFY_OK(meridianDb({"export", "--format", "jsonl", m_db, file}));
        const QList<QByteArray> lines = linesOf(readFile(file));
        QCOMPARE(lines.size(), kBenchKeys + kBinary.size());
        // Every line is JSON; binary goes in _base64 fields.
        bool sawBase64 = false;
        for (const QByteArray& line : lines) {
            QJsonParseError error;
            const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QVERIFY(o.contains("key") != o.contains("key_base64"));
            QVERIFY(o.contains("value") != o.contains("value_base64"));
            if (o.contains("key_base64") && o.value("key_base64").toString() == "/w==") sawBase64 = true;
        }
        QVERIFY(sawBase64);
        const QString target = fresh("jsonl-imported");
        VERIFY_OK(meridianDb({"import", "--create-if-missing", target, file}));  // recognised by its '{'
        QVERIFY(ldbScan(target) == m_scan);
    }

    // --- prefixes, bad input, checkpoint, diff -------------------------------------

    void exportPrefixMatchesLdbRange() {
        const QString file = fresh("prefix.txt");
        VERIFY_OK(meridianDb({"export", "--hex", "--prefix", "0x00000000000000", m_db, file}));
        const Ran range = ldb(m_db, {"dump", "--hex", "--from=0x00000000000000", "--to=0x00000000000001"});
        QCOMPARE(range.code, 0);
        QVERIFY(readFile(file) == range.out);
        QVERIFY(readFile(file).endsWith("Keys in range: 256\n"));
    }

    void aBadLineStopsTheImportWithItsNumber() {
        const QString target = fresh("bad-import");
        QCOMPARE(ldb(target, {"--create_if_missing", "put", "seed", "1"}).code, 0);
        const QByteArray before = ldbScan(target);
        const Ran dump = ldb(m_db, {"dump", "--hex"});
        QByteArray content = dump.out;
        content.insert(content.indexOf('\n', content.size() / 2) + 1, "0x6B ==> not hex\n");
        const int badLine = int(content.left(content.indexOf("not hex")).count('\n')) + 1;
        const QString file = fresh("bad.txt");
        QVERIFY(writeFile(file, content));
        const Ran ran = meridianDb({"import", "--hex", target, file});
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(ran.err.contains(QStringLiteral("line %1:").arg(badLine).toUtf8()), ran.err.constData());
        QVERIFY2(ran.err.contains("nothing was imported"), ran.err.constData());
        QCOMPARE(ldbScan(target), before);
        // Read-only opens refuse imports; a missing database is not created unless asked.
        VERIFY_FAILS_CLEANLY(meridianDb({"import", "--read-only", target, file}));
        VERIFY_FAILS_CLEANLY(meridianDb({"import", fresh("missing"), file}));
    }

    void checkpointOpensAsANormalDatabase() {
        const QString live = fresh("live");
        QVERIFY(QDir().mkpath(live));
        for (const QFileInfo& f : QDir(m_db).entryInfoList(QDir::Files))
            QVERIFY(QFile::copy(f.filePath(), live + "/" + f.fileName()));
        const QString dest = fresh("checkpoint");
        const Ran ran = meridianDb({"checkpoint", live, dest});
        VERIFY_OK(ran);
        QVERIFY2(ran.out.startsWith("checkpoint at sequence "), ran.out.constData());
        QVERIFY(QFile::exists(dest + "/CURRENT"));
        QVERIFY(ldbScan(dest) == m_scan);
        VERIFY_FAILS_CLEANLY(meridianDb({"checkpoint", live, dest}));  // exists now
        VERIFY_FAILS_CLEANLY(meridianDb({"checkpoint", "--memory", live, fresh("mem")}));
        const Ran json = meridianDb({"checkpoint", "--json", live, fresh("json")});
        VERIFY_OK(json);
        QVERIFY(QJsonDocument::fromJson(json.out).object().value("sequence").toDouble() > 0);
    }

    void diffShowsWhatChanged() {
        const QString before = fresh("diff-before");
        QVERIFY(QDir().mkpath(before));
        for (const QFileInfo& f : QDir(m_db).entryInfoList(QDir::Files))
            QVERIFY(QFile::copy(f.filePath(), before + "/" + f.fileName()));
        const QString after = fresh("diff-after");
        VERIFY_OK(meridianDb({"checkpoint", before, after}));
        const Ran same = meridianDb({"diff", "--count", before, after});
        VERIFY_OK(same);
        QCOMPARE(same.out, QByteArray::number(0) + " added, 0 removed, 0 changed, " +
                               QByteArray::number(kBenchKeys + kBinary.size()) + " unchanged\n");

        QCOMPARE(ldb(after, {"--hex", "put", "0x00", "0x01"}).code, 0);     // changed (was 0x00FF)
        QCOMPARE(ldb(after, {"--hex", "delete", "0xFF"}).code, 0);          // removed
        QCOMPARE(ldb(after, {"--hex", "put", "0xFFFF", "0x0A"}).code, 0);   // added
        const Ran text = meridianDb({"diff", "--hex", before, after});
        VERIFY_OK(text);
        QCOMPARE(text.out, QByteArray("~ 0x00 : 0x00FF -> 0x01\n- 0xFF : 0x\n+ 0xFFFF : 0x0A\n"));
        const Ran escaped = meridianDb({"diff", "--keys-only", before, after});
        VERIFY_OK(escaped);
        QCOMPARE(escaped.out, QByteArray("- \\xff\n+ \\xff\\xff\n"));
        const Ran json = meridianDb({"diff", "--json", "--hex", "--prefix", "0x00", before, after});
        VERIFY_OK(json);
        const QJsonObject changed = QJsonDocument::fromJson(linesOf(json.out).value(0)).object();
        QCOMPARE(linesOf(json.out).size(), 1);
        QCOMPARE(changed.value("change").toString(), QString("changed"));
        QCOMPARE(changed.value("before_hex").toString(), QString("00FF"));
        QCOMPARE(changed.value("after_hex").toString(), QString("01"));
        const Ran counts = meridianDb({"diff", "--count", "--json", before, after});
        VERIFY_OK(counts);
        const QJsonObject c = QJsonDocument::fromJson(counts.out).object();
        QCOMPARE(c.value("added").toInt(), 1);
        QCOMPARE(c.value("removed").toInt(), 1);
        QCOMPARE(c.value("changed").toInt(), 1);
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("export without file") << QStringList{"export", "db"};
        QTest::newRow("export with --limit") << QStringList{"export", "--limit", "3", "db", "f"};
        QTest::newRow("unknown format") << QStringList{"export", "--format", "xml", "db", "f"};
        QTest::newRow("import with --prefix") << QStringList{"import", "--prefix", "a", "db", "f"};
        QTest::newRow("create on export") << QStringList{"export", "--create-if-missing", "db", "f"};
        QTest::newRow("format on diff") << QStringList{"diff", "--format", "ldb", "a", "b"};
        QTest::newRow("diff with one path") << QStringList{"diff", "a"};
        QTest::newRow("checkpoint without destination") << QStringList{"checkpoint", "db"};
        QTest::newRow("empty second path") << QStringList{"import", "db", ""};
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        const Ran ran = meridianDb(args);
        VERIFY_FAILS_CLEANLY(ran);
        QCOMPARE(ran.code, 2);
    }
};

QTEST_GUILESS_MAIN(TransferCliTest)
#include "transfer_cli_test.moc"
