// StorageSuite: snapshots, count with progress and cancel, column families,
// stats.
#include <QtTest>

#include <algorithm>

#include "storage_suite.h"
#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;
using namespace std::string_literals;

namespace {

std::string key(const char* stem, int i) { return stem + std::to_string(1000 + i); }

}  // namespace

void StorageSuite::snapshotIgnoresLaterPuts() {
    CHECK_OK(store_->put("a", "1"));
    const SnapshotPtr snap = store_->snapshot();
    QVERIFY(snap);
    CHECK_OK(store_->put("a", "2"));
    CHECK_OK(store_->put("b", "new"));

    auto a = store_->get("a", at(snap));
    CHECK_OK(a);
    QCOMPARE(bytes(a.value()), QByteArray("1"));
    CHECK_CODE(store_->get("b", at(snap)), Status::Code::NotFound);
    auto bExists = store_->exists("b", at(snap));
    CHECK_OK(bExists);
    QVERIFY(!bExists.value());
    auto then = scanAll(*store_, "", 1, at(snap));
    CHECK_OK(then);
    QVERIFY(then.value() == (std::vector<Entry>{{"a", "1"}}));
    auto n = store_->count("", at(snap));
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(1));

    // The live view has moved on.
    auto now = store_->prefix("");
    CHECK_OK(now);
    QVERIFY(now.value() == (std::vector<Entry>{{"a", "2"}, {"b", "new"}}));
}

void StorageSuite::snapshotIgnoresLaterDeletesAndBatches() {
    for (const char* k : {"a", "b", "c"}) CHECK_OK(store_->put(k, std::string("orig-") + k));
    const SnapshotPtr snap = store_->snapshot();
    CHECK_OK(store_->remove("a"));
    WriteBatch batch;
    batch.remove("b");
    batch.put("c", "changed");
    batch.put("d", "added");
    CHECK_OK(store_->write(batch));

    const std::vector<Entry> then{{"a", "orig-a"}, {"b", "orig-b"}, {"c", "orig-c"}};
    auto prefix = store_->prefix("", at(snap));
    CHECK_OK(prefix);
    QVERIFY(prefix.value() == then);
    auto paged = scanAll(*store_, "", 2, at(snap));
    CHECK_OK(paged);
    QVERIFY(paged.value() == then);
    for (const auto& e : then) {
        auto v = store_->get(e.key, at(snap));
        CHECK_OK(v);
        QCOMPARE(bytes(v.value()), bytes(e.value));
    }
    CHECK_CODE(store_->get("d", at(snap)), Status::Code::NotFound);
    auto n = store_->count("", at(snap));
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(3));

    auto now = store_->prefix("");
    CHECK_OK(now);
    QVERIFY(now.value() == (std::vector<Entry>{{"c", "changed"}, {"d", "added"}}));
}

void StorageSuite::snapshotIgnoresRecreatedKeys() {
    CHECK_OK(store_->put("k", "v1"));
    CHECK_OK(store_->put("gone-before", "x"));
    CHECK_OK(store_->remove("gone-before"));
    const SnapshotPtr snap = store_->snapshot();

    CHECK_OK(store_->remove("k"));
    CHECK_OK(store_->put("k", "v2"));                 // re-created with another value
    CHECK_OK(store_->put("gone-before", "back"));     // deleted before the snapshot, back after it
    CHECK_OK(store_->put("born-after", "1"));
    CHECK_OK(store_->remove("born-after"));
    CHECK_OK(store_->put("born-after", "2"));

    auto k = store_->get("k", at(snap));
    CHECK_OK(k);
    QCOMPARE(bytes(k.value()), QByteArray("v1"));
    CHECK_CODE(store_->get("gone-before", at(snap)), Status::Code::NotFound);
    CHECK_CODE(store_->get("born-after", at(snap)), Status::Code::NotFound);
    auto then = store_->prefix("", at(snap));
    CHECK_OK(then);
    QVERIFY(then.value() == (std::vector<Entry>{{"k", "v1"}}));

    auto live = store_->get("k");
    CHECK_OK(live);
    QCOMPARE(bytes(live.value()), QByteArray("v2"));
}

