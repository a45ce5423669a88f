// A full disk and a damaged MANIFEST or WAL, as a user meets them through
// meridian-db: a clear error, no crash, and nothing lost.
//  - Full disk: the LD_PRELOAD shim (support/enospc_shim.cpp) fails writes in
//    the database folder with ENOSPC, and can make statvfs report little free.
//  - Damage: a database with many table files and records still in its WAL,
//    made with RocksDB itself, then cut or flipped.
#include <QtTest>

#include "cli_runs.h"
#include "damaged_databases.h"
#include "storage/factory.h"
#include "tests/support/folders.h"
#include "tests/support/temp_paths.h"

using namespace meridian::test;

class ReliabilityTest : public QObject {
    Q_OBJECT

private slots:
    void init();

    void fullDiskPutFailsCleanlyAndLosesNothing();
    void fullDiskImportLeavesEveryOldValue();
    void importThatCannotFitIsRefusedWithTheNumbers();
    void largeWriteThatCannotFitIsRefusedWithTheNumbers();

    void truncatedManifestRefusesWritingAndWarnsReading();
    void damagedWalRefusesWritingAndWarnsReading();
    void crashLeftoversAreNotDamage();
    void walCutMidWriteIsNotDamage();
    void everyDamagedByteOfAWalRecordRefusesWriting();
    void deadImportScratchIsRemovedByTheNextWriter();

private:
    QProcessEnvironment fullDisk(const QString& db, qint64 allowBytes, qint64 freeBytes = -1) const;
    QString importFile(int records, const QString& tag, bool reversed = false);
    TempPaths* paths_ = nullptr;
    std::unique_ptr<TempPaths> holder_;
};

void ReliabilityTest::init() {
    holder_ = std::make_unique<TempPaths>();
    paths_ = holder_.get();
    QVERIFY(paths_->isValid());
}

QProcessEnvironment ReliabilityTest::fullDisk(const QString& db, qint64 allowBytes, qint64 freeBytes) const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(MERIDIAN_ENOSPC_SHIM));
    // Under ASan the shim comes before ASan's runtime, which ASan would refuse.
    QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
    if (!asan.isEmpty()) asan += QLatin1Char(':');
    env.insert(QStringLiteral("ASAN_OPTIONS"), asan + QStringLiteral("verify_asan_link_order=0"));
    env.insert(QStringLiteral("MERIDIAN_SHIM_ENOSPC_DIR"), QFileInfo(db).canonicalFilePath());
    env.insert(QStringLiteral("MERIDIAN_SHIM_ENOSPC_AFTER"), QString::number(allowBytes));
    if (freeBytes >= 0) env.insert(QStringLiteral("MERIDIAN_SHIM_FREE_BYTES"), QString::number(freeBytes));
    return env;
}

// ldb-format records "key<i> ==> <tag><i>", i = 0 .. records-1.
QString ReliabilityTest::importFile(int records, const QString& tag, bool reversed) {
    const QString path = paths_->freshPath(QStringLiteral("import%1.txt"));
    QByteArray text;
    for (int k = 0; k < records; ++k) {
        const int i = reversed ? records - 1 - k : k;
        text += QStringLiteral("key%1 ==> %2%1\n").arg(i, 6, 10, QLatin1Char('0')).arg(tag).toUtf8();
    }
    if (!writeFile(path, text)) return {};
    return path;
}

void ReliabilityTest::fullDiskPutFailsCleanlyAndLosesNothing() {
    const QString db = paths_->freshPath();
    const Ran made = runCli({QStringLiteral("import"), db, importFile(500, QStringLiteral("old")),
                             QStringLiteral("--create-if-missing")});
    QCOMPARE(made.code, 0);
    const QByteArray before = runCli({QStringLiteral("scan"), db}).out;

    // Before the fix: SIGABRT (exit 134) in RocksDB's own LOG writer.
    const Ran put = runCli({QStringLiteral("put"), db, QStringLiteral("key000001"), QStringLiteral("new")}, fullDisk(db, 0));
    VERIFY_CLEAN(put);
    QCOMPARE(put.code, 1);
    QVERIFY2(put.err.contains("disk is full"), put.err.constData());

    const Ran after = runCli({QStringLiteral("scan"), db});
    QCOMPARE(after.code, 0);
    QCOMPARE(after.out, before);
    // And it is writable again once there is room.
    QCOMPARE(runCli({QStringLiteral("put"), db, QStringLiteral("key000001"), QStringLiteral("new")}).code, 0);
}

