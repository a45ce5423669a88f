// StorageSuite: lifecycle, basic operations, batches and info().
#include "storage_suite.h"

#include <QtTest>

#include "test_support.h"

namespace meridian::test {

using namespace meridian::storage;

StorageSuite::StorageSuite(QString backend, Backend expected, Factory factory, QObject* parent)
    : QObject(parent), backend_(std::move(backend)), expected_(expected), factory_(std::move(factory)) {
    setObjectName(backend_);
}

void StorageSuite::initTestCase() { qInfo("Storage suite against the %s backend", qPrintable(backend_)); }

void StorageSuite::init() {
    store_ = factory_();
    QVERIFY2(store_, "the factory could not make a fresh storage");
    // Fresh means empty: a test must never see a previous test's keys.
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), std::size_t(0));
}

void StorageSuite::cleanup() { store_.reset(); }

void StorageSuite::putThenGetReturnsTheValue() {
    CHECK_OK(store_->put("alpha", "one"));
    CHECK_OK(store_->put("beta", "two"));
    auto alpha = store_->get("alpha");
    CHECK_OK(alpha);
    QCOMPARE(bytes(alpha.value()), QByteArray("one"));
    auto beta = store_->get("beta");
    CHECK_OK(beta);
    QCOMPARE(bytes(beta.value()), QByteArray("two"));
    auto exists = store_->exists("alpha");
    CHECK_OK(exists);
    QVERIFY(exists.value());
}

void StorageSuite::absentKeyIsNotFound() {
    CHECK_OK(store_->put("present", "x"));
    auto missing = store_->get("absent");
    CHECK_CODE(missing, Status::Code::NotFound);
    QVERIFY(!missing.status().message().empty());
    // A key that is a prefix or an extension of a present key is a different key.
    CHECK_CODE(store_->get("pres"), Status::Code::NotFound);
    CHECK_CODE(store_->get(std::string_view("present\0", 8)), Status::Code::NotFound);
    auto exists = store_->exists("absent");
    CHECK_OK(exists);
    QVERIFY(!exists.value());
}

void StorageSuite::overwriteReplacesTheValue() {
    CHECK_OK(store_->put("k", "a much longer first value"));
    CHECK_OK(store_->put("k", "short"));
    auto v = store_->get("k");
    CHECK_OK(v);
    QCOMPARE(bytes(v.value()), QByteArray("short"));
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), std::size_t(1));  // an overwrite does not add a key
    auto n = store_->count("");
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(1));
}

void StorageSuite::removeDeletesTheKey() {
    CHECK_OK(store_->put("a", "1"));
    CHECK_OK(store_->put("b", "2"));
    CHECK_OK(store_->remove("a"));
    CHECK_CODE(store_->get("a"), Status::Code::NotFound);
    auto exists = store_->exists("a");
    CHECK_OK(exists);
    QVERIFY(!exists.value());
    auto b = store_->get("b");
    CHECK_OK(b);
    QCOMPARE(bytes(b.value()), QByteArray("2"));
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), std::size_t(1));
    QCOMPARE(bytes(all->front().key), QByteArray("b"));
}

void StorageSuite::removeOfAnAbsentKeyIsHarmless() {
    CHECK_OK(store_->put("kept", "v"));
    CHECK_OK(store_->remove("never-written"));
    CHECK_OK(store_->remove("never-written"));
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), std::size_t(1));
    auto n = store_->count("");
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(1));
}

void StorageSuite::batchAppliesPutsAndDeletesTogether() {
    CHECK_OK(store_->put("old/1", "x"));
    CHECK_OK(store_->put("old/2", "y"));
    WriteBatch batch;
    batch.put("new/1", "a");
    batch.put("new/2", "b");
    batch.remove("old/1");
    batch.put("new/3", "c");
    batch.remove("old/2");
    QCOMPARE(batch.size(), std::size_t(5));
    CHECK_OK(store_->write(batch));

    auto all = store_->prefix("");
    CHECK_OK(all);
    const std::vector<Entry> expected{{"new/1", "a"}, {"new/2", "b"}, {"new/3", "c"}};
    QVERIFY(all.value() == expected);
}

