// StorageSuite: backward scans (ScanRequest::reverse and the `before`
// cursor) and seeks at the edges of a prefix and of the key space.
#include <QtTest>

#include "storage_suite.h"
#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;
using namespace std::string_literals;

namespace {

// The keys of one backward page (limit 0: all of them), or a line saying why not.
std::vector<std::string> backwardKeys(const Storage& store, ScanRequest request) {
    request.limit = 0;
    request.keysOnly = true;
    if (!request.before) request.reverse = true;
    auto page = store.scan(request);
    if (!page.ok()) return {"scan failed: " + page.status().toString()};
    std::vector<std::string> keys;
    for (const auto& e : page->entries) keys.push_back(e.key);
    if (page->nextCursor) keys.push_back("a cursor was set on the last page");
    return keys;
}

ScanRequest under(std::string prefix) {
    ScanRequest request;
    request.prefix = std::move(prefix);
    return request;
}

}  // namespace

void StorageSuite::reverseListsThePrefixDescending() {
    for (const std::string& k : {"a"s, "ab"s, "ab\x00"s, "ab\xff"s, "ab\xff\xff"s, "ac"s, "b"s})
        CHECK_OK(store_->put(k, "v:" + k));
    ScanRequest request = under("ab");
    request.reverse = true;
    auto page = store_->scan(request);
    CHECK_OK(page.status());
    const std::vector<Entry> expected{{"ab\xff\xff"s, "v:ab\xff\xff"s}, {"ab\xff"s, "v:ab\xff"s},
                                      {"ab\x00"s, "v:ab\x00"s}, {"ab"s, "v:ab"s}};
    QCOMPARE(page->entries, expected);  // values come with the keys, as forward
    QVERIFY(!page->nextCursor);
    // The whole key space, backward, with the empty prefix.
    QCOMPARE(backwardKeys(*store_, under("")),
             (std::vector<std::string>{"b", "ac", "ab\xff\xff"s, "ab\xff"s, "ab\x00"s, "ab", "a"}));
    // Prefixes with no keys: nothing, and no cursor.
    QCOMPARE(backwardKeys(*store_, under("aa")), std::vector<std::string>{});
    QCOMPARE(backwardKeys(*store_, under("c")), std::vector<std::string>{});
}

void StorageSuite::reversePagesReassembleTheFullList_data() {
    QTest::addColumn<int>("limit");
    QTest::addColumn<QByteArray>("prefix");
    for (int limit : {1, 2, 7, 50, 1000})
        for (const QByteArray& prefix : {QByteArray(), QByteArray("k\x01", 2)})
            QTest::newRow(qPrintable(QStringLiteral("limit %1, prefix %2").arg(limit).arg(QString::fromLatin1(prefix.toHex()))))
                << limit << prefix;
}

void StorageSuite::reversePagesReassembleTheFullList() {
    QFETCH(int, limit);
    QFETCH(QByteArray, prefix);
    // Binary keys around the prefix, some deleted again (tombstones the walk must skip).
    for (int i = 0; i < 300; ++i) {
        std::string k = "k"s + static_cast<char>(i % 3) + static_cast<char>(i);
        CHECK_OK(store_->put(k, std::to_string(i)));
        if (i % 7 == 0) CHECK_OK(store_->remove(k));
    }
    const std::string p = prefix.toStdString();
    auto forward = scanAll(*store_, p, 0);
    CHECK_OK(forward.status());
    QVERIFY(!forward->empty());
    std::size_t pages = 0;
    auto backward = scanAll(*store_, p, static_cast<std::size_t>(limit), {}, &pages, false, true);
    CHECK_OK(backward.status());
    const std::vector<Entry> expected(forward->rbegin(), forward->rend());
    QCOMPARE(backward.value(), expected);
    // Full pages, the cursor unset on the last: no empty page at the end.
    QCOMPARE(pages, (expected.size() + limit - 1) / limit);
}

void StorageSuite::reverseBeforeIsStrictAndClamped() {
    for (const char* k : {"a1", "b1", "b2", "b3", "c1"}) CHECK_OK(store_->put(k, k));
    struct Case {
        std::string prefix;
        std::string before;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {"", "b2", {"b1", "a1"}},      // strictly before: b2 itself is not listed
        {"", "b15", {"b1", "a1"}},     // not a key: the one before it
        {"b", "b3", {"b2", "b1"}},     // inside the prefix
        {"b", "c", {"b3", "b2", "b1"}},  // past the prefix: from its last key
        {"b", "zz", {"b3", "b2", "b1"}},
        {"b", "b", {}},                  // the prefix itself: nothing lies before it under the prefix
        {"b", "a9", {}},                 // before the prefix: nothing
        {"", "a1", {}},                  // before the first key
        {"", "", {}},                    // the empty key sorts first
    };
    for (const auto& c : cases) {
        ScanRequest request = under(c.prefix);
        request.before = c.before;
        QVERIFY2(backwardKeys(*store_, request) == c.expected, qPrintable(QString::fromStdString(c.prefix + " / " + c.before)));
    }
    // `after` is ignored backward: the cursor that goes with the direction wins.
    ScanRequest both = under("");
    both.before = "b3";
    both.after = "b1";
    QCOMPARE(backwardKeys(*store_, both), (std::vector<std::string>{"b2", "b1", "a1"}));
}