void ReliabilityTest::fullDiskImportLeavesEveryOldValue() {
    const QString db = paths_->freshPath();
    QCOMPARE(runCli({QStringLiteral("import"), db, importFile(1000, QStringLiteral("old")),
                     QStringLiteral("--create-if-missing")})
                 .code,
             0);
    const QByteArray before = runCli({QStringLiteral("scan"), db}).out;
    // The disk fills up part-way through writing 20,000 records over the old
    // 1,000 (and 19,000 new ones), in key order and not.
    for (const bool reversed : {false, true}) {
        const Ran import = runCli({QStringLiteral("import"), db, importFile(20000, QStringLiteral("new"), reversed)},
                                  fullDisk(db, 96 * 1024));
        VERIFY_CLEAN(import);
        QCOMPARE(import.code, 1);
        QVERIFY2(import.err.contains("nothing was imported"), import.err.constData());
        const Ran after = runCli({QStringLiteral("scan"), db});
        QCOMPARE(after.code, 0);
        QCOMPARE(after.out, before);
    }
}

void ReliabilityTest::importThatCannotFitIsRefusedWithTheNumbers() {
    const QString db = paths_->freshPath();
    QCOMPARE(runCli({QStringLiteral("import"), db, importFile(10, QStringLiteral("old")),
                     QStringLiteral("--create-if-missing")})
                 .code,
             0);
    const QByteArray before = runCli({QStringLiteral("scan"), db}).out;
    // 20,000 records of about 25 bytes need about 0.8 MiB; 100 KiB are "free".
    const Ran import = runCli({QStringLiteral("import"), db, importFile(20000, QStringLiteral("new"))},
                              fullDisk(db, 1 << 30, 100 * 1024));
    VERIFY_CLEAN(import);
    QCOMPARE(import.code, 1);
    QVERIFY2(import.err.contains("needs about") && import.err.contains("which has 100.0 KiB free"),
             import.err.constData());
    QVERIFY2(import.err.contains("nothing was written"), import.err.constData());
    QCOMPARE(runCli({QStringLiteral("scan"), db}).out, before);
}

void ReliabilityTest::largeWriteThatCannotFitIsRefusedWithTheNumbers() {
    const QString db = paths_->freshPath();
    QCOMPARE(runCli({QStringLiteral("import"), db, importFile(10, QStringLiteral("old")),
                     QStringLiteral("--create-if-missing")})
                 .code,
             0);
    const QByteArray before = runCli({QStringLiteral("scan"), db}).out;
    const QString value = paths_->freshPath(QStringLiteral("value%1.bin"));
    QVERIFY(writeFile(value, QByteArray(2 << 20, '\x5a')));
    // A 2 MiB value needs room for its WAL record and its table file; 1 MiB is "free".
    const Ran put = runCli({QStringLiteral("put"), db, QStringLiteral("big"), QStringLiteral("--value-file"), value},
                           fullDisk(db, 1 << 30, 1 << 20));
    VERIFY_CLEAN(put);
    QCOMPARE(put.code, 1);
    QVERIFY2(put.err.contains("this write needs about") && put.err.contains("which has 1.0 MiB free"),
             put.err.constData());
    QCOMPARE(runCli({QStringLiteral("scan"), db}).out, before);
    // With room, the same write goes through.
    QCOMPARE(runCli({QStringLiteral("put"), db, QStringLiteral("big"), QStringLiteral("--value-file"), value}).code, 0);
}