void StorageSuite::severalSnapshotsEachKeepTheirMoment() {
    std::vector<SnapshotPtr> snaps;
    for (int i = 0; i < 5; ++i) {
        CHECK_OK(store_->put("counter", std::to_string(i)));
        CHECK_OK(store_->put(key("item/", i), "v" + std::to_string(i)));
        if (i > 0) CHECK_OK(store_->put(key("item/", i - 1), "overwritten at " + std::to_string(i)));
        snaps.push_back(store_->snapshot());
    }
    WriteBatch wipe;
    wipe.remove("counter");
    for (int i = 0; i < 5; ++i) wipe.remove(key("item/", i));
    CHECK_OK(store_->write(wipe));

    auto check = [&](int i) {
        const auto& snap = snaps[static_cast<std::size_t>(i)];
        auto counter = store_->get("counter", at(snap));
        QVERIFY(counter.ok());
        QCOMPARE(bytes(counter.value()), bytes(std::to_string(i)));
        auto n = store_->count("item/", at(snap));
        QVERIFY(n.ok());
        QCOMPARE(n.value(), std::uint64_t(i + 1));
        auto items = store_->prefix("item/", at(snap));
        QVERIFY(items.ok());
        QCOMPARE(items->size(), std::size_t(i + 1));
        QCOMPARE(bytes(items->back().value), bytes("v" + std::to_string(i)));
        if (i > 0) QCOMPARE(bytes(items.value()[std::size_t(i - 1)].value), bytes("overwritten at " + std::to_string(i)));
    };
    for (int i = 0; i < 5; ++i) {
        check(i);
        if (QTest::currentTestFailed()) return;
    }
    // Releasing one in the middle leaves the others intact.
    snaps[2].reset();
    for (int i : {0, 1, 3, 4}) {
        check(i);
        if (QTest::currentTestFailed()) return;
    }
    auto live = store_->prefix("");
    CHECK_OK(live);
    QVERIFY(live->empty());
}

void StorageSuite::releasingSnapshotsKeepsTheStorageCorrect() {
    for (int i = 0; i < 200; ++i) CHECK_OK(store_->put(key("k", i), "old"));
    auto first = store_->snapshot();
    for (int i = 0; i < 200; i += 2) CHECK_OK(store_->remove(key("k", i)));
    auto second = store_->snapshot();
    for (int i = 1; i < 200; i += 2) CHECK_OK(store_->put(key("k", i), "new"));
    CHECK_OK(store_->put(key("k", 0), "recreated"));

    first.reset();  // the older one first
    auto n = store_->count("k", at(second));
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(100));
    auto v = store_->get(key("k", 1), at(second));
    CHECK_OK(v);
    QCOMPARE(bytes(v.value()), QByteArray("old"));
    second.reset();

    // With every snapshot gone the live data is exactly the latest writes.
    auto all = store_->prefix("k");
    CHECK_OK(all);
    QCOMPARE(all->size(), std::size_t(101));
    QCOMPARE(bytes(all->front().key), bytes(key("k", 0)));
    QCOMPARE(bytes(all->front().value), QByteArray("recreated"));
    for (std::size_t i = 1; i < all->size(); ++i) QCOMPARE(bytes(all.value()[i].value), QByteArray("new"));
    CHECK_CODE(store_->get(key("k", 2)), Status::Code::NotFound);
    auto count = store_->count("k");
    CHECK_OK(count);
    QCOMPARE(count.value(), std::uint64_t(101));

    // And new snapshots work as before.
    auto third = store_->snapshot();
    CHECK_OK(store_->remove(key("k", 0)));
    auto recreated = store_->get(key("k", 0), at(third));
    CHECK_OK(recreated);
    QCOMPARE(bytes(recreated.value()), QByteArray("recreated"));
}

void StorageSuite::snapshotFromAnotherStorageIsRejected() {
    StoragePtr other = factory_();
    QVERIFY(other);
    CHECK_OK(other->put("k", "other"));
    CHECK_OK(store_->put("k", "mine"));
    const SnapshotPtr foreign = other->snapshot();

    CHECK_CODE(store_->get("k", at(foreign)), Status::Code::InvalidArgument);
    CHECK_CODE(store_->exists("k", at(foreign)), Status::Code::InvalidArgument);
    CHECK_CODE(store_->count("", at(foreign)), Status::Code::InvalidArgument);
    CHECK_CODE(store_->prefix("", at(foreign)), Status::Code::InvalidArgument);
    ScanRequest request;
    request.read = at(foreign);
    CHECK_CODE(store_->scan(request), Status::Code::InvalidArgument);

    // A snapshot of the same database through another column family is fine.
    CHECK_OK(store_->createColumnFamily("side"));
    auto side = store_->columnFamily("side");
    CHECK_OK(side);
    const SnapshotPtr own = side.value()->snapshot();
    CHECK_OK(store_->put("k", "changed"));
    auto v = store_->get("k", at(own));
    CHECK_OK(v);
    QCOMPARE(bytes(v.value()), QByteArray("mine"));
}

