// StorageSuite: keyspace at a glance (storage/keyspace.h) on every backend:
// groups, loose keys, others and the largest values of an exact measure,
// against figures worked out by hand and by brute force (keyspace_model.h);
// a bounded number of groups; binary keys, parents and delimiters; cancel;
// one moment; the estimate of a store this small being the exact measure.
// Estimates of large stores are backend-specific: storage_keyspace_test.
#include <QtTest>

#include <cstdio>

#include "keyspace_model.h"
#include "storage/keyspace.h"
#include "storage_suite.h"
#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;
using namespace std::string_literals;

namespace {

// Namespaces of several sizes, loose keys, a key that ends with the
// delimiter ("cfg:", a group of its own beside the loose "cfg") and one
// that starts with it (the group ":").
const std::vector<std::pair<std::string, std::string>> kSmall{
    {"user:1:name", "alice"},             // 11 + 5
    {"user:1:mail", "alice@example.org"}, // 11 + 17
    {"user:2:name", "bob"},               // 11 + 3
    {"order:1", std::string(100, 'o')},   // 7 + 100
    {"order:2", std::string(10, 'p')},    // 7 + 10
    {"cfg", "v"},                         // 3 + 1, loose
    {"cfg:", "delimiter last"},           // 4 + 14
    {":root", "r"},                       // 5 + 1
    {"zz", ""},                           // 2 + 0, loose
};

Status putAll(Storage& store, const std::vector<std::pair<std::string, std::string>>& data) {
    WriteBatch batch;
    for (const auto& [k, v] : data) batch.put(k, v);
    return store.write(batch);
}

QStringList measured(const Storage& store, const std::string& parent, char delimiter, std::size_t maxGroups,
                     std::size_t top, const ReadOptions& read = {}) {
    auto report = measureKeyspace(store, parent, delimiter, maxGroups, top, read);
    if (!report.ok()) return {QStringLiteral("failed: ") + qs(report.status().toString())};
    return describe(report.value());
}

QStringList modelled(const Storage& store, const std::string& parent, char delimiter, std::size_t maxGroups,
                     std::size_t top, const ReadOptions& read = {}) {
    auto all = store.prefix("", read);
    if (!all.ok()) return {QStringLiteral("failed: ") + qs(all.status().toString())};
    return describe(modelKeyspace(all.value(), parent, delimiter, maxGroups, top));
}

}  // namespace

void StorageSuite::keyspaceCountsGroupsLooseAndLargest() {
    CHECK_OK(putAll(*store_, kSmall));
    auto report = measureKeyspace(*store_, "", ':', 50, 3);
    CHECK_OK(report);
    const KeyspaceReport& r = report.value();
    QVERIFY(r.exact && r.known);
    QCOMPARE(r.delimiter, ':');
    // Worked out by hand: most bytes first.
    const std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>> groups{
        {"order:", 2, 124}, {"user:", 3, 58}, {"cfg:", 1, 18}, {":", 1, 6}};
    QCOMPARE(r.groups.size(), groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto& [segment, keys, size] = groups[i];
        QCOMPARE(bytes(r.groups[i].segment), bytes(segment));
        QCOMPARE(bytes(r.groups[i].prefix), bytes(segment));  // the parent is empty
        QCOMPARE(r.groups[i].keys, keys);
        QCOMPARE(r.groups[i].bytes, size);
    }
    QCOMPARE(r.loose.keys, std::uint64_t(2));  // cfg, zz
    QCOMPARE(r.loose.bytes, std::uint64_t(6));
    QVERIFY(r.loose.segment.empty() && r.loose.prefix.empty());
    QCOMPARE(r.others.keys, std::uint64_t(0));
    QCOMPARE(r.otherGroups, std::uint64_t(0));
    QCOMPARE(r.totalKeys, std::uint64_t(9));
    QCOMPARE(r.totalBytes, std::uint64_t(212));
    QCOMPARE(r.largest.size(), std::size_t(3));
    QCOMPARE(bytes(r.largest[0].key), QByteArray("order:1"));
    QCOMPARE(r.largest[0].size, std::uint64_t(100));
    QCOMPARE(bytes(r.largest[1].key), QByteArray("user:1:mail"));
    QCOMPARE(bytes(r.largest[2].key), QByteArray("cfg:"));

    // Drilling down: the parent's own bytes count, its segments do not include it.
    auto user = measureKeyspace(*store_, "user:", ':', 50, 0);
    CHECK_OK(user);
    QCOMPARE(user->groups.size(), std::size_t(2));
    QCOMPARE(bytes(user->groups[0].segment), QByteArray("1:"));
    QCOMPARE(bytes(user->groups[0].prefix), QByteArray("user:1:"));
    QCOMPARE(user->groups[0].keys, std::uint64_t(2));
    QCOMPARE(user->groups[0].bytes, std::uint64_t(44));
    QVERIFY(user->largest.empty());
    auto leaves = measureKeyspace(*store_, "user:1:", ':');
    CHECK_OK(leaves);
    QVERIFY(leaves->groups.empty());
    QCOMPARE(leaves->loose.keys, std::uint64_t(2));
    QCOMPARE(leaves->totalKeys, std::uint64_t(2));

    // And the same by brute force, for several parents, delimiters and bounds.
    for (const std::string parent : {"", "user:", "user:1:", "order", "cfg", "nothing-here"})
        for (char delimiter : {':', 'e', '1'})
            for (std::size_t maxGroups : {0, 1, 2, 50})
                for (std::size_t top : {0, 1, 4, 100}) {
                    const QStringList ours = measured(*store_, parent, delimiter, maxGroups, top);
                    const QStringList model = modelled(*store_, parent, delimiter, maxGroups, top);
                    if (ours != model) QCOMPARE(ours, model);
                }
}

