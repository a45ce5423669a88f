// meridian-db, run as a user runs it: the real binary via QProcess, checked
// against RocksDB's own `ldb` on a database made by `db_bench`.
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "storage/bytes.h"
#include "storage/factory.h"
#include "cli_test_support.h"

using namespace meridian::test;

namespace {

// Every file under `dir` (recursively): relative name -> size and contents.
QMap<QString, QByteArray> snapshotFolder(const QString& dir) {
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString name = QDir(dir).relativeFilePath(path);
        if (info.isDir()) {
            files.insert(name + "/", {});
            continue;
        }
        QFile file(path);
        QByteArray contents = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
        files.insert(name, QByteArray::number(info.size()) + ":" + contents);
    }
    return files;
}

QString describeDifference(const QMap<QString, QByteArray>& before, const QMap<QString, QByteArray>& after) {
    QStringList changes;
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key())) changes << "removed " + it.key();
        else if (after.value(it.key()) != it.value()) changes << "changed " + it.key();
    }
    for (auto it = after.begin(); it != after.end(); ++it)
        if (!before.contains(it.key())) changes << "added " + it.key();
    return changes.join(", ");
}

#define VERIFY_UNCHANGED(dir, before)                                          \
    do {                                                                       \
        const auto after_ = snapshotFolder(dir);                               \
        QVERIFY2(after_ == (before), qPrintable(describeDifference((before), after_))); \
    } while (0)

// "0xKEY : 0xVALUE" -> raw key and value.
std::pair<std::string, std::string> parseHexLine(const QByteArray& line) {
    const int sep = line.indexOf(" : ");
    auto key = meridian::storage::fromHex(line.left(sep).toStdString());
    auto value = meridian::storage::fromHex(line.mid(sep + 3).toStdString());
    return {key.value_or("<bad hex>"), value.value_or("<bad hex>")};
}

QByteArray toBytes(const std::string& s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

constexpr int kBenchKeys = 20000;

}  // namespace

class CliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_ldb;
    QString m_db;               // the db_bench database; read by most tests, written by none
    QByteArray m_ldbScan;       // `ldb --hex scan` of m_db
    QList<QByteArray> m_ldbLines;

    Ran ldb(const QString& db, QStringList args) {
        args.prepend("--db=" + db);
        return runProgram(m_ldb, args);
    }

    // A small fresh database (made by ldb, so its LOCK is free afterwards).
    QString makeSmallDatabase(const QString& name) {
        const QString dir = m_tmp.filePath(name);
        const Ran made = ldb(dir, {"--create_if_missing", "put", "seed", "1"});
        if (made.code != 0) return {};
        return dir;
    }

    // A copy of the bench database without RocksDB's LOG files.
    QString copyBenchWithoutLog(const QString& name) {
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir);
        for (const QFileInfo& file : QDir(m_db).entryInfoList(QDir::Files)) {
            if (file.fileName().startsWith("LOG")) continue;
            if (!QFile::copy(file.filePath(), dir + "/" + file.fileName())) return {};
        }
        return dir;
    }

    QList<QByteArray> ldbLinesWithKeyPrefix(const QByteArray& hexPrefix) const {
        QList<QByteArray> selected;
        for (const QByteArray& line : m_ldbLines)
            if (line.startsWith("0x" + hexPrefix)) selected << line;
        return selected;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_tmp.isValid(), "cannot create a temporary folder");
        const QString dbBench = QStandardPaths::findExecutable("db_bench");
        m_ldb = QStandardPaths::findExecutable("ldb");
        if (dbBench.isEmpty() || m_ldb.isEmpty())
            QFAIL("db_bench and ldb (package rocksdb-tools) are needed: `make test` installs them");
        QVERIFY2(QFileInfo(QStringLiteral(MERIDIAN_DB_BINARY)).isExecutable(), MERIDIAN_DB_BINARY " is not built");
        // The children must open RocksDB, not whatever the caller's shell says.
        qunsetenv("MERIDIAN_USE_MEMORY_STORAGE");
        qunsetenv("MERIDIAN_FALLBACK_MEMORY");

        m_db = m_tmp.filePath("bench");
        const QByteArray benchProblem = makeBenchDatabase(dbBench, m_db, kBenchKeys);
        QVERIFY2(benchProblem.isEmpty(), benchProblem.constData());

        const Ran scan = ldb(m_db, {"--hex", "scan"});
        QVERIFY2(scan.code == 0, scan.err.constData());
        m_ldbScan = scan.out;
        m_ldbLines = linesOf(m_ldbScan);
        QCOMPARE(m_ldbLines.size(), kBenchKeys);
    }

    // --- reading, compared with ldb ---------------------------------------

    void hexScanIsIdenticalToLdb() {
        const Ran ran = meridianDb({"scan", "--hex", m_db});
        VERIFY_OK(ran);
        QCOMPARE(linesOf(ran.out).size(), kBenchKeys);
        QVERIFY2(ran.out == m_ldbScan, "meridian-db scan --hex differs from ldb --hex scan");
    }

    void countEqualsLdb() {
        const Ran all = meridianDb({"scan", "--count", m_db});
        VERIFY_OK(all);
        QCOMPARE(all.out, QByteArray::number(m_ldbLines.size()) + "\n");

        // 7 zero bytes: keys 0..255 of db_bench's 8-byte big-endian counters.
        const Ran prefixed = meridianDb({"scan", "--count", "--hex", "--prefix", "0x00000000000000", m_db});
        VERIFY_OK(prefixed);
        const Ran ldbRange = ldb(m_db, {"--hex", "scan", "--from=0x00000000000000", "--to=0x00000000000001"});
        QCOMPARE(ldbRange.code, 0);
        QCOMPARE(linesOf(ldbRange.out).size(), 256);
        QCOMPARE(prefixed.out, QByteArray::number(linesOf(ldbRange.out).size()) + "\n");

        const Ran limited = meridianDb({"scan", "--count", "--limit", "5", m_db});
        VERIFY_OK(limited);
        QCOMPARE(limited.out, QByteArray("5\n"));

        const QByteArray lastKey = m_ldbLines.back().left(m_ldbLines.back().indexOf(" : "));
        const Ran afterLast = meridianDb({"scan", "--hex", "--count", "--from", QString::fromLatin1(lastKey), m_db});
        VERIFY_OK(afterLast);
        QCOMPARE(afterLast.out, QByteArray("0\n"));
    }

    void getMatchesLdb_data() {
        QTest::addColumn<int>("index");
        QTest::newRow("first") << 0;
        QTest::newRow("middle") << kBenchKeys / 2;
        QTest::newRow("last") << kBenchKeys - 1;
    }
    void getMatchesLdb() {
        QFETCH(int, index);
        const QByteArray line = m_ldbLines.at(index);
        const QString key = QString::fromLatin1(line.left(line.indexOf(" : ")));
        const Ran theirs = ldb(m_db, {"--hex", "get", key});
        QCOMPARE(theirs.code, 0);
        const Ran ours = meridianDb({"get", "--hex", m_db, key});
        VERIFY_OK(ours);
        QCOMPARE(ours.out, theirs.out);
        QCOMPARE(ours.out, line.mid(line.indexOf(" : ") + 3) + "\n");
        // --hex input is accepted without 0x and in lower case too.
        const Ran bare = meridianDb({"get", "--hex", m_db, key.mid(2).toLower()});
        VERIFY_OK(bare);
        QCOMPARE(bare.out, theirs.out);
    }

    void getMissingKeyFails() {
        const Ran ran = meridianDb({"get", m_db, "no such key"});
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(ran.err.contains("not found"), ran.err.constData());
    }

    void pagingReassemblesTheScan_data() {
        QTest::addColumn<QString>("hexPrefix");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("expectedKeys");
        QTest::newRow("whole database, pages of 7000") << "" << 7000 << kBenchKeys;
        QTest::newRow("keys 0-255, pages of 37") << "00000000000000" << 37 << 256;
        QTest::newRow("keys 19968-19999, pages of 8 (exact multiple)") << "0000000000004E" << 8 << 32;
        QTest::newRow("no such prefix") << "FF" << 10 << 0;
    }
    void pagingReassemblesTheScan() {
        QFETCH(QString, hexPrefix);
        QFETCH(int, pageSize);
        QFETCH(int, expectedKeys);
        const QList<QByteArray> expected = ldbLinesWithKeyPrefix(hexPrefix.toLatin1());
        QCOMPARE(expected.size(), expectedKeys);

        QList<QByteArray> assembled;
        QString from;
        for (int page = 0; page <= expectedKeys / pageSize + 1; ++page) {
            QStringList args{"scan", "--hex", "--limit", QString::number(pageSize), m_db};
            if (!hexPrefix.isEmpty()) args << "--prefix" << hexPrefix;
            if (!from.isEmpty()) args << "--from" << from;
            const Ran ran = meridianDb(args);
            VERIFY_OK(ran);
            const QList<QByteArray> lines = linesOf(ran.out);
            QVERIFY(lines.size() <= pageSize);
            assembled += lines;
            if (lines.size() < pageSize) break;
            from = QString::fromLatin1(lines.back().left(lines.back().indexOf(" : ")));
        }
        QCOMPARE(assembled.size(), expected.size());
        QVERIFY2(assembled == expected, "the pages do not reassemble ldb's scan");
    }

    void defaultOutputIsEscapedLdbFormat() {
        const Ran ran = meridianDb({"scan", "--limit", "3", m_db});
        VERIFY_OK(ran);
        const QList<QByteArray> lines = linesOf(ran.out);
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const auto [key, value] = parseHexLine(m_ldbLines.at(i));
            const std::string expected =
                meridian::storage::escapeBytes(key) + " : " + meridian::storage::escapeBytes(value);
            QCOMPARE(lines.at(i), toBytes(expected));
            QVERIFY(lines.at(i).startsWith("\\x00\\x00\\x00\\x00\\x00\\x00\\x00"));  // NUL bytes, escaped
        }
        const Ran keys = meridianDb({"scan", "--keys-only", "--limit", "2", m_db});
        VERIFY_OK(keys);
        QCOMPARE(keys.out, toBytes(meridian::storage::escapeBytes(parseHexLine(m_ldbLines.at(0)).first) + "\n" +
                                   meridian::storage::escapeBytes(parseHexLine(m_ldbLines.at(1)).first) + "\n"));
    }

    void optionsMayComeBeforeOrAfterTheCommand() {
        const Ran before = meridianDb({"--hex", "--limit", "4", "scan", m_db});
        const Ran after = meridianDb({"scan", m_db, "--limit=4", "--hex"});
        VERIFY_OK(before);
        VERIFY_OK(after);
        QCOMPARE(linesOf(before.out).size(), 4);
        QCOMPARE(before.out, after.out);
    }

    void jsonScanIsLossless() {
        const Ran ran = meridianDb({"scan", "--json", "--limit", "20", m_db});
        VERIFY_OK(ran);
        const QList<QByteArray> lines = linesOf(ran.out);
        QCOMPARE(lines.size(), 20);
        for (int i = 0; i < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), lines.at(i).constData());
            const auto [key, value] = parseHexLine(m_ldbLines.at(i));
            // db_bench keys hold NUL bytes: still valid UTF-8, so "key" carries them exactly.
            QCOMPARE(doc.object().value("key").toString().toUtf8(), toBytes(key));
            QCOMPARE(doc.object().value("value").toString().toUtf8(), toBytes(value));
        }
        const Ran hex = meridianDb({"scan", "--json", "--hex", "--keys-only", "--limit", "1", m_db});
        VERIFY_OK(hex);
        const QJsonObject object = QJsonDocument::fromJson(hex.out).object();
        QCOMPARE(object.keys(), QStringList{"key_hex"});
        QCOMPARE(object.value("key_hex").toString().toLatin1(), m_ldbLines.at(0).mid(2, 32));
    }

    void infoReportsTheDatabase() {
        const Ran text = meridianDb({"info", m_db});
        VERIFY_OK(text);
        QVERIFY2(text.out.contains("backend: RocksDB\n"), text.out.constData());
        QVERIFY2(text.out.contains("mode: read-only\n"), text.out.constData());
        QVERIFY2(text.out.contains("persistent: yes\n"), text.out.constData());
        QVERIFY2(text.out.contains("column family: default\n"), text.out.constData());

        const Ran json = meridianDb({"info", "--json", m_db});
        VERIFY_OK(json);
        QCOMPARE(linesOf(json.out).size(), 1);
        QJsonParseError error;
        const QJsonObject info = QJsonDocument::fromJson(json.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(info.value("backend").toString(), QString("RocksDB"));
        QCOMPARE(info.value("mode").toString(), QString("read-only"));
        QCOMPARE(info.value("path").toString(), QFileInfo(m_db).canonicalFilePath());
        QCOMPARE(info.value("persistent").toBool(), true);
        // An estimate, but db_bench's sequential keys give RocksDB no reason to be far off.
        const double estimate = info.value("estimated_keys").toDouble();
        QVERIFY2(estimate > kBenchKeys / 2 && estimate < kBenchKeys * 2, json.out.constData());
        QCOMPARE(info.value("column_families").toArray(), QJsonArray{"default"});

        const Ran secondary = meridianDb({"info", "--secondary", m_db});
        VERIFY_OK(secondary);
        QVERIFY2(secondary.out.contains("mode: following live\n"), secondary.out.constData());
    }

    void verboseLogsTheFactorysDecisions() {
        const Ran quiet = meridianDb({"scan", "--count", m_db});
        const Ran verbose = meridianDb({"-v", "scan", "--count", m_db});
        VERIFY_OK(verbose);
        QVERIFY(quiet.err.isEmpty());
        QCOMPARE(verbose.out, quiet.out);
        QVERIFY2(verbose.err.contains("meridian-db: [info] opening"), verbose.err.constData());
    }

    // --- nothing written by readers, nothing written on bad input ------------

    void readOnlyCommandsLeaveTheFolderUnchanged_data() {
        QTest::addColumn<QStringList>("args");  // "DB" stands for the database folder
        QTest::addColumn<bool>("succeeds");
        QTest::newRow("scan") << QStringList{"scan", "DB"} << true;
        QTest::newRow("scan --count") << QStringList{"scan", "--count", "DB"} << true;
        QTest::newRow("scan --json --prefix") << QStringList{"scan", "--json", "--hex", "--prefix", "0000", "DB"} << true;
        QTest::newRow("get") << QStringList{"get", "--hex", "DB", "0x00000000000000053030303030303030"} << true;
        QTest::newRow("get missing") << QStringList{"get", "DB", "nothing"} << false;
        QTest::newRow("info") << QStringList{"info", "DB"} << true;
        QTest::newRow("info --json") << QStringList{"info", "--json", "DB"} << true;
        QTest::newRow("list-cf") << QStringList{"list-cf", "DB"} << true;
        QTest::newRow("scan --secondary") << QStringList{"scan", "--secondary", "--count", "DB"} << true;
        QTest::newRow("lock") << QStringList{"lock", "DB"} << true;
    }
    void readOnlyCommandsLeaveTheFolderUnchanged() {
        QFETCH(QStringList, args);
        QFETCH(bool, succeeds);
        const QString dir = copyBenchWithoutLog(QString("readonly-%1").arg(QTest::currentDataTag()).replace(' ', '_'));
        QVERIFY(!dir.isEmpty());
        const auto before = snapshotFolder(dir);
        QVERIFY(before.contains("CURRENT"));
        args.replaceInStrings(QRegularExpression("^DB$"), dir);
        const Ran ran = meridianDb(args);
        if (succeeds) {
            VERIFY_OK(ran);
            QVERIFY(!ran.out.isEmpty());
        } else {
            VERIFY_FAILS_CLEANLY(ran);
            QVERIFY2(ran.err.contains("not found"), ran.err.constData());
        }
        QVERIFY2(!QFile::exists(dir + "/LOG"), "a reader created LOG in the database folder");
        VERIFY_UNCHANGED(dir, before);
    }

    void badDatabasePathsFailWithoutWriting_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("command");  // the path goes after the command, then the rest
        const QStringList kinds{"missing", "regular file", "empty folder", "folder without CURRENT"};
        const QList<QStringList> commands{{"info"}, {"scan"}, {"get", "k"}, {"list-cf"}, {"put", "k", "v"},
                                          {"delete", "k"}};
        for (const QString& kind : kinds)
            for (const QStringList& command : commands)
                QTest::addRow("%s, %s", qPrintable(kind), qPrintable(command.front())) << kind << command;
    }
    void badDatabasePathsFailWithoutWriting() {
        QFETCH(QString, kind);
        QFETCH(QStringList, command);
        QTemporaryDir scratch(m_tmp.filePath("bad-XXXXXX"));
        QVERIFY(scratch.isValid());
        QString path = scratch.filePath("target");
        if (kind == "regular file") {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a database\n");
        } else if (kind == "empty folder") {
            QVERIFY(QDir().mkpath(path));
        } else if (kind == "folder without CURRENT") {
            QVERIFY(QDir().mkpath(path));
            QFile file(path + "/notes.txt");
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("hello");
        }
        const auto before = snapshotFolder(scratch.path());
        QStringList args{command.front(), path};
        args += command.mid(1);
        const Ran ran = meridianDb(args);
        VERIFY_FAILS_CLEANLY(ran);
        VERIFY_UNCHANGED(scratch.path(), before);
    }

    void usageErrorsFailWithOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate", "db"};
        QTest::newRow("unknown option") << QStringList{"scan", "--frobnicate", "db"};
        QTest::newRow("no path") << QStringList{"scan"};
        QTest::newRow("get without key") << QStringList{"get", "db"};
        QTest::newRow("put without value") << QStringList{"put", "db", "k"};
        QTest::newRow("too many arguments") << QStringList{"info", "db", "extra"};
        QTest::newRow("limit not a number") << QStringList{"scan", "--limit", "ten", "db"};
        QTest::newRow("limit without value") << QStringList{"scan", "db", "--limit"};
        QTest::newRow("scan option on get") << QStringList{"get", "--prefix", "a", "db", "k"};
        QTest::newRow("read-only and secondary") << QStringList{"scan", "--read-only", "--secondary", "db"};
    }
    void usageErrorsFailWithOneLine() {
        QFETCH(QStringList, args);
        const Ran ran = meridianDb(args);
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(!QFile::exists("db"), "a usage error created something");
    }

    void badHexIsRefused() {
        const Ran ran = meridianDb({"get", "--hex", m_db, "0xZZ"});
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(ran.err.contains("hex"), ran.err.constData());
        VERIFY_FAILS_CLEANLY(meridianDb({"scan", "--hex", "--prefix", "ABC", m_db}));  // odd length
    }

    // --- writing ---------------------------------------------------------------

    void binaryRoundTripThroughHex_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("NUL bytes") << "0x00006B00" << "0x00";
        QTest::newRow("0xFF bytes") << "0xFFFF" << "0xFF00FF";
        QTest::newRow("invalid UTF-8") << "0xC328" << "0x80C3E2";
        QTest::newRow("newline and backslash") << "0x0A5C" << "0x5C0D0A";
        QTest::newRow("empty value") << "0x6B" << "0x";
    }
    void binaryRoundTripThroughHex() {
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
            QCOMPARE(v, toBytes(rawValue));
            QCOMPARE(o.contains("value_hex"), !meridian::storage::isValidUtf8(rawValue));
        }
        QVERIFY2(found, utf8Json.out.constData());

        const Ran removed = meridianDb({"delete", "--hex", db, key});
        VERIFY_OK(removed);
        QVERIFY(ldb(db, {"--hex", "get", key}).code != 0);
        VERIFY_FAILS_CLEANLY(meridianDb({"get", "--hex", db, key}));
        // The rest of the database is untouched.
        QCOMPARE(ldb(db, {"get", "seed"}).out, QByteArray("1\n"));
    }

    void argvBytesAreTakenAsIs() {
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

    void writesAreRefusedWhenNotReadWrite() {
        const QString db = makeSmallDatabase("readonly-put");
        QVERIFY(!db.isEmpty());
        VERIFY_FAILS_CLEANLY(meridianDb({"put", "--read-only", db, "k", "v"}));
        VERIFY_FAILS_CLEANLY(meridianDb({"delete", "--secondary", db, "seed"}));
        QVERIFY(ldb(db, {"get", "k"}).code != 0);
        QCOMPARE(ldb(db, {"get", "seed"}).out, QByteArray("1\n"));
    }

    void columnFamilies() {
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

    // --- memory ----------------------------------------------------------------

    void memoryBackend() {
        const QString db = makeSmallDatabase("memory");
        QVERIFY(!db.isEmpty());
        const auto before = snapshotFolder(db);

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
        VERIFY_UNCHANGED(db, before);
        QVERIFY(ldb(db, {"get", "k"}).code != 0);

        // The environment variable has the same effect, and says so on stderr.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("MERIDIAN_USE_MEMORY_STORAGE", "1");
        const Ran forced = meridianDb({"info", db}, env);
        VERIFY_OK(forced);
        QVERIFY2(forced.out.contains("backend: In memory\n"), forced.out.constData());
        QVERIFY2(forced.err.contains("MERIDIAN_USE_MEMORY_STORAGE"), forced.err.constData());
    }

    // --- locks -----------------------------------------------------------------

    void lockOnAFreeLockAndClearLock() {
        const QString db = makeSmallDatabase("lock-free");
        QVERIFY(!db.isEmpty());
        QVERIFY2(QFile::exists(db + "/LOCK"), "ldb should have left its LOCK behind");

        const Ran lock = meridianDb({"lock", "--json", db});
        VERIFY_OK(lock);
        QJsonParseError error;
        const QJsonObject d = QJsonDocument::fromJson(lock.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        for (const char* field : {"state", "pid", "process", "command_line", "path", "lock_path", "advice",
                                  "explanation"})
            QVERIFY2(d.contains(field), field);
        QCOMPARE(d.value("state").toString(), QString("free"));
        QVERIFY(d.value("pid").isNull());
        QCOMPARE(d.value("lock_path").toString(), QFileInfo(db).absoluteFilePath() + "/LOCK");

        const Ran cleared = meridianDb({"clear-lock", db});
        VERIFY_OK(cleared);
        QVERIFY(!cleared.out.isEmpty());
        QVERIFY2(!QFile::exists(db + "/LOCK"), "clear-lock left the free LOCK in place");

        const Ran none = meridianDb({"lock", db});
        VERIFY_OK(none);
        QVERIFY2(none.out.startsWith("state: no-lock-file\n"), none.out.constData());
        // Nothing left to clear: refused, one line.
        VERIFY_FAILS_CLEANLY(meridianDb({"clear-lock", db}));
        // The database still opens.
        QCOMPARE(meridianDb({"get", db, "seed"}).out, QByteArray("1\n"));
    }

    void lockHeldByALiveWriter() {
        const QString db = makeSmallDatabase("lock-held");
        QVERIFY(!db.isEmpty());
        // This test process is the live writer.
        auto writer = meridian::storage::createStorage(
            db.toStdString(), meridian::storage::StorageConfig{}.withEnvironment(false));
        QVERIFY2(writer.ok(), writer.status.message().c_str());
        QVERIFY(writer.storage->put("written-live", "fresh").ok());

        const Ran lock = meridianDb({"lock", "--json", db});
        QVERIFY2(lock.code > 0, "lock must exit non-zero while a writer holds the database");
        QCOMPARE(linesOf(lock.err).size(), 1);
        const QJsonObject d = QJsonDocument::fromJson(lock.out).object();
        QCOMPARE(d.value("state").toString(), QString("held-by-other-process"));
        QCOMPARE(d.value("pid").toInteger(), QCoreApplication::applicationPid());

        const Ran clear = meridianDb({"clear-lock", db});
        VERIFY_FAILS_CLEANLY(clear);
        QVERIFY(QFile::exists(db + "/LOCK"));

        // Read-only beside a live writer is unsafe: refused, pointing at --secondary ...
        const Ran readOnly = meridianDb({"scan", db});
        VERIFY_FAILS_CLEANLY(readOnly);
        QVERIFY2(readOnly.err.contains("--secondary"), readOnly.err.constData());
        VERIFY_FAILS_CLEANLY(meridianDb({"put", db, "k", "v"}));
        // ... which works, and sees what the writer wrote.
        const Ran following = meridianDb({"get", "--secondary", db, "written-live"});
        VERIFY_OK(following);
        QCOMPARE(following.out, QByteArray("fresh\n"));
    }

    // --- the rest ----------------------------------------------------------------

    void versionAndHelp() {
        const Ran version = meridianDb({"--version"});
        VERIFY_OK(version);
        QVERIFY2(QRegularExpression("^meridian-db \\d+\\.\\d+\\.\\d+\\n$").match(QString(version.out)).hasMatch(),
                 version.out.constData());
        const Ran help = meridianDb({"--help"});
        VERIFY_OK(help);
        for (const char* command : {"info", "scan", "get", "put", "delete", "list-cf", "lock", "clear-lock"})
            QVERIFY2(help.out.contains(command), command);
        QVERIFY(help.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
