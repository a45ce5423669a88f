// StorageSuite: where a key sits among the keys under a prefix, and the key
// at a position (storage/key_position.h), against the keys' real ranks.
// Exact positions are checked exactly, estimates against the ranks on
// memory (it counts rows). RocksDB estimates from table files only, and the
// suite never flushes: here its estimate is "unknown" (but for a hybrid
// store that spilled, whose data went in as table files), and
// storage_key_position_test checks it on table files.
#include <QtTest>

#include <cstdio>

#include "storage/key_position.h"
#include "storage_suite.h"
#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;

namespace {

constexpr int kKeys = 20000;

// "n:00000" .. "n:19999" with 100-byte values, between "a:" and "z:" keys
// that the prefix must leave out.
std::string numbered(int i) {
    char key[16];
    std::snprintf(key, sizeof key, "n:%05d", i);
    return key;
}

// One batch: a hybrid store with a small threshold then starts its spill
// with every key in memory, so all of them go into table files (two writes
// could let the spill finish between them, leaving the second in the memtable).
Status fill(Storage& store) {
    WriteBatch batch;
    for (int i = 0; i < 5000; ++i) {
        batch.put("a:" + std::to_string(i), std::string(100, 'a'));
        batch.put("z:" + std::to_string(i), std::string(100, 'z'));
    }
    for (int i = 0; i < kKeys; ++i) batch.put(numbered(i), std::string(100, 'v'));
    return store.write(batch);
}

// The rank, among the numbered keys, of the first key at or after `key`.
int rankAtOrAfter(const Storage& store, const std::string& key) {
    ScanRequest request;
    request.prefix = "n:";
    request.startAt = key;
    request.limit = 1;
    request.keysOnly = true;
    auto page = store.scan(request);
    if (!page.ok() || page->entries.empty()) return kKeys;
    return std::stoi(page->entries.front().key.substr(2));
}

}  // namespace

void StorageSuite::positionFollowsTheKeysRank() {
    CHECK_OK(fill(*store_));
    const auto positions = KeyPositions::measure(*store_, "n:", {}, 2 * kKeys);
    QVERIFY(positions.exact() && positions.known());
    for (int i = 0; i < kKeys; i += 997) QCOMPARE(positions.position(*store_, numbered(i)).value(), double(i) / kKeys);
    for (double f : {0.0, 0.1, 0.25, 0.5, 0.999, 1.0})
        QCOMPARE(positions.keyAt(*store_, f).value(), numbered(std::min(kKeys - 1, int(f * kKeys))));
    // The prefix's edges, and keys outside it.
    QCOMPARE(positions.position(*store_, "n:").value(), 0.0);
    QCOMPARE(positions.position(*store_, "a:9").value(), 0.0);
    QCOMPARE(positions.position(*store_, "o").value(), 1.0);
    // The whole key space is too many keys to hold: an estimate.
    const auto all = KeyPositions::measure(*store_, "", {}, kKeys);
    QVERIFY(!all.exact());
}

void StorageSuite::estimatedPositionsStayInOrder() {
    CHECK_OK(fill(*store_));
    // Estimates depend on the side that answers: a hybrid store the fill took
    // past its threshold is let finish its move into RocksDB first.
    if (const auto state = store_->info().hybrid; state && !state->spilled && state->memoryBytes > state->thresholdBytes)
        QTRY_VERIFY_WITH_TIMEOUT(store_->info().hybrid->spilled, 30000);
    const auto positions = KeyPositions::measure(*store_, "n:", {}, 0);
    QVERIFY(!positions.exact());
    const StorageInfo info = store_->info();
    // A hybrid store's spill adds its data to RocksDB as table files, which
    // RocksDB estimates from; plain RocksDB here (and a hybrid store that was
    // RocksDB from its open) holds it in the memtable only.
    const bool tables = info.backend != Backend::Memory && info.hybrid && info.hybrid->spilledAt != 0;
    if (info.backend != Backend::Memory && !tables) {
        QVERIFY2(!positions.known(), "an estimate of keys that are only in the memtable");
        return;
    }
    QVERIFY2(positions.known(), "no estimate of keys held in memory or in table files");
    // Memory counts its rows: its estimate is the rank. RocksDB's comes from
    // its tables' index blocks (storage_key_position_test's tolerance).
    const double tolerance = tables ? 0.03 : 0.001;
    double previous = 0;
    for (int i = 0; i < kKeys; i += kKeys / 10) {
        const auto at = positions.position(*store_, numbered(i));
        QVERIFY2(at.has_value(), "no position for a key under a filled prefix");
        QVERIFY(*at >= previous && *at <= 1.0);
        QVERIFY2(std::abs(*at - double(i) / kKeys) <= tolerance,
                 qPrintable(QStringLiteral("key %1 placed at %2").arg(i).arg(*at)));
        previous = *at;
    }
    QCOMPARE(positions.position(*store_, "n:").value(), 0.0);
    QCOMPARE(positions.position(*store_, "a:9").value(), 0.0);
    QCOMPARE(positions.position(*store_, "o").value(), 1.0);
    QCOMPARE(positions.keyAt(*store_, 0.0).value(), std::string("n:"));
    QCOMPARE(positions.keyAt(*store_, -3).value(), std::string("n:"));
    int previousRank = 0;
    for (double f : {0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 7.0}) {
        const auto key = positions.keyAt(*store_, f);
        QVERIFY2(key.has_value(), "no key for a position under a filled prefix");
        QVERIFY2(key->starts_with("n:"), "the key left the prefix");
        const int rank = rankAtOrAfter(*store_, *key);
        QVERIFY(rank >= previousRank);
        QVERIFY2(std::abs(double(rank) / kKeys - std::min(f, 1.0)) <= tolerance,
                 qPrintable(QStringLiteral("position %1 gave rank %2").arg(f).arg(rank)));
        previousRank = rank;
    }
}

void StorageSuite::positionOfNothingIsUnknown() {
    for (std::size_t exactLimit : {std::size_t(0), KeyPositions::kExactLimit}) {
        const auto empty = KeyPositions::measure(*store_, "", {}, exactLimit);
        QVERIFY(!empty.known());
        QVERIFY(!empty.position(*store_, "k"));
        QVERIFY(!empty.keyAt(*store_, 0.5));
    }
    CHECK_OK(store_->put("a", "1"));
    const auto none = KeyPositions::measure(*store_, "b", {}, 0);
    QVERIFY(!none.known());
    QVERIFY(!none.keyAt(*store_, 0.5));
}

}  // namespace meridian::test