void StorageSuite::keyspaceKeepsTheLargestGroupsOnly() {
    // 300 groups of different sizes, written out of size order, and two ties.
    std::vector<std::pair<std::string, std::string>> data;
    std::uint64_t all = 0;
    for (int i = 0; i < 300; ++i) {
        const int keys = (i * 7) % 300 + 1;  // a permutation of 1..300
        char group[16];
        std::snprintf(group, sizeof group, "g%03d:", i);
        for (int k = 0; k < keys; ++k) {
            char key[32];
            std::snprintf(key, sizeof key, "%s%04d", group, k);
            data.emplace_back(key, "0123456789");
            ++all;
        }
    }
    data.emplace_back("tie1:a", "xx");  // 8 bytes each: key order decides
    data.emplace_back("tie0:a", "xx");
    CHECK_OK(putAll(*store_, data));

    auto report = measureKeyspace(*store_, "", ':', 10, 5);
    CHECK_OK(report);
    QCOMPARE(report->groups.size(), std::size_t(10));
    QCOMPARE(report->otherGroups, std::uint64_t(292));
    QCOMPARE(report->groups.front().keys, std::uint64_t(300));
    QCOMPARE(report->groups.back().keys, std::uint64_t(291));
    QCOMPARE(report->totalKeys, all + 2);
    std::uint64_t listed = 0;
    for (const auto& g : report->groups) listed += g.keys;
    QCOMPARE(report->others.keys, all + 2 - listed);
    QCOMPARE(measured(*store_, "", ':', 10, 5), modelled(*store_, "", ':', 10, 5));
    // Groups of equal bytes in key order, wherever the bound cuts.
    for (std::size_t maxGroups : {0, 1, 299, 300, 301, 302, 1000})
        QCOMPARE(measured(*store_, "", ':', maxGroups, 3), modelled(*store_, "", ':', maxGroups, 3));
    auto ties = measureKeyspace(*store_, "tie", ':', 1, 0);
    CHECK_OK(ties);
    QCOMPARE(bytes(ties->groups.at(0).segment), QByteArray("0:"));
    QCOMPARE(ties->otherGroups, std::uint64_t(1));
}

