// storage_rocksdb_test: what only the RocksDB backend does. Read-only and
// following-live (secondary) opens, info() per mode, the process-wide
// registry (sharing, refusing an upgrade, closing, reopening), persistence.
#include <QCoreApplication>
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <thread>

#include "rocksdb_test_support.h"
#include "storage/memory/memory_storage.h"
#include "storage/rocksdb/rocksdb_storage.h"
#include "test_support.h"
#include "tests/support/scoped_env.h"
#include "tests/support/temp_paths.h"

using namespace meridian::storage;
using namespace meridian::test;

namespace {

std::unique_ptr<rocksdb::DB> openRawPrimary(const QString& path) {
    rocksdb::Options options;
    options.create_if_missing = true;
    std::unique_ptr<rocksdb::DB> db;
    if (!detail::compat::open(options, path.toStdString(), &db).ok()) return nullptr;
    return db;
}

}  // namespace

class StorageRocksDbTest : public QObject {
    Q_OBJECT

private:
    TempPaths tmp_;

    // A closed database with a few keys, some flushed to an SST file and some
    // only in the WAL, and no info log left behind.
    QString closedDatabase() {
        const QString path = tmp_.freshPath();
        {
            auto db = openRawPrimary(path);
            if (!db) return path;
            db->Put(rocksdb::WriteOptions(), "flushed", "1");
            db->Flush(rocksdb::FlushOptions());
            db->Put(rocksdb::WriteOptions(), "in-wal", "2");
            db->Close();
        }
        removeInfoLogs(path);
        return path;
    }

    static void checkRefusesWrites(Storage& storage) {
        CHECK_CODE(storage.put("k", "v"), Status::Code::ReadOnly);
        CHECK_CODE(storage.remove("flushed"), Status::Code::ReadOnly);
        WriteBatch batch;
        batch.put("k", "v");
        CHECK_CODE(storage.write(batch), Status::Code::ReadOnly);
        CHECK_CODE(storage.createColumnFamily("new"), Status::Code::ReadOnly);
        const Status refused = storage.put("k", "v");
        QVERIFY2(qs(refused.message()).contains(QStringLiteral("read-write")), refused.message().c_str());
        CHECK_CODE(storage.get("k"), Status::Code::NotFound);
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void dataPersistsAcrossReopen() {
        const QString path = tmp_.freshPath();
        {
            auto opened = open(path, plainConfig().withCreateIfMissing());
            CHECK_OK(opened.status);
            CHECK_OK(opened.storage->put("plain", "1"));
            WriteOptions sync;
            sync.sync = true;
            CHECK_OK(opened.storage->put("synced", std::string("\0\xff", 2), sync));
            CHECK_OK(opened.storage->createColumnFamily("extra"));
            auto extra = opened.storage->columnFamily("extra");
            CHECK_OK(extra);
            CHECK_OK(extra.value()->put("in-extra", "x"));
        }
        auto reopened = open(path);
        CHECK_OK(reopened.status);
        auto plain = reopened.storage->get("plain");
        CHECK_OK(plain);
        auto synced = reopened.storage->get("synced");
        CHECK_OK(synced);
        QCOMPARE(bytes(synced.value()), QByteArray("\0\xff", 2));
        QCOMPARE(reopened.storage->columnFamilies(), (std::vector<std::string>{"default", "extra"}));
        auto extra = open(path, plainConfig().withColumnFamily("extra"));
        CHECK_OK(extra.status);
        QCOMPARE(qs(extra.storage->info().columnFamily), QStringLiteral("extra"));
        auto inExtra = extra.storage->get("in-extra");
        CHECK_OK(inExtra);
        CHECK_CODE(reopened.storage->get("in-extra"), Status::Code::NotFound);
        auto missing = open(path, plainConfig().withColumnFamily("nope"));
        CHECK_CODE(missing.status, Status::Code::NotFound);
        QVERIFY(!missing.storage);
    }

    void readOnlyOpenWritesNothing() {
        const QString path = closedDatabase();
        QVERIFY(!QFile::exists(path + "/LOG"));
        const DirState before = snapshotDir(path);
        {
            auto opened = open(path, plainConfig().withMode(OpenMode::ReadOnly));
            CHECK_OK(opened.status);
            auto flushed = opened.storage->get("flushed");
            CHECK_OK(flushed);
            auto wal = opened.storage->get("in-wal");
            CHECK_OK(wal);
            QCOMPARE(bytes(wal.value()), QByteArray("2"));
            auto all = opened.storage->prefix("");
            CHECK_OK(all);
            QCOMPARE(all->size(), std::size_t(2));
            CHECK_OK(opened.storage->count(""));
            (void)opened.storage->stats();
            auto snap = opened.storage->snapshot();
            CHECK_OK(opened.storage->get("flushed", at(snap)));
            CHECK_OK(opened.storage->catchUp());
            checkRefusesWrites(*opened.storage);
        }
        QVERIFY2(!QFile::exists(path + "/LOG"), "a read-only open wrote an info LOG");
        CHECK_DIR_UNCHANGED(path, before);
    }

    void secondaryOpenWritesNothing() {
        const QString path = closedDatabase();
        const DirState before = snapshotDir(path);
        {
            auto opened = open(path, plainConfig().withMode(OpenMode::Secondary));
            CHECK_OK(opened.status);
            auto wal = opened.storage->get("in-wal");
            CHECK_OK(wal);
            CHECK_OK(opened.storage->catchUp());
            CHECK_OK(opened.storage->count(""));
            checkRefusesWrites(*opened.storage);
        }
        CHECK_DIR_UNCHANGED(path, before);
    }

    void secondaryFollowsALivePrimary() {
        const QString path = tmp_.freshPath();
        auto primary = openRawPrimary(path);  // another program's handle, outside our registry
        QVERIFY(primary);
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "a", "1").ok());

