// storage_copy_test: saving to disk. A checkpoint opens as a normal database
// with identical contents; saving a memory database (or a snapshot of either
// backend) as RocksDB and reopening it gives identical contents, every column
// family; failures and cancels leave nothing behind.
#include <QDir>
#include <QtTest>

#include "storage/transfer/copy.h"
#include "transfer_test_support.h"

using namespace meridian::storage;
using namespace meridian::test;
using namespace std::string_literals;

namespace {

StorageConfig plain() { return StorageConfig{}.withEnvironment(false); }

// Every column family's contents.
std::map<std::string, Model> everything(const Storage& store, const ReadOptions& read = {}) {
    std::map<std::string, Model> all;
    for (const auto& name : store.columnFamilies()) {
        auto family = store.columnFamily(name);
        all[name] = family.ok() ? contents(*family.value(), read) : Model{{"<error>", family.status().toString()}};
    }
    return all;
}

// Random binary data in "default" and in "second".
std::map<std::string, Model> fillTwoFamilies(Storage& store, quint32 seed, int keys) {
    QRandomGenerator rng(seed);
    std::map<std::string, Model> all;
    if (!store.createColumnFamily("second").ok()) return {};
    for (const std::string name : {"default", "second"}) {
        auto family = store.columnFamily(name);
        if (!family.ok()) return {};
        WriteBatch batch;
        for (int i = 0; i < keys; ++i) {
            const std::string k = randomBytes(rng, 8, true) + std::to_string(i % 97);
            const std::string v = randomBytes(rng, 50);
            batch.put(k, v);
            all[name][k] = v;
        }
        if (!family.value()->write(batch).ok()) return {};
    }
    return all;
}

#define CHECK_EVERYTHING(expected, actual)                                            \
    do {                                                                              \
        const auto expected_ = (expected);                                            \
        const auto actual_ = (actual);                                                \
        QCOMPARE(actual_.size(), expected_.size());                                   \
        for (const auto& [name, model] : expected_) {                                 \
            QVERIFY2(actual_.count(name), name.c_str());                              \
            CHECK_MODEL(model, actual_.at(name));                                     \
        }                                                                             \
    } while (false)

}  // namespace

class CopyTest : public QObject {
    Q_OBJECT

private:
    TempPaths m_tmp;
    int m_made = 0;
    QString fresh(const char* stem) { return m_tmp.filePath(QStringLiteral("%1-%2").arg(stem).arg(++m_made)); }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void checkpointOpensAsANormalDatabase() {
        const QString path = fresh("live");
        auto live = createStorage(path.toStdString(), plain().withCreateIfMissing());
        CHECK_OK(live.status);
        const auto expected = fillTwoFamilies(*live.storage, 5, 3000);
        QVERIFY(!expected.empty());
        // The database stays open and written to while the checkpoint is taken.
        const QString dest = fresh("checkpoint");
        auto sequence = checkpoint(*live.storage, dest.toStdString());
        CHECK_OK(sequence);
        QVERIFY(sequence.value() > 0);
        CHECK_OK(live.storage->put("after", "not in the checkpoint"));

        auto copy = createStorage(dest.toStdString(), plain());
        CHECK_OK(copy.status);
        QCOMPARE(copy.storage->info().backend, Backend::RocksDb);
        QCOMPARE(copy.storage->info().mode, OpenMode::ReadWrite);
        CHECK_EVERYTHING(expected, everything(*copy.storage));
        QCOMPARE(copy.storage->stats().properties.at("rocksdb.sequence"), std::to_string(sequence.value()));
        // Independent: writes to the checkpoint do not reach the original.
        CHECK_OK(copy.storage->put("only-in-copy", "1"));
        CHECK_CODE(live.storage->get("only-in-copy"), Status::Code::NotFound);
    }

    void checkpointOfAReadOnlyOpenWritesNothingIntoIt() {
        const QString path = fresh("source");
        std::map<std::string, Model> expected;
        {
            auto made = createStorage(path.toStdString(), plain().withCreateIfMissing());
            CHECK_OK(made.status);
            expected = fillTwoFamilies(*made.storage, 9, 500);  // left in the WAL: nothing flushed yet
        }
        removeInfoLogsForTest(path);
        const DirState before = snapshotDir(path);
        auto readOnly = createStorage(path.toStdString(), plain().withMode(OpenMode::ReadOnly));
        CHECK_OK(readOnly.status);
        const QString dest = fresh("checkpoint-ro");
        CHECK_OK(checkpoint(*readOnly.storage, dest.toStdString()));
        readOnly = {};
        CHECK_DIR_UNCHANGED(path, before);
        auto copy = createStorage(dest.toStdString(), plain());
        CHECK_OK(copy.status);
        CHECK_EVERYTHING(expected, everything(*copy.storage));
    }