void StorageSuite::keyspaceIsBinarySafe() {
    const std::vector<std::pair<std::string, std::string>> data{
        {"\0"s, "nul"},
        {"\0\0a"s, "\xff"},
        {"a\0b\0c"s, "1"},
        {"a\0b\0d"s, std::string(40, '\0')},
        {"a\0"s, "ends with NUL"},
        {"a"s, "plain"},
        {"\xff"s, "ff"},
        {"\xff\xff"s, ""},
        {"\xff\xff\0x"s, "under ff ff"},
        {"\xff\xff\xff:\xff"s, "ff colon"},
        {"k:\0:\xff"s, "v"},
        {"k::"s, "empty segment"},
    };
    CHECK_OK(putAll(*store_, data));
    for (const std::string& parent : {""s, "\0"s, "a\0"s, "a"s, "\xff"s, "\xff\xff"s, "\xff\xff\xff"s, "k:"s, "k::"s, "zz"s})
        for (char delimiter : {'\0', '\xff', ':'})
            for (std::size_t maxGroups : {0, 2, 50}) {
                const QStringList ours = measured(*store_, parent, delimiter, maxGroups, 3);
                const QStringList model = modelled(*store_, parent, delimiter, maxGroups, 3);
                if (ours != model) QCOMPARE(ours, model);
            }
    // By hand: with NUL as the delimiter, "a\0" is a group (its own key and
    // "a\0b\0c", "a\0b\0d") beside the loose "a".
    auto nul = measureKeyspace(*store_, "", '\0');
    CHECK_OK(nul);
    bool found = false;
    for (const auto& g : nul->groups) {
        if (g.segment != "a\0"s) continue;
        found = true;
        QCOMPARE(g.keys, std::uint64_t(3));
    }
    QVERIFY(found);
    // A parent that is a whole key, past every key, or holds nothing: exact zeros.
    auto none = measureKeyspace(*store_, "zz", ':');
    CHECK_OK(none);
    QVERIFY(none->exact && none->known && none->groups.empty() && none->largest.empty());
    QCOMPARE(none->totalKeys, std::uint64_t(0));
    auto estimated = estimateKeyspace(*store_, "\xff\xff\xff\xff"s, ':');
    CHECK_OK(estimated);
    QVERIFY(estimated->exact && estimated->known);
    QCOMPARE(estimated->totalKeys, std::uint64_t(0));
}

void StorageSuite::keyspaceCanBeCancelled() {
    std::vector<std::pair<std::string, std::string>> data;
    for (int i = 0; i < 12000; ++i) data.emplace_back("n" + std::to_string(i % 7) + ":" + std::to_string(i), "value");
    CHECK_OK(putAll(*store_, data));
    std::vector<std::uint64_t> calls;
    auto counted = measureKeyspace(*store_, "", ':', 50, 10, {}, [&](std::uint64_t done) {
        calls.push_back(done);
        return true;
    });
    CHECK_OK(counted);
    QCOMPARE(counted->totalKeys, std::uint64_t(12000));
    QVERIFY2(calls.size() >= 2, "progress is reported every few thousand keys");
    QVERIFY(std::is_sorted(calls.begin(), calls.end()));
    QVERIFY(calls.front() > 0 && calls.back() <= 12000);

    int asked = 0;
    auto cancelled = measureKeyspace(*store_, "", ':', 50, 10, {}, [&](std::uint64_t) {
        ++asked;
        return false;
    });
    CHECK_CODE(cancelled, Status::Code::Cancelled);
    QCOMPARE(asked, 1);
}

void StorageSuite::keyspaceReadsOneMoment() {
    CHECK_OK(putAll(*store_, kSmall));
    const SnapshotPtr before = store_->snapshot();
    const QStringList then = modelled(*store_, "", ':', 50, 5);
    CHECK_OK(store_->put("user:3:name", std::string(500, 'c')));
    CHECK_OK(store_->remove("order:1"));
    CHECK_OK(store_->put("new:1", "n"));
    QCOMPARE(measured(*store_, "", ':', 50, 5, at(before)), then);
    QVERIFY(measured(*store_, "", ':', 50, 5) != then);
    QCOMPARE(measured(*store_, "", ':', 50, 5), modelled(*store_, "", ':', 50, 5));
    // The estimate of so few keys is that measure, at the same moment.
    auto estimated = estimateKeyspace(*store_, "", ':', 50, at(before));
    CHECK_OK(estimated);
    QCOMPARE(describe(estimated.value()), describe(modelKeyspace(store_->prefix("", at(before)).value(), "", ':', 50, 0)));
}

void StorageSuite::keyspaceEstimateOfAFewKeysIsExact() {
    auto empty = estimateKeyspace(*store_, "", ':');
    CHECK_OK(empty);
    QVERIFY(empty->exact && empty->known);
    QCOMPARE(empty->totalKeys, std::uint64_t(0));
    CHECK_OK(putAll(*store_, kSmall));
    for (const std::string parent : {"", "user:", "cfg"})
        for (std::size_t maxGroups : {0, 1, 50}) {
            auto estimated = estimateKeyspace(*store_, parent, ':', maxGroups);
            CHECK_OK(estimated);
            QVERIFY(estimated->exact);
            QVERIFY2(estimated->largest.empty(), "an estimate lists no largest values");
            QCOMPARE(describe(estimated.value()), modelled(*store_, parent, ':', maxGroups, 0));
        }
}

}  // namespace meridian::test
