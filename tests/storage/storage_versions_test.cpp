// Every RocksDB our users have: how a database relates to the engine we run.
//
//  - A database a newer RocksDB wrote with its defaults (tests/data/newer-
//    rocksdb: RocksDB 10.5.1, table format 6, made by a Node.js program) opens
//    and reads byte-exactly when the engine reads format 6, and is refused as
//    Unsupported with both versions and the remedy otherwise, leaving the
//    folder as it was. Whichever engine this is built with, one of the two is
//    checked, and what the folder records is described either way.
//  - Writing keeps a database's table format and compression, whatever the
//    engine's defaults.
//  - A database an older release wrote is not written until the caller says
//    the user agreed to its OPTIONS file being rewritten.
//  - The system's RocksDB (Debian's ldb) reads back what we wrote into the
//    database it made: with its own options, and with its options file.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <rocksdb/db.h>
#include <rocksdb/table.h>
#include <rocksdb/table_properties.h>

#include <map>

#include "rocksdb_test_support.h"
#include "storage/rocksdb/engine_check.h"
#include "storage/transfer/copy.h"
#include "storage/version.h"
#include "test_support.h"
#include "tests/support/rocksdb_release.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_paths.h"

#ifndef MERIDIAN_SYSTEM_LDB
#error "MERIDIAN_SYSTEM_LDB must be defined by the build"
#endif

using namespace meridian::storage;
using namespace meridian::test;

namespace {

using Family = std::map<std::string, std::string>;
using Contents = std::map<std::string, Family>;  // column family -> key -> value

const QString kNewer = QStringLiteral(MERIDIAN_TEST_SOURCE_DIR "/data/newer-rocksdb");
const Release kNewerWriter{10, 5, 1};  // what wrote it (its OPTIONS file says so)

Release engineRelease() { return *findRelease(qs(rocksdbVersion())); }

// What tests/data/newer-rocksdb/expected.jsonl says the database holds.
Contents expectedNewer() {
    Contents contents;
    QFile file(kNewer + "/expected.jsonl");
    if (!file.open(QIODevice::ReadOnly)) return contents;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.isEmpty()) continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        contents[str(o["cf"].toString())][QByteArray::fromHex(o["key_hex"].toString().toLatin1()).toStdString()] =
            QByteArray::fromHex(o["value_hex"].toString().toLatin1()).toStdString();
    }
    return contents;
}

// Everything under every column family, through our storage.
Contents readAll(const Storage& storage) {
    Contents contents;
    for (const std::string& name : storage.columnFamilies()) {
        auto family = storage.columnFamily(name);
        if (!family.ok()) continue;
        auto all = family.value()->prefix("");
        if (!all.ok()) continue;
        for (const Entry& e : all.value()) contents[name][e.key] = e.value;
    }
    return contents;
}

// The table formats of the SST files in `dir`, read from their footers.
std::map<QString, int> sstFormats(const QString& dir) {
    std::map<QString, int> formats;
    for (const QString& name : QDir(dir).entryList({QStringLiteral("*.sst")}, QDir::Files))
        formats[name] = sstFooterFormat(dir + "/" + name);
    return formats;
}

// Rewrites a line of the newest OPTIONS file (as a program of another release would have written it).
bool editOptions(const QString& db, const QString& from, const QString& to) {
    const QString file = QString::fromStdString(detail::latestOptionsFile(db.toStdString()));
    QByteArray text = readFile(file);
    if (!text.contains(from.toUtf8())) return false;
    text.replace(from.toUtf8(), to.toUtf8());
    return writeFile(file, text);
}

// "KEY : VALUE" lines of an ldb scan.
Family parseScan(const QByteArray& out) {
    Family family;
    for (const QByteArray& line : out.split('\n')) {
        const int at = line.indexOf(" : ");
        if (at > 0) family[line.left(at).toStdString()] = line.mid(at + 3).toStdString();
    }
    return family;
}

}  // namespace

class StorageVersionsTest : public QObject {
    Q_OBJECT

private:
    TempPaths tmp_;

    QString newerCopy() {
        const QString path = tmp_.freshPath();
        if (!copyFolderFiles(kNewer + "/db", path)) return {};
        return path;
    }

    bool engineReadsNewer() const { return engineInfo().newestTableFormat >= 6; }