void ReliabilityTest::truncatedManifestRefusesWritingAndWarnsReading() {
    const QString db = paths_->freshPath();
    const DamageSource source = makeManyTables(db);
    QVERIFY2(source.ok, source.error.c_str());
    const qint64 allKeys = source.keys;
    QVERIFY(damage(db, Damage::ManifestTruncated));
    const DirState before = snapshotDir(db, true);

    const Ran put = runCli({QStringLiteral("put"), db, QStringLiteral("k"), QStringLiteral("v")});
    VERIFY_CLEAN(put);
    QCOMPARE(put.code, 1);
    QVERIFY2(put.err.contains("not listed in the MANIFEST") && put.err.contains("would delete them"),
             put.err.constData());
    CHECK_DIR_UNCHANGED(db, before);

    const Ran count = runCli({QStringLiteral("scan"), QStringLiteral("--count"), db});
    VERIFY_CLEAN(count);
    QCOMPARE(count.code, 0);
    QVERIFY2(count.out.trimmed().toLongLong() < allKeys, count.out.constData());
    QVERIFY2(count.err.contains("the view may be incomplete"), count.err.constData());
    CHECK_DIR_UNCHANGED(db, before);
}

void ReliabilityTest::damagedWalRefusesWritingAndWarnsReading() {
    const QString db = paths_->freshPath();
    const DamageSource source = makeManyTables(db);
    QVERIFY2(source.ok, source.error.c_str());
    QVERIFY(damage(db, Damage::WalFlipped));
    const DirState before = snapshotDir(db, true);

    for (const QStringList& write : {QStringList{QStringLiteral("put"), db, QStringLiteral("k"), QStringLiteral("v")},
                                     QStringList{QStringLiteral("delete"), db, QStringLiteral("k")}}) {
        const Ran ran = runCli(write);
        VERIFY_CLEAN(ran);
        QCOMPARE(ran.code, 1);
        QVERIFY2(ran.err.contains("write-ahead log does not replay cleanly"), ran.err.constData());
        CHECK_DIR_UNCHANGED(db, before);
    }
    const Ran scan = runCli({QStringLiteral("scan"), QStringLiteral("--count"), db});
    VERIFY_CLEAN(scan);
    QCOMPARE(scan.code, 0);
    QVERIFY2(scan.err.contains("write-ahead log is damaged"), scan.err.constData());
    CHECK_DIR_UNCHANGED(db, before);
}

// A writer killed mid-write leaves the last WAL record incomplete. That write
// was never acknowledged and nothing after it is on disk: reading shows the
// rest without a warning, and writing is allowed and loses nothing else.
void ReliabilityTest::walCutMidWriteIsNotDamage() {
    const QString db = paths_->freshPath();
    const DamageSource source = makeManyTables(db);
    QVERIFY2(source.ok, source.error.c_str());
    QVERIFY(damage(db, Damage::WalTruncated));  // the last put, key039999, cut short
    const DirState before = snapshotDir(db, true);

    const Ran count = runCli({QStringLiteral("scan"), QStringLiteral("--count"), db});
    VERIFY_CLEAN(count);
    QCOMPARE(count.code, 0);
    QCOMPARE(count.out.trimmed().toLongLong(), source.keys - 1);
    QVERIFY2(!count.err.contains("damaged"), count.err.constData());
    CHECK_DIR_UNCHANGED(db, before);

    const Ran put = runCli({QStringLiteral("put"), db, QStringLiteral("k"), QStringLiteral("v")});
    VERIFY_CLEAN(put);
    QCOMPARE(put.code, 0);
    const Ran after = runCli({QStringLiteral("scan"), QStringLiteral("--count"), db});
    QCOMPARE(after.out.trimmed().toLongLong(), source.keys);
    const Ran last = runCli({QStringLiteral("get"), db, QStringLiteral("key039998")});
    QCOMPARE(last.code, 0);
    QCOMPARE(last.out.trimmed(), QByteArray(40, static_cast<char>('a' + 39998 % 26)));
}

