// meridian-db CLI tests: the helpers, and reading (scan, get, info) compared
// with ldb, and readers leaving the folder as it was. See cli_test.h for the
// whole suite.
#include "cli_test.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include "storage/bytes.h"
#include "tests/support/folders.h"

using namespace meridian::test;

namespace {

// "0xKEY : 0xVALUE" -> raw key and value.
std::pair<std::string, std::string> parseHexLine(const QByteArray& line) {
    const int sep = line.indexOf(" : ");
    auto key = meridian::storage::fromHex(line.left(sep).toStdString());
    auto value = meridian::storage::fromHex(line.mid(sep + 3).toStdString());
    return {key.value_or("<bad hex>"), value.value_or("<bad hex>")};
}

constexpr int kBenchKeys = 20000;

}  // namespace

Ran CliTest::ldb(const QString& db, QStringList args) {
    args.prepend("--db=" + db);
    return runProgram(m_ldb, args);
}

// A small fresh database (made by ldb, so its LOCK is free afterwards).
QString CliTest::makeSmallDatabase(const QString& name) {
    const QString dir = m_tmp.filePath(name);
    const Ran made = ldb(dir, {"--create_if_missing", "put", "seed", "1"});
    if (made.code != 0) return {};
    return dir;
}

// A copy of the bench database without RocksDB's LOG files.
QString CliTest::copyBenchWithoutLog(const QString& name) {
    const QString dir = m_tmp.filePath(name);
    return copyFolderFiles(m_db, dir, [](const QString& file) { return !file.startsWith("LOG"); }) ? dir : QString();
}

QList<QByteArray> CliTest::ldbLinesWithKeyPrefix(const QByteArray& hexPrefix) const {
    QList<QByteArray> selected;
    for (const QByteArray& line : m_ldbLines)
        if (line.startsWith("0x" + hexPrefix)) selected << line;
    return selected;
}

void CliTest::initTestCase() {
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
    m_ldbScan = ldbScanWithColons(scan.out);
    m_ldbLines = linesOf(m_ldbScan);
    QCOMPARE(m_ldbLines.size(), kBenchKeys);
}

// --- reading, compared with ldb ---------------------------------------

void CliTest::hexScanIsIdenticalToLdb() {
    const Ran ran = meridianDb({"scan", "--hex", m_db});
    VERIFY_OK(ran);
    QCOMPARE(linesOf(ran.out).size(), kBenchKeys);
    QVERIFY2(ran.out == m_ldbScan, "meridian-db scan --hex differs from ldb --hex scan");
}

void CliTest::countEqualsLdb() {
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

    // --from is inclusive, as in ldb; --after is strict.
    const QByteArray lastKey = m_ldbLines.back().left(m_ldbLines.back().indexOf(" : "));
    const Ran fromLast = meridianDb({"scan", "--hex", "--count", "--from", QString::fromLatin1(lastKey), m_db});
    VERIFY_OK(fromLast);
    QCOMPARE(fromLast.out, QByteArray("1\n"));
    const Ran afterLast = meridianDb({"scan", "--hex", "--count", "--after", QString::fromLatin1(lastKey), m_db});
    VERIFY_OK(afterLast);
    QCOMPARE(afterLast.out, QByteArray("0\n"));
}

namespace {
QByteArray keyOf(const QByteArray& hexLine) { return hexLine.left(hexLine.indexOf(" : ")); }
}  // namespace

