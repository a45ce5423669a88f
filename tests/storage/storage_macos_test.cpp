// storage_macos_test: the notes' macOS coverage, run on every platform.
//
//  - The macOS tuning profile (no adaptive mutex, no mmap reads/writes, no
//    direct I/O, max_open_files 256) is selected explicitly and read back from
//    the newest OPTIONS-* file the open wrote; the default profile leaves the
//    database's own choices alone.
//  - "Multiple database opens without lock errors": the same database opened
//    twice in one process (also through a symlink, "dir/../dir/" and a
//    trailing slash) shares one handle, from one thread or many.
#include <QCoreApplication>
#include <QFile>
#include <QtTest>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "rocksdb_test_support.h"
#include "storage/rocksdb/rocksdb_storage.h"
#include "test_support.h"
#include "tests/support/temp_paths.h"

using namespace meridian::storage;
using namespace meridian::test;

class StorageMacosTest : public QObject {
    Q_OBJECT

private:
    TempPaths tmp_;

    // A database whose own options turn on everything the macOS profile turns off.
    QString databaseWithMmapAndAdaptiveMutex() {
        const QString path = tmp_.freshPath();
        const std::string made = makeRawDatabase(path, {{"k", "v"}}, [](rocksdb::Options& o) {
            o.use_adaptive_mutex = true;
            o.allow_mmap_reads = true;
            o.allow_mmap_writes = true;
            o.max_open_files = -1;
        });
        if (made != "OK") qWarning("cannot make the database: %s", made.c_str());
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void macosProfileIsWrittenToTheOptionsFile() {
        const QString path = databaseWithMmapAndAdaptiveMutex();
        auto before = readLatestOptions(path);
        QVERIFY2(before.ok, before.error.c_str());
        QVERIFY(before.db.use_adaptive_mutex && before.db.allow_mmap_reads && before.db.allow_mmap_writes);

        auto opened = open(path, plainConfig().withProfile(TuningProfile::MacOS));
        CHECK_OK(opened.status);
        QVERIFY(opened.storage->info().profile == TuningProfile::MacOS);
        auto v = opened.storage->get("k");
        CHECK_OK(v);
        QCOMPARE(bytes(v.value()), QByteArray("v"));

        const auto recorded = readLatestOptions(path);
        QVERIFY2(recorded.ok, recorded.error.c_str());
        QCOMPARE(recorded.db.use_adaptive_mutex, false);
        QCOMPARE(recorded.db.allow_mmap_reads, false);
        QCOMPARE(recorded.db.allow_mmap_writes, false);
        QCOMPARE(recorded.db.use_direct_reads, false);
        QCOMPARE(recorded.db.use_direct_io_for_flush_and_compaction, false);
        QCOMPARE(recorded.db.max_open_files, 256);
    }

    void macosProfileTurnsDirectIoOff() {
        // A database whose OPTIONS file asks for direct I/O (edited in, so the
        // test does not depend on the filesystem supporting O_DIRECT).
        const QString path = tmp_.freshPath();
        QCOMPARE(qs(makeRawDatabase(path, {{"k", "v"}})), QStringLiteral("OK"));
        const QString optionsFile = qs(storage_latestOptions(path));
        QVERIFY(!optionsFile.isEmpty());
        QByteArray text = readFile(optionsFile);
        QVERIFY(text.contains("use_direct_reads=false") && text.contains("use_direct_io_for_flush_and_compaction=false"));
        text.replace("use_direct_reads=false", "use_direct_reads=true");
        text.replace("use_direct_io_for_flush_and_compaction=false", "use_direct_io_for_flush_and_compaction=true");
        QVERIFY(writeFile(optionsFile, text));
        auto edited = readLatestOptions(path);
        QVERIFY2(edited.ok, edited.error.c_str());
        QVERIFY(edited.db.use_direct_reads && edited.db.use_direct_io_for_flush_and_compaction);

        auto opened = open(path, plainConfig().withProfile(TuningProfile::MacOS));
        CHECK_OK(opened.status);
        CHECK_OK(opened.storage->put("written", "with the macOS profile"));
        const auto recorded = readLatestOptions(path);
        QVERIFY2(recorded.ok, recorded.error.c_str());
        QCOMPARE(recorded.db.use_direct_reads, false);
        QCOMPARE(recorded.db.use_direct_io_for_flush_and_compaction, false);
        QCOMPARE(recorded.db.max_open_files, 256);
    }

    void defaultProfileDoesNotForceTheMacosSettings() {
        const QString path = databaseWithMmapAndAdaptiveMutex();
        auto opened = open(path, plainConfig().withProfile(TuningProfile::Default));
        CHECK_OK(opened.status);
        QVERIFY(opened.storage->info().profile == TuningProfile::Default);
        const auto recorded = readLatestOptions(path);
        QVERIFY2(recorded.ok, recorded.error.c_str());
        QCOMPARE(recorded.db.use_adaptive_mutex, true);  // the database's own choice, kept
        QCOMPARE(recorded.db.allow_mmap_reads, true);
        QCOMPARE(recorded.db.allow_mmap_writes, true);
        QCOMPARE(recorded.db.max_open_files, 256);       // the general limit applies to every profile
    }

    void autoProfileResolvesPerPlatform() {
        const QString path = databaseWithMmapAndAdaptiveMutex();
        auto opened = open(path);  // TuningProfile::Auto
        CHECK_OK(opened.status);
        const auto recorded = readLatestOptions(path);
        QVERIFY2(recorded.ok, recorded.error.c_str());
#ifdef __APPLE__
        QVERIFY(opened.storage->info().profile == TuningProfile::MacOS);
        QCOMPARE(recorded.db.allow_mmap_reads, false);
#else
        QVERIFY(opened.storage->info().profile == TuningProfile::Default);
        QCOMPARE(recorded.db.allow_mmap_reads, true);
#endif
    }

    void multipleOpensWithoutLockErrors() {
        // The notes' scenario: the same database opened twice in one process.
        const QString path = tmp_.freshPath();
        auto first = open(path, plainConfig().withCreateIfMissing().withProfile(TuningProfile::MacOS));
        CHECK_OK(first.status);
        auto second = open(path, plainConfig().withProfile(TuningProfile::MacOS));
        CHECK_OK(second.status);
        QVERIFY(second.storage);
        QCOMPARE(qs(second.report.summary()), QStringLiteral("RocksDB · read-write"));

        // Without the registry this is exactly the error the notes saw.
        std::unique_ptr<rocksdb::DB> raw;
        rocksdb::Options options;
        const rocksdb::Status direct = detail::compat::open(options, path.toStdString(), &raw);
        QVERIFY2(!direct.ok(), "a second raw open in one process should fail on RocksDB's lock");
        QVERIFY2(qs(direct.ToString()).contains(QStringLiteral("lock")), direct.ToString().c_str());

        CHECK_OK(first.storage->put("from", "first"));
        auto seen = second.storage->get("from");
        CHECK_OK(seen);
        QCOMPARE(bytes(seen.value()), QByteArray("first"));
        CHECK_OK(second.storage->put("back", "second"));
        auto back = first.storage->get("back");
        CHECK_OK(back);
        QCOMPARE(bytes(back.value()), QByteArray("second"));
    }

    void sharedOpensKeepTheLockForOtherProcesses() {
        // Sharing must not weaken the lock: another process still cannot open
        // the database for writing while any of our users has it open.
        const QString path = tmp_.freshPath();
        auto first = open(path, plainConfig().withCreateIfMissing());
        CHECK_OK(first.status);
        auto second = open(path + "/");
        CHECK_OK(second.status);
        auto reader = open(path, plainConfig().withMode(OpenMode::ReadOnly));
        CHECK_OK(reader.status);
        second = {};
        QCOMPARE(otherProcessCanLock(path + "/LOCK"), 0);
        first = {};
        QCOMPARE(otherProcessCanLock(path + "/LOCK"), 0);  // the read-only view still holds the writer's handle
        reader = {};
        QCOMPARE(otherProcessCanLock(path + "/LOCK"), 1);  // all closed: free
    }

    void spellingsOfOnePathShareOneHandle_data() {
        QTest::addColumn<QString>("spelling");
        QTest::newRow("trailing slash") << QStringLiteral("%1/");
        QTest::newRow("dir/../dir/") << QStringLiteral("%1/../%2/");
        QTest::newRow("dot segments") << QStringLiteral("%1/./");
        QTest::newRow("symlink") << QStringLiteral("link");
        QTest::newRow("symlink with trailing slash") << QStringLiteral("link/");
    }

    void spellingsOfOnePathShareOneHandle() {
        QFETCH(QString, spelling);
        const QString path = tmp_.freshPath();
        const QString name = QFileInfo(path).fileName();
        QString other;
        if (spelling.startsWith(QStringLiteral("link"))) {
            const QString link = tmp_.filePath(QStringLiteral("link-to-%1").arg(name));
            QVERIFY(QFile::link(path, link));
            other = link + spelling.mid(4);
        } else {
            other = QString(spelling).replace(QStringLiteral("%1"), path).replace(QStringLiteral("%2"), name);
        }
        auto first = open(path, plainConfig().withCreateIfMissing());
        CHECK_OK(first.status);
        auto second = openRocksDb(other.toStdString());
        CHECK_OK(second);
        QVERIFY2(second->sharedHandle, qPrintable(other + " was opened a second time instead of shared"));
        QCOMPARE(qs(second->storage->info().path), qs(first.storage->info().path));

        CHECK_OK(first.storage->put("a", "1"));
        auto a = second->storage->get("a");
        CHECK_OK(a);
        QCOMPARE(bytes(a.value()), QByteArray("1"));
        CHECK_OK(second->storage->put("b", "2"));
        auto b = first.storage->get("b");
        CHECK_OK(b);
        QCOMPARE(bytes(b.value()), QByteArray("2"));
    }

    void concurrentOpensFromThreads() {
        const QString path = tmp_.freshPath();
        QCOMPARE(qs(makeRawDatabase(path, {{"seed", "1"}})), QStringLiteral("OK"));
        const QString other = tmp_.freshPath();
        QCOMPARE(qs(makeRawDatabase(other, {})), QStringLiteral("OK"));
        std::atomic<int> failures{0};
        std::mutex mutex;
        QStringList errors;
        auto fail = [&](const std::string& what) {
            ++failures;
            std::lock_guard lock(mutex);
            errors << qs(what);
        };
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 20; ++round) {
                    const QString spelling = t % 2 ? path + "/" : path;
                    auto opened = open(t % 3 == 2 ? other : spelling);
                    if (!opened.ok()) return fail(opened.status.toString());
                    const std::string key = "t" + std::to_string(t) + "r" + std::to_string(round);
                    if (Status s = opened.storage->put(key, "v"); !s.ok()) return fail(s.toString());
                    if (auto v = opened.storage->get(key); !v.ok()) return fail(v.status().toString());
                }
            });
        }
        for (auto& t : threads) t.join();
        QVERIFY2(failures.load() == 0, qPrintable(errors.join('\n')));

        auto check = open(path);
        CHECK_OK(check.status);
        auto n = check.storage->count("t");
        CHECK_OK(n);
        QCOMPARE(n.value(), std::uint64_t((8 - 2) * 20));  // threads 2 and 5 used the other database
        auto seed = check.storage->get("seed");
        CHECK_OK(seed);
    }

