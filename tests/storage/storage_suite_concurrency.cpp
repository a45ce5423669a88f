// StorageSuite: several threads at once, and random operations checked
// against a std::map model (brute force).
#include <QRandomGenerator>
#include <QtTest>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "storage/namespaces.h"
#include "storage_suite.h"
#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;
using namespace std::string_literals;

namespace {

// Collects failures seen on worker threads (QTest macros are main-thread only).
class Failures {
public:
    void add(const QString& what) {
        if (count_.fetch_add(1) < 8) {
            std::lock_guard lock(mutex_);
            first_ << what;
        }
    }
    int count() const { return count_.load(); }
    QByteArray report() const {
        std::lock_guard lock(mutex_);
        return QStringLiteral("%1 failures on worker threads, first:\n%2").arg(count_.load()).arg(first_.join('\n')).toUtf8();
    }

private:
    std::atomic<int> count_{0};
    mutable std::mutex mutex_;
    QStringList first_;
};

std::string padded(const char* stem, int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%05d", stem, i);
    return buf;
}

}  // namespace

void StorageSuite::concurrentWritersAndReaders() {
    constexpr int kWriters = 4;
    constexpr int kPerWriter = 400;
    Failures failures;
    std::atomic<int> writersLeft{kWriters};
    std::vector<std::thread> threads;
    for (int t = 0; t < kWriters; ++t) {
        threads.emplace_back([&, t] {
            const std::string stem = "w" + std::to_string(t) + "/";
            WriteBatch batch;
            for (int i = 0; i < kPerWriter; ++i) {
                const std::string k = padded(stem.c_str(), i);
                if (i % 10 < 5) {
                    if (Status s = store_->put(k, "value:" + k); !s.ok()) failures.add(qs("put: " + s.toString()));
                } else {
                    batch.put(k, "value:" + k);
                    if (batch.size() == 5) {
                        if (Status s = store_->write(batch); !s.ok()) failures.add(qs("write: " + s.toString()));
                        batch.clear();
                    }
                }
            }
            --writersLeft;
        });
    }
    for (int r = 0; r < 2; ++r) {
        threads.emplace_back([&, r] {
            QRandomGenerator rng(static_cast<quint32>(r + 1));
            std::uint64_t lastCount = 0;
            while (writersLeft.load() > 0) {
                const std::string prefix = "w" + std::to_string(rng.bounded(kWriters)) + "/";
                auto listed = scanAll(*store_, prefix, 37);
                if (!listed.ok()) {
                    failures.add(qs("scan: " + listed.status().toString()));
                    continue;
                }
                for (std::size_t i = 0; i < listed->size(); ++i) {
                    const Entry& e = listed.value()[i];
                    if (!e.key.starts_with(prefix) || e.value != "value:" + e.key)
                        failures.add(qs("bad entry " + e.key + " = " + e.value));
                    if (i > 0 && !(listed.value()[i - 1].key < e.key)) failures.add(qs("out of order at " + e.key));
                }
                const std::string probe = padded(prefix.c_str(), static_cast<int>(rng.bounded(kPerWriter)));
                auto got = store_->get(probe);
                if (got.ok() ? got.value() != "value:" + probe : got.status().code() != Status::Code::NotFound)
                    failures.add(qs("get " + probe + ": " + got.status().toString()));
                auto n = store_->count("w");
                if (!n.ok() || n.value() < lastCount)
                    failures.add(QStringLiteral("count went from %1 down to %2").arg(lastCount).arg(n.ok() ? n.value() : 0));
                else
                    lastCount = n.value();
            }
        });
    }
    for (auto& t : threads) t.join();
    QVERIFY2(failures.count() == 0, failures.report().constData());

    auto n = store_->count("w");
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(kWriters * kPerWriter));
    for (int t = 0; t < kWriters; ++t) {
        for (int i = 0; i < kPerWriter; ++i) {
            const std::string k = padded(("w" + std::to_string(t) + "/").c_str(), i);
            auto v = store_->get(k);
            CHECK_OK(v);
            QCOMPARE(bytes(v.value()), bytes("value:" + k));
        }
    }
}

