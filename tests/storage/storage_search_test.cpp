// search() (storage/search): every kind of pattern, in keys, values or both,
// compared with a brute-force scan and a matcher written here independently,
// on a RocksDB database of many table files (so that the search really runs
// on several ranges and threads) and on the memory backend, with binary keys
// and values; the limit and resuming; cancel; a snapshot; bad patterns.
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "rocksdb_test_support.h"
#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "storage/search/key_ranges.h"
#include "storage/search/search.h"
#include "test_support.h"

using namespace meridian;
using namespace meridian::storage;
using namespace std::string_literals;

namespace {

using Data = std::map<std::string, std::string>;

// Glob matching, the plain recursive way (the product translates to RE2).
bool globMatch(std::string_view glob, std::string_view s) {
    if (glob.empty()) return s.empty();
    const char g = glob[0];
    if (g == '*') {
        for (std::size_t skip = 0; skip <= s.size(); ++skip)
            if (globMatch(glob.substr(1), s.substr(skip))) return true;
        return false;
    }
    if (s.empty()) return false;
    if (g == '?') return globMatch(glob.substr(1), s.substr(1));
    if (g == '\\' && glob.size() > 1) return glob[1] == s[0] && globMatch(glob.substr(2), s.substr(1));
    if (g == '[') {
        std::size_t i = 1;
        const bool negate = i < glob.size() && (glob[i] == '^' || glob[i] == '!');
        if (negate) ++i;
        bool in = false;
        const std::size_t first = i;
        for (; i < glob.size() && (glob[i] != ']' || i == first); ++i) {
            if (i + 2 < glob.size() && glob[i + 1] == '-' && glob[i + 2] != ']') {
                in |= static_cast<unsigned char>(s[0]) >= static_cast<unsigned char>(glob[i]) &&
                      static_cast<unsigned char>(s[0]) <= static_cast<unsigned char>(glob[i + 2]);
                i += 2;
            } else {
                in |= glob[i] == s[0];
            }
        }
        return in != negate && globMatch(glob.substr(i + 1), s.substr(1));
    }
    return g == s[0] && globMatch(glob.substr(1), s.substr(1));
}

struct Case {
    const char* name;
    MatchKind kind;
    std::string pattern;
    bool keys, values;
    std::function<bool(std::string_view)> expected;  // the brute force's predicate
};

std::vector<Case> cases() {
    auto contains = [](std::string needle) {
        return [needle](std::string_view s) { return s.find(needle) != std::string_view::npos; };
    };
    auto glob = [](std::string g) { return [g](std::string_view s) { return globMatch(g, s); }; };
    return {
        {"substring in keys", MatchKind::Substring, "77", true, false, contains("77")},
        {"substring in values", MatchKind::Substring, "\"gold\"", false, true, contains("\"gold\"")},
        {"substring in both", MatchKind::Substring, "12", true, true, contains("12")},
        {"bytes with 00 and ff", MatchKind::Bytes, "\x00\xff"s, true, true, contains("\x00\xff"s)},
        {"glob", MatchKind::Glob, "user:0?1*", true, false, glob("user:0?1*")},
        {"glob with a class", MatchKind::Glob, "user:[0-1]*[!2-9]", true, false, glob("user:[0-1]*[!2-9]")},
        {"glob over binary values", MatchKind::Glob, "*\xff", false, true, glob("*\xff")},
        {"regex", MatchKind::Regex, "^user:0[0-9]{2}7$", true, false,
         [](std::string_view s) {
             return s.size() == 9 && s.starts_with("user:0") && std::isdigit(static_cast<unsigned char>(s[6])) &&
                    std::isdigit(static_cast<unsigned char>(s[7])) && s[8] == '7';
         }},
        {"regex over bytes in values", MatchKind::Regex, "\\x00[\\x80-\\xff]", false, true,
         [](std::string_view s) {
             for (std::size_t i = 0; i + 1 < s.size(); ++i)
                 if (s[i] == '\0' && static_cast<unsigned char>(s[i + 1]) >= 0x80) return true;
             return false;
         }},
        {"matches nothing", MatchKind::Substring, "no such text", true, true, contains("no such text")},
    };
}

// Keys "user:NNNN" (JSON values) and 3,000 binary keys with random bytes.
Data makeData() {
    Data data;
    const char* tiers[] = {"gold", "silver", "bronze"};
    for (int i = 0; i < 9000; ++i) {
        char key[16];
        std::snprintf(key, sizeof key, "user:%04d", i);
        data[key] = "{\"id\":" + std::to_string(i) + ",\"tier\":\"" + tiers[i % 3] + "\"}";
    }
    QRandomGenerator rng(42);
    for (int i = 0; i < 3000; ++i) {
        std::string k(1 + rng.bounded(12), '\0'), v(rng.bounded(40), '\0');
        for (auto& c : k) c = static_cast<char>(rng.bounded(256));
        for (auto& c : v) c = static_cast<char>(rng.bounded(256));
        data["\x01"s + k] = v;
    }
    return data;
}

std::vector<SearchMatch> bruteForce(const Data& data, const Case& c, const std::string& prefix = {}) {
    std::vector<SearchMatch> out;
    for (const auto& [k, v] : data) {
        if (!k.starts_with(prefix)) continue;
        const bool inKey = c.keys && c.expected(k);
        const bool inValue = c.values && c.expected(v);
        if (inKey || inValue) out.push_back({k, inKey, inValue, c.values ? v.size() : 0});
    }
    return out;
}

QString describe(const std::vector<SearchMatch>& got, const std::vector<SearchMatch>& want) {
    if (got.size() != want.size()) return QStringLiteral("%1 matches, expected %2").arg(got.size()).arg(want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        if (got[i].key != want[i].key || got[i].inKey != want[i].inKey || got[i].inValue != want[i].inValue ||
            got[i].valueBytes != want[i].valueBytes)
            return QStringLiteral("match %1 differs: %2").arg(i).arg(QString::fromLatin1(QByteArray::fromStdString(got[i].key).toHex()));
    return {};
}

}  // namespace

class StorageSearchTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void theRocksDbDatabaseIsCutIntoRanges();
    void everyKindMatchesABruteForceScan_data();
    void everyKindMatchesABruteForceScan();
    void limitGivesTheFirstMatchesAndResumes();
    void searchIsScopedToAPrefixAndASnapshot();
    void cancelStopsTheSearch();
    void badPatternsAreRefused();
    void countOnEveryCoreIsExact();

private:
    Data data_;
    QTemporaryDir dir_;
    StoragePtr rocks_;
    StoragePtr memory_;
};