    // The refusal of the 10.5.1 database by an engine that reads format 5.
    void checkNewerRefusal(const Status& status, const QString& path, bool writtenByKnown) {
        CHECK_CODE(status, Status::Code::Unsupported);
        const QString m = qs(status.message());
        for (const QString& part : {QStringLiteral("newer RocksDB"), QStringLiteral("table format 6"),
                                    QStringLiteral("this build uses: RocksDB ") + qs(rocksdbVersion()),
                                    QStringLiteral("reads table formats up to %1").arg(engineInfo().newestTableFormat),
                                    QStringLiteral("RocksDB 8.6 or newer"), QStringLiteral("Nothing in the folder was changed"),
                                    path})
            QVERIFY2(m.contains(part), qPrintable(part + " missing in: " + m));
        QCOMPARE(m.contains(QStringLiteral("10.5.1")), writtenByKnown);
        QVERIFY2(!m.contains(QStringLiteral("orrupt")), qPrintable(m));
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        QVERIFY2(QFile::exists(kNewer + "/db/CURRENT"), qPrintable(kNewer));
        QVERIFY(!expectedNewer().empty());
    }

    // The engine's description agrees with RocksDB's release notes and with the ldb of the same RocksDB.
    void engineIsDescribedTruthfully() {
        const EngineInfo engine = engineInfo();
        const Release release = engineRelease();
        QCOMPARE(qs(engine.version), release.text());
        QCOMPARE(engine.newestTableFormat, newestTableFormatOf(release));
        QCOMPARE(engine.oldestTableFormat, release.major >= 11 ? 2 : 0);
        QCOMPARE(qs(engine.summary()), QStringLiteral("RocksDB %1 (reads table formats up to %2)")
                                           .arg(release.text()).arg(newestTableFormatOf(release)));
        // The ldb first on PATH is the engine's own (Debian's rocksdb-tools, or the one built with it).
        const QString ldb = QStandardPaths::findExecutable(QStringLiteral("ldb"));
        QVERIFY2(!ldb.isEmpty(), "ldb is not on PATH (Debian: rocksdb-tools)");
        const auto ldbs = ldbRelease(ldb);
        QVERIFY(ldbs);
        QCOMPARE(ldbs->text(), release.text());
    }

    void newerDatabaseIsDescribed() {
        const QString path = newerCopy();
        const DatabaseVersions v = databaseVersions(path.toStdString());
        QCOMPARE(qs(v.writtenBy.value_or("none")), QStringLiteral("10.5.1"));
        QCOMPARE(v.tableFormat.value_or(-1), 6);
        QCOMPARE(v.readable, engineReadsNewer());
        QCOMPARE(v.optionsRewrite, v.readable && kNewerWriter.olderMinorThan(engineRelease()));
        if (!v.readable) checkNewerRefusal(Status::unsupported(v.notice), path, true);
    }

