// Hybrid storage (storage/hybrid): in memory while small, into RocksDB at its
// path past the threshold. Checked from outside, through the factory:
//  - the spill happens, keeps every write, and snapshots taken before it
//    keep reading their moment;
//  - writers on several threads cross the threshold while readers and
//    snapshots check that every batch is seen whole (run under TSan too);
//  - a store closed in memory is saved, and reopening loads a small database
//    into memory and a large one as RocksDB; deletes are saved too;
//  - a spill that cannot happen leaves the store working in memory, says
//    why, and is tried again later; a database that appeared at the path
//    meanwhile is never overwritten;
//  - writes, overwrites and deletes made while the spill copies and then
//    applies its log land in order (the log goes into RocksDB as table
//    files; hybrid_pace_test checks the pace writers keep meanwhile);
//  - the environment variable and the byte sizes it takes.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>

#include "storage/factory.h"
#include "storage/hybrid/hybrid_storage.h"
#include "tests/support/temp_paths.h"

using namespace meridian::storage;
using meridian::test::TempPaths;

namespace {

OpenResult openHybrid(const QString& path, std::uint64_t threshold) {
    return createStorage(path.toStdString(), StorageConfig{}.withHybrid(threshold).withEnvironment(false));
}

// The database at `path` as plain RocksDB sees it.
std::map<std::string, std::string> onDisk(const QString& path) {
    auto opened = createStorage(path.toStdString(), StorageConfig{}.withEnvironment(false));
    std::map<std::string, std::string> out;
    if (!opened.ok()) {
        qWarning("cannot open %s: %s", qPrintable(path), opened.status.toString().c_str());
        return out;
    }
    auto all = opened.storage->prefix("");
    if (all.ok())
        for (auto& e : all.value()) out[e.key] = e.value;
    return out;
}

std::string key(int i) { return "k" + std::to_string(100000 + i); }
std::string value(int i, int round = 0) { return std::string(200, static_cast<char>('a' + (i + round) % 26)) + std::to_string(i); }

bool spilled(const Storage& store) {
    const auto info = store.info();
    return info.hybrid && info.hybrid->spilled;
}

}  // namespace

class HybridTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(paths_.isValid()); }

    void spillsPastTheThresholdKeepingEveryWrite() {
        const QString path = paths_.freshPath();
        auto opened = openHybrid(path, 64 * 1024);
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        StoragePtr store = opened.storage;
        QVERIFY(opened.report.hybrid);
        QCOMPARE(QString::fromStdString(opened.report.summary()), QStringLiteral("Hybrid · in memory"));
        QVERIFY(store->info().backend == Backend::Memory);
        QCOMPARE(backendLabel(store->info()), std::string("Hybrid · in memory"));
        QVERIFY2(store->info().hybrid->summary.starts_with("in memory: 0 bytes of 64.0 KiB"), store->info().hybrid->summary.c_str());

        for (int i = 0; i < 100; ++i) QVERIFY(store->put(key(i), value(i)).ok());
        QVERIFY(!spilled(*store));  // 100 x ~210 bytes: under 64 KiB
        const SnapshotPtr before = store->snapshot();
        QVERIFY(store->remove(key(0)).ok());
        for (int i = 100; i < 600; ++i) QVERIFY(store->put(key(i), value(i)).ok());
        QTRY_VERIFY_WITH_TIMEOUT(spilled(*store), 20000);
        const StorageInfo info = store->info();
        QVERIFY(info.backend == Backend::RocksDb);
        QCOMPARE(backendLabel(info), std::string("Hybrid · RocksDB"));
        QVERIFY2(info.hybrid->summary.starts_with("RocksDB since ") && info.hybrid->summary.find(": spilled at ") != std::string::npos,
                 info.hybrid->summary.c_str());
        QVERIFY(info.hybrid->spilledBytes > 64 * 1024);
        QVERIFY(info.hybrid->lastSpillError.empty());

        // Every write, once, and nothing else; later writes land in RocksDB.
        for (int i = 600; i < 650; ++i) QVERIFY(store->put(key(i), value(i)).ok());
        QVERIFY(store->remove(key(1)).ok());
        auto all = store->prefix("k");
        QVERIFY(all.ok());
        QCOMPARE(all->size(), std::size_t(648));
        QCOMPARE(store->get(key(2)).value(), value(2));
        QVERIFY(store->get(key(0)).status().code() == Status::Code::NotFound);
        QCOMPARE(store->count("k").value(), std::uint64_t(648));

        // The snapshot from before the spill still reads its moment.
        ReadOptions then;
        then.snapshot = before;
        QCOMPARE(store->get(key(0), then).value(), value(0));
        QVERIFY(store->get(key(100), then).status().code() == Status::Code::NotFound);
        QCOMPARE(store->count("k", then).value(), std::uint64_t(100));

        // On disk, as RocksDB sees it once the store is closed.
        store.reset();
        opened = {};
        const auto disk = onDisk(path);
        QCOMPARE(disk.size(), std::size_t(648));
        QCOMPARE(disk.at(key(649)), value(649));
        QVERIFY(!disk.count(key(1)));
    }

    void writersAndReadersAcrossTheSpillSeeEveryBatchWhole() {
        // Each batch writes a pair of keys with one value; a reader must never
        // see half a pair, before, during or after the spill.
        const QString path = paths_.freshPath();
        auto opened = openHybrid(path, 256 * 1024);
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        StoragePtr store = opened.storage;
        constexpr int kWriters = 3, kPerWriter = 1500;
        std::atomic<bool> done{false};
        std::atomic<int> problems{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < kWriters; ++w)
            threads.emplace_back([&, w] {
                for (int n = 0; n < kPerWriter; ++n) {
                    WriteBatch batch;
                    const std::string v = std::to_string(n) + std::string(150, 'v');
                    batch.put("a:" + std::to_string(w) + ":" + std::to_string(n % 300), v);
                    batch.put("b:" + std::to_string(w) + ":" + std::to_string(n % 300), v);
                    if (!store->write(batch).ok()) ++problems;
                }
            });
        auto checkPairs = [&](const ReadOptions& read) {
            auto a = store->prefix("a:", read);
            auto b = store->prefix("b:", read);
            if (!a.ok() || !b.ok() || a->size() != b->size()) return false;
            for (std::size_t i = 0; i < a->size(); ++i)
                if (a.value()[i].key.substr(2) != b.value()[i].key.substr(2) || a.value()[i].value != b.value()[i].value) return false;
            return true;
        };
        std::vector<std::pair<SnapshotPtr, std::uint64_t>> snapshots;
        std::thread reader([&] {
            while (!done) {
                // A snapshot's count must not change later, whichever side it was taken on.
                ReadOptions read;
                read.snapshot = store->snapshot();
                if (!checkPairs(read)) ++problems;
                if (snapshots.size() < 40) snapshots.emplace_back(read.snapshot, store->count("", read).value());
            }
        });
        for (auto& t : threads) t.join();
        QTRY_VERIFY_WITH_TIMEOUT(spilled(*store), 30000);
        done = true;
        reader.join();
        QCOMPARE(problems.load(), 0);
        for (const auto& [snapshot, count] : snapshots) {
            ReadOptions read;
            read.snapshot = snapshot;
            QCOMPARE(store->count("", read).value(), count);
        }
        // Every writer's last value of each key is there.
        for (int w = 0; w < kWriters; ++w)
            for (int n = kPerWriter - 300; n < kPerWriter; ++n)
                QCOMPARE(store->get("b:" + std::to_string(w) + ":" + std::to_string(n % 300)).value(),
                         std::to_string(n) + std::string(150, 'v'));
        QVERIFY(checkPairs({}));
        QCOMPARE(store->count("a:").value(), std::uint64_t(kWriters * 300));
    }

    void closedInMemoryIsSavedAndReopenedBySize() {
        const QString path = paths_.freshPath();
        {
            auto opened = openHybrid(path, 1 << 20);
            QVERIFY2(opened.ok(), opened.status.toString().c_str());
            for (int i = 0; i < 50; ++i) QVERIFY(opened.storage->put(key(i), value(i)).ok());
            QVERIFY(opened.storage->createColumnFamily("other").ok());
            QVERIFY(opened.storage->columnFamily("other").value()->put("x", "in other").ok());
            QVERIFY(!spilled(*opened.storage));
        }  // closed: saved
        auto disk = onDisk(path);
        QCOMPARE(disk.size(), std::size_t(50));
        QCOMPARE(disk.at(key(7)), value(7));

        // Small: loaded back into memory, families too; an edit and a delete are saved at the close.
        {
            auto opened = openHybrid(path, 1 << 20);
            QVERIFY2(opened.ok(), opened.status.toString().c_str());
            QVERIFY(opened.storage->info().backend == Backend::Memory);
            QCOMPARE(opened.storage->count("").value(), std::uint64_t(50));
            QCOMPARE(opened.storage->columnFamily("other").value()->get("x").value(), std::string("in other"));
            QVERIFY(opened.storage->remove(key(3)).ok());
            QVERIFY(opened.storage->put(key(4), "changed").ok());
        }
        disk = onDisk(path);
        QCOMPARE(disk.size(), std::size_t(49));
        QVERIFY(!disk.count(key(3)));
        QCOMPARE(disk.at(key(4)), std::string("changed"));

        // Large (past a smaller threshold): RocksDB from the open, saying so.
        auto opened = openHybrid(path, 1024);
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        const StorageInfo info = opened.storage->info();
        QVERIFY(info.backend == Backend::RocksDb);
        QVERIFY2(info.hybrid->summary == "RocksDB: more than 1.0 KiB at the open", info.hybrid->summary.c_str());
        QCOMPARE(opened.storage->get(key(4)).value(), std::string("changed"));
    }

    void aSpillThatCannotHappenLeavesItWorkingInMemory() {
        // The path's parent is a file: no database can be made there.
        const QString blocker = paths_.freshPath();
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString path = blocker + "/db";
        std::mutex mutex;  // lines come from the spill thread too
        std::vector<std::string> logged;
        auto saw = [&](const char* words) {
            std::lock_guard lock(mutex);
            return std::any_of(logged.begin(), logged.end(), [words](const std::string& l) { return l.find(words) != std::string::npos; });
        };
        auto opened = createStorage(path.toStdString(), StorageConfig{}.withHybrid(8 * 1024).withEnvironment(false).withLog(
                                                            [&](LogLevel, const std::string& line) {
                                                                std::lock_guard lock(mutex);
                                                                logged.push_back(line);
                                                            }));
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        StoragePtr store = opened.storage;
        QVERIFY(!store->info().hybrid->lastSpillError.empty());
        for (int i = 0; i < 100; ++i) QVERIFY(store->put(key(i), value(i)).ok());  // ~21 KiB: past 8 KiB
        // The spill was tried, failed, and the store works on in memory, saying why.
        QTRY_VERIFY_WITH_TIMEOUT(saw("the spill failed, so the store stays in memory"), 20000);
        QVERIFY2(store->info().hybrid->summary.find("the spill failed") != std::string::npos, store->info().hybrid->summary.c_str());
        QVERIFY(!spilled(*store));
        QCOMPARE(store->count("").value(), std::uint64_t(100));
        const StorageInfo info = store->info();
        QVERIFY2(info.warnings.size() == 2 && info.warnings[1].starts_with("The move into RocksDB failed: "),
                 info.warnings.back().c_str());

        // Fixed: the next crossing (an eighth of the threshold further) spills.
        QVERIFY(QFile::remove(blocker));
        QVERIFY(QDir().mkpath(blocker));
        for (int i = 100; i < 450; ++i) QVERIFY(store->put(key(i), value(i)).ok());  // past the retry step (64 KiB)
        QTRY_VERIFY2_WITH_TIMEOUT(spilled(*store), qPrintable(QString::fromStdString(store->info().hybrid->summary)), 20000);
        QVERIFY(store->info().hybrid->lastSpillError.empty());
        QCOMPARE(store->count("").value(), std::uint64_t(450));
        store.reset();
        opened = {};
        QCOMPARE(onDisk(path).size(), std::size_t(450));
    }

    void aDatabaseThatAppearedMeanwhileIsNeverOverwritten() {
        const QString blocker = paths_.freshPath();
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString path = blocker + "/db";
        auto opened = openHybrid(path, 1 << 20);
        QVERIFY(opened.ok());
        QVERIFY(opened.storage->put("mine", "1").ok());
        // Meanwhile another program (RocksDB's own ldb) makes a database there with data of its own.
        QVERIFY(QFile::remove(blocker));
        QVERIFY(QDir().mkpath(blocker));
        QCOMPARE(QProcess::execute(QStringLiteral("ldb"), {"--db=" + path, "--create_if_missing", "put", "theirs", "2"}), 0);
        opened = {};  // the close does not write into it
        const auto disk = onDisk(path);
        QCOMPARE(disk.size(), std::size_t(1));
        QCOMPARE(disk.at("theirs"), std::string("2"));
    }

    void twoOpensShareOneStoreAndTheNextOpenSeesItsSave() {
        const QString path = paths_.freshPath();
        auto first = openHybrid(path, 1 << 20);
        QVERIFY2(first.ok(), first.status.toString().c_str());
        QVERIFY(first.storage->put("a", "1").ok());
        // A second open of the path in this program shares the store (not a second copy in memory).
        auto second = openHybrid(path, 1 << 20);
        QVERIFY2(second.ok(), second.status.toString().c_str());
        QVERIFY(std::any_of(second.report.decisions.begin(), second.report.decisions.end(),
                            [](const std::string& d) { return d.find("open in this program already: shared") != std::string::npos; }));
        QCOMPARE(second.storage->get("a").value(), std::string("1"));
        QVERIFY(second.storage->put("b", "2").ok());
        QCOMPARE(first.storage->get("b").value(), std::string("2"));
        // Closed (both gone): saved before any open reads the database.
        first = {};
        second = {};
        const auto disk = onDisk(path);
        QCOMPARE(disk.size(), std::size_t(2));
    }

    void closingDuringASpillThenReopeningKeepsEverything() {
        // Dropped while its spill copies; opened again at once, hybrid and plain.
        const QString path = paths_.freshPath();
        auto opened = openHybrid(path, 1 << 20);
        QVERIFY(opened.ok());
        for (int i = 0; i < 300; ++i) QVERIFY(opened.storage->put(key(i), std::string(10000, 'z')).ok());
        // The last reference goes on another thread while this one opens the path again.
        std::thread dropper([store = std::move(opened.storage)]() mutable { store.reset(); });
        auto again = openHybrid(path, 1 << 20);
        dropper.join();
        QVERIFY2(again.ok(), again.status.toString().c_str());
        QCOMPARE(again.storage->count("").value(), std::uint64_t(300));
        QVERIFY(again.storage->put("one more", "1").ok());
        again = {};
        QCOMPARE(onDisk(path).size(), std::size_t(301));
    }

    void oneStorePerDatabaseWhateverThePathLooksLike() {
        const QString path = paths_.freshPath();
        auto first = openHybrid(path, 1 << 20);
        QVERIFY(first.ok());
        QVERIFY(first.storage->put("a", "1").ok());
        // Another spelling of the path, and a second thread opening it at once: the same store.
        auto trailing = openHybrid(path + "/", 1 << 20);
        QVERIFY2(trailing.ok(), trailing.status.toString().c_str());
        QCOMPARE(trailing.storage->get("a").value(), std::string("1"));
        const QString fresh = paths_.freshPath();
        OpenResult x, y;
        std::thread other([&] { x = openHybrid(fresh, 1 << 20); });
        y = openHybrid(fresh, 1 << 20);
        other.join();
        QVERIFY(x.ok() && y.ok());
        QVERIFY(x.storage->put("from x", "1").ok());
        QCOMPARE(y.storage->get("from x").value(), std::string("1"));
        // A plain open would write under the store (or read what it is about to replace): refused.
        auto plain = createStorage(path.toStdString(), StorageConfig{}.withEnvironment(false));
        QVERIFY(!plain.ok());
        QVERIFY(plain.status.code() == Status::Code::LockHeld);
        QVERIFY2(plain.status.message().find("open in this program as hybrid storage") != std::string::npos,
                 plain.status.message().c_str());
        // A snapshot of one store is no snapshot of another, even one opened after it closed.
        ReadOptions foreign;
        foreign.snapshot = first.storage->snapshot();
        QVERIFY(x.storage->get("a", foreign).status().code() == Status::Code::InvalidArgument);
    }

    void writersStartingFailedSpillsAtOnceDoNotCrashIt() {
        // No database can be made, the threshold is tiny: every writer keeps trying to start a spill.
        const QString blocker = paths_.freshPath();
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        auto opened = openHybrid(blocker + "/db", 256);
        QVERIFY(opened.ok());
        std::vector<std::thread> writers;
        std::atomic<int> failed{0};
        for (int w = 0; w < 4; ++w)
            writers.emplace_back([&, w] {
                for (int i = 0; i < 400; ++i)
                    if (!opened.storage->put(std::to_string(w) + ":" + std::to_string(i), std::string(100, 'x')).ok()) ++failed;
            });
        for (auto& t : writers) t.join();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(opened.storage->count("").value(), std::uint64_t(1600));
    }

    void aCompressedDatabaseIsMeasuredByWhatItHolds() {
        // 4 MiB of values RocksDB compresses to little: still past a 1 MiB threshold.
        const QString path = paths_.freshPath();
        {
            auto plain = createStorage(path.toStdString(), StorageConfig{}.withCreateIfMissing().withEnvironment(false));
            QVERIFY(plain.ok());
            for (int i = 0; i < 64; ++i) QVERIFY(plain.storage->put(key(i), std::string(64 * 1024, 'c')).ok());
            QVERIFY(plain.storage->compact(std::nullopt, std::nullopt).ok());
        }
        auto opened = openHybrid(path, 1 << 20);
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        QVERIFY(opened.storage->info().backend == Backend::RocksDb);
        QCOMPARE(opened.storage->count("").value(), std::uint64_t(64));
    }

    void writesDuringTheCopyAndTheDrainLandInOrder() {
        // One writer (so the expected contents are exact) writing, overwriting
        // and deleting 2 KiB values as fast as it can, in two column families
        // by turns, across a spill of 2 MiB of a store loaded from a database:
        // what it wrote meanwhile is applied while it goes on.
        const QString path = paths_.freshPath();
        std::map<std::string, std::string> expected, expectedOther;
        {
            auto plain = createStorage(path.toStdString(), StorageConfig{}.withCreateIfMissing().withEnvironment(false));
            QVERIFY(plain.ok());
            for (int i = 0; i < 200; ++i) {
                QVERIFY(plain.storage->put("w:disk" + std::to_string(i), value(i)).ok());
                expected["w:disk" + std::to_string(i)] = value(i);
            }
        }
        auto opened = openHybrid(path, 2 << 20);
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        StoragePtr store = opened.storage;
        QVERIFY(!spilled(*store));  // loaded into memory
        QVERIFY(store->createColumnFamily("other").ok());
        StoragePtr other = store->columnFamily("other").value();
        int after = -1;  // writes left once the store has spilled
        WriteBatch batch;  // eight at a time: the log grows fast even on a loaded machine
        for (int i = 0; after != 0; ++i) {
            // Half the writes grow the store, half go to 50 keys written again
            // and again (until the spill: later writes would hide what it did
            // to them); every fifth deletes a key the database held at the open.
            const bool hot = i % 2 == 0 && after < 0;
            const std::string k = hot ? "w:hot" + std::to_string(i / 2 % 50) : "w" + std::to_string(i);
            if (i % 7 == 0) {
                batch.remove(k);
                expected.erase(k);
            } else {
                std::string v(2048, static_cast<char>('a' + i % 26));
                v += std::to_string(i);
                batch.put(k, v);
                expected[k] = v;
            }
            if (i % 5 == 0 && after < 0) {
                const std::string gone = "w:disk" + std::to_string(i / 5 % 200);
                batch.remove(gone);
                expected.erase(gone);
            }
            if (batch.size() >= 8) {
                QVERIFY(store->write(batch).ok());
                batch.clear();
            }
            if (i % 3 == 0 && after < 0) {  // the other family, in turn with the first
                const std::string ok = "o" + std::to_string(i % 500);
                QVERIFY(other->put(ok, std::to_string(i)).ok());
                expectedOther[ok] = std::to_string(i);
            }
            if (after > 0) --after;
            else if (after < 0 && i % 64 == 0 && spilled(*store)) after = 2000;
            QVERIFY2(i < 5'000'000, "no spill");
        }
        QVERIFY(store->write(batch).ok());
        const auto stats = store->stats();
        QVERIFY2(std::stoull(stats.properties.at("hybrid.spill-drain-slices")) >= 1,
                 "the log was never applied while the writer went on");
        auto contents = [](const Storage& from) {
            std::map<std::string, std::string> out;
            auto all = from.prefix("");
            if (all.ok())
                for (auto& e : all.value()) out[e.key] = e.value;
            return out;
        };
        auto check = [](const std::map<std::string, std::string>& got, const std::map<std::string, std::string>& want) {
            QCOMPARE(got.size(), want.size());
            QVERIFY(got == want);
        };
        check(contents(*store), expected);
        check(contents(*other), expectedOther);
        other.reset();
        store.reset();
        opened = {};
        auto reopened = createStorage(path.toStdString(), StorageConfig{}.withEnvironment(false));
        QVERIFY(reopened.ok());
        check(contents(*reopened.storage), expected);
        check(contents(*reopened.storage->columnFamily("other").value()), expectedOther);
    }

    void theEnvironmentVariableAndSizes() {
        QCOMPARE(parseByteSize("64MiB").value_or(0), std::uint64_t(64) << 20);
        QCOMPARE(parseByteSize("64 MiB").value_or(0), std::uint64_t(64) << 20);
        QCOMPARE(parseByteSize("64M").value_or(0), std::uint64_t(64) << 20);
        QCOMPARE(parseByteSize("1.5GiB").value_or(0), std::uint64_t(3) << 29);
        QCOMPARE(parseByteSize("512kb").value_or(0), std::uint64_t(512) << 10);
        QCOMPARE(parseByteSize("1048576").value_or(0), std::uint64_t(1048576));
        QCOMPARE(parseByteSize("0").value_or(1), std::uint64_t(0));
        for (const char* bad : {"", "MiB", "-1MiB", "64 parsecs", "0.5B", "99999999TiB"}) QVERIFY2(!parseByteSize(bad), bad);

        const QString path = paths_.freshPath();
        qputenv("MERIDIAN_HYBRID_THRESHOLD", "1MiB");
        auto opened = createStorage(path.toStdString(), StorageConfig{});
        qunsetenv("MERIDIAN_HYBRID_THRESHOLD");
        QVERIFY2(opened.ok(), opened.status.toString().c_str());
        QVERIFY(opened.report.hybrid);
        QCOMPARE(opened.storage->info().hybrid->thresholdBytes, std::uint64_t(1) << 20);
        QVERIFY(std::any_of(opened.report.decisions.begin(), opened.report.decisions.end(), [](const std::string& d) {
            return d.find("asked for by MERIDIAN_HYBRID_THRESHOLD=1MiB") != std::string::npos;
        }));
        // Read-only opens ignore it, and say so.
        opened = {};
        qputenv("MERIDIAN_HYBRID_THRESHOLD", "1MiB");
        auto readOnly = createStorage(path.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        qunsetenv("MERIDIAN_HYBRID_THRESHOLD");
        QVERIFY2(readOnly.ok(), readOnly.status.toString().c_str());
        QVERIFY(!readOnly.report.hybrid);
        QVERIFY(!readOnly.storage->info().hybrid);
    }

private:
    TempPaths paths_;
};

QTEST_GUILESS_MAIN(HybridTest)
#include "storage_hybrid_test.moc"
