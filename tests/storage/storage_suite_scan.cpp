// StorageSuite: prefix queries, cursor paging and binary safety.
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <map>

#include "storage_suite.h"
#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;
using namespace std::string_literals;

Result<std::vector<Entry>> scanAll(const Storage& store, const std::string& prefix, std::size_t limit,
                                   const ReadOptions& read, std::size_t* pages, bool keysOnly, bool backward) {
    std::vector<Entry> all;
    ScanRequest request;
    request.prefix = prefix;
    request.limit = limit;
    request.read = read;
    request.keysOnly = keysOnly;
    request.reverse = backward;
    std::size_t count = 0;
    for (;;) {
        auto page = store.scan(request);
        if (!page.ok()) return page.status();
        ++count;
        if (limit != 0 && page->entries.size() > limit)
            return Status::invalidArgument("a page held " + std::to_string(page->entries.size()) +
                                           " entries, more than the limit " + std::to_string(limit));
        if (page->nextCursor && page->entries.empty())
            return Status::invalidArgument("an empty page asked for another page");
        if (count > 1000000) return Status::invalidArgument("paging does not end");
        if (page->nextCursor && *page->nextCursor != page->entries.back().key)
            return Status::invalidArgument("the cursor is not the page's last key");
        for (auto& e : page->entries) all.push_back(std::move(e));
        if (!page->nextCursor) break;
        std::optional<std::string>& cursor = backward ? request.before : request.after;
        if (cursor && (backward ? *page->nextCursor >= *cursor : *page->nextCursor <= *cursor))
            return Status::invalidArgument("the cursor went the wrong way");
        cursor = std::move(page->nextCursor);
    }
    if (pages) *pages = count;
    return all;
}

namespace {

// The exact count, or a value no test expects when count() fails.
std::uint64_t countOf(const Storage& store, std::string_view prefix) {
    auto n = store.count(prefix);
    return n.ok() ? n.value() : ~std::uint64_t(0);
}

}  // namespace

void StorageSuite::prefixReturnsOnlyMatchingKeysInOrder() {
    const std::vector<std::string> keys{"ac", "ab\x01", "b", "abd", "aa", "ab", "abc", "a", "ab\0"s, "abz\xff"};
    for (const auto& k : keys) CHECK_OK(store_->put(k, "v:" + k));
    auto ab = store_->prefix("ab");
    CHECK_OK(ab);
    const std::vector<std::string> expected{"ab", "ab\0"s, "ab\x01", "abc", "abd", "abz\xff"};
    QCOMPARE(printable(keysOf(ab.value())), printable(expected));
    for (const auto& e : ab.value()) QCOMPARE(bytes(e.value), bytes("v:" + e.key));

    auto none = store_->prefix("zz");
    CHECK_OK(none);
    QVERIFY(none->empty());
    auto exact = store_->prefix("abd");
    CHECK_OK(exact);
    QCOMPARE(printable(keysOf(exact.value())), printable({"abd"}));
}

void StorageSuite::prefixEndingInFFIncludesAllItsKeys() {
    const std::vector<std::string> keys{"a\xfe", "a\xff", "a\xff\0"s, "a\xff\xff", "a\xff\xff\xff", "b",
                                        "\xff", "\xff\xff", "\xff\xff\x01", "\xfe\xff"};
    for (const auto& k : keys) CHECK_OK(store_->put(k, k));

    auto aff = store_->prefix("a\xff");
    CHECK_OK(aff);
    QCOMPARE(printable(keysOf(aff.value())), printable({"a\xff", "a\xff\0"s, "a\xff\xff", "a\xff\xff\xff"}));

    // All-0xFF prefixes have no upper bound: they run to the end of the keyspace.
    auto ff = store_->prefix("\xff");
    CHECK_OK(ff);
    QCOMPARE(printable(keysOf(ff.value())), printable({"\xff", "\xff\xff", "\xff\xff\x01"}));
    auto ffff = store_->prefix("\xff\xff");
    CHECK_OK(ffff);
    QCOMPARE(printable(keysOf(ffff.value())), printable({"\xff\xff", "\xff\xff\x01"}));

    std::size_t pages = 0;
    auto paged = scanAll(*store_, "\xff", 1, {}, &pages);
    CHECK_OK(paged);
    QCOMPARE(printable(keysOf(paged.value())), printable(keysOf(ff.value())));
    QCOMPARE(pages, std::size_t(3));

    QCOMPARE(countOf(*store_, "a\xff"), std::uint64_t(4));
}

void StorageSuite::emptyPrefixReturnsEverything() {
    std::map<std::string, std::string> model{{""s, "the empty key"}, {"\0"s, "nul"}, {"m", "middle"},
                                             {"\xff\xff", "last"}, {"a", ""}};
    for (const auto& [k, v] : model) CHECK_OK(store_->put(k, v));
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), model.size());
    auto it = model.begin();
    for (const auto& e : all.value()) {
        QCOMPARE(bytes(e.key), bytes(it->first));
        QCOMPARE(bytes(e.value), bytes(it->second));
        ++it;
    }
    auto n = store_->count("");
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(model.size()));
}