void StorageSuite::batchesAreNeverTornForSnapshotReaders() {
    constexpr int kBatches = 1500;
    Failures failures;
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
        for (int n = 1; n <= kBatches; ++n) {
            WriteBatch batch;
            const std::string value = padded("", n);
            batch.put("pair/a", value);
            batch.put("pair/m" + std::to_string(n % 7), value);
            batch.put("pair/z", value);
            if (Status s = store_->write(batch); !s.ok()) failures.add(qs(s.toString()));
        }
        done = true;
    });
    for (int r = 0; r < 3; ++r) {
        threads.emplace_back([&] {
            std::string previous;
            while (!done.load()) {
                const SnapshotPtr snap = store_->snapshot();
                auto a = store_->get("pair/a", at(snap));
                auto z = store_->get("pair/z", at(snap));
                if (a.ok() != z.ok() || (a.ok() && a.value() != z.value()))
                    failures.add(qs("torn at a snapshot: a=" + (a.ok() ? a.value() : "absent") +
                                    " z=" + (z.ok() ? z.value() : "absent")));
                if (a.ok()) {
                    if (a.value() < previous) failures.add(qs("went back in time: " + previous + " -> " + a.value()));
                    previous = a.value();
                }
                // One scan page is one consistent read, with or without a snapshot.
                for (const SnapshotPtr& s : {snap, SnapshotPtr()}) {
                    ScanRequest request;
                    request.prefix = "pair/";
                    request.limit = 0;
                    request.read.snapshot = s;
                    auto page = store_->scan(request);
                    if (!page.ok()) {
                        failures.add(qs(page.status().toString()));
                        continue;
                    }
                    if (!page->entries.empty() && page->entries.front().value != page->entries.back().value)
                        failures.add(qs("torn scan: " + page->entries.front().value + " vs " +
                                        page->entries.back().value));
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    QVERIFY2(failures.count() == 0, failures.report().constData());
    auto a = store_->get("pair/a");
    CHECK_OK(a);
    QCOMPARE(bytes(a.value()), bytes(padded("", kBatches)));
}

void StorageSuite::listingsAreNeverTornByConcurrentBatches() {
    // Enough keys that prefix() and count() need several internal pages; a
    // writer moves one key from the front to the back and rewrites a pair at
    // both ends. Every listing and count must show one moment.
    constexpr int kKeys = 70000;
    WriteBatch fill;
    for (int i = 0; i < kKeys; ++i) fill.put(padded("big/", i), "");
    fill.put("big/!", "moving");
    fill.put("big/#", "0");
    fill.put("big/}", "0");
    // A namespace with 100 groups and one more that moves from the front to the back.
    for (int g = 0; g < 100; ++g) fill.put(padded("ns/g", g) + "/k", "");
    fill.put("ns/a/moving", "");
    CHECK_OK(store_->write(fill));
    const std::uint64_t expected = kKeys + 3;

    Failures failures;
    std::atomic<int> readersLeft{3};
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
        bool front = true;
        for (int n = 1; readersLeft.load() > 0; ++n) {
            WriteBatch batch;
            batch.remove(front ? "big/!" : "big/~");
            batch.put(front ? "big/~" : "big/!", "moving");
            batch.remove(front ? "ns/a/moving" : "ns/z/moving");
            batch.put(front ? "ns/z/moving" : "ns/a/moving", "");
            batch.put("big/#", std::to_string(n));
            batch.put("big/}", std::to_string(n));
            front = !front;
            if (Status s = store_->write(batch); !s.ok()) failures.add(qs(s.toString()));
        }
    });
    std::atomic<bool> listingDone{false};
    threads.emplace_back([&] {
        for (int i = 0; i < 6 || !listingDone.load(); ++i) {
            auto n = store_->count("big/");
            if (!n.ok() || n.value() != expected)
                failures.add(QStringLiteral("count %1 instead of %2").arg(n.ok() ? n.value() : 0).arg(expected));
        }
        --readersLeft;
    });
    threads.emplace_back([&] {
        for (int i = 0; i < 3; ++i) {
            auto all = store_->prefix("big/");
            if (!all.ok()) {
                failures.add(qs(all.status().toString()));
                continue;
            }
            if (all->size() != expected)
                failures.add(QStringLiteral("prefix() listed %1 entries instead of %2").arg(all->size()).arg(expected));
            std::string first, last;
            for (const auto& e : all.value()) {
                if (e.key == "big/#") first = e.value;
                if (e.key == "big/}") last = e.value;
            }
            if (first != last) failures.add(qs("prefix() mixed two moments: " + first + " vs " + last));
        }
        listingDone = true;
        --readersLeft;
    });
    threads.emplace_back([&] {
        for (int i = 0; i < 200; ++i) {
            auto listing = listNamespace(*store_, "ns/", '/', 1000);
            if (!listing.ok())
                failures.add(qs(listing.status().toString()));
            else if (listing->children.size() != 101)
                failures.add(QStringLiteral("the namespace listed %1 groups instead of 101").arg(listing->children.size()));
        }
        --readersLeft;
    });
    for (auto& t : threads) t.join();
    QVERIFY2(failures.count() == 0, failures.report().constData());
}

void StorageSuite::concurrentSnapshotsAndColumnFamilies() {
    Failures failures;
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&, t] {
            const std::string name = "family" + std::to_string(t);
            if (Status s = store_->createColumnFamily(name); !s.ok()) return failures.add(qs(s.toString()));
            auto family = store_->columnFamily(name);
            if (!family.ok()) return failures.add(qs(family.status().toString()));
            for (int i = 0; i < 200; ++i)
                if (Status s = family.value()->put(padded("k", i), name); !s.ok()) failures.add(qs(s.toString()));
        });
    }
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 300; ++i) {
                const SnapshotPtr snap = store_->snapshot();
                if (Status s = store_->put("tick", std::to_string(i)); !s.ok()) failures.add(qs(s.toString()));
                auto families = store_->columnFamilies();
                if (families.empty() || families.front() != "default") failures.add("default is not listed first");
                if (auto n = store_->count("", at(snap)); !n.ok()) failures.add(qs(n.status().toString()));
            }
        });
    }
    for (auto& t : threads) t.join();
    QVERIFY2(failures.count() == 0, failures.report().constData());
    QCOMPARE(store_->columnFamilies().size(), std::size_t(4));
    for (int t = 0; t < 3; ++t) {
        const std::string name = "family" + std::to_string(t);
        auto family = store_->columnFamily(name);
        CHECK_OK(family);
        auto all = family.value()->prefix("");
        CHECK_OK(all);
        QCOMPARE(all->size(), std::size_t(200));
        for (const auto& e : all.value()) QCOMPARE(bytes(e.value), bytes(name));
    }
}