void StorageSuite::snapshotSequencesIncreaseWithWrites() {
    CHECK_OK(store_->put("a", "1"));
    const SnapshotPtr s1 = store_->snapshot();
    const std::uint64_t seq1 = s1->sequence();
    CHECK_OK(store_->put("a", "2"));
    const SnapshotPtr s2 = store_->snapshot();
    const SnapshotPtr s3 = store_->snapshot();
    QVERIFY2(s2->sequence() > seq1, "a snapshot after a write must have a later sequence");
    QCOMPARE(s3->sequence(), s2->sequence());
    CHECK_OK(store_->put("a", "3"));
    QCOMPARE(s1->sequence(), seq1);  // a snapshot's sequence never moves
}

void StorageSuite::countMatchesTheKeysUnderAPrefix() {
    WriteBatch batch;
    for (int i = 0; i < 30; ++i) batch.put(key("x/", i), "v");
    for (int i = 0; i < 12; ++i) batch.put(key("y/", i), "v");
    batch.put("x", "the bare prefix is not under x/");
    CHECK_OK(store_->write(batch));
    auto x = store_->count("x/");
    CHECK_OK(x);
    QCOMPARE(x.value(), std::uint64_t(30));
    auto y = store_->count("y/");
    CHECK_OK(y);
    QCOMPARE(y.value(), std::uint64_t(12));
    auto all = store_->count("");
    CHECK_OK(all);
    QCOMPARE(all.value(), std::uint64_t(43));
    auto none = store_->count("z");
    CHECK_OK(none);
    QCOMPARE(none.value(), std::uint64_t(0));
    for (int i = 0; i < 10; ++i) CHECK_OK(store_->remove(key("x/", i)));
    x = store_->count("x/");
    CHECK_OK(x);
    QCOMPARE(x.value(), std::uint64_t(20));
}

void StorageSuite::countReportsProgress() {
    const int total = 10000;
    WriteBatch batch;
    for (int i = 0; i < total; ++i) batch.put(key("n/", i), "");
    CHECK_OK(store_->write(batch));
    std::vector<std::uint64_t> calls;
    auto n = store_->count("n/", {}, [&](std::uint64_t done) {
        calls.push_back(done);
        return true;
    });
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(total));
    QVERIFY2(calls.size() >= 2, "a count of 10000 keys should report progress while it runs");
    QVERIFY(std::is_sorted(calls.begin(), calls.end()));
    QVERIFY(calls.back() <= std::uint64_t(total));
    QVERIFY2(calls.front() > 0 && calls.front() < std::uint64_t(total), "the first report should come mid-way");
}

void StorageSuite::countCanBeCancelled() {
    WriteBatch batch;
    for (int i = 0; i < 20000; ++i) batch.put(key("c/", i), "v");
    CHECK_OK(store_->write(batch));
    int calls = 0;
    auto n = store_->count("c/", {}, [&](std::uint64_t) {
        ++calls;
        return false;
    });
    CHECK_CODE(n, Status::Code::Cancelled);
    QCOMPARE(calls, 1);  // stops at the first "no", does not keep asking

    // Cancelling later, at a snapshot, works too.
    const SnapshotPtr snap = store_->snapshot();
    std::uint64_t last = 0;
    n = store_->count("c/", at(snap), [&](std::uint64_t done) {
        last = done;
        return done < 8000;
    });
    CHECK_CODE(n, Status::Code::Cancelled);
    QVERIFY(last >= 8000 && last < 20000);
    // And a count that is not cancelled still finishes.
    n = store_->count("c/", at(snap), [](std::uint64_t) { return true; });
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(20000));
}