void StorageSuite::scanPagesReassembleTheFullList_data() {
    QTest::addColumn<int>("keys");
    QTest::addColumn<int>("limit");
    QTest::newRow("limit 1") << 23 << 1;
    QTest::newRow("limit 2") << 23 << 2;
    QTest::newRow("limit 7") << 50 << 7;
    QTest::newRow("limit divides the count") << 50 << 10;
    QTest::newRow("limit equals the count") << 50 << 50;
    QTest::newRow("limit above the count") << 50 << 51;
    QTest::newRow("no limit") << 50 << 0;
    QTest::newRow("default page size, several pages") << 2500 << 1000;
}

void StorageSuite::scanPagesReassembleTheFullList() {
    QFETCH(int, keys);
    QFETCH(int, limit);
    // Keys under "p/" in random insertion order, with neighbours on both sides.
    std::vector<std::string> expected;
    WriteBatch batch;
    batch.put("p", "just the prefix without the slash");
    batch.put("o/", "before");
    batch.put("q", "after");
    batch.put("p0", "after p/ too");
    for (int i = 0; i < keys; ++i) {
        char key[32];
        std::snprintf(key, sizeof key, "p/%05d", (i * 7919) % 100000);
        expected.emplace_back(key);
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    std::vector<std::string> shuffled = expected;
    std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());
    for (const auto& k : shuffled) batch.put(k, "value of " + k);
    CHECK_OK(store_->write(batch));

    std::size_t pages = 0;
    auto all = scanAll(*store_, "p/", static_cast<std::size_t>(limit), {}, &pages);
    CHECK_OK(all);
    QCOMPARE(printable(keysOf(all.value())), printable(expected));
    for (const auto& e : all.value()) QCOMPARE(bytes(e.value), bytes("value of " + e.key));
    const std::size_t n = expected.size();
    const std::size_t wantPages = limit == 0 ? 1 : std::max<std::size_t>(1, (n + limit - 1) / limit);
    QCOMPARE(pages, wantPages);  // no empty trailing page, no page short of the limit before the end
}

void StorageSuite::scanCursorIsUnsetOnTheLastPage() {
    for (const char* k : {"k1", "k2", "k3", "l"}) CHECK_OK(store_->put(k, "v"));
    ScanRequest request;
    request.prefix = "k";
    request.limit = 3;
    auto page = store_->scan(request);
    CHECK_OK(page);
    QCOMPARE(page->entries.size(), std::size_t(3));
    QVERIFY2(!page->nextCursor, "a page that reached the end of the prefix must not offer another");

    request.limit = 2;
    page = store_->scan(request);
    CHECK_OK(page);
    QCOMPARE(page->entries.size(), std::size_t(2));
    QVERIFY(page->nextCursor.has_value());
    request.after = page->nextCursor;
    page = store_->scan(request);
    CHECK_OK(page);
    QCOMPARE(printable(keysOf(page->entries)), printable({"k3"}));
    QVERIFY(!page->nextCursor);

    // An empty prefix range: no entries, no cursor.
    request = {};
    request.prefix = "nothing here";
    page = store_->scan(request);
    CHECK_OK(page);
    QVERIFY(page->entries.empty());
    QVERIFY(!page->nextCursor);
}

void StorageSuite::scanAfterBeforeThePrefixStartsAtThePrefix() {
    for (const char* k : {"a1", "a9", "b1", "b2", "c1"}) CHECK_OK(store_->put(k, k));
    for (const std::string& after : {""s, "a"s, "a9"s, "a\xff\xff"s, "b"s}) {
        ScanRequest request;
        request.prefix = "b";
        request.after = after;
        auto page = store_->scan(request);
        CHECK_OK(page);
        QVERIFY2(keysOf(page->entries) == (std::vector<std::string>{"b1", "b2"}),
                 qPrintable("after '" + bytes(after).toHex() + "': " + printable(keysOf(page->entries)).join(',')));
        QVERIFY(!page->nextCursor);
    }
    ScanRequest request;
    request.prefix = "b";
    request.after = "b1";  // strictly after
    auto page = store_->scan(request);
    CHECK_OK(page);
    QCOMPARE(printable(keysOf(page->entries)), printable({"b2"}));
    request.after = "b15";  // a cursor that is not itself a key
    page = store_->scan(request);
    CHECK_OK(page);
    QCOMPARE(printable(keysOf(page->entries)), printable({"b2"}));
}

