// storage_diff_test: snapshots on both backends (unaffected by later puts,
// deletes and batches; released cleanly; O(1) on memory) and diffs between
// views, checked exactly against a brute-force comparison of models on
// random binary data.
#include <QtTest>

#include <set>
#include <tuple>

#include "storage/transfer/diff.h"
#include "transfer_test_support.h"

using namespace meridian::storage;
using namespace meridian::test;
using namespace std::string_literals;

namespace {

// What diff() must report, worked out the slow way from two models.
std::vector<std::tuple<ChangeKind, std::string, std::string, std::string>> bruteForce(const Model& a, const Model& b,
                                                                                    const std::string& prefix) {
    std::vector<std::tuple<ChangeKind, std::string, std::string, std::string>> out;
    std::set<std::string> keys;
    for (const auto& [k, v] : a) keys.insert(k);
    for (const auto& [k, v] : b) keys.insert(k);
    for (const auto& k : keys) {
        if (!k.starts_with(prefix)) continue;
        const auto ia = a.find(k);
        const auto ib = b.find(k);
        if (ia == a.end()) out.emplace_back(ChangeKind::Added, k, "", ib->second);
        else if (ib == b.end()) out.emplace_back(ChangeKind::Removed, k, ia->second, "");
        else if (ia->second != ib->second) out.emplace_back(ChangeKind::Changed, k, ia->second, ib->second);
    }
    return out;
}

struct Collected {
    std::vector<std::tuple<ChangeKind, std::string, std::string, std::string>> items;
    DiffSink sink() {
        return [this](const Difference& d) {
            items.emplace_back(d.kind, d.key, d.before, d.after);
            return true;
        };
    }
};

// "" when diff(a@ra, b@rb) under `prefix` is exactly the brute-force answer.
QString checkDiff(const Storage& a, const ReadOptions& ra, const Model& ma, const Storage& b, const ReadOptions& rb,
                  const Model& mb, const std::string& prefix) {
    Collected got;
    DiffOptions options;
    options.prefix = prefix;
    auto summary = diff(a, ra, b, rb, options, got.sink());
    if (!summary.ok()) return qs(summary.status().toString());
    const auto expected = bruteForce(ma, mb, prefix);
    if (got.items != expected)
        return QStringLiteral("prefix '%1': %2 differences, expected %3")
            .arg(qs(escapeBytes(prefix)))
            .arg(got.items.size())
            .arg(expected.size());
    std::uint64_t added = 0, removed = 0, changed = 0;
    for (const auto& item : expected) {
        const ChangeKind kind = std::get<0>(item);
        (kind == ChangeKind::Added ? added : kind == ChangeKind::Removed ? removed : changed)++;
    }
    if (summary->added != added || summary->removed != removed || summary->changed != changed || !summary->complete)
        return QStringLiteral("prefix '%1': wrong summary").arg(qs(escapeBytes(prefix)));
    std::uint64_t common = 0;
    for (const auto& [k, v] : ma)
        if (k.starts_with(prefix) && mb.count(k) && mb.at(k) == v) ++common;
    if (summary->unchanged != common) return QStringLiteral("prefix '%1': wrong unchanged count").arg(qs(escapeBytes(prefix)));
    return {};
}

void applyRandom(Storage& store, Model& model, QRandomGenerator& rng, int operations) {
    for (int op = 0; op < operations; ++op) {
        const auto dice = rng.bounded(100);
        if (dice < 55) {
            const std::string k = randomBytes(rng, 5, true);
            const std::string v = randomBytes(rng, 10);
            QVERIFY(store.put(k, v).ok());
            model[k] = v;
        } else if (dice < 80) {
            const std::string k = randomBytes(rng, 5, true);
            QVERIFY(store.remove(k).ok());
            model.erase(k);
        } else {
            WriteBatch batch;
            for (int i = 0, n = 1 + int(rng.bounded(8)); i < n; ++i) {
                const std::string k = randomBytes(rng, 4, true);
                if (rng.bounded(3) == 0) {
                    batch.remove(k);
                    model.erase(k);
                } else {
                    const std::string v = randomBytes(rng, 10);
                    batch.put(k, v);
                    model[k] = v;
                }
            }
            QVERIFY(store.write(batch).ok());
        }
    }
}

std::uint64_t propertyOf(const Storage& store, const char* name) {
    const auto properties = store.stats().properties;
    const auto it = properties.find(name);
    return it == properties.end() ? ~std::uint64_t(0) : std::stoull(it->second);
}

}  // namespace

