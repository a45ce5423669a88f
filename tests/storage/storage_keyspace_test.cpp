// Keyspace at a glance (storage/keyspace.h) on databases too large to
// measure exactly at a glance:
// - the estimate of a RocksDB database of many table files, with clear
//   namespaces of different sizes, within stated tolerances of the exact
//   measure, reading a few entries per namespace rather than the keys;
// - the exact measure against RocksDB's own `ldb dump --count_delim`;
// - a db_bench database of binary keys with no namespaces but accidental
//   delimiter bytes: the estimate stays cheap and its totals close;
// - keys all still in the log (the memtable): "unknown", not a guess;
// - the memory backend's estimate, from the rows it holds.
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>

#include "keyspace_model.h"
#include "rocksdb_test_support.h"
#include "storage/keyspace.h"
#include "storage/memory/memory_storage.h"
#include "tests/support/run_program.h"
#include "tests/storage/counting_storage.h"

using namespace meridian::storage;
using meridian::test::Ran;
using meridian::test::runProgram;

namespace {

// Namespaces ns00: .. ns19: of 2,000 to 30,500 keys with 100-byte values,
// and 100 loose keys. Entries of one size: an estimate counts keys as the
// bytes' share at the database's average entry size (a namespace of larger
// values is counted for more keys than it holds, and RocksDB's own key
// estimate extrapolates from some files' bytes), so mixed sizes would
// measure those approximations, not ours.
constexpr int kNamespaces = 20;
int namespaceKeys(int i) { return 2000 + 1500 * i; }
constexpr int kLoose = 100;

// Tolerances of the estimate, for namespaces of uniform entries: keys and
// bytes within 10% of the exact figures, and each namespace's share of the
// bytes within half a percentage point; the totals within 5%.
constexpr double kGroupTolerance = 0.10;
constexpr double kShareTolerance = 0.005;
constexpr double kTotalTolerance = 0.05;

// Values that compression could not shrink either (the database is not
// compressed anyway): the estimate's bytes are table-file bytes.
std::string valueFor(std::uint64_t seed, std::size_t size) {
    std::string value(size, '\0');
    for (auto& c : value) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        c = static_cast<char>('!' + (seed >> 33) % 90);
    }
    return value;
}

std::string nsKey(int ns, int i) {
    char key[32];
    std::snprintf(key, sizeof key, "ns%02d:%06d", ns, i);
    return key;
}

// Writes `data` with RocksDB itself, then flushes: every key in a table
// file (keys left in the memtable count for no bytes in an estimate).
std::string makeFlushedDatabase(const QString& path, const std::map<std::string, std::string>& data) {
    rocksdb::Options options;
    options.create_if_missing = true;
    // Small memtables and files: many table files over several levels.
    options.write_buffer_size = 1 << 20;
    options.target_file_size_base = 2 << 20;
    options.max_bytes_for_level_base = 8 << 20;
    options.compression = rocksdb::kNoCompression;
    std::unique_ptr<rocksdb::DB> db;
    rocksdb::Status s = meridian::storage::detail::compat::open(options, path.toStdString(), &db);
    for (auto it = data.begin(); s.ok() && it != data.end(); ++it) s = db->Put(rocksdb::WriteOptions(), it->first, it->second);
    if (s.ok()) s = db->Flush(rocksdb::FlushOptions());
    if (s.ok()) s = db->Close();
    return s.ToString();
}

bool within(double estimate, double exact, double tolerance) {
    return std::abs(estimate - exact) <= tolerance * exact;
}

using meridian::test::CountingStorage;

const KeyspaceGroup* findGroup(const KeyspaceReport& report, const std::string& segment) {
    for (const auto& g : report.groups)
        if (g.segment == segment) return &g;
    return nullptr;
}

}  // namespace

class StorageKeyspaceTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        std::map<std::string, std::string> data;
        for (int ns = 0; ns < kNamespaces; ++ns)
            for (int i = 0; i < namespaceKeys(ns); ++i) data.emplace(nsKey(ns, i), valueFor(ns * 1000003ull + i, 100));
        for (int i = 0; i < kLoose; ++i) data.emplace("loose-" + std::to_string(i), valueFor(i, 100));
        path_ = dir_.filePath(QStringLiteral("namespaces"));
        QCOMPARE(QString::fromStdString(makeFlushedDatabase(path_, data)), QStringLiteral("OK"));
        auto opened = createStorage(path_.toStdString(), meridian::test::plainConfig().withMode(OpenMode::ReadOnly));
        QVERIFY2(opened.ok(), opened.status.message().c_str());
        rocks_ = opened.storage;
        QVERIFY2(rocks_->stats().levels.size() > 1, "the database should span several levels");
    }

    void estimateIsCloseToTheExactMeasure() {
        QElapsedTimer timer;
        timer.start();
        auto exact = measureKeyspace(*rocks_, "", ':', 100, 5);
        const qint64 measureMs = timer.restart();
        CountingStorage counting(rocks_);
        auto estimate = estimateKeyspace(counting, "", ':', 100);
        const qint64 estimateMs = timer.elapsed();
        QVERIFY2(exact.ok(), exact.status().message().c_str());
        QVERIFY2(estimate.ok(), estimate.status().message().c_str());
        qInfo("measure %lld ms, estimate %lld ms (%llu keys)", measureMs, estimateMs,
              static_cast<unsigned long long>(exact->totalKeys));
        QVERIFY2(!estimate->exact && estimate->known, "more keys than the exact limit are estimated");
        QVERIFY(estimate->largest.empty());
        // One seek per namespace (and one per loose key), not a read of the keys.
        QVERIFY2(counting.entries <= 2 * (kNamespaces + 1 + kLoose) + 10,
                 qPrintable(QStringLiteral("the estimate read %1 entries").arg(counting.entries.load())));
        QVERIFY2(estimateMs < 1000, "an estimate answers within a second");

        QCOMPARE(exact->groups.size(), std::size_t(kNamespaces));
        QCOMPARE(estimate->groups.size(), exact->groups.size());
        double worstKeys = 0, worstBytes = 0, worstShare = 0;
        for (const auto& g : exact->groups) {
            const KeyspaceGroup* e = findGroup(estimate.value(), g.segment);
            QVERIFY2(e, qPrintable("the estimate lacks " + QString::fromStdString(g.segment)));
            QCOMPARE(e->prefix, g.prefix);
            const double share = double(g.bytes) / double(exact->totalBytes);
            const double estimatedShare = double(e->bytes) / double(estimate->totalBytes);
            const QString figures = QStringLiteral("%1: keys %2 ~ %3, bytes %4 ~ %5, share %6 ~ %7")
                                        .arg(QString::fromStdString(g.segment))
                                        .arg(g.keys)
                                        .arg(e->keys)
                                        .arg(g.bytes)
                                        .arg(e->bytes)
                                        .arg(share)
                                        .arg(estimatedShare);
            QVERIFY2(within(double(e->bytes), double(g.bytes), kGroupTolerance), qPrintable(figures));
            QVERIFY2(std::abs(share - estimatedShare) <= kShareTolerance, qPrintable(figures));
            QVERIFY2(within(double(e->keys), double(g.keys), kGroupTolerance), qPrintable(figures));
            worstKeys = std::max(worstKeys, std::abs(double(e->keys) / double(g.keys) - 1));
            worstBytes = std::max(worstBytes, std::abs(double(e->bytes) / double(g.bytes) - 1));
            worstShare = std::max(worstShare, std::abs(share - estimatedShare));
        }
        qInfo("worst namespace: keys off by %.1f%%, bytes by %.1f%%, share of the bytes by %.2f points",
              100 * worstKeys, 100 * worstBytes, 100 * worstShare);
        // The loose keys are counted by the listing, exactly.
        QCOMPARE(estimate->loose.keys, std::uint64_t(kLoose));
        QCOMPARE(exact->loose.keys, std::uint64_t(kLoose));
        QCOMPARE(estimate->otherGroups, std::uint64_t(0));
        QVERIFY2(within(double(estimate->totalBytes), double(exact->totalBytes), kTotalTolerance),
                 qPrintable(QStringLiteral("bytes %1 ~ %2").arg(exact->totalBytes).arg(estimate->totalBytes)));
        QVERIFY2(within(double(estimate->totalKeys), double(exact->totalKeys), kTotalTolerance),
                 qPrintable(QStringLiteral("keys %1 ~ %2").arg(exact->totalKeys).arg(estimate->totalKeys)));

        // Bounded: the largest groups, the rest merged into others.
        auto few = estimateKeyspace(*rocks_, "", ':', 3);
        QVERIFY(few.ok());
        QCOMPARE(few->groups.size(), std::size_t(3));
        QCOMPARE(few->otherGroups, std::uint64_t(kNamespaces - 3));
        QCOMPARE(few->groups.front().segment, std::string("ns19:"));
        QVERIFY(within(double(few->totalKeys), double(estimate->totalKeys), 0.001));
        // Drilling down into one namespace: 30,500 keys with no delimiter after "ns19:".
        auto inside = estimateKeyspace(*rocks_, "ns19:", ':');
        QVERIFY(inside.ok());
        QVERIFY(inside->exact);  // at most 100,000 keys: measured
        QCOMPARE(inside->loose.keys, std::uint64_t(namespaceKeys(19)));
    }

    void estimatedKeysUnderAPrefixFollowTheCount() {
        for (const std::string prefix : {"ns03:", "ns17:", "ns1", ""}) {
            const auto estimate = estimatedKeysUnder(*rocks_, prefix);
            QVERIFY(estimate.has_value());
            const auto counted = rocks_->count(prefix);
            QVERIFY(counted.ok());
            QVERIFY2(within(double(*estimate), double(counted.value()), kGroupTolerance),
                     qPrintable(QStringLiteral("%1: %2 ~ %3").arg(QString::fromStdString(prefix)).arg(counted.value()).arg(*estimate)));
        }
    }

    // `ldb dump --count_delim=:` prints, in key order, each run of keys
    // sharing the bytes before their first ':' (the whole key when it has
    // none): "NAME => count:N\tsize:S", S being key + value bytes, as ours.
    void exactMeasureMatchesLdbCountDelim() {
        const Ran ran = runProgram(QStringLiteral("ldb"), {QStringLiteral("--db=%1").arg(path_),
                                                           QStringLiteral("--ignore_unknown_options"),
                                                           QStringLiteral("dump"), QStringLiteral("--count_delim=:")});
        QVERIFY2(ran.code == 0, ran.err.constData());
        auto exact = measureKeyspace(*rocks_, "", ':', 1000, 0);
        QVERIFY(exact.ok());
        const QRegularExpression line(QStringLiteral("^(.*) => count:(\\d+)\\tsize:(\\d+)$"));
        std::uint64_t looseKeys = 0, looseBytes = 0, allKeys = 0, groupsSeen = 0;
        for (const QByteArray& raw : ran.out.split('\n')) {
            if (raw.isEmpty()) continue;
            const auto m = line.match(QString::fromUtf8(raw));
            QVERIFY2(m.hasMatch(), raw.constData());
            const std::string name = m.captured(1).toStdString();
            const std::uint64_t count = m.captured(2).toULongLong();
            const std::uint64_t size = m.captured(3).toULongLong();
            allKeys += count;
            if (const KeyspaceGroup* g = findGroup(exact.value(), name + ":")) {
                ++groupsSeen;
                QCOMPARE(g->keys, count);
                QCOMPARE(g->bytes, size);
            } else {
                QVERIFY2(name.starts_with("loose-") && count == 1, raw.constData());  // a key with no ':'
                looseKeys += count;
                looseBytes += size;
            }
        }
        QCOMPARE(groupsSeen, std::uint64_t(exact->groups.size()));
        QCOMPARE(looseKeys, exact->loose.keys);
        QCOMPARE(looseBytes, exact->loose.bytes);
        QCOMPARE(allKeys, exact->totalKeys);
    }

    // db_bench's keys: 8-byte big-endian counters padded with '0's. No
    // namespaces, but a 0x3A (':') byte here and there makes groups of one
    // key, or of 256: the estimate lists its first children and leaves the
    // rest to `others`, reading a few thousand keys, not all of them.
    void binaryKeysWithoutNamespacesStayCheap() {
        const QString db = dir_.filePath(QStringLiteral("bench"));
        const Ran made = runProgram(QStringLiteral("db_bench"),
                                    {QStringLiteral("--benchmarks=fillseq"), QStringLiteral("--num=300000"),
                                     QStringLiteral("--value_size=100"), QStringLiteral("--write_buffer_size=2097152"),
                                     QStringLiteral("--compression_type=none"), QStringLiteral("--db=%1").arg(db)});
        QVERIFY2(made.code == 0, made.out.constData());
        auto opened = createStorage(db.toStdString(), meridian::test::plainConfig().withMode(OpenMode::ReadOnly));
        QVERIFY2(opened.ok(), opened.status.message().c_str());
        auto exact = measureKeyspace(*opened.storage, "", ':', 20, 0);
        QVERIFY(exact.ok());
        QCOMPARE(exact->totalKeys, std::uint64_t(300000));
        QVERIFY2(exact->otherGroups > 1000, "db_bench's counters hold ':' bytes");
        CountingStorage counting(opened.storage);
        auto estimate = estimateKeyspace(counting, "", ':', 20);
        QVERIFY(estimate.ok());
        QVERIFY(!estimate->exact && estimate->known);
        QVERIFY2(counting.entries <= 2 * kKeyspaceListedChildren + 10,
                 qPrintable(QStringLiteral("the estimate read %1 entries").arg(counting.entries.load())));
        QVERIFY(estimate->loose.keys > 0 && estimate->loose.keys <= kKeyspaceListedChildren);
        QVERIFY2(estimate->others.keys > estimate->totalKeys / 2, "what was not listed is in others");
        // db_bench leaves its last memtable in the log: those keys count for
        // no table-file bytes, but the key estimate includes them.
        QVERIFY2(within(double(estimate->totalKeys), double(exact->totalKeys), kTotalTolerance),
                 qPrintable(QStringLiteral("keys %1 ~ %2").arg(exact->totalKeys).arg(estimate->totalKeys)));
    }

    void keysOnlyInTheMemtableAreUnknown() {
        const QString db = dir_.filePath(QStringLiteral("wal-only"));
        std::map<std::string, std::string> data;
        for (int i = 0; i < 120000; ++i) data.emplace(nsKey(i % 3, i), "v");
        QCOMPARE(QString::fromStdString(meridian::test::makeRawDatabase(db, data)), QStringLiteral("OK"));
        auto opened = createStorage(db.toStdString(), meridian::test::plainConfig().withMode(OpenMode::ReadOnly));
        QVERIFY(opened.ok());
        auto estimate = estimateKeyspace(*opened.storage, "", ':');
        QVERIFY(estimate.ok());
        QVERIFY2(!estimate->exact && !estimate->known, "nothing in table files: unknown, not zero");
        QVERIFY(estimate->groups.empty());
        QVERIFY(!estimatedKeysUnder(*opened.storage, "ns01:").has_value());
        // Counting them exactly works, of course.
        auto exact = measureKeyspace(*opened.storage, "", ':');
        QVERIFY(exact.ok());
        QCOMPARE(exact->totalKeys, std::uint64_t(120000));
        QCOMPARE(exact->groups.size(), std::size_t(3));
    }

    // The memory backend's extent is rows: its estimate counts keys
    // (without snapshots holding old rows) and shares key + value bytes.
    void memoryEstimatesFromTheRowsItHolds() {
        auto memory = createMemoryStorage();
        WriteBatch batch;
        for (int ns = 0; ns < 3; ++ns)
            for (int i = 0; i < 40000 * (ns + 1); ++i) batch.put(nsKey(ns, i), "0123456789");
        batch.put("loose", "0123456789");
        QVERIFY(memory->write(batch).ok());
        auto exact = measureKeyspace(*memory, "", ':');
        auto estimate = estimateKeyspace(*memory, "", ':');
        QVERIFY(exact.ok() && estimate.ok());
        QVERIFY(!estimate->exact && estimate->known);
        QCOMPARE(estimate->groups.size(), std::size_t(3));
        QCOMPARE(estimate->loose.keys, std::uint64_t(1));
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(estimate->groups[i].segment, exact->groups[i].segment);
            QVERIFY(within(double(estimate->groups[i].keys), double(exact->groups[i].keys), 0.001));
            QVERIFY(within(double(estimate->groups[i].bytes), double(exact->groups[i].bytes), 0.001));
        }
        QVERIFY(within(double(estimate->totalKeys), double(exact->totalKeys), 0.001));
    }

private:
    QTemporaryDir dir_;
    QString path_;
    StoragePtr rocks_;
};

QTEST_GUILESS_MAIN(StorageKeyspaceTest)
#include "storage_keyspace_test.moc"