void StorageSearchTest::initTestCase() {
    data_ = makeData();
    QVERIFY(dir_.isValid());
    const QString path = dir_.filePath(QStringLiteral("db"));
    // Small memtables and no compaction: many table files, as a real database has.
    const std::string made = test::makeRawDatabase(path, data_, [](rocksdb::Options& o) {
        o.write_buffer_size = 64 * 1024;
        o.disable_auto_compactions = true;
    });
    QCOMPARE(QString::fromStdString(made), QStringLiteral("OK"));
    auto opened = createStorage(path.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
    QVERIFY2(opened.ok(), opened.status.message().c_str());
    rocks_ = opened.storage;
    memory_ = createMemoryStorage();
    WriteBatch batch;
    for (const auto& [k, v] : data_) batch.put(k, v);
    QVERIFY(memory_->write(batch).ok());
}

void StorageSearchTest::theRocksDbDatabaseIsCutIntoRanges() {
    const auto ranges = splitRange(*rocks_, "", 8);
    QVERIFY2(ranges.size() >= 4, qPrintable(QString::number(ranges.size())));
    // The ranges follow each other without a gap.
    QVERIFY(!ranges.front().from && !ranges.back().until);
    for (std::size_t i = 1; i < ranges.size(); ++i) QCOMPARE(ranges[i].from, ranges[i - 1].until);
    // Under a prefix, every cut lies inside it.
    for (const auto& r : splitRange(*rocks_, "user:", 8)) {
        if (r.from) QVERIFY(r.from->starts_with("user:"));
        if (r.until) QVERIFY(r.until->starts_with("user:"));
    }
}

void StorageSearchTest::everyKindMatchesABruteForceScan_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<unsigned>("threads");
    QTest::addColumn<bool>("rocksdb");
    const auto all = cases();
    for (int i = 0; i < int(all.size()); ++i)
        for (bool rocksdb : {true, false})
            for (unsigned threads : {1u, 3u})
                QTest::newRow(qPrintable(QStringLiteral("%1, %2, %3 threads")
                                             .arg(all[i].name, rocksdb ? "RocksDB" : "memory")
                                             .arg(threads)))
                    << i << threads << rocksdb;
}