void CliTest::fromReverseAndLastMatchLdb_data() {
    QTest::addColumn<QStringList>("ours");  // "KEY" stands for the chosen key
    QTest::addColumn<QStringList>("ldbArgs");
    QTest::addColumn<int>("keyIndex");      // the key from ldb's scan, -1 for none
    QTest::addColumn<bool>("between");      // KEY + "00": not a key, just after the chosen one
    QTest::addColumn<int>("take");          // how many of ldb's lines
    QTest::addColumn<bool>("reversed");     // ldb's lines in reverse order
    QTest::addColumn<bool>("tail");         // the last `take` of ldb's lines, not the first

    QTest::newRow("--from a key, as ldb --from") << QStringList{"--from", "KEY", "--limit", "5"}
                                                 << QStringList{"--from=KEY", "--max_keys=5"} << 12345 << false << 5
                                                 << false << false;
    QTest::newRow("--from between keys") << QStringList{"--from", "KEY", "--limit", "5"}
                                         << QStringList{"--from=KEY", "--max_keys=5"} << 777 << true << 5 << false
                                         << false;
    QTest::newRow("--from the first key") << QStringList{"--from", "KEY", "--limit", "3"}
                                          << QStringList{"--max_keys=3"} << 0 << false << 3 << false << false;
    QTest::newRow("--reverse, whole database") << QStringList{"--reverse"} << QStringList{} << -1 << false
                                               << kBenchKeys << true << false;
    QTest::newRow("--reverse --from a key") << QStringList{"--reverse", "--from", "KEY", "--limit", "4"}
                                            << QStringList{"--to=KEYNEXT"} << 5000 << false << 4 << true << true;
    QTest::newRow("--reverse --after a key") << QStringList{"--reverse", "--after", "KEY", "--limit", "4"}
                                             << QStringList{"--to=KEY"} << 5000 << false << 4 << true << true;
    QTest::newRow("--last") << QStringList{"--last", "6"} << QStringList{} << -1 << false << 6 << false << true;
    QTest::newRow("--reverse --last") << QStringList{"--reverse", "--last", "6"} << QStringList{} << -1 << false << 6
                                      << true << true;
    QTest::newRow("--last under a prefix") << QStringList{"--last", "3", "--prefix", "0x00000000000000"}
                                           << QStringList{"--from=0x00000000000000", "--to=0x00000000000001"} << -1
                                           << false << 3 << false << true;
    QTest::newRow("--last more than there are") << QStringList{"--last", "300", "--prefix", "0x00000000000000"}
                                                << QStringList{"--from=0x00000000000000", "--to=0x00000000000001"}
                                                << -1 << false << 256 << false << true;
}
void CliTest::fromReverseAndLastMatchLdb() {
    QFETCH(QStringList, ours);
    QFETCH(QStringList, ldbArgs);
    QFETCH(int, keyIndex);
    QFETCH(bool, between);
    QFETCH(int, take);
    QFETCH(bool, reversed);
    QFETCH(bool, tail);
    QString key, next;
    if (keyIndex >= 0) {
        key = QString::fromLatin1(keyOf(m_ldbLines.at(keyIndex))) + (between ? "00" : "");
        next = QString::fromLatin1(keyOf(m_ldbLines.at(keyIndex + 1)));
    }
    for (QString& a : ours) a.replace("KEY", key);
    for (QString& a : ldbArgs) a.replace("KEYNEXT", next).replace("KEY", key);

    const Ran theirs = ldb(m_db, QStringList{"--hex", "scan"} + ldbArgs);
    QCOMPARE(theirs.code, 0);
    QList<QByteArray> expected = linesOf(ldbScanWithColons(theirs.out));
    if (tail) expected = expected.mid(std::max<qsizetype>(0, expected.size() - take));
    if (reversed) std::reverse(expected.begin(), expected.end());
    expected = expected.mid(0, take);
    QCOMPARE(expected.size(), take);

    const Ran ran = meridianDb(QStringList{"scan", "--hex", m_db} + ours);
    VERIFY_OK(ran);
    const QList<QByteArray> lines = linesOf(ran.out);
    QCOMPARE(lines.size(), expected.size());
    QVERIFY2(lines == expected, qPrintable("differs from ldb scan " + ldbArgs.join(' ')));
}

void CliTest::searchMatchesABruteForceOfLdbsScan_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("what");  // which brute-force predicate
    // A piece of a value db_bench wrote (random printable text), as a user would copy it.
    const std::string sample = parseHexLine(m_ldbLines.at(4321)).second.substr(20, 4);
    QTest::newRow("substring in values") << QStringList{"--values", QString::fromStdString(sample)} << "value contains";
    QTest::newRow("substring in keys and values") << QStringList{"--keys", "--values", QString::fromStdString(sample)}
                                                  << "either contains";
    QTest::newRow("bytes in keys (--hex)") << QStringList{"--hex", "0000000000001F"} << "key has 00 00 00 00 00 00 1F";
    QTest::newRow("regex on keys") << QStringList{"--regex", "^\\x00{6}\\x0f[\\x90-\\x93]"} << "key 0x0F90-0x0F93";
    QTest::newRow("glob on values") << QStringList{"--values", "--glob", "A*"} << "value starts with A";
}
void CliTest::searchMatchesABruteForceOfLdbsScan() {
    QFETCH(QStringList, options);
    QFETCH(QString, what);
    const std::string sample = parseHexLine(m_ldbLines.at(4321)).second.substr(20, 4);
    QList<QByteArray> expected;
    for (const QByteArray& line : m_ldbLines) {
        const auto [key, value] = parseHexLine(line);
        bool match = false;
        if (what == "value contains") match = value.find(sample) != std::string::npos;
        else if (what == "either contains") match = value.find(sample) != std::string::npos || key.find(sample) != std::string::npos;
        else if (what == "key has 00 00 00 00 00 00 1F") match = key.find(std::string(6, '\0') + "\x1f") != std::string::npos;
        else if (what == "key 0x0F90-0x0F93")
            match = key.compare(0, 6, std::string(6, '\0')) == 0 && key[6] == '\x0f' &&
                    static_cast<unsigned char>(key[7]) >= 0x90 && static_cast<unsigned char>(key[7]) <= 0x93;
        else if (what == "value starts with A") match = value.starts_with('A');
        // Printed as scan prints keys: hex with --hex, escaped otherwise.
        if (match) expected << (options.contains("--hex") ? keyOf(line) : bytes(meridian::storage::escapeBytes(key)));
    }
    QVERIFY(!expected.isEmpty());
    const Ran ran = meridianDb(QStringList{"search", m_db} + options);
    VERIFY_OK(ran);
    const QList<QByteArray> lines = linesOf(ran.out);
    QCOMPARE(lines.size(), expected.size());
    QVERIFY2(lines == expected, "the matches differ from a brute force over ldb's scan");
    const Ran counted = meridianDb(QStringList{"search", m_db, "--count"} + options);
    VERIFY_OK(counted);
    QCOMPARE(counted.out, QByteArray::number(expected.size()) + "\n");
}