namespace {

using Model = std::map<std::string, std::string>;

std::string randomBytes(QRandomGenerator& rng, int maxLength, bool keyAlphabet) {
    static const char kAlphabet[] = {'\0', '\x01', 'a', 'b', '\x7f', '\x80', '\xfe', '\xff'};
    std::string s(rng.bounded(maxLength + 1), '\0');
    for (auto& c : s) c = keyAlphabet ? kAlphabet[rng.bounded(8)] : static_cast<char>(rng.bounded(256));
    return s;
}

std::vector<Entry> expectedUnder(const Model& model, const std::string& prefix, const std::string* after = nullptr) {
    std::vector<Entry> out;
    for (auto it = model.lower_bound(prefix); it != model.end() && it->first.starts_with(prefix); ++it)
        if (!after || it->first > *after) out.push_back({it->first, it->second});
    return out;
}

// Compares the storage (live or at a snapshot) with the model; "" when equal.
QString compareWithModel(const Storage& store, const Model& model, const ReadOptions& read, QRandomGenerator& rng) {
    auto all = store.prefix("", read);
    if (!all.ok()) return qs("prefix(): " + all.status().toString());
    if (all.value() != expectedUnder(model, ""))
        return QStringLiteral("prefix(\"\") listed %1 entries, the model has %2").arg(all->size()).arg(model.size());
    for (int i = 0; i < 6; ++i) {
        const std::string prefix = randomBytes(rng, 2, true);
        const std::size_t limit = 1 + rng.bounded(5);
        const auto expected = expectedUnder(model, prefix);
        auto paged = scanAll(store, prefix, limit, read);
        if (!paged.ok()) return qs("scan: " + paged.status().toString());
        if (paged.value() != expected)
            return QStringLiteral("pages of %1 under %2 differ from the model").arg(limit).arg(bytes(prefix).toHex());
        auto n = store.count(prefix, read);
        if (!n.ok() || n.value() != expected.size())
            return QStringLiteral("count under %1 is wrong").arg(bytes(prefix).toHex());
        ScanRequest request;
        request.prefix = prefix;
        request.after = randomBytes(rng, 4, true);
        request.limit = 0;
        request.read = read;
        auto page = store.scan(request);
        if (!page.ok()) return qs("scan after: " + page.status().toString());
        if (page->entries != expectedUnder(model, prefix, &*request.after) || page->nextCursor)
            return QStringLiteral("scan under %1 after %2 differs from the model")
                .arg(bytes(prefix).toHex(), bytes(*request.after).toHex());
        // Backward: pages from the end, and from a key (strictly before it, and at it).
        auto back = scanAll(store, prefix, limit, read, nullptr, false, true);
        if (!back.ok()) return qs("backward scan: " + back.status().toString());
        if (!std::equal(back->begin(), back->end(), expected.rbegin(), expected.rend()))
            return QStringLiteral("backward pages of %1 under %2 differ from the model").arg(limit).arg(bytes(prefix).toHex());
        const std::string from = randomBytes(rng, 4, true);
        for (const bool inclusive : {false, true}) {
            ScanRequest backward;
            backward.prefix = prefix;
            backward.limit = 0;
            backward.read = read;
            if (inclusive) {
                backward.reverse = true;
                backward.startAt = from;
            } else {
                backward.before = from;
            }
            auto got = store.scan(backward);
            if (!got.ok()) return qs("backward scan from a key: " + got.status().toString());
            std::vector<Entry> want;
            for (auto it = expected.rbegin(); it != expected.rend(); ++it)
                if (inclusive ? it->key <= from : it->key < from) want.push_back(*it);
            if (got->entries != want || got->nextCursor)
                return QStringLiteral("backward scan under %1 %2 %3 differs from the model")
                    .arg(bytes(prefix).toHex(), inclusive ? QStringLiteral("at") : QStringLiteral("before"),
                         bytes(from).toHex());
        }
    }
    for (int i = 0; i < 10; ++i) {
        const std::string k = randomBytes(rng, 4, true);
        auto got = store.get(k, read);
        auto it = model.find(k);
        if (it == model.end() ? got.status().code() != Status::Code::NotFound : (!got.ok() || got.value() != it->second))
            return QStringLiteral("get(%1) differs from the model").arg(bytes(k).toHex());
    }
    return {};
}

}  // namespace