void StorageSearchTest::everyKindMatchesABruteForceScan() {
    QFETCH(int, index);
    QFETCH(unsigned, threads);
    QFETCH(bool, rocksdb);
    const Case c = cases()[index];
    SearchQuery q;
    q.kind = c.kind;
    q.pattern = c.pattern;
    q.inKeys = c.keys;
    q.inValues = c.values;
    q.threads = threads;
    std::mutex mutex;
    std::set<std::string> streamed;
    std::uint64_t lastProgress = 0;
    auto result = search(*(rocksdb ? rocks_ : memory_), q,
                         [&](const SearchMatch& m) {
                             std::lock_guard lock(mutex);
                             streamed.insert(m.key);
                         },
                         [&](std::uint64_t n) {
                             lastProgress = n;
                             return true;
                         });
    QVERIFY2(result.ok(), result.status().message().c_str());
    const auto want = bruteForce(data_, c);
    const QString diff = describe(result->matches, want);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(result->scanned, std::uint64_t(data_.size()));
    QCOMPARE(lastProgress, std::uint64_t(data_.size()));
    QVERIFY(!result->resumeAfter);
    // Each match was reported as it was found, once.
    QCOMPARE(streamed.size(), want.size());
    for (const auto& m : want) QVERIFY(streamed.count(m.key));
}

void StorageSearchTest::limitGivesTheFirstMatchesAndResumes() {
    const Case c{"1 anywhere", MatchKind::Substring, "1", true, true,
                 [](std::string_view s) { return s.find('1') != std::string_view::npos; }};
    const auto want = bruteForce(data_, c);
    QVERIFY(want.size() > 500);
    for (const StoragePtr& store : {rocks_, memory_}) {
        std::vector<SearchMatch> all;
        std::optional<std::string> after;
        int searches = 0;
        do {
            SearchQuery q;
            q.pattern = c.pattern;
            q.inKeys = q.inValues = true;
            q.limit = 150;
            q.threads = 2;
            q.after = after;
            auto page = search(*store, q);
            QVERIFY2(page.ok(), page.status().message().c_str());
            QVERIFY(page->matches.size() <= 150);
            // The first 150 in key order after `after`, exactly.
            const std::size_t from = all.size();
            const std::vector<SearchMatch> expected(want.begin() + from,
                                                    want.begin() + std::min(want.size(), from + 150));
            const QString diff = describe(page->matches, expected);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
            all.insert(all.end(), page->matches.begin(), page->matches.end());
            after = page->resumeAfter;
            if (after) QCOMPARE(*after, all.back().key);
        } while (after && ++searches < 1000);
        QCOMPARE(all.size(), want.size());
    }
}