// Damage to any byte of a record in the middle of the WAL is refused, also
// where RocksDB's own tail-tolerant replay would step over it: a record
// length that now points past the end of the file looks like a write cut
// short, but whole records follow it.
void ReliabilityTest::everyDamagedByteOfAWalRecordRefusesWriting() {
    const QString pristine = paths_->freshPath();
    const DamageSource source = makeManyTables(pristine);
    QVERIFY2(source.ok, source.error.c_str());
    const QString walName = QFileInfo(damage_detail::newest(pristine, QStringLiteral("*.log"))).fileName();
    const qint64 middle = QFileInfo(pristine + QLatin1Char('/') + walName).size() / 2;
    int lengthLikeCuts = 0;
    for (qint64 at = middle; at < middle + 70; ++at) {  // a record is 67 bytes: every byte of one at least
        const QString db = paths_->freshPath();
        QVERIFY(copyFolderFiles(pristine, db));
        QVERIFY(damage_detail::invert(db + QLatin1Char('/') + walName, at, 1));
        const DirState before = snapshotDir(db, true);
        auto opened = meridian::storage::createStorage(
            db.toStdString(), meridian::storage::StorageConfig{}.withEnvironment(false));
        QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("byte %1 of %2 inverted: opened for writing").arg(at).arg(walName)));
        QVERIFY2(opened.status.code() == meridian::storage::Status::Code::Damaged, opened.status.toString().c_str());
        if (opened.status.toString().find("truncated") != std::string::npos) ++lengthLikeCuts;
        CHECK_DIR_UNCHANGED(db, before);
    }
    QVERIFY2(lengthLikeCuts > 0, "no inverted byte made a record length point past the end of the file");
}

void ReliabilityTest::crashLeftoversAreNotDamage() {
    const QString db = paths_->freshPath();
    const DamageSource source = makeManyTables(db);
    QVERIFY2(source.ok, source.error.c_str());
    // A flush cut short by a crash: a table file without its footer.
    QVERIFY(writeFile(db + QStringLiteral("/999990.sst"), QByteArray(70000, 'x')));
    // An import of ours killed after linking its table in, before committing.
    QVERIFY(QDir().mkpath(db + QStringLiteral("/.meridian-import-1-0")));
    const QString live = QDir(db).entryList({QStringLiteral("*.sst")}).first();
    QVERIFY(::link(QFile::encodeName(db + QLatin1Char('/') + live).constData(),
                   QFile::encodeName(db + QStringLiteral("/.meridian-import-1-0/import-1.sst")).constData()) == 0);
    QVERIFY(::link(QFile::encodeName(db + QLatin1Char('/') + live).constData(),
                   QFile::encodeName(db + QStringLiteral("/999991.sst")).constData()) == 0);

    const Ran put = runCli({QStringLiteral("put"), db, QStringLiteral("k"), QStringLiteral("v")});
    VERIFY_CLEAN(put);
    QCOMPARE(put.code, 0);
    // RocksDB cleared its leftovers; we cleared ours.
    QVERIFY(!QFile::exists(db + QStringLiteral("/999990.sst")));
    QVERIFY(!QFile::exists(db + QStringLiteral("/999991.sst")));
    QVERIFY(!QFile::exists(db + QStringLiteral("/.meridian-import-1-0")));
    const Ran count = runCli({QStringLiteral("scan"), QStringLiteral("--count"), db});
    QCOMPARE(count.out.trimmed().toLongLong(), source.keys + 1);
    QVERIFY2(count.err.isEmpty(), count.err.constData());
}

void ReliabilityTest::deadImportScratchIsRemovedByTheNextWriter() {
    const QString db = paths_->freshPath();
    QCOMPARE(runCli({QStringLiteral("import"), db, importFile(10, QStringLiteral("v")), QStringLiteral("--create-if-missing")})
                 .code,
             0);
    const QString scratch = db + QStringLiteral("/.meridian-import-424242-7");
    QVERIFY(QDir().mkpath(scratch));
    QVERIFY(writeFile(scratch + QStringLiteral("/import-1.sst"), QByteArray(100, 'x')));
    // Reading leaves it (and everything else) alone.
    const DirState before = snapshotDir(db, true);
    QCOMPARE(runCli({QStringLiteral("scan"), db}).code, 0);
    CHECK_DIR_UNCHANGED(db, before);
    QCOMPARE(runCli({QStringLiteral("put"), db, QStringLiteral("k"), QStringLiteral("v")}).code, 0);
    QVERIFY(!QFileInfo::exists(scratch));
}

QTEST_GUILESS_MAIN(ReliabilityTest)
#include "reliability_test.moc"