void StorageSuite::randomOperationsMatchAModel_data() {
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 7u, 1234u, 99991u}) QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void StorageSuite::randomOperationsMatchAModel() {
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    Model model;
    std::vector<std::pair<SnapshotPtr, Model>> snapshots;
    for (int op = 1; op <= 2000; ++op) {
        const auto dice = rng.bounded(100);
        if (dice < 55) {
            const std::string k = randomBytes(rng, 4, true);
            const std::string v = randomBytes(rng, 12, false);
            CHECK_OK(store_->put(k, v));
            model[k] = v;
        } else if (dice < 80) {
            const std::string k = randomBytes(rng, 4, true);
            CHECK_OK(store_->remove(k));
            model.erase(k);
        } else if (dice < 95) {
            WriteBatch batch;
            for (int i = 0, n = 1 + rng.bounded(6); i < n; ++i) {
                const std::string k = randomBytes(rng, 3, true);
                if (rng.bounded(3) == 0) {
                    batch.remove(k);
                    model.erase(k);
                } else {
                    const std::string v = randomBytes(rng, 12, false);
                    batch.put(k, v);
                    model[k] = v;
                }
            }
            CHECK_OK(store_->write(batch));
        } else {
            if (snapshots.size() == 3) snapshots.erase(snapshots.begin() + rng.bounded(3));
            snapshots.emplace_back(store_->snapshot(), model);
        }
        if (op % 250 == 0) {
            const QString live = compareWithModel(*store_, model, {}, rng);
            QVERIFY2(live.isEmpty(), qPrintable(QStringLiteral("seed %1, after op %2: %3").arg(seed).arg(op).arg(live)));
            for (const auto& [snap, then] : snapshots) {
                const QString old = compareWithModel(*store_, then, at(snap), rng);
                QVERIFY2(old.isEmpty(),
                         qPrintable(QStringLiteral("seed %1, after op %2, snapshot: %3").arg(seed).arg(op).arg(old)));
            }
        }
    }
    snapshots.clear();  // releasing them must not disturb the live data
    const QString final = compareWithModel(*store_, model, {}, rng);
    QVERIFY2(final.isEmpty(), qPrintable(QStringLiteral("seed %1, at the end: %2").arg(seed).arg(final)));
    QCOMPARE(store_->prefix("")->size(), model.size());
}

}  // namespace meridian::test
