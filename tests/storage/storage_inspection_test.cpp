// Under the keys, against RocksDB's own tools on the same databases:
// - a key's versions after put / overwrite / delete / re-put, as `ldb idump`
//   lists them (and the memory backend's, kept for a snapshot);
// - the table files of a db_bench database over several levels, as
//   `ldb list_live_files_metadata` lists them;
// - verify: clean on a healthy database, whose folder stays byte-identical,
//   and the damaged file named in a copy with one flipped byte;
// - compact: fewer files, the same entries, as `ldb compact` leaves them;
// - meridian-db versions / files / verify / compact on the same databases.
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "tests/support/folders.h"
#include "tests/support/rocksdb_tools.h"
#include "tests/support/run_program.h"

using namespace meridian::storage;
using meridian::test::ldbLiveFiles;
using meridian::test::makeLevelledDatabase;
using meridian::test::Ran;
using meridian::test::runProgram;

namespace {

Ran ldb(const QString& db, QStringList args) {
    args.prepend(QStringLiteral("--db=%1").arg(db));
    return runProgram(QStringLiteral("ldb"), args);
}

Ran meridianDb(QStringList args) { return runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args); }

void copyFolder(const QString& from, const QString& to) {
    std::filesystem::copy(from.toStdString(), to.toStdString(), std::filesystem::copy_options::recursive);
}

std::set<std::pair<int, std::uint64_t>> ourFiles(const FilesReport& files) {
    std::set<std::pair<int, std::uint64_t>> out;
    for (const auto& t : files.tables) out.emplace(t.level, t.number);
    return out;
}

}  // namespace

class StorageInspectionTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // Several levels: small memtables and files, a small level base.
        levelled_ = dir_.filePath(QStringLiteral("levelled"));
        const QString made = makeLevelledDatabase(levelled_, 60000);
        QVERIFY2(made.isEmpty(), qPrintable(made));
    }

    void versionsMatchLdbIdump() {
        const QString db = dir_.filePath(QStringLiteral("versions"));
        // put, overwrite, delete, re-put: each ldb run flushes its write to a table file.
        for (const QStringList& op : {QStringList{"put", "k1", "v1"}, QStringList{"put", "k1", "v2"},
                                      QStringList{"delete", "k1"}, QStringList{"put", "k1", "v3"},
                                      QStringList{"put", "k2", "x"}}) {
            QStringList args = op;
            if (op.first() == "put") args.prepend(QStringLiteral("--create_if_missing"));  // delete refuses the flag
            const Ran ran = ldb(db, args);
            QVERIFY2(ran.code == 0, ran.err.constData());
        }
        // ldb idump's lines for k1: "'k1' seq:4, type:1 => v3".
        const Ran idump = ldb(db, {QStringLiteral("idump")});
        QCOMPARE(idump.code, 0);
        QStringList expected;
        const QRegularExpression line(QStringLiteral("^'k1' seq:(\\d+), type:(\\d+) => (.*)$"));
        for (const QByteArray& raw : idump.out.split('\n'))
            if (auto m = line.match(QString::fromUtf8(raw)); m.hasMatch())
                expected << QStringLiteral("%1 %2 %3").arg(m.captured(1), m.captured(2) == "0" ? "deletion" : "value",
                                                          m.captured(2) == "0" ? QString() : m.captured(3));
        QCOMPARE(expected.size(), 4);

        auto opened = createStorage(db.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY2(opened.ok(), opened.status.message().c_str());
        auto versions = opened.storage->keyVersions("k1");
        QVERIFY(versions.ok());
        QStringList ours;
        for (const auto& v : versions.value())
            ours << QStringLiteral("%1 %2 %3").arg(v.sequence).arg(versionTypeName(v.type), QString::fromStdString(v.value));
        QCOMPARE(ours, expected);
        // The deleted key is findable, and where: a table file holds its tombstone.
        auto files = opened.storage->files();
        QVERIFY(files.ok());
        QVERIFY(!filesHolding(files.value(), "k1").empty());
        QVERIFY(opened.storage->keyVersions("absent").value().empty());
        opened.storage.reset();

        // meridian-db versions says the same.
        const Ran cli = meridianDb({QStringLiteral("versions"), db, QStringLiteral("k1")});
        QCOMPARE(cli.code, 0);
        QVERIFY2(cli.out.startsWith("seq 4 value (2 bytes) : v3\nseq 3 deletion\nseq 2 value (2 bytes) : v2\n"),
                 cli.out.constData());
        QVERIFY(cli.out.contains("\nin L"));
    }

    void memoryKeepsTheVersionsASnapshotSees() {
        auto store = createMemoryStorage();
        QVERIFY(store->put("k", "old").ok());
        auto snapshot = store->snapshot();
        QVERIFY(store->put("k", "new").ok());
        QVERIFY(store->remove("k").ok());
        auto versions = store->keyVersions("k");
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), std::size_t(2));  // "new" no reader sees: dropped
        QCOMPARE(versions->at(0).type, VersionType::Deletion);
        QCOMPARE(versions->at(1).value, std::string("old"));
        QVERIFY(versions->at(0).sequence > versions->at(1).sequence);
        snapshot.reset();
        QVERIFY(store->keyVersions("k").value().empty());  // the tombstone and the old value go with it
        QCOMPARE(store->files().status().code(), Status::Code::Unsupported);
    }

    void filesMatchLdb() {
        const auto expected = ldbLiveFiles(levelled_);
        QVERIFY(expected.size() > 4);
        std::set<int> levels;
        for (const auto& [level, number] : expected) levels.insert(level);
        QVERIFY2(levels.size() >= 2, "db_bench should have filled several levels");
        auto opened = createStorage(levelled_.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY(opened.ok());
        auto files = opened.storage->files();
        QVERIFY(files.ok());
        QCOMPARE(ourFiles(files.value()), expected);
        std::uint64_t entries = 0;
        for (const auto& t : files->tables) {
            QVERIFY(t.size > 0 && t.entries > 0 && t.smallestKey <= t.largestKey);
            // One setting wrote them all (RocksDB releases name "none" differently).
            QCOMPARE(t.compression, files->tables.front().compression);
            entries += t.entries;
        }
        QVERIFY2(entries >= 30000, qPrintable(QString::number(entries)));  // some keys may still be in the log
        for (const auto& l : files->levels) {
            std::uint64_t n = 0;
            for (const auto& t : files->tables) n += t.level == l.level;
            QCOMPARE(l.files, n);
        }
        opened.storage.reset();
        const Ran cli = meridianDb({QStringLiteral("files"), levelled_, QStringLiteral("--json")});
        QCOMPARE(cli.code, 0);
        QCOMPARE(int(cli.out.count("{\"table\":")), int(expected.size()));
    }

    void metadataAloneAgreesWithTheProperties() {
        auto opened = createStorage(levelled_.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY(opened.ok());
        auto full = opened.storage->files(FileDetail::Properties);
        auto light = opened.storage->files(FileDetail::Metadata);
        QVERIFY(full.ok() && light.ok());
        QCOMPARE(ourFiles(light.value()), ourFiles(full.value()));
        for (std::size_t i = 0; i < full->tables.size(); ++i) {
            QCOMPARE(light->tables[i].size, full->tables[i].size);
            QCOMPARE(light->tables[i].smallestKey, full->tables[i].smallestKey);
            QCOMPARE(light->tables[i].largestKey, full->tables[i].largestKey);
        }
        // The levels the stats give are the files' levels.
        const Stats stats = opened.storage->stats();
        for (const auto& l : full->levels) {
            auto it = std::find_if(stats.levels.begin(), stats.levels.end(), [&](const LevelStats& s) { return s.level == l.level; });
            QVERIFY(it != stats.levels.end());
            QCOMPARE(it->files, l.files);
            QCOMPARE(it->bytes, l.bytes);
        }
        QVERIFY(stats.sequence > 0);
    }

    void liveDataIsNotHiddenByASmallNewFile() {
        // 95,000 keys flushed, then two keys spanning them flushed after:
        // RocksDB's estimate starts from the newest L0 file and skips every
        // file it overlaps, so it reported about a kilobyte.
        const QString db = dir_.filePath(QStringLiteral("live-data"));
        {
            auto opened = createStorage(db.toStdString(),
                                        StorageConfig{}.withMode(OpenMode::ReadWrite).withCreateIfMissing());
            QVERIFY2(opened.ok(), opened.status.message().c_str());
            WriteBatch batch;
            for (int i = 0; i < 95000; ++i) {
                char key[32];
                std::snprintf(key, sizeof key, "key:%08d", i);
                batch.put(key, std::string(40, char('a' + i % 26)));
            }
            QVERIFY(opened.storage->write(batch).ok());
        }
        std::uint64_t bigFile = 0;
        {
            // Reopening read-write flushes the recovered log into a table file.
            auto opened = createStorage(db.toStdString(), StorageConfig{}.withMode(OpenMode::ReadWrite));
            QVERIFY(opened.ok());
            auto files = opened.storage->files();
            QVERIFY(files.ok());
            QCOMPARE(files->tables.size(), std::size_t(1));
            bigFile = files->tables.front().size;
            WriteBatch span;
            span.put("key:", "first");
            span.put("key:~", "last");
            QVERIFY(opened.storage->write(span).ok());
        }
        auto opened = createStorage(db.toStdString(), StorageConfig{}.withMode(OpenMode::ReadWrite));
        QVERIFY(opened.ok());
        auto files = opened.storage->files();
        QCOMPARE(files->tables.size(), std::size_t(2));
        const Stats stats = opened.storage->stats();
        qInfo("live data: ours %llu, RocksDB's %s, table files %llu", static_cast<unsigned long long>(stats.liveDataBytes),
              stats.properties.at("rocksdb.estimate-live-data-size").c_str(),
              static_cast<unsigned long long>(stats.totalFileBytes));
        QVERIFY(stats.liveDataBytes >= bigFile);
        QVERIFY(stats.liveDataBytes <= stats.totalFileBytes + stats.memtableBytes);
        QVERIFY(stats.estimatedKeys >= 90000);
    }

    void compactedSizeCountsEachRangeOnce() {
        auto table = [](int level, std::uint64_t seq, const char* from, const char* to, std::uint64_t size) {
            TableFile t;
            t.level = level;
            t.largestSequence = seq;
            t.smallestKey = from;
            t.largestKey = to;
            t.size = size;
            return t;
        };
        // L2 holds a..m and n..z; L1 rewrites part of the first; L0 has an
        // old file beyond them and a newer one overlapping it.
        const std::vector<TableFile> tables = {table(0, 9, "b", "zz", 5), table(0, 8, "za", "zz", 7),
                                               table(1, 5, "c", "d", 11), table(2, 1, "a", "m", 100),
                                               table(2, 2, "n", "z", 200)};
        QCOMPARE(compactedSizeEstimate(tables), std::uint64_t(100 + 200 + 7));
        QCOMPARE(compactedSizeEstimate({}), std::uint64_t(0));
        // Touching ranges overlap (a key may be in both).
        QCOMPARE(compactedSizeEstimate({table(1, 1, "a", "c", 1), table(0, 2, "c", "d", 2)}), std::uint64_t(1));
    }

    void verifyIsCleanAndTouchesNothing() {
        const meridian::test::DirState before = meridian::test::snapshotDir(levelled_);
        auto opened = createStorage(levelled_.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY(opened.ok());
        std::uint64_t reported = 0;
        auto report = opened.storage->verifyChecksums([&](std::uint64_t done) {
            reported = done;
            return true;
        });
        QVERIFY(report.ok());
        QVERIFY(report->clean());
        QCOMPARE(report->files.size(), ldbLiveFiles(levelled_).size());
        QCOMPARE(reported, std::uint64_t(report->files.size()));
        QVERIFY(!opened.storage->verifyChecksums([](std::uint64_t) { return false; }).ok());  // cancelled
        opened.storage.reset();
        const Ran cli = meridianDb({QStringLiteral("verify"), levelled_});
        QCOMPARE(cli.code, 0);
        QVERIFY(cli.out.contains(": clean\n"));
        const QString changed = meridian::test::changesSince(before, levelled_);
        QVERIFY2(changed.isEmpty(), qPrintable(changed));
    }

    void verifyNamesTheDamagedFile() {
        const QString copy = dir_.filePath(QStringLiteral("damaged"));
        copyFolder(levelled_, copy);
        // One byte flipped in the middle of the largest table file's data.
        QString victim;
        qint64 biggest = 0;
        for (const QFileInfo& f : QDir(copy).entryInfoList({QStringLiteral("*.sst")}, QDir::Files))
            if (f.size() > biggest) {
                biggest = f.size();
                victim = f.fileName();
            }
        QFile file(QDir(copy).filePath(victim));
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(biggest / 3);
        char byte = 0;
        QVERIFY(file.getChar(&byte));
        file.seek(biggest / 3);
        QVERIFY(file.putChar(char(byte ^ 0x5a)));
        file.close();

        auto opened = createStorage(copy.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY(opened.ok());
        auto report = opened.storage->verifyChecksums();
        QVERIFY(report.ok());
        QVERIFY(!report->clean());
        QStringList damaged;
        for (const auto& f : report->files)
            if (!f.ok) damaged << QString::fromStdString(f.name);
        QCOMPARE(damaged, QStringList{victim});
        opened.storage.reset();
        const Ran cli = meridianDb({QStringLiteral("verify"), copy});
        QCOMPARE(cli.code, 1);
        QVERIFY(cli.out.contains((victim + ": CORRUPT").toUtf8()));
    }

    void compactLeavesFewerFilesAsLdbDoes() {
        const QString ours = dir_.filePath(QStringLiteral("compact-ours"));
        const QString theirs = dir_.filePath(QStringLiteral("compact-ldb"));
        copyFolder(levelled_, ours);
        copyFolder(levelled_, theirs);
        const std::size_t before = ldbLiveFiles(ours).size();
        // db_bench may be another RocksDB release than ours: writing needs the user's word.
        const Ran cli = meridianDb({QStringLiteral("compact"), ours, QStringLiteral("--allow-options-rewrite")});
        QVERIFY2(cli.code == 0, cli.err.constData());
        QVERIFY(cli.out.startsWith("compacted: "));
        QCOMPARE(ldb(theirs, {QStringLiteral("compact")}).code, 0);
        const auto after = ldbLiveFiles(ours);
        QVERIFY2(after.size() < before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after.size())));
        // Everything compacted out of level 0, both ways, and the same keys.
        for (const auto& [level, number] : after) QVERIFY(level > 0);
        for (const auto& [level, number] : ldbLiveFiles(theirs)) QVERIFY(level > 0);
        const Ran a = ldb(ours, {QStringLiteral("--ignore_unknown_options"), QStringLiteral("scan"), QStringLiteral("--hex")});
        const Ran b = ldb(theirs, {QStringLiteral("scan"), QStringLiteral("--hex")});
        QVERIFY2(a.code == 0 && !a.out.isEmpty(), a.err.constData());
        QCOMPARE(a.out, b.out);
        // Read-only: refused, nothing written.
        auto readOnly = createStorage(theirs.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY(readOnly.ok());
        QCOMPARE(readOnly.storage->compact(std::nullopt, std::nullopt).code(), Status::Code::ReadOnly);
    }

private:
    QTemporaryDir dir_;
    QString levelled_;
};

QTEST_GUILESS_MAIN(StorageInspectionTest)
#include "storage_inspection_test.moc"