void StorageSuite::batchAppliesOperationsInOrder() {
    WriteBatch batch;
    batch.put("twice", "first");
    batch.put("twice", "second");  // the later put wins
    batch.put("gone", "here");
    batch.remove("gone");  // put then delete: absent
    batch.remove("back");
    batch.put("back", "again");  // delete then put: present
    CHECK_OK(store_->write(batch));

    auto twice = store_->get("twice");
    CHECK_OK(twice);
    QCOMPARE(bytes(twice.value()), QByteArray("second"));
    CHECK_CODE(store_->get("gone"), Status::Code::NotFound);
    auto back = store_->get("back");
    CHECK_OK(back);
    QCOMPARE(bytes(back.value()), QByteArray("again"));
    auto n = store_->count("");
    CHECK_OK(n);
    QCOMPARE(n.value(), std::uint64_t(2));
}

void StorageSuite::emptyBatchChangesNothing() {
    CHECK_OK(store_->put("k", "v"));
    WriteBatch batch;
    QVERIFY(batch.empty());
    CHECK_OK(store_->write(batch));
    auto all = store_->prefix("");
    CHECK_OK(all);
    QCOMPARE(all->size(), std::size_t(1));
    batch.put("x", "y");
    batch.clear();
    CHECK_OK(store_->write(batch));
    CHECK_CODE(store_->get("x"), Status::Code::NotFound);
}

void StorageSuite::syncWritesAreVisible() {
    WriteOptions sync;
    sync.sync = true;
    CHECK_OK(store_->put("edited", "by the user", sync));
    CHECK_OK(store_->remove("edited", sync));
    WriteBatch batch;
    batch.put("edited", "again");
    CHECK_OK(store_->write(batch, sync));
    auto v = store_->get("edited");
    CHECK_OK(v);
    QCOMPARE(bytes(v.value()), QByteArray("again"));
}

StorageSuite* StorageSuite::hybrid(QString name, std::optional<Backend> expected, Factory factory, QObject* parent) {
    auto* suite = new StorageSuite(std::move(name), expected.value_or(Backend::Memory), std::move(factory), parent);
    suite->hybrid_ = true;
    suite->hybridExpected_ = expected;
    return suite;
}

void StorageSuite::infoDescribesTheHybridState() {
    const StorageInfo info = store_->info();
    if (!hybrid_) {
        QVERIFY(!info.hybrid);
        return;
    }
    QVERIFY(info.hybrid);
    // The live side is what the backend says, and the summary says which.
    QVERIFY(info.backend == (info.hybrid->spilled ? Backend::RocksDb : Backend::Memory));
    if (hybridExpected_) QVERIFY(info.backend == *hybridExpected_);
    QVERIFY2(qs(info.hybrid->summary).startsWith(info.hybrid->spilled ? QStringLiteral("RocksDB") : QStringLiteral("in memory: ")),
             info.hybrid->summary.c_str());
    QVERIFY(info.hybrid->thresholdBytes > 0 || info.hybrid->spilled);
}

void StorageSuite::infoDescribesTheBackend() {
    const StorageInfo info = store_->info();
    if (hybrid_) {
        // Saved either way: at the spill, or when closed.
        QVERIFY(info.persistent);
        QVERIFY(info.mode == OpenMode::ReadWrite);
        QVERIFY2(QFileInfo(qs(info.path)).isAbsolute(), info.path.c_str());
        QVERIFY2(QFileInfo::exists(qs(info.path) + "/CURRENT"), info.path.c_str());
        return;
    }
    QVERIFY(info.backend == expected_);
    QVERIFY(info.mode == OpenMode::ReadWrite);
    QCOMPARE(qs(info.columnFamily), QStringLiteral("default"));
    QVERIFY(info.profile != TuningProfile::Auto);  // always resolved
    if (expected_ == Backend::Memory) {
        QVERIFY(!info.persistent);
        // A user must be told that nothing is saved.
        QVERIFY(!info.warnings.empty());
        QVERIFY2(qs(info.warnings.front()).contains(QStringLiteral("NOT"), Qt::CaseSensitive) ||
                     qs(info.warnings.front()).contains(QStringLiteral("not saved")),
                 info.warnings.front().c_str());
    } else {
        QVERIFY(info.persistent);
        QVERIFY(!info.path.empty());
        QVERIFY2(QFileInfo(qs(info.path)).isAbsolute(), info.path.c_str());
        QVERIFY2(QFileInfo::exists(qs(info.path) + "/CURRENT"), info.path.c_str());
    }
}

}  // namespace meridian::test
