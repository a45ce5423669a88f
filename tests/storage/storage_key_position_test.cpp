// KeyPositions on RocksDB table files (storage/key_position.h): estimated
// positions of keys, and keys at positions, against the keys' real ranks in
// a database of many table files; a database whose keys are all still in
// its log is "position unknown" rather than guessed.
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

#include "rocksdb_test_support.h"
#include "storage/key_position.h"

using namespace meridian::storage;

namespace {

constexpr int kKeys = 150000;
constexpr double kTolerance = 0.03;

std::string numbered(int i) {
    char key[16];
    std::snprintf(key, sizeof key, "k:%06d", i);
    return key;
}

// Keys sharing 17 bytes past their prefix "long/": a position must be
// found where they differ, not in the bytes they all share.
constexpr int kLong = 20000;
std::string longKey(int i) {
    char key[40];
    std::snprintf(key, sizeof key, "long/0000000000000000/%06d", i);
    return key;
}

// The first key under `prefix` at or after `key` ("" when none): where a
// seek to a position lands.
Result<std::string> firstAtOrAfter(const Storage& storage, const std::string& prefix, const std::string& key) {
    ScanRequest request;
    request.prefix = prefix;
    request.startAt = key;
    request.limit = 1;
    request.keysOnly = true;
    auto page = storage.scan(request);
    if (!page.ok()) return page.status();
    return page->entries.empty() ? std::string() : page->entries.front().key;
}

}  // namespace

class StorageKeyPositionTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        std::map<std::string, std::string> data;
        for (int i = 0; i < kKeys; ++i) data.emplace(numbered(i), std::string(100, char('a' + i % 26)));
        for (int i = 0; i < kLong; ++i) data.emplace(longKey(i), std::string(100, 'l'));
        data.emplace("a:before", "outside the prefix");
        data.emplace("z:after", "outside the prefix");
        const QString path = dir_.filePath(QStringLiteral("db"));
        // Small memtables: many table files over several levels.
        const std::string made = meridian::test::makeRawDatabase(path, data, [](rocksdb::Options& o) {
            o.write_buffer_size = 256 * 1024;
            o.target_file_size_base = 512 * 1024;
            o.max_bytes_for_level_base = 2 * 1024 * 1024;
        });
        QCOMPARE(QString::fromStdString(made), QStringLiteral("OK"));
        auto opened = createStorage(path.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY2(opened.ok(), opened.status.message().c_str());
        rocks_ = opened.storage;
    }

    void positionsFollowTheRanks() {
        const auto positions = KeyPositions::measure(*rocks_, "k:");
        QVERIFY2(!positions.exact(), "more keys than the exact limit are estimated");
        QVERIFY(positions.known());
        double previous = 0;
        for (int i = 0; i <= kKeys; i += kKeys / 20) {
            const double at = positions.position(*rocks_, numbered(i)).value();
            QVERIFY2(std::abs(at - double(i) / kKeys) <= kTolerance,
                     qPrintable(QStringLiteral("key %1 placed at %2").arg(i).arg(at)));
            QVERIFY(at >= previous);
            previous = at;
        }
    }

    void keysAtPositionsLandOnTheirRanks() {
        const auto positions = KeyPositions::measure(*rocks_, "k:");
        int previous = 0;
        for (double f : {0.0, 0.05, 0.2, 0.33, 0.5, 0.66, 0.8, 0.95, 1.0}) {
            const std::string key = positions.keyAt(*rocks_, f).value();
            QVERIFY(key.starts_with("k:"));
            const auto first = firstAtOrAfter(*rocks_, "k:", key);
            QVERIFY(first.ok());
            const int rank = first->empty() ? kKeys : std::stoi(first->substr(2));
            QVERIFY2(std::abs(double(rank) / kKeys - f) <= kTolerance,
                     qPrintable(QStringLiteral("position %1 gave rank %2 (key %3)")
                                    .arg(f)
                                    .arg(rank)
                                    .arg(QByteArray::fromStdString(key).toHex())));
            QVERIFY(rank >= previous);
            previous = rank;
        }
    }

    void aNarrowerPrefixIsPlacedWithinItself() {
        // k:050000 .. k:059999: a fifteenth of the keys, a few table files.
        const auto positions = KeyPositions::measure(*rocks_, "k:05", {}, 0);
        QVERIFY(positions.known());
        QVERIFY(std::abs(positions.position(*rocks_, "k:055000").value() - 0.5) <= 0.1);
        QCOMPARE(positions.position(*rocks_, "k:06").value(), 1.0);
    }

    void keysSharingALongStartAreFoundWhereTheyDiffer() {
        const auto positions = KeyPositions::measure(*rocks_, "long/", {}, 0);
        QVERIFY(positions.known() && !positions.exact());
        for (double f : {0.25, 0.5, 0.75}) {
            const std::string key = positions.keyAt(*rocks_, f).value();
            const auto first = firstAtOrAfter(*rocks_, "long/", key);
            QVERIFY(first.ok() && !first->empty());
            const int rank = std::stoi(first->substr(22));
            // Background compaction leaves this prefix in a few files or many:
            // a tenth either way (the bisection from the prefix's end alone
            // lands on the first or last key, a quarter or more off).
            QVERIFY2(std::abs(double(rank) / kLong - f) <= 0.1,
                     qPrintable(QStringLiteral("position %1 gave rank %2").arg(f).arg(rank)));
        }
    }

    void keysOnlyInTheLogAreUnknownPastTheExactLimit() {
        const QString path = dir_.filePath(QStringLiteral("wal-only"));
        std::map<std::string, std::string> data;
        for (int i = 0; i < 1000; ++i) data.emplace(numbered(i), "v");
        QCOMPARE(QString::fromStdString(meridian::test::makeRawDatabase(path, data)), QStringLiteral("OK"));
        auto opened = createStorage(path.toStdString(), StorageConfig{}.withMode(OpenMode::ReadOnly));
        QVERIFY(opened.ok());
        QVERIFY(!KeyPositions::measure(*opened.storage, "", {}, 100).known());
        // Within the limit they are held, and exact.
        const auto exact = KeyPositions::measure(*opened.storage, "", {}, 1000);
        QVERIFY(exact.exact());
        QCOMPARE(exact.position(*opened.storage, numbered(250)).value(), 0.25);
    }

private:
    QTemporaryDir dir_;
    StoragePtr rocks_;
};

QTEST_GUILESS_MAIN(StorageKeyPositionTest)
#include "storage_key_position_test.moc"