private:
    // 1 when a child process can take RocksDB's write lock on `lockFile`, 0
    // when someone holds it, -1 when the check itself failed.
    static int otherProcessCanLock(const QString& lockFile) {
        const QByteArray name = QFile::encodeName(lockFile);
        const pid_t child = ::fork();
        if (child == 0) {  // only async-signal-safe calls from here on
            const int fd = ::open(name.constData(), O_RDWR);
            if (fd < 0) ::_exit(3);
            struct flock lock = {};
            lock.l_type = F_WRLCK;
            lock.l_whence = SEEK_SET;
            ::_exit(::fcntl(fd, F_SETLK, &lock) == 0 ? 0 : 1);
        }
        if (child < 0) return -1;
        int status = 0;
        if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
        switch (WEXITSTATUS(status)) {
        case 0: return 1;
        case 1: return 0;
        default: return -1;
        }
    }

    static std::string storage_latestOptions(const QString& path) {
        QDir dir(path);
        QString best;
        qulonglong bestNumber = 0;
        for (const QString& name : dir.entryList({QStringLiteral("OPTIONS-*")}, QDir::Files)) {
            bool ok = false;
            const qulonglong n = name.mid(8).toULongLong(&ok);
            if (ok && (best.isEmpty() || n > bestNumber)) {
                best = dir.filePath(name);
                bestNumber = n;
            }
        }
        return best.toStdString();
    }
};

QTEST_GUILESS_MAIN(StorageMacosTest)
#include "storage_macos_test.moc"
