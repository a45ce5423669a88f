// CliTest slots (see cli_test.h): --version and --help, the RocksDB engine,
// and the databases other RocksDB releases wrote, as a shell user meets them.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli_test.h"
#include "tests/support/folders.h"
#include "tests/support/rocksdb_release.h"

using namespace meridian::test;

namespace {

const QString kNewer = QStringLiteral(MERIDIAN_TEST_SOURCE_DIR "/data/newer-rocksdb");

// The engine meridian-db reports on its second --version line.
Release cliEngine() {
    const Ran version = meridianDb({"--version"});
    return findRelease(QString::fromUtf8(linesOf(version.out).value(1))).value_or(Release{});
}

}  // namespace

void CliTest::versionAndHelp() {
    const Ran version = meridianDb({"--version"});
    VERIFY_OK(version);
    // The second line names the RocksDB in use (CliTest::versionNamesTheEngine).
    QVERIFY2(QRegularExpression("^meridian-db \\d+\\.\\d+\\.\\d+\\nRocksDB [^\\n]+\\n$").match(QString(version.out)).hasMatch(),
             version.out.constData());
    const Ran help = meridianDb({"--help"});
    VERIFY_OK(help);
    for (const char* command : {"info", "scan", "get", "put", "delete", "list-cf", "lock", "clear-lock"})
        QVERIFY2(help.out.contains(command), command);
    QVERIFY(help.err.isEmpty());
}

void CliTest::versionNamesTheEngine() {
    const Ran version = meridianDb({"--version"});
    VERIFY_OK(version);
    const QList<QByteArray> lines = linesOf(version.out);
    QCOMPARE(lines.size(), 2);
    const auto m = QRegularExpression("^RocksDB (\\d+\\.\\d+\\.\\d+) \\(reads table formats up to (\\d+)\\)$")
                       .match(QString::fromUtf8(lines[1]));
    QVERIFY2(m.hasMatch(), lines[1].constData());
    // The same release as the ldb the tests compare against, and the format its release notes give it.
    const auto ldbs = ldbRelease(m_ldb);
    QVERIFY(ldbs);
    QCOMPARE(m.captured(1), ldbs->text());
    QCOMPARE(m.captured(2).toInt(), newestTableFormatOf(*ldbs));
}

// A database RocksDB 10.5.1 wrote with its defaults (table format 6): read
// byte-exactly by an engine that reads format 6, otherwise refused with the
// versions and what to do, never "Corruption", and the folder untouched.
void CliTest::newerDatabaseGetsTheTruth_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("scan") << QStringList{"scan", "--hex"};
    QTest::newRow("scan --read-only") << QStringList{"scan", "--hex", "--read-only"};
    QTest::newRow("info") << QStringList{"info"};
    QTest::newRow("scan --secondary") << QStringList{"scan", "--hex", "--secondary"};
}
void CliTest::newerDatabaseGetsTheTruth() {
    QFETCH(QStringList, args);
    const QString db = m_tmp.filePath("newer-" + QString(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(copyFolderFiles(kNewer + "/db", db));
    const DirState before = snapshotDir(db);
    const Ran ran = meridianDb(args << db);
    const Release engine = cliEngine();
    if (newestTableFormatOf(engine) < 6) {
        VERIFY_FAILS_CLEANLY(ran);
        for (const char* part : {"newer RocksDB (10.5.1, table format 6)", "RocksDB 8.6 or newer",
                                 "Nothing in the folder was changed"})
            QVERIFY2(ran.err.contains(part), ran.err.constData());
        QVERIFY2(!ran.err.contains("orrupt"), ran.err.constData());
    } else {
        VERIFY_OK(ran);
        if (args.first() == "info") {
            QVERIFY2(ran.out.contains("written by: RocksDB 10.5.1, table format 6\n"), ran.out.constData());
        } else {
            // Exactly the default column family's entries, in order, as the writing program put them.
            QByteArray expected;
            QFile file(kNewer + "/expected.jsonl");
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QByteArray& line : file.readAll().split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o["cf"].toString() != "default") continue;
                expected += "0x" + o["key_hex"].toString().toUpper().toLatin1() + " : 0x" +
                            o["value_hex"].toString().toUpper().toLatin1() + "\n";
            }
            QCOMPARE(ran.out, expected);
        }
    }
    QCOMPARE(diffDirs(before, snapshotDir(db)), QString());
}

// A database an older RocksDB release wrote: readers read; a writer says
// what rewriting its OPTIONS file means and writes only with the flag, once.
void CliTest::olderWriterNeedsTheFlagOnce() {
    const QString db = makeSmallDatabase("older-writer");
    QVERIFY(!db.isEmpty());
    const Release engine = cliEngine();
    // As RocksDB 6.29 would have written it (the options file is plain text).
    const QString options = QDir(db).entryList({"OPTIONS-*"}, QDir::Files, QDir::Name).last();
    QByteArray text = readFile(db + "/" + options);
    QVERIFY(text.contains("rocksdb_version=" + engine.text().toUtf8()));
    text.replace("rocksdb_version=" + engine.text().toUtf8(), "rocksdb_version=6.29.5");
    QVERIFY(writeFile(db + "/" + options, text));
    const DirState before = snapshotDir(db);

    const Ran info = meridianDb({"info", db});
    VERIFY_OK(info);
    QVERIFY2(info.out.contains("written by: RocksDB 6.29.5"), info.out.constData());

    for (const QStringList& write : {QStringList{"put", db, "k", "v"}, QStringList{"delete", db, "seed"}}) {
        const Ran refused = meridianDb(write);
        VERIFY_FAILS_CLEANLY(refused);
        for (const QByteArray& part : {QByteArray("written by RocksDB 6.29.5"), "this build uses RocksDB " + engine.text().toUtf8(),
                                       QByteArray("--ignore_unknown_options"), QByteArray("Nothing was written"),
                                       QByteArray("--allow-options-rewrite")})
            QVERIFY2(refused.err.contains(part), refused.err.constData());
        QCOMPARE(diffDirs(before, snapshotDir(db)), QString());
    }
    const Ran read = meridianDb({"get", db, "seed"});
    VERIFY_OK(read);
    QCOMPARE(read.out, QByteArray("1\n"));

    VERIFY_OK(meridianDb({"put", "--allow-options-rewrite", db, "k", "v"}));
    VERIFY_OK(meridianDb({"put", db, "k2", "v2"}));  // once: the OPTIONS file now records this engine
    const Ran scan = meridianDb({"scan", db});
    VERIFY_OK(scan);
    QCOMPARE(scan.out, QByteArray("k : v\nk2 : v2\nseed : 1\n"));
    const Ran usage = meridianDb({"scan", "--allow-options-rewrite", db});
    VERIFY_FAILS_CLEANLY(usage);
    QCOMPARE(usage.code, 2);
}