void StorageSearchTest::searchIsScopedToAPrefixAndASnapshot() {
    const Case c = cases()[0];  // "77" in keys
    SearchQuery q;
    q.pattern = c.pattern;
    q.prefix = "user:07";
    for (const StoragePtr& store : {rocks_, memory_}) {
        auto result = search(*store, q);
        QVERIFY(result.ok());
        QCOMPARE(describe(result->matches, bruteForce(data_, c, "user:07")), QString());
        QCOMPARE(result->scanned, std::uint64_t(100));
    }
    // A snapshot: keys written after it are not found.
    StoragePtr store = createMemoryStorage();
    QVERIFY(store->put("a77", "1").ok());
    SnapshotPtr then = store->snapshot();
    QVERIFY(store->put("b77", "2").ok());
    q.prefix.clear();
    q.read.snapshot = then;
    auto old = search(*store, q);
    QVERIFY(old.ok());
    QCOMPARE(old->matches.size(), std::size_t(1));
    QCOMPARE(old->matches[0].key, "a77"s);
}

void StorageSearchTest::cancelStopsTheSearch() {
    for (const StoragePtr& store : {rocks_, memory_}) {
        SearchQuery q;
        q.pattern = "x";
        q.inValues = true;
        q.threads = 2;
        int calls = 0;
        auto result = search(*store, q, {}, [&](std::uint64_t) { return ++calls < 2; });
        QCOMPARE(result.status().code(), Status::Code::Cancelled);
    }
}

void StorageSearchTest::badPatternsAreRefused() {
    for (const auto& [kind, pattern] : {std::pair{MatchKind::Glob, "user:[0-9"s}, std::pair{MatchKind::Regex, "(unclosed"s},
                                        std::pair{MatchKind::Glob, "ends with \\"s}}) {
        SearchQuery q;
        q.kind = kind;
        q.pattern = pattern;
        auto result = search(*memory_, q);
        QCOMPARE(result.status().code(), Status::Code::InvalidArgument);
        QVERIFY(!result.status().message().empty());
    }
}

void StorageSearchTest::countOnEveryCoreIsExact() {
    // RocksDB counts a database of many table files range by range, in parallel.
    QVERIFY(splitRange(*rocks_, "", 8).size() > 1);
    for (const auto& [prefix, expected] : {std::pair{""s, data_.size()}, std::pair{"user:"s, std::size_t(9000)},
                                           std::pair{"user:08"s, std::size_t(100)}, std::pair{"\x01"s, data_.size() - 9000},
                                           std::pair{"none"s, std::size_t(0)}}) {
        std::uint64_t last = 0;
        auto n = rocks_->count(prefix, {}, [&](std::uint64_t done) {
            last = done;
            return true;
        });
        QVERIFY2(n.ok(), n.status().message().c_str());
        QCOMPARE(n.value(), std::uint64_t(expected));
        QCOMPARE(last, std::uint64_t(expected));  // the last report is the total
    }
    // Cancelled from the progress callback.
    auto cancelled = rocks_->count("", {}, [](std::uint64_t) { return false; });
    QCOMPARE(cancelled.status().code(), Status::Code::Cancelled);
    // A snapshot counts what it saw.
    const QString path = dir_.filePath(QStringLiteral("small"));
    QCOMPARE(QString::fromStdString(test::makeRawDatabase(path, data_, [](rocksdb::Options& o) {
                 o.write_buffer_size = 64 * 1024;
                 o.disable_auto_compactions = true;
             })),
             QStringLiteral("OK"));
    auto writable = createStorage(path.toStdString(), StorageConfig{});
    QVERIFY(writable.ok());
    SnapshotPtr then = writable.storage->snapshot();
    QVERIFY(writable.storage->put("user:extra", "1").ok());
    QVERIFY(writable.storage->remove("user:0000").ok());
    QVERIFY(writable.storage->remove("user:0001").ok());
    QCOMPARE(writable.storage->count("", {then}).value(), std::uint64_t(data_.size()));
    QCOMPARE(writable.storage->count("").value(), std::uint64_t(data_.size() - 1));
}

QTEST_GUILESS_MAIN(StorageSearchTest)
#include "storage_search_test.moc"
