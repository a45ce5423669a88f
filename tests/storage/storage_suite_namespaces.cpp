// StorageSuite: inclusive start keys (ScanRequest::startAt) and namespace
// listing (namespaces.h), which skips whole groups by seeking.
#include <QtTest>

#include <atomic>

#include "storage/namespaces.h"
#include "storage_suite.h"
#include "test_support.h"
#include "tests/storage/counting_storage.h"

namespace meridian::test {

using namespace meridian::storage;
using namespace std::string_literals;

namespace {

ScanPage scanOrEmpty(const Storage& store, const ScanRequest& request) {
    auto page = store.scan(request);
    return page.ok() ? page.value() : ScanPage{{Entry{"scan failed: " + page.status().toString(), {}}}, {}};
}

// Segments of a listing, groups marked with a trailing "/" in the text.
QStringList segments(const NamespaceListing& listing) {
    QStringList out;
    for (const auto& child : listing.children) {
        QString text = QString::fromLatin1(bytes(child.segment).toHex());
        out << (child.isGroup ? QStringLiteral("group ") : QStringLiteral("key ")) + text;
    }
    return out;
}

QStringList expectedSegments(std::initializer_list<std::pair<bool, std::string>> children) {
    QStringList out;
    for (const auto& [group, segment] : children)
        out << (group ? QStringLiteral("group ") : QStringLiteral("key ")) + QString::fromLatin1(bytes(segment).toHex());
    return out;
}

}  // namespace

void StorageSuite::scanStartAtIsInclusive() {
    for (const char* k : {"a1", "b1", "b2", "b3", "c1"}) CHECK_OK(store_->put(k, k));
    struct Case {
        std::string startAt;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {"b2", {"b2", "b3"}},        // inclusive: the start key itself is listed
        {"b15", {"b2", "b3"}},       // not a key: the next one
        {"b", {"b1", "b2", "b3"}},   // the prefix itself
        {"a", {"b1", "b2", "b3"}},   // before the prefix: from the prefix
        {"c", {}},                   // past the prefix: nothing
        {"b3\0"s, {}},
    };
    for (const auto& c : cases) {
        ScanRequest request;
        request.prefix = "b";
        request.startAt = c.startAt;
        const ScanPage page = scanOrEmpty(*store_, request);
        QVERIFY2(keysOf(page.entries) == c.expected,
                 qPrintable("startAt " + bytes(c.startAt).toHex() + ": " + printable(keysOf(page.entries)).join(',')));
        QVERIFY(!page.nextCursor);
    }
}

void StorageSuite::scanStartAtIsIgnoredWithAfter() {
    for (const char* k : {"a1", "b1", "b2", "b3", "c1"}) CHECK_OK(store_->put(k, k));
    struct Case {
        std::string after;
        std::string startAt;
        std::vector<std::string> expected;
    };
    // `after` decides wherever it points, even before the prefix.
    const std::vector<Case> cases{
        {"b1", "b3", {"b2", "b3"}},
        {"b2", "a", {"b3"}},
        {"a", "b3", {"b1", "b2", "b3"}},
        {"", "b2", {"b1", "b2", "b3"}},
    };
    for (const auto& c : cases) {
        ScanRequest request;
        request.prefix = "b";
        request.after = c.after;
        request.startAt = c.startAt;
        const ScanPage page = scanOrEmpty(*store_, request);
        QVERIFY2(keysOf(page.entries) == c.expected,
                 qPrintable(QStringLiteral("after '%1' startAt '%2': ").arg(qs(c.after), qs(c.startAt)) +
                            printable(keysOf(page.entries)).join(',')));
    }
}

void StorageSuite::scanStartAtPagesOnWithTheCursor() {
    for (int i = 0; i < 10; ++i) CHECK_OK(store_->put("k" + std::to_string(i), "v"));
    ScanRequest request;
    request.prefix = "k";
    request.startAt = "k4";
    request.limit = 2;
    std::vector<std::string> seen;
    for (int pages = 0; pages < 10; ++pages) {
        auto page = store_->scan(request);
        CHECK_OK(page);
        for (const auto& e : page->entries) seen.push_back(e.key);
        if (!page->nextCursor) break;
        request.after = page->nextCursor;  // startAt stays set and is ignored now
    }
    QCOMPARE(printable(seen), printable({"k4", "k5", "k6", "k7", "k8", "k9"}));
}

void StorageSuite::namespaceListsImmediateChildren() {
    for (const char* k : {"project:1:a", "project:1:b", "project:2", "project:20:x", "project:20:y:z", "project:3:",
                          "project", "projects:9", "other:1"})
        CHECK_OK(store_->put(k, "v"));
    auto listing = listNamespace(*store_, "project:", ':', 100);
    CHECK_OK(listing);
    QCOMPARE(segments(listing.value()),
             expectedSegments({{true, "1:"}, {false, "2"}, {true, "20:"}, {true, "3:"}}));
    QVERIFY(!listing->truncated);
    for (const auto& child : listing->children) {
        QCOMPARE(bytes(child.prefix), bytes("project:" + child.segment));
        QVERIFY(child.isGroup != child.isKey);
    }

    auto top = listNamespace(*store_, "", ':', 100);
    CHECK_OK(top);
    QCOMPARE(segments(top.value()), expectedSegments({{true, "other:"}, {false, "project"}, {true, "project:"},
                                                     {true, "projects:"}}));
    auto deeper = listNamespace(*store_, "project:20:", ':', 100);
    CHECK_OK(deeper);
    QCOMPARE(segments(deeper.value()), expectedSegments({{false, "x"}, {true, "y:"}}));
    auto none = listNamespace(*store_, "nothing:", ':', 100);
    CHECK_OK(none);
    QVERIFY(none->children.empty());
    QVERIFY(!none->truncated);
}

void StorageSuite::namespaceKeepsLeafAndGroupApart() {
    // "a" (a key) and "a:" (a group) are two children, as are "a:" and "a;".
    for (const char* k : {"a", "a:1", "a:2", "a;", "a\x01", "b:"}) CHECK_OK(store_->put(k, "v"));
    auto listing = listNamespace(*store_, "", ':', 100);
    CHECK_OK(listing);
    QCOMPARE(segments(listing.value()),
             expectedSegments({{false, "a"}, {false, "a\x01"}, {true, "a:"}, {false, "a;"}, {true, "b:"}}));
}

void StorageSuite::namespaceIsTruncatedAtTheLimit() {
    for (int i = 0; i < 8; ++i) CHECK_OK(store_->put("g" + std::to_string(i) + ":k", "v"));
    auto listing = listNamespace(*store_, "", ':', 5);
    CHECK_OK(listing);
    QCOMPARE(listing->children.size(), std::size_t(5));
    QVERIFY(listing->truncated);
    QCOMPARE(bytes(listing->children.back().segment), QByteArray("g4:"));
    auto exact = listNamespace(*store_, "", ':', 8);
    CHECK_OK(exact);
    QCOMPARE(exact->children.size(), std::size_t(8));
    QVERIFY2(!exact->truncated, "exactly `limit` children is not truncated");
}

void StorageSuite::namespaceSeeksPastGroups() {
    WriteBatch batch;
    for (int g = 0; g < 5; ++g)
        for (int i = 0; i < 2000; ++i) batch.put("grp" + std::to_string(g) + "/" + std::to_string(i), "");
    batch.put("leaf", "");
    CHECK_OK(store_->write(batch));
    auto counting = std::make_shared<CountingStorage>(store_);
    auto listing = listNamespace(*counting, "", '/', 100);
    CHECK_OK(listing);
    QCOMPARE(listing->children.size(), std::size_t(6));
    // One seek per child plus the one that finds the end, never a walk of 10000 keys.
    QVERIFY2(counting->scans.load() <= 7, qPrintable(QStringLiteral("%1 scans").arg(counting->scans.load())));
    QVERIFY2(counting->entries.load() <= 7, qPrintable(QStringLiteral("%1 entries read").arg(counting->entries.load())));
}

void StorageSuite::namespaceResumesAfterAChild() {
    for (const char* k : {"a:1", "a:2", "b", "c:1", "c:2:x", "d", "e:9"}) CHECK_OK(store_->put(k, "v"));
    auto first = listNamespace(*store_, "", ':', 2);
    CHECK_OK(first);
    QVERIFY(first->truncated);
    QCOMPARE(segments(first.value()), expectedSegments({{true, "a:"}, {false, "b"}}));
    // After a key child, then after a group child: the pages reassemble the whole level.
    auto second = listNamespace(*store_, "", ':', 2, {}, &first->children.back());
    CHECK_OK(second);
    QCOMPARE(segments(second.value()), expectedSegments({{true, "c:"}, {false, "d"}}));
    QVERIFY(second->truncated);
    auto third = listNamespace(*store_, "", ':', 2, {}, &second->children.front());  // after the group "c:"
    CHECK_OK(third);
    QCOMPARE(segments(third.value()), expectedSegments({{false, "d"}, {true, "e:"}}));
    QVERIFY(!third->truncated);
    // After the last child: nothing.
    auto none = listNamespace(*store_, "", ':', 5, {}, &third->children.back());
    CHECK_OK(none);
    QVERIFY(none->children.empty());
    QVERIFY(!none->truncated);
}

void StorageSuite::namespaceHandlesBinaryDelimitersAndSnapshots() {
    // The delimiter 0xFF: a group's upper bound needs carrying ("p\xff" -> "q").
    for (const std::string& k : {"p\xff" "a\xff" "1"s, "p\xff" "a\xff" "2"s, "p\xff" "b"s, "p\xff\xff" "c"s, "q"s})
        CHECK_OK(store_->put(k, "v"));
    auto listing = listNamespace(*store_, "p\xff", '\xff', 100);
    CHECK_OK(listing);
    QCOMPARE(segments(listing.value()), expectedSegments({{true, "a\xff"}, {false, "b"}, {true, "\xff"}}));

    // At a snapshot, later keys do not appear.
    const SnapshotPtr snap = store_->snapshot();
    CHECK_OK(store_->put("p\xff" "z\xff" "new"s, "v"));
    ReadOptions read;
    read.snapshot = snap;
    auto then = listNamespace(*store_, "p\xff", '\xff', 100, read);
    CHECK_OK(then);
    QCOMPARE(segments(then.value()), segments(listing.value()));
    auto now = listNamespace(*store_, "p\xff", '\xff', 100);
    CHECK_OK(now);
    QCOMPARE(now->children.size(), std::size_t(4));
}

}  // namespace meridian::test