class DiffTest : public QObject {
    Q_OBJECT

private:
    TempPaths m_tmp;

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void snapshotIsUnaffectedByLaterWrites_data() { addBackendRows(); }
    void snapshotIsUnaffectedByLaterWrites() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        Model then{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"\0bin\xFF"s, "\n"}};
        for (const auto& [k, v] : then) CHECK_OK(store->put(k, v));
        SnapshotPtr snap = store->snapshot();
        CHECK_OK(store->put("a", "changed"));
        CHECK_OK(store->remove("b"));
        WriteBatch batch;
        batch.put("d", "added");
        batch.remove("c");
        batch.put("c", "recreated");
        batch.remove("\0bin\xFF"s);
        CHECK_OK(store->write(batch));
        CHECK_MODEL(then, contents(*store, at(snap)));

        Collected got;
        auto summary = diff(*store, at(snap), *store, {}, {}, got.sink());
        CHECK_OK(summary);
        using T = std::tuple<ChangeKind, std::string, std::string, std::string>;
        const std::vector<T> expected{T{ChangeKind::Removed, "\0bin\xFF"s, "\n", ""},
                                      T{ChangeKind::Changed, "a", "1", "changed"},
                                      T{ChangeKind::Removed, "b", "2", ""},
                                      T{ChangeKind::Changed, "c", "3", "recreated"},
                                      T{ChangeKind::Added, "d", "", "added"}};
        QVERIFY(got.items == expected);
        QCOMPARE(summary->unchanged, std::uint64_t(0));

        // Releasing: the storage stays correct, and the backend lets go.
        snap.reset();
        const Model now{{"a", "changed"}, {"c", "recreated"}, {"d", "added"}};
        CHECK_MODEL(now, contents(*store));
        if (backend == "memory") {
            QCOMPARE(propertyOf(*store, "memory.live-snapshots"), std::uint64_t(0));
            QCOMPARE(propertyOf(*store, "memory.versions"), std::uint64_t(now.size()));
        }
        auto same = diff(*store, {}, *store, {});
        CHECK_OK(same);
        QVERIFY(same->identical());
    }

    void diffsMatchABruteForceComparison_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<quint32>("seed");
        for (const char* backend : {"rocksdb", "memory"})
            for (quint32 seed : {1u, 29u, 4242u}) QTest::addRow("%s, seed %u", backend, seed) << QString(backend) << seed;
    }
    void diffsMatchABruteForceComparison() {
        QFETCH(QString, backend);
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        StoragePtr store = makeStore(backend, m_tmp);
        Model model;
        std::vector<std::pair<SnapshotPtr, Model>> snapshots;
        for (int round = 0; round < 6; ++round) {
            applyRandom(*store, model, rng, 400);
            snapshots.emplace_back(store->snapshot(), model);
        }
        applyRandom(*store, model, rng, 400);
        const std::vector<std::string> prefixes{"", "a", "\0"s, "\xFF"s, "=>", "b\n", "zzz"};
        for (std::size_t i = 0; i < snapshots.size(); ++i) {
            for (const auto& prefix : prefixes) {
                // A snapshot against live, live against a snapshot, and two snapshots both ways.
                const auto& [snap, then] = snapshots[i];
                const auto& [other, otherThen] = snapshots[(i + 3) % snapshots.size()];
                for (const QString& problem : {checkDiff(*store, at(snap), then, *store, {}, model, prefix),
                                               checkDiff(*store, {}, model, *store, at(snap), then, prefix),
                                               checkDiff(*store, at(snap), then, *store, at(other), otherThen, prefix)})
                    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("snapshot %1: %2").arg(i).arg(problem)));
            }
        }
    }

    void diffWorksAcrossDatabasesAndBackends() {
        QRandomGenerator rng(77);
        StoragePtr disk = makeStore("rocksdb", m_tmp);
        StoragePtr memory = createMemoryStorage();
        Model a, b;
        applyRandom(*disk, a, rng, 1500);
        applyRandom(*memory, b, rng, 1500);
        for (const std::string prefix : {"", "a", "\xFF"})
            QVERIFY(checkDiff(*disk, {}, a, *memory, {}, b, prefix).isEmpty());
        // A snapshot of one database is refused for the other.
        CHECK_CODE(diff(*disk, at(memory->snapshot()), *memory, {}), Status::Code::InvalidArgument);
        CHECK_CODE(diff(*disk, {}, *memory, at(disk->snapshot())), Status::Code::InvalidArgument);
    }

    void diffCanStopCancelAndSkipValues_data() { addBackendRows(); }
    void diffCanStopCancelAndSkipValues() {
        QFETCH(QString, backend);
        StoragePtr a = makeStore(backend, m_tmp);
        StoragePtr b = makeStore(backend, m_tmp);
        for (int i = 0; i < 20000; ++i) {
            CHECK_OK(a->put("k" + std::to_string(100000 + i), "v"));
            CHECK_OK(b->put("k" + std::to_string(100000 + i), i % 3 ? "v" : "different"));
        }
        CHECK_OK(b->put("k-extra", "x"));
        int seen = 0;
        auto stopped = diff(*a, {}, *b, {}, {}, [&](const Difference&) { return ++seen < 10; });
        CHECK_OK(stopped);
        QCOMPARE(seen, 10);
        QVERIFY(!stopped->complete);

        DiffOptions cancel;
        std::uint64_t lastProgress = 0;
        cancel.progress = [&](std::uint64_t n) {
            lastProgress = n;
            return n < 8192;
        };
        CHECK_CODE(diff(*a, {}, *b, {}, cancel), Status::Code::Cancelled);
        QVERIFY(lastProgress >= 8192);

        DiffOptions keys;
        keys.keysOnly = true;
        Collected got;
        auto keysOnly = diff(*a, {}, *b, {}, keys, got.sink());
        CHECK_OK(keysOnly);
        QCOMPARE(keysOnly->changed, std::uint64_t(0));
        QCOMPARE(keysOnly->unchanged, std::uint64_t(20000));
        QCOMPARE(keysOnly->added, std::uint64_t(1));
        QCOMPARE(got.items.size(), std::size_t(1));
        QCOMPARE(bytes(std::get<1>(got.items[0])), QByteArray("k-extra"));

        auto full = diff(*a, {}, *b, {});
        CHECK_OK(full);
        QCOMPARE(full->changed, std::uint64_t(6667));
        QCOMPARE(full->unchanged, std::uint64_t(20000 - 6667));
        QCOMPARE(QString(changeKindName(ChangeKind::Changed)), QString("changed"));
    }

    // Taking a snapshot of the memory backend copies nothing: the number of
    // versions held does not move, however many keys there are (the timing
    // is measured in tests/bench/transfer_bench).
    void memorySnapshotsCopyNothing() {
        StoragePtr store = createMemoryStorage();
        WriteBatch batch;
        for (int i = 0; i < 200000; ++i) batch.put("key" + std::to_string(i), "value");
        CHECK_OK(store->write(batch));
        QCOMPARE(propertyOf(*store, "memory.versions"), std::uint64_t(200000));
        std::vector<SnapshotPtr> snaps;
        for (int i = 0; i < 100; ++i) snaps.push_back(store->snapshot());
        QCOMPARE(propertyOf(*store, "memory.versions"), std::uint64_t(200000));
        QCOMPARE(propertyOf(*store, "memory.live-snapshots"), std::uint64_t(100));
        // A write under them keeps one old version of that key, no more.
        for (int i = 0; i < 50; ++i) CHECK_OK(store->put("key7", "v" + std::to_string(i)));
        QCOMPARE(propertyOf(*store, "memory.versions"), std::uint64_t(200001));
        QCOMPARE(bytes(store->get("key7", at(snaps.front())).value()), QByteArray("value"));
        snaps.clear();
        QCOMPARE(propertyOf(*store, "memory.versions"), std::uint64_t(200000));
    }
};

QTEST_GUILESS_MAIN(DiffTest)
#include "storage_diff_test.moc"