void CliTest::searchWithALimitResumesAfterTheLastMatch() {
    // Keys holding a 0x1F byte anywhere, 40 at a time.
    QList<QByteArray> all;
    QString after;
    for (int run = 0; run < 100; ++run) {
        QStringList args{"search", m_db, "--hex", "1F", "--limit", "40"};
        if (!after.isEmpty()) args << "--after" << after;
        const Ran ran = meridianDb(args);
        VERIFY_OK(ran);
        const QList<QByteArray> lines = linesOf(ran.out);
        QVERIFY(lines.size() <= 40);
        all += lines;
        if (!ran.err.contains("more may follow")) break;
        QVERIFY2(ran.err.contains("--after " + lines.back()), ran.err.constData());
        after = QString::fromLatin1(lines.back());
    }
    QList<QByteArray> expected;
    for (const QByteArray& line : m_ldbLines)
        if (parseHexLine(line).first.find('\x1f') != std::string::npos) expected << keyOf(line);
    QCOMPARE(all.size(), expected.size());
    QVERIFY(all == expected);
}

void CliTest::reversePagingReassemblesTheScanBackward() {
    // Pages of 3000 from the end, each resuming --after the previous page's last key.
    QList<QByteArray> assembled;
    QString after;
    for (int page = 0; page <= kBenchKeys / 3000 + 1; ++page) {
        QStringList args{"scan", "--hex", "--reverse", "--limit", "3000", m_db};
        if (!after.isEmpty()) args << "--after" << after;
        const Ran ran = meridianDb(args);
        VERIFY_OK(ran);
        const QList<QByteArray> lines = linesOf(ran.out);
        assembled += lines;
        if (lines.size() < 3000) break;
        after = QString::fromLatin1(keyOf(lines.back()));
    }
    QList<QByteArray> expected = m_ldbLines;
    std::reverse(expected.begin(), expected.end());
    QCOMPARE(assembled.size(), expected.size());
    QVERIFY2(assembled == expected, "backward pages do not reassemble ldb's scan reversed");
}

