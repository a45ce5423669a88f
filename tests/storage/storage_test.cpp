// Runs the Storage interface suite against every backend: RocksDB (a fresh
// database in a temporary folder for each test) and memory, as written and
// compressed with zstd and with LZ4 (every value of a byte or more
// compressed where that makes it smaller).
#include <QCoreApplication>
#include <QtTest>

#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "storage_suite.h"
#include "tests/support/temp_paths.h"
#include "transfer_test_support.h"

using namespace meridian::storage;
using meridian::test::makeStore;
using meridian::test::StorageSuite;
using meridian::test::TempPaths;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    TempPaths root;
    if (!root.isValid()) {
        qCritical("cannot create a temporary folder: %s", qPrintable(root.errorString()));
        return 1;
    }

    StorageSuite rocksdb(QStringLiteral("RocksDB"), Backend::RocksDb,
                         [&root] { return makeStore(QStringLiteral("rocksdb"), root); });
    StorageSuite memory(QStringLiteral("memory"), Backend::Memory, [] { return createMemoryStorage(); });
    auto compressed = [](Compression compression) {
        return [compression] {
            return createMemoryStorage({}, MemoryOptions{.compression = compression, .level = 0, .minValueSize = 1});
        };
    };
    StorageSuite zstd(QStringLiteral("memory-zstd"), Backend::Memory, compressed(Compression::Zstd));
    StorageSuite lz4(QStringLiteral("memory-lz4"), Backend::Memory, compressed(Compression::Lz4));
    // Hybrid: in memory (a threshold the tests never reach), RocksDB from the
    // open (a threshold of 0), and crossing a 4 KiB threshold during the
    // tests, which spill on a background thread while they go on.
    auto hybridAt = [&root](std::uint64_t threshold) {
        return [&root, threshold]() -> StoragePtr {
            const QString dir = root.freshPath();
            auto opened = createStorage(dir.toStdString(), StorageConfig{}.withHybrid(threshold).withEnvironment(false));
            if (!opened.ok()) qWarning("cannot open hybrid %s: %s", qPrintable(dir), opened.status.toString().c_str());
            return opened.storage;
        };
    };
    std::unique_ptr<StorageSuite> hybridMemory(
        StorageSuite::hybrid(QStringLiteral("hybrid, in memory"), Backend::Memory, hybridAt(1ull << 40)));
    std::unique_ptr<StorageSuite> hybridRocksDb(
        StorageSuite::hybrid(QStringLiteral("hybrid, RocksDB"), Backend::RocksDb, hybridAt(0)));
    std::unique_ptr<StorageSuite> hybridSpilling(
        StorageSuite::hybrid(QStringLiteral("hybrid, across the spill"), std::nullopt, hybridAt(4096)));

    int failures = 0;
    QStringList failed;
    for (StorageSuite* suite : {&rocksdb, &memory, &zstd, &lz4, hybridMemory.get(), hybridRocksDb.get(), hybridSpilling.get()}) {
        if (const int n = QTest::qExec(suite, argc, argv); n != 0) {
            failures += n;
            failed << suite->objectName();
        }
    }
    if (failures) qWarning("storage suite failures: %d (%s)", failures, qPrintable(failed.join(QStringLiteral(", "))));
    return failures ? 1 : 0;
}