        auto follower = open(path, plainConfig().withMode(OpenMode::Secondary));
        CHECK_OK(follower.status);
        QVERIFY(follower.storage->info().mode == OpenMode::Secondary);
        auto a = follower.storage->get("a");
        CHECK_OK(a);
        QCOMPARE(bytes(a.value()), QByteArray("1"));

        const SnapshotPtr before = follower.storage->snapshot();
        const std::uint64_t sequenceBefore = before->sequence();
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "b", "2").ok());
        QVERIFY(primary->Delete(rocksdb::WriteOptions(), "a").ok());
        CHECK_OK(follower.storage->catchUp());
        QVERIFY2(follower.storage->stats().properties.at("rocksdb.sequence") != std::to_string(sequenceBefore),
                 "catching up should move the follower's sequence");
        QCOMPARE(before->sequence(), sequenceBefore);  // a snapshot's sequence never moves
        auto b = follower.storage->get("b");
        CHECK_OK(b);
        QCOMPARE(bytes(b.value()), QByteArray("2"));
        CHECK_CODE(follower.storage->get("a"), Status::Code::NotFound);

        // Through a flush (the writes move from the WAL into an SST file) too.
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "c", "3").ok());
        QVERIFY(primary->Flush(rocksdb::FlushOptions()).ok());
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "d", "4").ok());
        CHECK_OK(follower.storage->catchUp());
        auto all = follower.storage->prefix("");
        CHECK_OK(all);
        QVERIFY(all.value() == (std::vector<Entry>{{"b", "2"}, {"c", "3"}, {"d", "4"}}));
        checkRefusesWrites(*follower.storage);
        primary->Close();
    }

    // A deferred following-live open reads the table files alone (the data as
    // of the writer's last flush) when the log is long; the first catchUp()
    // replays it, and a later one the log that replaced a flushed one. A short
    // log is replayed at once all the same.
    void deferredSecondaryShowsTheLastFlushThenCatchesUp() {
        const QString path = tmp_.freshPath();
        auto primary = openRawPrimary(path);
        QVERIFY(primary);
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "flushed", "1").ok());
        QVERIFY(primary->Flush(rocksdb::FlushOptions()).ok());
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "logged", "2").ok());
        const auto deferred = plainConfig().withMode(OpenMode::Secondary).withDeferredCatchUp();
        {
            auto follower = open(path, deferred);  // 100 bytes of log: replayed at once
            CHECK_OK(follower.status);
            CHECK_OK(follower.storage->get("logged"));
        }

        const std::string big(100 * 1024, 'x');  // 6 MiB of log, more than an open replays
        for (int i = 0; i < 60; ++i)
            QVERIFY(primary->Put(rocksdb::WriteOptions(), "big:" + std::to_string(100 + i), big).ok());
        auto follower = open(path, deferred);
        CHECK_OK(follower.status);
        CHECK_OK(follower.storage->get("flushed"));
        CHECK_CODE(follower.storage->get("logged"), Status::Code::NotFound);
        CHECK_CODE(follower.storage->get("big:100"), Status::Code::NotFound);
        CHECK_OK(follower.storage->catchUp());
        auto logged = follower.storage->get("logged");
        CHECK_OK(logged);
        QCOMPARE(bytes(logged.value()), QByteArray("2"));
        CHECK_OK(follower.storage->get("big:159"));

        QVERIFY(primary->Flush(rocksdb::FlushOptions()).ok());  // that log's data moves into a table file
        QVERIFY(primary->Put(rocksdb::WriteOptions(), "later", "3").ok());
        CHECK_OK(follower.storage->catchUp());
        auto later = follower.storage->get("later");
        CHECK_OK(later);
        QCOMPARE(bytes(later.value()), QByteArray("3"));
        auto all = follower.storage->prefix("");
        CHECK_OK(all);
        QCOMPARE(all.value().size(), std::size_t{63});
        primary->Close();
    }

    // A following-live open keeps RocksDB's scratch files in a folder of its
    // own in the temporary folder, named after the process. One a killed
    // process left behind is removed by the next following-live open; the
    // folders of live processes and other users' are never touched.
    void staleSecondaryFoldersAreCleanedUp() {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const ScopedEnv tmpdir("TMPDIR", QFile::encodeName(temp.path()).constData());
        const QString path = closedDatabase();

        // The PID of a process that has exited (and been reaped).
        QProcess shell;
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
        QVERIFY(shell.waitForFinished(30000));
        const QString dead = QString::fromLatin1(shell.readAllStandardOutput().trimmed());
        QVERIFY2(dead.toInt() > 0 && ::kill(dead.toInt(), 0) != 0 && errno == ESRCH, "the helper shell is still there");
        const QString mine = QString::number(QCoreApplication::applicationPid());

        auto scratch = [&](const QString& name) {
            const QString dir = temp.filePath(name);
            if (!QDir().mkpath(dir + QStringLiteral("/sub")) || !writeFile(dir + QStringLiteral("/sub/LOG"), "old log"))
                qWarning("cannot make %s", qPrintable(dir));
            return dir;
        };
        const QString stale = scratch(QStringLiteral("meridian-secondary-%1-Ab12Cd").arg(dead));
        const QString live = scratch(QStringLiteral("meridian-secondary-%1-Ef34Gh").arg(mine));
        const QString unnamed = scratch(QStringLiteral("meridian-secondary-Ij56Kl"));     // no PID: cannot tell
        const QString notOurs = scratch(QStringLiteral("meridian-secondary-x%1-Mn78Op").arg(dead));
        QStringList kept{live, unnamed, notOurs};
        if (::geteuid() == 0) {
            // Another user's, of a dead process too: not ours to remove.
            const QString others = scratch(QStringLiteral("meridian-secondary-%1-Qr90St").arg(dead));
            QVERIFY(::chown(QFile::encodeName(others).constData(), 65534, 65534) == 0);
            kept << others;
        }
        // A symlink named like a stale folder is not followed, nor removed.
        const QString target = scratch(QStringLiteral("elsewhere"));
        const QString link = temp.filePath(QStringLiteral("meridian-secondary-%1-Uv12Wx").arg(dead));
        QVERIFY(QFile::link(target, link));
        kept << link;
        const DirState keptBefore = snapshotDir(temp.path());

        QStringList during;
        {
            auto follower = open(path, plainConfig().withMode(OpenMode::Secondary));
            CHECK_OK(follower.status);
            QVERIFY2(!QFileInfo::exists(stale), "the folder of a process that is gone is still there");
            for (const QString& dir : kept) QVERIFY2(QFileInfo(dir).isSymLink() || QFileInfo::exists(dir), qPrintable(dir));
            during = QDir(temp.path()).entryList({QStringLiteral("meridian-secondary-%1-*").arg(mine)}, QDir::Dirs);
            QCOMPARE(during.size(), 2);  // `live` and this open's own, named after this process
        }
        QCOMPARE(QDir(temp.path()).entryList({QStringLiteral("meridian-secondary-%1-*").arg(mine)}, QDir::Dirs),
                 QStringList{QFileInfo(live).fileName()});
        DirState keptAfter = snapshotDir(temp.path());
        DirState expected = keptBefore;
        for (auto it = expected.begin(); it != expected.end();)
            it = it->first.startsWith(QFileInfo(stale).fileName()) ? expected.erase(it) : std::next(it);
        QVERIFY2(diffDirs(expected, keptAfter).isEmpty(), qPrintable(diffDirs(expected, keptAfter)));
        QVERIFY(QFileInfo::exists(target + QStringLiteral("/sub/LOG")));
    }

    void infoDescribesEachMode() {
        const QString path = closedDatabase();
        const QString canonical = QFileInfo(path).canonicalFilePath();
        struct Case {
            OpenMode mode;
            const char* summary;
        };
        for (const Case& c : {Case{OpenMode::ReadWrite, "RocksDB · read-write"},
                              Case{OpenMode::ReadOnly, "RocksDB · read-only"},
                              Case{OpenMode::Secondary, "RocksDB · following live"}}) {
            auto opened = open(path + "/", plainConfig().withMode(c.mode));
            CHECK_OK(opened.status);
            const StorageInfo info = opened.storage->info();
            QVERIFY(info.backend == Backend::RocksDb);
            QVERIFY2(info.mode == c.mode, openModeName(info.mode));
            QCOMPARE(qs(info.path), canonical);
            QCOMPARE(qs(info.columnFamily), QStringLiteral("default"));
            QVERIFY(info.persistent);
            QVERIFY(info.profile == TuningProfile::Default || info.profile == TuningProfile::MacOS);
            QCOMPARE(qs(opened.report.summary()), QString::fromUtf8(c.summary));
            QVERIFY(opened.report.reason == OpenReason::Requested);
            auto family = opened.storage->columnFamily("default");
            CHECK_OK(family);
            QVERIFY(family.value()->info().mode == c.mode);
        }
    }

    void readOnlyRequestSharesAnOpenWriter() {
        const QString path = closedDatabase();
        auto writer = open(path);
        CHECK_OK(writer.status);
        for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::Secondary}) {
            auto reader = openRocksDb(path.toStdString(), RocksDbOptions{mode, TuningProfile::Auto, false});
            CHECK_OK(reader);
            QVERIFY(reader->sharedHandle);
            QVERIFY2(reader->storage->info().mode == OpenMode::ReadOnly, openModeName(reader->storage->info().mode));
            checkRefusesWrites(*reader->storage);
            // A view of a live writer sees its writes at once, and has real snapshots.
            CHECK_OK(writer.storage->put("live", "1"));
            auto snap = reader->storage->snapshot();
            auto live = reader->storage->get("live");
            CHECK_OK(live);
            CHECK_OK(writer.storage->put("live", "2"));
            auto then = reader->storage->get("live", at(snap));
            CHECK_OK(then);
            QCOMPARE(bytes(then.value()), QByteArray("1"));
            CHECK_OK(writer.storage->remove("live"));
        }
    }

    void readWriteIsRefusedWhileOpenReadOnly() {
        const QString path = closedDatabase();
        {
            auto reader = open(path, plainConfig().withMode(OpenMode::ReadOnly));
            CHECK_OK(reader.status);
            auto second = open(path, plainConfig().withMode(OpenMode::ReadOnly));  // shared
            CHECK_OK(second.status);
            auto writer = open(path);
            CHECK_CODE(writer.status, Status::Code::LockHeld);
            QVERIFY(!writer.storage);
            QVERIFY2(qs(writer.status.message()).contains(QFileInfo(path).canonicalFilePath()),
                     writer.status.message().c_str());
            QVERIFY2(qs(writer.status.message()).contains(QStringLiteral("read-only")), writer.status.message().c_str());
            reader = {};
            writer = open(path);  // `second` still has it open
            CHECK_CODE(writer.status, Status::Code::LockHeld);
        }
        auto writer = open(path);  // everyone let go
        CHECK_OK(writer.status);
        CHECK_OK(writer.storage->put("now", "writable"));
    }

    void databaseClosesWhenItsLastUserLetsGo() {
        const QString path = closedDatabase();
        auto opened = open(path);
        CHECK_OK(opened.status);
        SnapshotPtr snap = opened.storage->snapshot();
        CHECK_OK(opened.storage->put("after", "snapshot"));
        opened = {};  // the snapshot outlives the storage and keeps the database open
        std::unique_ptr<rocksdb::DB> raw;
        rocksdb::Options options;
        rocksdb::Status s = detail::compat::open(options, path.toStdString(), &raw);
        QVERIFY2(!s.ok(), "the database closed while a snapshot was still alive");
        raw.reset();

        // Reopened meanwhile, it is the same database and the old snapshot still reads its moment.
        auto again = open(path);
        CHECK_OK(again.status);
        CHECK_CODE(again.storage->get("after", at(snap)), Status::Code::NotFound);
        again = {};
        snap.reset();

        s = detail::compat::open(options, path.toStdString(), &raw);
        QVERIFY2(s.ok(), qPrintable("the database stayed open after everyone let go: " + qs(s.ToString())));
    }

    void reopenAfterReleaseWorks() {
        const QString path = tmp_.freshPath();
        for (int i = 0; i < 30; ++i) {
            const OpenMode mode = i % 3 == 1 ? OpenMode::ReadOnly : OpenMode::ReadWrite;
            auto opened = open(path, plainConfig().withCreateIfMissing(i == 0).withMode(mode));
            CHECK_OK(opened.status);
            if (mode == OpenMode::ReadWrite) CHECK_OK(opened.storage->put("round" + std::to_string(i), "x"));
            if (i > 0) CHECK_OK(opened.storage->get("round0"));
        }
    }

    void closeAndReopenRaceFromTwoThreads() {
        const QString path = closedDatabase();
        std::atomic<int> failures{0};
        std::mutex mutex;
        QStringList errors;
        auto fail = [&](const std::string& what) {
            ++failures;
            std::lock_guard lock(mutex);
            if (errors.size() < 5) errors << qs(what);
        };
        auto loop = [&](int t) {
            for (int i = 0; i < 60; ++i) {
                auto opened = open(path);
                if (!opened.ok()) {
                    fail(opened.status.toString());
                    continue;
                }
                const std::string key = "t" + std::to_string(t) + "-" + std::to_string(i);
                if (Status s = opened.storage->put(key, "v"); !s.ok()) fail(s.toString());
                if (!opened.storage->get("flushed").ok()) fail("lost the flushed key");
            }  // released here, racing with the other thread's open
        };
        std::thread a(loop, 0), b(loop, 1);
        a.join();
        b.join();
        QVERIFY2(failures.load() == 0, qPrintable(errors.join('\n')));
        auto check = open(path);
        CHECK_OK(check.status);
        auto n = check.storage->count("t");
        CHECK_OK(n);
        QCOMPARE(n.value(), std::uint64_t(120));
    }

    void snapshotsOfOtherBackendsAreRejected() {
        auto rocks = open(tmp_.freshPath(), plainConfig().withCreateIfMissing());
        CHECK_OK(rocks.status);
        StoragePtr memory = createMemoryStorage();
        CHECK_CODE(rocks.storage->get("k", at(memory->snapshot())), Status::Code::InvalidArgument);
        CHECK_CODE(memory->get("k", at(rocks.storage->snapshot())), Status::Code::InvalidArgument);
    }

    void readOnlySnapshotsKeepTheirSequence() {
        const QString path = closedDatabase();
        auto reader = open(path, plainConfig().withMode(OpenMode::ReadOnly));
        CHECK_OK(reader.status);
        auto snap = reader.storage->snapshot();
        const std::uint64_t seq = snap->sequence();
        QVERIFY(seq > 0);
        auto v = reader.storage->get("in-wal", at(snap));
        CHECK_OK(v);
        QCOMPARE(bytes(v.value()), QByteArray("2"));
        QCOMPARE(snap->sequence(), seq);
    }

    void databasesMadeByOtherProgramsOpenEveryFamily() {
        const QString path = tmp_.freshPath();
        {
            rocksdb::Options options;
            options.create_if_missing = true;
            std::unique_ptr<rocksdb::DB> db;
            QVERIFY(detail::compat::open(options, path.toStdString(), &db).ok());
            rocksdb::ColumnFamilyHandle* users = nullptr;
            rocksdb::ColumnFamilyHandle* index = nullptr;
            QVERIFY(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "users", &users).ok());
            QVERIFY(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "index", &index).ok());
            QVERIFY(db->Put(rocksdb::WriteOptions(), users, "u1", "ada").ok());
            QVERIFY(db->Put(rocksdb::WriteOptions(), index, "i1", "x").ok());
            QVERIFY(db->Put(rocksdb::WriteOptions(), "d", "default").ok());
            db->DestroyColumnFamilyHandle(users);
            db->DestroyColumnFamilyHandle(index);
            QVERIFY(db->Close().ok());
        }
        for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::ReadWrite}) {
            auto opened = open(path, plainConfig().withMode(mode));
            CHECK_OK(opened.status);
            const auto families = opened.storage->columnFamilies();
            QCOMPARE(families.size(), std::size_t(3));
            QCOMPARE(qs(families.front()), QStringLiteral("default"));
            auto users = opened.storage->columnFamily("users");
            CHECK_OK(users);
            auto u1 = users.value()->get("u1");
            CHECK_OK(u1);
            QCOMPARE(bytes(u1.value()), QByteArray("ada"));
            CHECK_CODE(opened.storage->get("u1"), Status::Code::NotFound);
        }
    }
};

QTEST_GUILESS_MAIN(StorageRocksDbTest)
#include "storage_rocksdb_test.moc"