    void checkpointRefusesWhatItCannotDo() {
        StoragePtr memory = createMemoryStorage();
        CHECK_CODE(checkpoint(*memory, fresh("memory-checkpoint").toStdString()), Status::Code::Unsupported);

        const QString path = fresh("db");
        auto live = createStorage(path.toStdString(), plain().withCreateIfMissing());
        CHECK_OK(live.status);
        CHECK_OK(live.storage->put("k", "v"));
        // An existing, non-empty destination is never touched.
        const QString taken = fresh("taken");
        QVERIFY(QDir().mkpath(taken));
        QVERIFY(writeFile(taken + "/file", "mine"));
        CHECK_CODE(checkpoint(*live.storage, taken.toStdString()), Status::Code::InvalidArgument);
        QCOMPARE(readFile(taken + "/file"), QByteArray("mine"));
        CHECK_CODE(checkpoint(*live.storage, (taken + "/file").toStdString()), Status::Code::InvalidArgument);
        CHECK_CODE(checkpoint(*live.storage, fresh("no/such/parent").toStdString()), Status::Code::NotFound);
        // An empty folder (a folder picker made it) is fine.
        const QString empty = fresh("empty");
        QVERIFY(QDir().mkpath(empty));
        CHECK_OK(checkpoint(*live.storage, empty.toStdString()));
        auto copy = createStorage(empty.toStdString(), plain().withMode(OpenMode::ReadOnly));
        CHECK_OK(copy.status);
        QCOMPARE(bytes(copy.storage->get("k").value()), QByteArray("v"));

        // A database followed live (a secondary instance) has no checkpoints.
        live = {};
        copy = {};
        auto follower = createStorage(path.toStdString(), plain().withMode(OpenMode::Secondary));
        CHECK_OK(follower.status);
        QCOMPARE(follower.storage->info().mode, OpenMode::Secondary);
        CHECK_CODE(checkpoint(*follower.storage, fresh("from-secondary").toStdString()), Status::Code::Unsupported);
    }

    void savingAMemoryDatabaseKeepsEveryFamily() {
        StoragePtr memory = createMemoryStorage();
        const auto expected = fillTwoFamilies(*memory, 11, 4000);
        QVERIFY(!expected.empty());
        const QString dest = fresh("saved");
        std::uint64_t lastProgress = 0;
        SaveOptions options;
        options.batchBytes = 64 * 1024;  // several batches
        options.progress = [&](std::uint64_t n) {
            lastProgress = n;
            return true;
        };
        auto saved = saveAsRocksDb(*memory, dest.toStdString(), options);
        CHECK_OK(saved);
        QCOMPARE(saved->keys, std::uint64_t(expected.at("default").size() + expected.at("second").size()));
        QCOMPARE(lastProgress, saved->keys);
        auto reopened = createStorage(dest.toStdString(), plain());
        CHECK_OK(reopened.status);
        QCOMPARE(reopened.storage->info().backend, Backend::RocksDb);
        CHECK_EVERYTHING(expected, everything(*reopened.storage));
        QCOMPARE(QDir(m_tmp.path()).entryList({"*partial*"}, QDir::AllEntries | QDir::Hidden), QStringList());
    }

    void savingASnapshotSavesThatMoment_data() { addBackendRows(); }
    void savingASnapshotSavesThatMoment() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        const auto expected = fillTwoFamilies(*store, 13, 1000);
        QVERIFY(!expected.empty());
        const SnapshotPtr snap = store->snapshot();
        CHECK_OK(store->put("later", "x"));
        CHECK_OK(store->remove(expected.at("default").begin()->first));
        CHECK_OK(store->columnFamily("second").value()->put("later", "y"));

        SaveOptions options;
        options.read = at(snap);
        const QString dest = fresh("snapshot");
        CHECK_OK(saveAsRocksDb(*store, dest.toStdString(), options));
        auto reopened = createStorage(dest.toStdString(), plain().withMode(OpenMode::ReadOnly));
        CHECK_OK(reopened.status);
        CHECK_EVERYTHING(expected, everything(*reopened.storage));

        // Only the storage's own family, when asked.
        SaveOptions one;
        one.allColumnFamilies = false;
        const QString single = fresh("one-family");
        auto second = store->columnFamily("second");
        CHECK_OK(second);
        CHECK_OK(saveAsRocksDb(*second.value(), single.toStdString(), one));
        auto reopenedOne = createStorage(single.toStdString(), plain().withMode(OpenMode::ReadOnly));
        CHECK_OK(reopenedOne.status);
        QCOMPARE(reopenedOne.storage->columnFamilies(), (std::vector<std::string>{"default", "second"}));
        QVERIFY(contents(*reopenedOne.storage).empty());
        Model secondNow = expected.at("second");
        secondNow["later"] = "y";
        CHECK_MODEL(secondNow, contents(*reopenedOne.storage->columnFamily("second").value()));
    }

    void aCancelledOrRefusedSaveLeavesNothing() {
        StoragePtr memory = createMemoryStorage();
        WriteBatch batch;
        for (int i = 0; i < 20000; ++i) batch.put("k" + std::to_string(i), "v");
        CHECK_OK(memory->write(batch));
        QTemporaryDir dir(m_tmp.filePath("cancel-XXXXXX"));
        SaveOptions options;
        options.progress = [](std::uint64_t n) { return n < 8192; };
        CHECK_CODE(saveAsRocksDb(*memory, dir.filePath("db").toStdString(), options), Status::Code::Cancelled);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        QVERIFY(writeFile(dir.filePath("file"), "x"));
        CHECK_CODE(saveAsRocksDb(*memory, dir.filePath("file").toStdString()), Status::Code::InvalidArgument);
        CHECK_CODE(saveAsRocksDb(*memory, dir.path().toStdString()), Status::Code::InvalidArgument);  // not empty
        QCOMPARE(readFile(dir.filePath("file")), QByteArray("x"));
    }

private:
    static void removeInfoLogsForTest(const QString& path) {
        QDir dir(path);
        for (const QString& name : dir.entryList({QStringLiteral("LOG*")}, QDir::Files)) dir.remove(name);
    }
};

QTEST_GUILESS_MAIN(CopyTest)
#include "storage_copy_test.moc"