void StorageSuite::scanAfterPastThePrefixIsEmpty() {
    for (const char* k : {"a1", "b1", "b2", "c1"}) CHECK_OK(store_->put(k, k));
    for (const char* after : {"b2", "b3", "c", "c1", "zzz"}) {
        ScanRequest request;
        request.prefix = "b";
        request.after = std::string(after);
        auto page = store_->scan(request);
        CHECK_OK(page);
        QVERIFY2(page->entries.empty(), after);
        QVERIFY2(!page->nextCursor, after);
    }
}

void StorageSuite::scanKeysOnlyLeavesValuesEmpty() {
    for (int i = 0; i < 30; ++i) CHECK_OK(store_->put("key" + std::to_string(100 + i), std::string(100, 'v')));
    auto keysOnly = scanAll(*store_, "key", 7, {}, nullptr, true);
    CHECK_OK(keysOnly);
    QCOMPARE(keysOnly->size(), std::size_t(30));
    for (const auto& e : keysOnly.value()) {
        QVERIFY(e.key.starts_with("key"));
        QVERIFY2(e.value.empty(), e.key.c_str());
    }
    auto full = scanAll(*store_, "key", 7);
    CHECK_OK(full);
    QCOMPARE(printable(keysOf(keysOnly.value())), printable(keysOf(full.value())));
    for (const auto& e : full.value()) QCOMPARE(e.value.size(), std::size_t(100));
}

void StorageSuite::binaryKeysAndValuesRoundTrip() {
    const std::map<std::string, std::string> model{
        {""s, "value of the empty key"},
        {"\0"s, "\0"s},
        {"\0\0"s, "two NULs\0inside\0"s},
        {"a\0b"s, "\xff\xfe\xfd"},
        {"\xff", "all\xff"},
        {"\xff\xfe", ""},                          // empty value
        {"\xc3\x28", "\xc3\x28 invalid UTF-8"},    // invalid 2-byte sequence
        {"\xed\xa0\x80", "\xed\xa0\x80"},          // a UTF-16 surrogate, not UTF-8
        {"\xc0\xaf", "overlong slash"},            // overlong encoding
        {"caf\xc3\xa9", "valid UTF-8 \xe2\x9c\x93"},
        {"line\nbreak\r\t", "\x01\x02\x7f\x80"},
    };
    for (const auto& [k, v] : model) CHECK_OK(store_->put(k, v));
    for (const auto& [k, v] : model) {
        auto got = store_->get(k);
        CHECK_OK(got);
        QCOMPARE(bytes(got.value()), bytes(v));
        auto exists = store_->exists(k);
        CHECK_OK(exists);
        QVERIFY2(exists.value(), bytes(k).toHex().constData());
    }
    // Listed in bytewise order, each byte unsigned (0xFF after 'z').
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), model.size());
    auto it = model.begin();
    for (const auto& e : all.value()) {
        QCOMPARE(bytes(e.key).toHex(), bytes(it->first).toHex());
        QCOMPARE(bytes(e.value), bytes(it->second));
        ++it;
    }
    // The NUL byte is a byte, not a terminator.
    auto nul = store_->prefix("\0"s);
    CHECK_OK(nul);
    QCOMPARE(nul->size(), std::size_t(2));
    CHECK_OK(store_->remove("\0"s));
    auto nulNul = store_->get("\0\0"s);
    CHECK_OK(nulNul);
    QCOMPARE(bytes(nulNul.value()), bytes("two NULs\0inside\0"s));
    CHECK_CODE(store_->get("\0"s), Status::Code::NotFound);
}

void StorageSuite::largeValueRoundTripsByteExactly() {
    std::string big(4 * 1024 * 1024, '\0');
    QRandomGenerator rng(20240611);
    for (auto& c : big) c = static_cast<char>(rng.bounded(256));
    big[0] = '\0';
    big[big.size() - 1] = '\xff';
    std::string bigKey(64 * 1024, '\xff');
    bigKey[100] = '\0';
    CHECK_OK(store_->put("big", big));
    CHECK_OK(store_->put(bigKey, big.substr(0, 1000)));
    auto got = store_->get("big");
    CHECK_OK(got);
    QCOMPARE(got->size(), big.size());
    QVERIFY2(got.value() == big, "the 4 MiB value came back with different bytes");
    auto gotKey = store_->get(bigKey);
    CHECK_OK(gotKey);
    QVERIFY(gotKey.value() == big.substr(0, 1000));

    ScanRequest request;
    request.prefix = "big";
    auto page = store_->scan(request);
    CHECK_OK(page);
    QCOMPARE(page->entries.size(), std::size_t(1));
    QVERIFY(page->entries.front().value == big);

    std::reverse(big.begin(), big.end());
    CHECK_OK(store_->put("big", big));
    got = store_->get("big");
    CHECK_OK(got);
    QVERIFY2(got.value() == big, "the overwritten 4 MiB value came back with different bytes");
}

}  // namespace meridian::test