void StorageSuite::reverseStartAtIsInclusive() {
    for (const char* k : {"a1", "b1", "b2", "b3", "c1"}) CHECK_OK(store_->put(k, k));
    struct Case {
        std::string prefix;
        std::string startAt;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {"", "b2", {"b2", "b1", "a1"}},  // inclusive
        {"", "b25", {"b2", "b1", "a1"}},  // not a key: the last one before it
        {"b", "b1", {"b1"}},
        {"b", "c", {"b3", "b2", "b1"}},  // past the prefix: from its last key
        {"b", "b", {}},                  // nothing under "b" is <= "b" but "b" itself
        {"b", "a", {}},                  // before the prefix
        {"", "\xff\xff"s, {"c1", "b3", "b2", "b1", "a1"}},
    };
    for (const auto& c : cases) {
        ScanRequest request = under(c.prefix);
        request.startAt = c.startAt;
        QVERIFY2(backwardKeys(*store_, request) == c.expected, qPrintable(QString::fromStdString(c.prefix + " / " + c.startAt)));
    }
    // The startAt page's cursor pages on downward with `before`.
    ScanRequest first = under("");
    first.reverse = true;
    first.startAt = "b3";
    first.limit = 2;
    auto page = store_->scan(first);
    CHECK_OK(page.status());
    QCOMPARE(page->entries.size(), std::size_t(2));
    QCOMPARE(page->entries.back().key, "b2"s);
    QVERIFY(page->nextCursor);
    ScanRequest next = under("");
    next.before = *page->nextCursor;
    QCOMPARE(backwardKeys(*store_, next), (std::vector<std::string>{"b1", "a1"}));
}

void StorageSuite::reverseAtTheEdgesOfTheKeySpace() {
    // 0xFF prefixes have no upper bound; 0x00 keys sort first; the empty key is a key.
    for (const std::string& k : {""s, "\x00"s, "\x00\x00"s, "\xfe"s, "\xff"s, "\xff\x00"s, "\xff\xff"s, "\xff\xff\xff"s})
        CHECK_OK(store_->put(k, "v"));
    QCOMPARE(backwardKeys(*store_, under("\xff")),
             (std::vector<std::string>{"\xff\xff\xff"s, "\xff\xff"s, "\xff\x00"s, "\xff"s}));
    QCOMPARE(backwardKeys(*store_, under("\xff\xff")), (std::vector<std::string>{"\xff\xff\xff"s, "\xff\xff"s}));
    QCOMPARE(backwardKeys(*store_, under("\x00"s)), (std::vector<std::string>{"\x00\x00"s, "\x00"s}));
    ScanRequest beforeFF = under("\xff");
    beforeFF.before = "\xff\xff"s;
    QCOMPARE(backwardKeys(*store_, beforeFF), (std::vector<std::string>{"\xff\x00"s, "\xff"s}));
    ScanRequest all = under("");
    all.before = "\x00"s;
    QCOMPARE(backwardKeys(*store_, all), std::vector<std::string>{""});  // only the empty key is before 0x00
    // Forward and backward agree on the whole space.
    auto forward = scanAll(*store_, "", 3);
    auto backward = scanAll(*store_, "", 3, {}, nullptr, false, true);
    CHECK_OK(forward.status());
    CHECK_OK(backward.status());
    QCOMPARE(backward->size(), std::size_t(8));
    QVERIFY(std::equal(backward->begin(), backward->end(), forward->rbegin(), forward->rend()));
}

void StorageSuite::reverseReadsASnapshot() {
    for (const char* k : {"k1", "k2", "k3", "k4"}) CHECK_OK(store_->put(k, "old"));
    SnapshotPtr then = store_->snapshot();
    CHECK_OK(store_->remove("k4"));
    CHECK_OK(store_->put("k5", "new"));
    CHECK_OK(store_->put("k2", "new"));
    ScanRequest request = under("k");
    request.read.snapshot = then;
    request.reverse = true;
    auto page = store_->scan(request);
    CHECK_OK(page.status());
    const std::vector<Entry> expected{{"k4", "old"}, {"k3", "old"}, {"k2", "old"}, {"k1", "old"}};
    QCOMPARE(page->entries, expected);
    request.read = {};
    QCOMPARE(backwardKeys(*store_, request), (std::vector<std::string>{"k5", "k3", "k2", "k1"}));
    // A backward page from a key, at the snapshot.
    ScanRequest before = under("k");
    before.before = "k4";
    before.read.snapshot = then;
    QCOMPARE(backwardKeys(*store_, before), (std::vector<std::string>{"k3", "k2", "k1"}));
}

}  // namespace meridian::test