void StorageSuite::columnFamiliesListDefaultFirst() {
    auto families = store_->columnFamilies();
    QCOMPARE(families.size(), std::size_t(1));
    QCOMPARE(qs(families.front()), QStringLiteral("default"));
    CHECK_OK(store_->createColumnFamily("zeta"));
    CHECK_OK(store_->createColumnFamily("alpha"));
    CHECK_OK(store_->createColumnFamily("zeta"));  // exists already: Ok, not a duplicate
    CHECK_CODE(store_->createColumnFamily(""), Status::Code::InvalidArgument);
    families = store_->columnFamilies();
    QCOMPARE(families.size(), std::size_t(3));
    QCOMPARE(qs(families.front()), QStringLiteral("default"));
    QVERIFY(std::count(families.begin(), families.end(), "zeta") == 1);
    QVERIFY(std::count(families.begin(), families.end(), "alpha") == 1);
    // Every view of the database lists the same families.
    auto alpha = store_->columnFamily("alpha");
    CHECK_OK(alpha);
    QVERIFY(alpha.value()->columnFamilies() == families);
    QCOMPARE(qs(alpha.value()->info().columnFamily), QStringLiteral("alpha"));
}

void StorageSuite::columnFamiliesAreIsolated() {
    CHECK_OK(store_->createColumnFamily("meta"));
    auto opened = store_->columnFamily("meta");
    CHECK_OK(opened);
    StoragePtr meta = opened.value();
    CHECK_OK(meta->put("k", "in meta"));
    CHECK_CODE(store_->get("k"), Status::Code::NotFound);
    CHECK_OK(store_->put("k", "in default"));
    CHECK_OK(store_->put("only-default", "x"));
    WriteBatch batch;
    batch.put("batch", "meta");
    batch.remove("k");
    CHECK_OK(meta->write(batch));

    auto d = store_->get("k");
    CHECK_OK(d);
    QCOMPARE(bytes(d.value()), QByteArray("in default"));
    auto metaAll = meta->prefix("");
    CHECK_OK(metaAll);
    QVERIFY(metaAll.value() == (std::vector<Entry>{{"batch", "meta"}}));
    auto defaultAll = store_->prefix("");
    CHECK_OK(defaultAll);
    QVERIFY(defaultAll.value() == (std::vector<Entry>{{"k", "in default"}, {"only-default", "x"}}));
    auto n = meta->count("");
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(1));

    // Snapshots cover the whole database: one taken through default sees meta as it was.
    const SnapshotPtr snap = store_->snapshot();
    CHECK_OK(meta->put("batch", "changed"));
    auto then = meta->get("batch", at(snap));
    CHECK_OK(then);
    QCOMPARE(bytes(then.value()), QByteArray("meta"));

    // A second view of the same family sees the same data.
    auto again = store_->columnFamily("meta");
    CHECK_OK(again);
    auto now = again.value()->get("batch");
    CHECK_OK(now);
    QCOMPARE(bytes(now.value()), QByteArray("changed"));
}

void StorageSuite::missingColumnFamilyIsNotFound() {
    auto missing = store_->columnFamily("does-not-exist");
    CHECK_CODE(missing, Status::Code::NotFound);
    QVERIFY2(qs(missing.status().message()).contains(QStringLiteral("does-not-exist")),
             missing.status().message().c_str());
}

void StorageSuite::statsEstimateTheKeyCount() {
    QCOMPARE(store_->stats().estimatedKeys, std::uint64_t(0));
    WriteBatch batch;
    for (int i = 0; i < 1000; ++i) batch.put(key("s/", i), std::string(50, 'x'));
    CHECK_OK(store_->write(batch));
    const Stats stats = store_->stats();
    QVERIFY2(stats.estimatedKeys >= 900 && stats.estimatedKeys <= 1100,
             qPrintable(QStringLiteral("estimate %1 for 1000 keys").arg(stats.estimatedKeys)));
    QVERIFY(stats.memtableBytes > 0);
    QVERIFY(!stats.properties.empty());

    CHECK_OK(store_->createColumnFamily("small"));
    auto small = store_->columnFamily("small");
    CHECK_OK(small);
    for (int i = 0; i < 10; ++i) CHECK_OK(small.value()->put(key("t/", i), "v"));
    const std::uint64_t smallEstimate = small.value()->stats().estimatedKeys;
    QVERIFY2(smallEstimate >= 5 && smallEstimate <= 20,
             qPrintable(QStringLiteral("estimate %1 for a family of 10 keys").arg(smallEstimate)));
}

}  // namespace meridian::test
