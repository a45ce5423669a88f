// Runs the Storage interface suite against every backend: RocksDB (a fresh
// database in a temporary folder for each test) and memory, as written and
// compressed with zstd and with LZ4 (every value of a byte or more
// compressed where that makes it smaller).
#include <QCoreApplication>
#include <QtTest>

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

    const int rocksdbFailures = QTest::qExec(&rocksdb, argc, argv);
    const int memoryFailures = QTest::qExec(&memory, argc, argv);
    const int zstdFailures = QTest::qExec(&zstd, argc, argv);
    const int lz4Failures = QTest::qExec(&lz4, argc, argv);
    if (rocksdbFailures || memoryFailures || zstdFailures || lz4Failures)
        qWarning("storage suite failures: RocksDB %d, memory %d, memory with zstd %d, memory with LZ4 %d",
                 rocksdbFailures, memoryFailures, zstdFailures, lz4Failures);
    return rocksdbFailures || memoryFailures || zstdFailures || lz4Failures ? 1 : 0;
}
