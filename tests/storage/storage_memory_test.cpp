// storage_memory_test: what only the in-memory backend promises (the
// interface itself is covered by storage_test). Snapshots are O(1) and keep at
// most one old version per key per live snapshot, however many writes land
// while they are alive; releasing the last one frees what nobody can see.
#include <QtTest>

#include "storage/memory/memory_storage.h"
#include "test_support.h"

using namespace meridian::storage;
using namespace meridian::test;

namespace {

std::uint64_t versions(const Storage& store) {
    const auto properties = store.stats().properties;
    auto it = properties.find("memory.versions");
    return it == properties.end() ? ~std::uint64_t(0) : std::stoull(it->second);
}

}  // namespace

class MemoryStorageTest : public QObject {
    Q_OBJECT

private slots:
    void aHotKeyKeepsFewVersionsUnderASnapshot() {
        StoragePtr store = createMemoryStorage();
        CHECK_OK(store->put("hot", "before"));
        SnapshotPtr snap = store->snapshot();
        for (int i = 0; i < 10000; ++i) CHECK_OK(store->put("hot", std::to_string(i)));
        // The snapshot's version and the newest: nothing in between is kept.
        QVERIFY2(versions(*store) <= 2, qPrintable(QStringLiteral("%1 versions of one key").arg(versions(*store))));
        auto then = store->get("hot", at(snap));
        CHECK_OK(then);
        QCOMPARE(bytes(then.value()), QByteArray("before"));
        auto now = store->get("hot");
        CHECK_OK(now);
        QCOMPARE(bytes(now.value()), QByteArray("9999"));
        snap.reset();
        QCOMPARE(versions(*store), std::uint64_t(1));
    }

    void severalSnapshotsKeepOneVersionEach() {
        StoragePtr store = createMemoryStorage();
        std::vector<SnapshotPtr> snaps;
        for (int s = 0; s < 4; ++s) {
            for (int i = 0; i < 100; ++i) CHECK_OK(store->put("k", std::to_string(s * 100 + i)));
            snaps.push_back(store->snapshot());
        }
        for (int i = 0; i < 100; ++i) CHECK_OK(store->put("k", "latest"));
        QVERIFY2(versions(*store) <= 5, qPrintable(QStringLiteral("%1 versions").arg(versions(*store))));
        for (int s = 0; s < 4; ++s) {
            auto v = store->get("k", at(snaps[std::size_t(s)]));
            CHECK_OK(v);
            QCOMPARE(bytes(v.value()), bytes(std::to_string(s * 100 + 99)));
        }
        snaps.erase(snaps.begin() + 1);  // a middle one goes; its version may go on the next write
        CHECK_OK(store->put("k", "again"));
        QVERIFY(versions(*store) <= 4);
        auto v = store->get("k", at(snaps[1]));
        CHECK_OK(v);
        QCOMPARE(bytes(v.value()), QByteArray("299"));
        snaps.clear();
        QCOMPARE(versions(*store), std::uint64_t(1));
    }

    void deletedKeysAreFreedWhenTheLastSnapshotGoes() {
        StoragePtr store = createMemoryStorage();
        WriteBatch fill;
        for (int i = 0; i < 1000; ++i) fill.put("k" + std::to_string(i), "v");
        CHECK_OK(store->write(fill));
        SnapshotPtr snap = store->snapshot();
        WriteBatch wipe;
        for (int i = 0; i < 1000; ++i) wipe.remove("k" + std::to_string(i));
        CHECK_OK(store->write(wipe));
        QCOMPARE(store->stats().estimatedKeys, std::uint64_t(0));
        auto then = store->count("", at(snap));
        CHECK_OK(then);
        QCOMPARE(then.value(), std::uint64_t(1000));
        snap.reset();
        QCOMPARE(versions(*store), std::uint64_t(0));
        auto n = store->count("");
        CHECK_OK(n);
        QCOMPARE(n.value(), std::uint64_t(0));
    }

    void readsDoNotPileUpVersions() {
        // prefix() and count() read at a snapshot of their own; with a writer
        // busy at the same time that must not leave old versions behind.
        StoragePtr store = createMemoryStorage();
        for (int i = 0; i < 50; ++i) CHECK_OK(store->put("k" + std::to_string(i), "v"));
        for (int round = 0; round < 200; ++round) {
            CHECK_OK(store->put("k" + std::to_string(round % 50), std::to_string(round)));
            CHECK_OK(store->prefix("k"));
            CHECK_OK(store->count("k"));
        }
        QCOMPARE(versions(*store), std::uint64_t(50));
        QCOMPARE(store->stats().properties.at("memory.live-snapshots"), std::string("0"));
        QCOMPARE(store->stats().snapshots, std::uint64_t(0));
        QCOMPARE(store->stats().olderVersions, std::uint64_t(0));
    }

    void statsCountWhatSnapshotsHold() {
        StoragePtr store = createMemoryStorage();
        CHECK_OK(store->put("a", "1"));
        CHECK_OK(store->put("b", "22"));
        auto snapshot = store->snapshot();
        CHECK_OK(store->put("a", "333"));
        CHECK_OK(store->remove("b"));
        Stats stats = store->stats();
        QCOMPARE(stats.estimatedKeys, std::uint64_t(1));
        QCOMPARE(stats.liveDataBytes, std::uint64_t(1 + 3));
        QCOMPARE(stats.snapshots, std::uint64_t(1));
        QCOMPARE(stats.olderVersions, std::uint64_t(3));  // a's "1", b's "22" and its tombstone
        QCOMPARE(stats.sequence, std::uint64_t(4));
        snapshot.reset();
        stats = store->stats();
        QCOMPARE(stats.snapshots, std::uint64_t(0));
        QCOMPARE(stats.olderVersions, std::uint64_t(0));
    }

    void infoSaysNothingIsSaved() {
        StoragePtr store = createMemoryStorage("/where/it/stands/in");
        const StorageInfo info = store->info();
        QCOMPARE(qs(info.path), QStringLiteral("/where/it/stands/in"));
        QVERIFY(!info.persistent);
        QVERIFY(info.backend == Backend::Memory);
        QCOMPARE(qs(backendName(info.backend)), QStringLiteral("In memory"));
        QVERIFY(!info.warnings.empty());
        QCOMPARE(qs(createMemoryStorage()->info().path), QString());
        CHECK_OK(store->catchUp());  // a no-op for every mode but following live
    }

    void storesAreIndependent() {
        StoragePtr a = createMemoryStorage();
        StoragePtr b = createMemoryStorage();
        CHECK_OK(a->put("k", "a"));
        CHECK_CODE(b->get("k"), Status::Code::NotFound);
        CHECK_OK(a->createColumnFamily("cf"));
        QCOMPARE(b->columnFamilies().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(MemoryStorageTest)
#include "storage_memory_test.moc"
