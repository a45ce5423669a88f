// Runs the Storage interface suite against every backend: RocksDB (a fresh
// database in a temporary folder for each test) and memory.
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

    const int rocksdbFailures = QTest::qExec(&rocksdb, argc, argv);
    const int memoryFailures = QTest::qExec(&memory, argc, argv);
    if (rocksdbFailures || memoryFailures)
        qWarning("storage suite failures: RocksDB %d, memory %d", rocksdbFailures, memoryFailures);
    return rocksdbFailures || memoryFailures ? 1 : 0;
}