void CliTest::getMatchesLdb_data() {
    QTest::addColumn<int>("index");
    QTest::newRow("first") << 0;
    QTest::newRow("middle") << kBenchKeys / 2;
    QTest::newRow("last") << kBenchKeys - 1;
}
void CliTest::getMatchesLdb() {
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

void CliTest::getMissingKeyFails() {
    const Ran ran = meridianDb({"get", m_db, "no such key"});
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(ran.err.contains("not found"), ran.err.constData());
}

void CliTest::pagingReassemblesTheScan_data() {
    QTest::addColumn<QString>("hexPrefix");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("expectedKeys");
    QTest::newRow("whole database, pages of 7000") << "" << 7000 << kBenchKeys;
    QTest::newRow("keys 0-255, pages of 37") << "00000000000000" << 37 << 256;
    QTest::newRow("keys 19968-19999, pages of 8 (exact multiple)") << "0000000000004E" << 8 << 32;
    QTest::newRow("no such prefix") << "FF" << 10 << 0;
}
void CliTest::pagingReassemblesTheScan() {
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
        if (!from.isEmpty()) args << "--after" << from;
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

void CliTest::defaultOutputIsEscapedLdbFormat() {
    const Ran ran = meridianDb({"scan", "--limit", "3", m_db});
    VERIFY_OK(ran);
    const QList<QByteArray> lines = linesOf(ran.out);
    QCOMPARE(lines.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const auto [key, value] = parseHexLine(m_ldbLines.at(i));
        const std::string expected =
            meridian::storage::escapeBytes(key) + " : " + meridian::storage::escapeBytes(value);
        QCOMPARE(lines.at(i), bytes(expected));
        QVERIFY(lines.at(i).startsWith("\\x00\\x00\\x00\\x00\\x00\\x00\\x00"));  // NUL bytes, escaped
    }
    const Ran keys = meridianDb({"scan", "--keys-only", "--limit", "2", m_db});
    VERIFY_OK(keys);
    QCOMPARE(keys.out, bytes(meridian::storage::escapeBytes(parseHexLine(m_ldbLines.at(0)).first) + "\n" +
                               meridian::storage::escapeBytes(parseHexLine(m_ldbLines.at(1)).first) + "\n"));
}

void CliTest::optionsMayComeBeforeOrAfterTheCommand() {
    const Ran before = meridianDb({"--hex", "--limit", "4", "scan", m_db});
    const Ran after = meridianDb({"scan", m_db, "--limit=4", "--hex"});
    VERIFY_OK(before);
    VERIFY_OK(after);
    QCOMPARE(linesOf(before.out).size(), 4);
    QCOMPARE(before.out, after.out);
}

void CliTest::jsonScanIsLossless() {
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
        QCOMPARE(doc.object().value("key").toString().toUtf8(), bytes(key));
        QCOMPARE(doc.object().value("value").toString().toUtf8(), bytes(value));
    }
    const Ran hex = meridianDb({"scan", "--json", "--hex", "--keys-only", "--limit", "1", m_db});
    VERIFY_OK(hex);
    const QJsonObject object = QJsonDocument::fromJson(hex.out).object();
    QCOMPARE(object.keys(), QStringList{"key_hex"});
    QCOMPARE(object.value("key_hex").toString().toLatin1(), m_ldbLines.at(0).mid(2, 32));
}

void CliTest::infoReportsTheDatabase() {
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
    // The metrics panel's figures, for scripts: levels add up to the table
    // files, live data is within them and the memtables (this database is
    // all in its log: RocksDB's own estimate says 0), the raw properties agree.
    double levelBytes = 0;
    for (const QJsonValue level : info.value("levels").toArray()) levelBytes += level.toObject().value("bytes").toDouble();
    const double sstBytes = info.value("sst_file_bytes").toDouble();
    QCOMPARE(levelBytes, sstBytes);
    const double live = info.value("live_data_bytes").toDouble();
    const double memtables = info.value("memtable_bytes").toDouble();
    QVERIFY2(live >= (sstBytes + memtables) / 2 && live <= sstBytes + memtables, json.out.constData());
    QVERIFY2(live >= kBenchKeys * 100.0, json.out.constData());  // db_bench's 100-byte values
    const QJsonObject properties = info.value("properties").toObject();
    QCOMPARE(properties.value("rocksdb.estimate-num-keys").toDouble(), estimate);
    QVERIFY(info.value("sequence").toDouble() >= kBenchKeys);
    for (const char* field : {"blob_file_bytes", "memtable_bytes", "pending_compaction_bytes", "block_cache_bytes",
                              "snapshots", "oldest_snapshot_time", "older_versions"})
        QVERIFY2(info.value(field).isDouble(), field);

    const Ran secondary = meridianDb({"info", "--secondary", m_db});
    VERIFY_OK(secondary);
    QVERIFY2(secondary.out.contains("mode: following live\n"), secondary.out.constData());
}

void CliTest::verboseLogsTheFactorysDecisions() {
    const Ran quiet = meridianDb({"scan", "--count", m_db});
    const Ran verbose = meridianDb({"-v", "scan", "--count", m_db});
    VERIFY_OK(verbose);
    QVERIFY(quiet.err.isEmpty());
    QCOMPARE(verbose.out, quiet.out);
    QVERIFY2(verbose.err.contains("meridian-db: [info] opening"), verbose.err.constData());
}

// --- readers write nothing -----------------------------------------------

void CliTest::readOnlyCommandsLeaveTheFolderUnchanged_data() {
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
    QTest::newRow("stats") << QStringList{"stats", "DB"} << true;
    QTest::newRow("stats --estimate --json") << QStringList{"stats", "--estimate", "--json", "DB"} << true;
}
void CliTest::readOnlyCommandsLeaveTheFolderUnchanged() {
    QFETCH(QStringList, args);
    QFETCH(bool, succeeds);
    const QString dir = copyBenchWithoutLog(QString("readonly-%1").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(!dir.isEmpty());
    const auto before = snapshotDir(dir);
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
    CHECK_DIR_UNCHANGED(dir, before);
}

QTEST_GUILESS_MAIN(CliTest)