    void newerDatabaseOpensOrIsRefused_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("read-only") << int(OpenMode::ReadOnly);
        QTest::newRow("read-write") << int(OpenMode::ReadWrite);
        QTest::newRow("following live") << int(OpenMode::Secondary);
    }
    void newerDatabaseOpensOrIsRefused() {
        QFETCH(int, mode);
        const QString path = newerCopy();
        const DirState before = snapshotDir(path);
        auto opened = open(path, plainConfig().withMode(OpenMode(mode)));
        if (!engineReadsNewer()) {
            checkNewerRefusal(opened.status, path, true);
            QCOMPARE(qs(opened.report.cause.message()), qs(opened.status.message()));  // the open report says the same
            QCOMPARE(diffDirs(before, snapshotDir(path)), QString());
            return;
        }
        if (OpenMode(mode) == OpenMode::ReadWrite && kNewerWriter.olderMinorThan(engineRelease())) {
            // An engine newer than 10.5 asks before rewriting its OPTIONS file.
            CHECK_CODE(opened.status, Status::Code::NeedsConfirmation);
            QCOMPARE(diffDirs(before, snapshotDir(path)), QString());
            opened = open(path, plainConfig().withOptionsRewrite());
        }
        CHECK_OK(opened.status);
        const Contents expected = expectedNewer();
        QCOMPARE(opened.storage->columnFamilies(), (std::vector<std::string>{"default", "events"}));
        const Contents read = readAll(*opened.storage);
        QCOMPARE(read.size(), expected.size());
        for (const auto& [family, entries] : expected) {
            const Family& got = read.at(family);
            QCOMPARE(got.size(), entries.size());
            for (const auto& [key, value] : entries) {
                QVERIFY2(got.count(key), qPrintable("missing key " + bytes(key).toHex()));
                QCOMPARE(bytes(got.at(key)), bytes(value));
            }
        }
        // The value only the write-ahead log holds, and a key it deleted.
        QCOMPARE(bytes(opened.storage->get("hello").value()), QByteArray("world, again"));
        CHECK_CODE(opened.storage->get("deleted"), Status::Code::NotFound);
        if (OpenMode(mode) != OpenMode::ReadWrite) QCOMPARE(diffDirs(before, snapshotDir(path)), QString());
    }

    // Without its OPTIONS file, the SST footers still tell.
    void newerDatabaseWithoutOptionsFileIsRecognised() {
        const QString path = newerCopy();
        for (const QString& name : QDir(path).entryList({QStringLiteral("OPTIONS-*")}, QDir::Files))
            QVERIFY(QFile::remove(path + "/" + name));
        const DirState before = snapshotDir(path);
        const DatabaseVersions v = databaseVersions(path.toStdString());
        QVERIFY(!v.writtenBy);
        QCOMPARE(v.tableFormat.value_or(-1), 6);
        auto opened = open(path, plainConfig().withMode(OpenMode::ReadOnly));
        if (engineReadsNewer()) {
            CHECK_OK(opened.status);
            QCOMPARE(bytes(opened.storage->get("user:0042").value()), QByteArray(R"({"id":42,"name":"user 42"})"));
        } else {
            checkNewerRefusal(opened.status, path, false);
        }
        opened = {};
        QCOMPARE(diffDirs(before, snapshotDir(path)), QString());
    }

    // RocksDB's own refusals, in the words of 7.8 and of 11, are told as versions.
    void refusalsAboutFormatsAreToldAsVersions() {
        const detail::FolderVersions none;
        const int beyond = engineInfo().newestTableFormat + 1;
        for (const std::string& said : {"Corruption: Corrupt or unsupported format_version: " + std::to_string(beyond) +
                                            " in file /x/MANIFEST-000005",
                                        "Corruption: Corrupt or unsupported format_version " + std::to_string(beyond) +
                                            " for magic 9863518390377041911"}) {
            const Status told = detail::explainRefusal(Status::corruption(said), "/x", none);
            CHECK_CODE(told, Status::Code::Unsupported);
            QVERIFY2(qs(told.message()).contains(QStringLiteral("newer RocksDB (table format %1)").arg(beyond)),
                     told.message().c_str());
            QVERIFY2(qs(told.message()).contains(qs(said)), told.message().c_str());  // RocksDB's words are kept
        }
        const Status legacy = detail::explainRefusal(
            Status::unsupported("Not implemented: Unsupported legacy magic number for block-based SST format."), "/x",
            none);
        CHECK_CODE(legacy, Status::Code::Unsupported);
        QVERIFY2(qs(legacy.message()).contains(QStringLiteral("RocksDB 10 or older")), legacy.message().c_str());
        // Real corruption stays corruption.
        CHECK_CODE(detail::explainRefusal(Status::corruption("Corruption: block checksum mismatch"), "/x", none),
                   Status::Code::Corruption);
    }

    // Writing keeps the table format and compression the database's OPTIONS file records.
    void writingKeepsTheDatabasesFormatAndCompression() {
        const QString path = tmp_.freshPath();
        // Format 4 and LZ4: neither is any engine's default.
        const std::string made = makeRawDatabase(path, {{"a", "1"}, {"b", "2"}}, [](rocksdb::Options& o) {
            rocksdb::BlockBasedTableOptions table;
            table.format_version = 4;
            o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
            o.compression = rocksdb::kLZ4Compression;
        });
        QCOMPARE(qs(made), QStringLiteral("OK"));
        QVERIFY(sstFormats(path).empty());  // all in the WAL: the tables below are ours
        {
            auto opened = open(path);  // read-write; the recovery flush writes the first table
            CHECK_OK(opened.status);
            QVERIFY2(std::any_of(opened.report.decisions.begin(), opened.report.decisions.end(),
                                 [](const std::string& d) { return d.find("table format 4") != std::string::npos; }),
                     "the open report does not say the format is kept");
            std::string big(300000, 'x');
            for (int i = 0; i < 20; ++i) CHECK_OK(opened.storage->put("big" + std::to_string(i), big));
            CHECK_OK(opened.storage->remove("a"));
        }
        { CHECK_OK(open(path).status); }  // and the next recovery flush writes our edits
        const auto formats = sstFormats(path);
        QVERIFY2(formats.size() >= 2, qPrintable(QString::number(formats.size())));
        for (const auto& [name, format] : formats) QVERIFY2(format == 4, qPrintable(name + ": " + QString::number(format)));

        rocksdb::Options options;
        std::unique_ptr<rocksdb::DB> db;
        QVERIFY(detail::compat::openForReadOnly(options, path.toStdString(), &db).ok());
        rocksdb::TablePropertiesCollection tables;
        QVERIFY(db->GetPropertiesOfAllTables(&tables).ok());
        QCOMPARE(tables.size(), formats.size());
        for (const auto& [file, props] : tables)
            QVERIFY2(qs(props->compression_name).contains(QStringLiteral("LZ4")),
                     qPrintable(qs(file) + ": " + qs(props->compression_name)));
    }

    // Save to Disk of a RocksDB database: the copy is in the original's format, not the engine's newest.
    void copiesKeepTheSourcesFormatAndCompression() {
        const QString path = tmp_.freshPath();
        QCOMPARE(qs(makeRawDatabase(path, {{"a", "1"}, {"b", std::string(5000, 'x')}},
                                    [](rocksdb::Options& o) {
                                        rocksdb::BlockBasedTableOptions table;
                                        table.format_version = 4;
                                        o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
                                        o.compression = rocksdb::kLZ4Compression;
                                    })),
                 QStringLiteral("OK"));
        auto opened = open(path, plainConfig().withMode(OpenMode::ReadOnly));
        CHECK_OK(opened.status);
        const QString copy = tmp_.freshPath();
        CHECK_OK(saveAsRocksDb(*opened.storage, copy.toStdString()));
        const auto formats = sstFormats(copy);
        QVERIFY(!formats.empty());
        for (const auto& [name, format] : formats) QVERIFY2(format == 4, qPrintable(name + ": " + QString::number(format)));
        rocksdb::Options options;
        std::unique_ptr<rocksdb::DB> db;
        QVERIFY(detail::compat::openForReadOnly(options, copy.toStdString(), &db).ok());
        rocksdb::TablePropertiesCollection tables;
        QVERIFY(db->GetPropertiesOfAllTables(&tables).ok());
        for (const auto& [file, props] : tables)
            QVERIFY2(qs(props->compression_name).contains(QStringLiteral("LZ4")), props->compression_name.c_str());
        std::string value;
        QVERIFY(db->Get(rocksdb::ReadOptions(), "b", &value).ok());
        QCOMPARE(value.size(), std::size_t(5000));
    }

    // A database an older release wrote: reading is free, writing waits for the user's word, once.
    void olderWriterIsAskedAboutOnce() {
        const QString path = tmp_.freshPath();
        QCOMPARE(qs(makeRawDatabase(path, {{"k", "v"}})), QStringLiteral("OK"));
        { CHECK_OK(open(path).status); }  // an OPTIONS file in the engine's dialect...
        const QString engine = qs(rocksdbVersion());
        QVERIFY(editOptions(path, "rocksdb_version=" + engine, QStringLiteral("rocksdb_version=6.29.5")));  // ...as 6.29 wrote it
        const DirState before = snapshotDir(path);

        const DatabaseVersions v = databaseVersions(path.toStdString());
        QCOMPARE(qs(v.writtenBy.value_or("")), QStringLiteral("6.29.5"));
        QVERIFY(v.readable);
        QVERIFY(v.optionsRewrite);
        for (const QString& part : {QStringLiteral("written by RocksDB 6.29.5"), QStringLiteral("this build uses RocksDB ") + engine,
                                    QStringLiteral("rewrites its OPTIONS file"), QStringLiteral("--ignore_unknown_options"),
                                    QStringLiteral("read-only")})
            QVERIFY2(qs(v.notice).contains(part), qPrintable(part + " missing in: " + qs(v.notice)));

        auto refused = open(path);
        CHECK_CODE(refused.status, Status::Code::NeedsConfirmation);
        QCOMPARE(qs(refused.status.message()), qs(v.notice));
        QVERIFY(!refused.storage);
        QCOMPARE(refused.report.reason, OpenReason::Failed);
        // Not even a fallback stands in for a question.
        auto withFallback = open(path, plainConfig().withMemoryFallback());
        CHECK_CODE(withFallback.status, Status::Code::NeedsConfirmation);
        { CHECK_OK(open(path, plainConfig().withMode(OpenMode::ReadOnly)).status); }
        { CHECK_OK(open(path, plainConfig().withMode(OpenMode::Secondary)).status); }
        QCOMPARE(diffDirs(before, snapshotDir(path)), QString());

        {
            auto agreed = open(path, plainConfig().withOptionsRewrite());
            CHECK_OK(agreed.status);
            CHECK_OK(agreed.storage->put("k", "edited"));
        }
        const DatabaseVersions after = databaseVersions(path.toStdString());
        QCOMPARE(qs(after.writtenBy.value_or("")), engine);
        QVERIFY(!after.optionsRewrite);
        auto again = open(path);  // said once: the rewritten file records this engine
        CHECK_OK(again.status);
        QCOMPARE(bytes(again.storage->get("k").value()), QByteArray("edited"));
    }

    // Options a newer release wrote that the engine does not know: a note, not a failure.
    void unknownOptionsFromANewerReleaseAreNoted() {
        const QString path = tmp_.freshPath();
        QCOMPARE(qs(makeRawDatabase(path, {{"k", "v"}})), QStringLiteral("OK"));
        { CHECK_OK(open(path).status); }
        const QString engine = qs(rocksdbVersion());
        QVERIFY(editOptions(path, "rocksdb_version=" + engine, QStringLiteral("rocksdb_version=99.1.0")));
        QVERIFY(editOptions(path, QStringLiteral("[DBOptions]\n"), QStringLiteral("[DBOptions]\n  future_write_temperature=kHot\n")));
        const DatabaseVersions v = databaseVersions(path.toStdString());
        QStringList unknown;
        for (const auto& name : v.unknownOptions) unknown << qs(name);
        QCOMPARE(unknown, QStringList{QStringLiteral("future_write_temperature")});
        QVERIFY(!v.optionsRewrite);
        const DirState before = snapshotDir(path);
        auto opened = open(path, plainConfig().withMode(OpenMode::ReadOnly));
        CHECK_OK(opened.status);
        QVERIFY2(std::any_of(opened.report.decisions.begin(), opened.report.decisions.end(),
                             [](const std::string& d) {
                                 return d.find("does not know, ignored: future_write_temperature") != std::string::npos;
                             }),
                 "the open report does not name the unknown option");
        QCOMPARE(bytes(opened.storage->get("k").value()), QByteArray("v"));
        opened = {};
        QCOMPARE(diffDirs(before, snapshotDir(path)), QString());
    }

    // OPTIONS files as any RocksDB may leave them: a column family's name of
    // any length (a 200 KB one overflowed std::regex's stack), quotes and
    // brackets included, and an OPTIONS-<n> whose number no RocksDB writes
    // (std::stoull threw on it).
    void optionsFilesOfAnyShapeAreRead() {
        const std::string name = std::string(200000, 'n') + "\" ]";
        const auto info = detail::parseOptionsText("[Version]\n  rocksdb_version=7.8.3\n[CFOptions \"" + name +
                                                   "\"]\n  comparator=leveldb.BytewiseComparator\n"
                                                   "[TableOptions/BlockBasedTable \"" + name +
                                                   "\"]\n  format_version=5\n");
        QCOMPARE(info.families.size(), std::size_t{1});
        QVERIFY(info.families[0].name == name);
        QCOMPARE(qs(info.families[0].comparator), QStringLiteral("leveldb.BytewiseComparator"));
        QCOMPARE(info.families[0].formatVersion.value_or(-1), 5);

        const QString dir = tmp_.freshPath();
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + "/OPTIONS-000005", "[Version]\n"));
        QVERIFY(writeFile(dir + "/OPTIONS-99999999999999999999999", "[Version]\n"));
        QCOMPARE(QString::fromStdString(detail::latestOptionsFile(dir.toStdString())), dir + "/OPTIONS-000005");
    }

    // The acceptance test: a database the system's RocksDB made (Debian's ldb
    // 7.8.3), edited by us (put, delete, rename), is still its own afterwards.
    void systemRocksDbReadsWhatWeWrote() {
        const QString ldb = QStringLiteral(MERIDIAN_SYSTEM_LDB);
        QVERIFY2(!ldb.isEmpty() && QFile::exists(ldb), "the system's ldb is needed (Debian: rocksdb-tools)");
        const auto system = ldbRelease(ldb);
        QVERIFY(system);
        const Release engine = engineRelease();
        const QString path = tmp_.freshPath();

        // 1. The database's own program writes it: 300 keys, compacted into table files.
        Family expected;
        QByteArray dump;
        for (int i = 0; i < 300; ++i) {
            const std::string k = QStringLiteral("key%1").arg(i, 3, 10, QLatin1Char('0')).toStdString();
            expected[k] = "value " + std::to_string(i);
        }
        expected["doomed"] = "gone soon";
        expected["old-name"] = "renamed value";
        for (const auto& [k, v] : expected) dump += QByteArray::fromStdString(k + " ==> " + v + "\n");
        const QString dumpFile = tmp_.filePath(QStringLiteral("system-dump.txt"));
        QVERIFY(writeFile(dumpFile, dump));
        const Ran loaded = runProgram(ldb, {"--db=" + path, QStringLiteral("--create_if_missing"), QStringLiteral("load"),
                                            QStringLiteral("--compact")},
                                      QProcessEnvironment::systemEnvironment(), dumpFile);
        QVERIFY2(loaded.code == 0, loaded.err.constData());
        const auto theirFormats = sstFormats(path);
        QVERIFY(!theirFormats.empty());
        const int theirFormat = theirFormats.begin()->second;  // 5 from Debian 12's 7.8.3
        QVERIFY2(theirFormat >= 2 && theirFormat <= newestTableFormatOf(*system), qPrintable(QString::number(theirFormat)));

        // 2. We open it for writing: when our engine is a newer release, only once the user agreed.
        const DirState before = snapshotDir(path);
        auto opened = open(path);
        if (system->olderMinorThan(engine)) {
            CHECK_CODE(opened.status, Status::Code::NeedsConfirmation);
            QVERIFY2(qs(opened.status.message()).contains("written by RocksDB " + system->text()),
                     opened.status.message().c_str());
            QCOMPARE(diffDirs(before, snapshotDir(path)), QString());
            opened = open(path, plainConfig().withOptionsRewrite());
        }
        CHECK_OK(opened.status);
        CHECK_OK(opened.storage->put("key000", "changed by us"));
        CHECK_OK(opened.storage->put("new key", "added by us"));
        CHECK_OK(opened.storage->remove("doomed"));
        WriteBatch rename;  // what the value editor's Rename Key writes
        rename.put("new-name", expected["old-name"]);
        rename.remove("old-name");
        CHECK_OK(opened.storage->write(rename, WriteOptions{true}));
        opened = {};
        { CHECK_OK(open(path).status); }  // no second question; its recovery flush puts our edits in a table file
        expected["key000"] = "changed by us";
        expected["new key"] = "added by us";
        expected.erase("doomed");
        expected["new-name"] = expected["old-name"];
        expected.erase("old-name");

        // 3. Every table file, theirs and ours, is in the format the database had.
        const auto formats = sstFormats(path);
        QVERIFY2(formats.size() > theirFormats.size() || formats.rbegin()->first > theirFormats.rbegin()->first,
                 "no table file of ours to check");
        for (const auto& [name, format] : formats)
            QVERIFY2(format == theirFormat, qPrintable(QStringLiteral("%1 is in table format %2, the database's is %3")
                                                           .arg(name).arg(format).arg(theirFormat)));

        // 4. The system's RocksDB reads every value: with its own options, as the database's program opens
        //    it, and with the OPTIONS file we rewrote (which needs --ignore_unknown_options when we are newer).
        const Ran own = runProgram(ldb, {"--db=" + path, QStringLiteral("--try_load_options=false"), QStringLiteral("scan")});
        QVERIFY2(own.code == 0, own.err.constData());
        QCOMPARE(parseScan(own.out), expected);
        const Ran withFile = runProgram(ldb, {"--db=" + path, QStringLiteral("--ignore_unknown_options"), QStringLiteral("scan")});
        QVERIFY2(withFile.code == 0, withFile.err.constData());
        QCOMPARE(parseScan(withFile.out), expected);
    }
};

QTEST_GUILESS_MAIN(StorageVersionsTest)
#include "storage_versions_test.moc"
