// Runs the Storage interface suite against every backend: RocksDB (a fresh
// database in a temporary folder for each test) and memory.
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QtTest>

#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "storage_suite.h"

using namespace meridian::storage;
using meridian::test::StorageSuite;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTemporaryDir root;
    if (!root.isValid()) {
        qCritical("cannot create a temporary folder: %s", qPrintable(root.errorString()));
        return 1;
    }

    int made = 0;
    StorageSuite rocksdb(QStringLiteral("RocksDB"), Backend::RocksDb, [&]() -> StoragePtr {
        const QString dir = root.filePath(QStringLiteral("db%1").arg(++made));
        auto opened = createStorage(dir.toStdString(), StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        if (!opened.ok()) qWarning("cannot create %s: %s", qPrintable(dir), opened.status.toString().c_str());
        return opened.storage;
    });
    StorageSuite memory(QStringLiteral("memory"), Backend::Memory, [] { return createMemoryStorage(); });

    const int rocksdbFailures = QTest::qExec(&rocksdb, argc, argv);
    const int memoryFailures = QTest::qExec(&memory, argc, argv);
    if (rocksdbFailures || memoryFailures)
        qWarning("storage suite failures: RocksDB %d, memory %d", rocksdbFailures, memoryFailures);
    return rocksdbFailures || memoryFailures ? 1 : 0;
}
