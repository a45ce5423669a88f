// factory_test: how createStorage picks a backend. Forcing memory and
// enabling fallback from code and from the environment
// (MERIDIAN_USE_MEMORY_STORAGE, MERIDIAN_FALLBACK_MEMORY), how a memory store
// is compressed (config.memory, MERIDIAN_MEMORY_COMPRESSION), what the report
// says, and that every decision reaches the log hook.
#include <QCoreApplication>
#include <QtTest>

#include <algorithm>
#include <numeric>
#include <optional>

#include "rocksdb_test_support.h"
#include "test_support.h"
#include "tests/support/scoped_env.h"
#include "tests/support/temp_paths.h"

using namespace meridian::storage;
using namespace meridian::test;

namespace {

constexpr const char* kForce = "MERIDIAN_USE_MEMORY_STORAGE";
constexpr const char* kFallback = "MERIDIAN_FALLBACK_MEMORY";
constexpr const char* kCompression = "MERIDIAN_MEMORY_COMPRESSION";

struct LogLine {
    LogLevel level;
    std::string text;
};

}  // namespace

class FactoryTest : public QObject {
    Q_OBJECT

private:
    TempPaths tmp_;
    // Neither variable set, whatever the developer's shell has.
    std::optional<ScopedEnv> clearForce_, clearFallback_, clearCompression_;

    QString existingDatabase() {
        const QString path = tmp_.freshPath();
        const std::string made = makeRawDatabase(path, {{"on", "disk"}});
        if (made != "OK") qWarning("%s", made.c_str());
        return path;
    }

    static StorageConfig withEnv() { return StorageConfig{}; }  // useEnvironment defaults to true

    static void checkIsEmptyMemory(const OpenResult& r) {
        QVERIFY(r.ok());
        QVERIFY(r.storage);
        QVERIFY(r.storage->info().backend == Backend::Memory);
        QVERIFY(!r.storage->info().persistent);
        QVERIFY(r.report.backend == Backend::Memory);
        QCOMPARE(qs(r.report.summary()), QString::fromUtf8("In memory · not saved"));
        auto all = r.storage->prefix("");
        QVERIFY(all.ok());
        QVERIFY2(all->empty(), "a memory stand-in must start empty, not with the disk's data");
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }
    void init() {
        clearForce_.emplace(kForce, nullptr);
        clearFallback_.emplace(kFallback, nullptr);
        clearCompression_.emplace(kCompression, nullptr);
    }
    void cleanup() {
        clearCompression_.reset();
        clearFallback_.reset();
        clearForce_.reset();
    }

    void environmentForcesMemory() {
        const QString path = existingDatabase();
        const DirState before = snapshotDir(path);
        ScopedEnv force(kForce, "1");
        auto r = createStorage(path.toStdString(), withEnv());
        checkIsEmptyMemory(r);
        QVERIFY(r.report.reason == OpenReason::ForcedByEnvironment);
        QVERIFY2(qs(r.report.explanation).contains(QLatin1String(kForce)), r.report.explanation.c_str());
        QVERIFY2(qs(r.report.advice).contains(QLatin1String(kForce)), r.report.advice.c_str());
        CHECK_OK(r.storage->put("only", "in memory"));
        r = {};
        CHECK_DIR_UNCHANGED(path, before);  // not opened, not locked, not logged

        // Forcing memory works for a path that does not exist, and creates nothing.
        const QString missing = tmp_.freshPath();
        auto m = createStorage(missing.toStdString(), withEnv());
        checkIsEmptyMemory(m);
        QVERIFY(!QFileInfo::exists(missing));
    }

    void configForcesMemory() {
        const QString path = existingDatabase();
        const DirState before = snapshotDir(path);
        auto r = createStorage(path.toStdString(), StorageConfig{}.withForceMemory().withEnvironment(false));
        checkIsEmptyMemory(r);
        QVERIFY(r.report.reason == OpenReason::ForcedByConfig);
        r = {};
        CHECK_DIR_UNCHANGED(path, before);
    }

    void environmentValues_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("on");
        QTest::newRow("1") << QByteArray("1") << true;
        QTest::newRow("true") << QByteArray("true") << true;
        QTest::newRow("TRUE") << QByteArray("TRUE") << true;
        QTest::newRow("yes") << QByteArray("yes") << true;
        QTest::newRow("on") << QByteArray("on") << true;
        QTest::newRow("0") << QByteArray("0") << false;
        QTest::newRow("false") << QByteArray("false") << false;
        QTest::newRow("no") << QByteArray("no") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("garbage") << QByteArray("maybe") << false;
    }

    void environmentValues() {
        QFETCH(QByteArray, value);
        QFETCH(bool, on);
        const QString path = existingDatabase();
        {
            ScopedEnv force(kForce, value.constData());
            QCOMPARE(environmentFlag(kForce), on);
            auto r = createStorage(path.toStdString(), withEnv());
            QVERIFY(r.ok());
            QVERIFY2((r.report.backend == Backend::Memory) == on, value.constData());
            QVERIFY(r.report.reason == (on ? OpenReason::ForcedByEnvironment : OpenReason::Requested));
        }
        {
            ScopedEnv fallback(kFallback, value.constData());
            auto r = createStorage(tmp_.freshPath().toStdString(), withEnv());  // missing: RocksDB fails
            QCOMPARE(r.ok(), on);
            QCOMPARE(r.report.fallbackEnabled, on);
            QCOMPARE(r.report.fallbackFromEnvironment, on);
            QVERIFY(r.report.reason == (on ? OpenReason::Fallback : OpenReason::Failed));
        }
    }

    void environmentFallbackStandsInForAFailure() {
        ScopedEnv fallback(kFallback, "1");
        const QString path = tmp_.freshPath();
        QVERIFY(writeFile(path, "a file, not a database"));
        auto r = createStorage(path.toStdString(), withEnv());
        checkIsEmptyMemory(r);
        QVERIFY(r.report.reason == OpenReason::Fallback);
        QVERIFY(r.report.fallbackEnabled);
        QVERIFY(r.report.fallbackFromEnvironment);
        QVERIFY(r.report.cause.code() == Status::Code::NotADatabase);
        QVERIFY2(qs(r.report.cause.message()).contains(path), r.report.cause.message().c_str());
        QVERIFY2(qs(r.report.explanation).contains(QStringLiteral("EMPTY")), r.report.explanation.c_str());
        QVERIFY(!r.report.advice.empty());
        QCOMPARE(qs(r.storage->info().path), path);  // the memory store says what it stands in for
        QCOMPARE(readFile(path), QByteArray("a file, not a database"));
    }

    void codeFallbackStandsInForAFailure() {
        const QString path = tmp_.freshPath();  // missing
        auto r = createStorage(path.toStdString(), StorageConfig{}.withMemoryFallback().withEnvironment(false));
        checkIsEmptyMemory(r);
        QVERIFY(r.report.reason == OpenReason::Fallback);
        QVERIFY(r.report.fallbackEnabled);
        QVERIFY(!r.report.fallbackFromEnvironment);
        QVERIFY(r.report.cause.code() == Status::Code::NotFound);
        QVERIFY(!QFileInfo::exists(path));
    }

    void noFallbackUnlessEnabled() {
        const QString path = tmp_.freshPath();
        auto r = createStorage(path.toStdString(), withEnv());
        QVERIFY(!r.ok());
        QVERIFY(!r.storage);
        CHECK_CODE(r.status, Status::Code::NotFound);
        QVERIFY(r.report.reason == OpenReason::Failed);
        QVERIFY(!r.report.fallbackEnabled);
        QVERIFY(r.report.cause.code() == Status::Code::NotFound);
        QCOMPARE(qs(r.report.summary()), QStringLiteral("Not open"));
        QVERIFY(!QFileInfo::exists(path));
    }

    void fallbackIsNotUsedWhenRocksDbOpens() {
        ScopedEnv fallback(kFallback, "1");
        const QString path = existingDatabase();
        auto r = createStorage(path.toStdString(), withEnv());
        QVERIFY(r.ok());
        QVERIFY(r.report.backend == Backend::RocksDb);
        QVERIFY(r.report.reason == OpenReason::Requested);
        QVERIFY(r.report.fallbackEnabled);
        QVERIFY(r.report.cause.ok());
        auto v = r.storage->get("on");
        CHECK_OK(v);
        QCOMPARE(bytes(v.value()), QByteArray("disk"));
    }

    void useEnvironmentFalseIgnoresTheVariables() {
        ScopedEnv force(kForce, "1");
        ScopedEnv fallback(kFallback, "1");
        const QString path = existingDatabase();
        auto r = createStorage(path.toStdString(), StorageConfig{}.withEnvironment(false));
        QVERIFY(r.ok());
        QVERIFY(r.report.backend == Backend::RocksDb);
        QVERIFY(!r.report.fallbackEnabled);
        auto missing = createStorage(tmp_.freshPath().toStdString(), StorageConfig{}.withEnvironment(false));
        QVERIFY(!missing.ok());
        QVERIFY(!missing.storage);
        QVERIFY(!missing.report.fallbackEnabled);
    }

    void logHookReceivesEveryDecision_data() {
        QTest::addColumn<int>("scenario");
        QTest::newRow("rocksdb") << 0;
        QTest::newRow("forced by config") << 1;
        QTest::newRow("forced by environment") << 2;
        QTest::newRow("fallback") << 3;
        QTest::newRow("failure") << 4;
    }

    void logHookReceivesEveryDecision() {
        QFETCH(int, scenario);
        std::vector<LogLine> lines;
        StorageConfig config = StorageConfig{}.withLog([&](LogLevel level, const std::string& text) {
            lines.push_back({level, text});
        });
        std::optional<ScopedEnv> env;
        QString path = existingDatabase();
        switch (scenario) {
        case 1: config = config.withForceMemory(); break;
        case 2: env.emplace(kForce, "yes"); break;
        case 3: path = tmp_.freshPath(); config = config.withMemoryFallback(); break;
        case 4: path = tmp_.freshPath(); break;
        }
        auto r = createStorage(path.toStdString(), config);
        QVERIFY(!lines.empty());
        QCOMPARE(lines.size(), r.report.decisions.size());
        for (std::size_t i = 0; i < lines.size(); ++i) QCOMPARE(qs(lines[i].text), qs(r.report.decisions[i]));
        const QString all = qs(std::accumulate(r.report.decisions.begin(), r.report.decisions.end(), std::string(),
                                               [](std::string a, const std::string& b) { return a + b + "\n"; }));
        QVERIFY2(all.contains(path), qPrintable(all));  // every story names the path
        auto hasLevel = [&](LogLevel level) {
            return std::any_of(lines.begin(), lines.end(), [&](const LogLine& l) { return l.level == level; });
        };
        switch (scenario) {
        case 0:
            QVERIFY(r.ok());
            QVERIFY(!hasLevel(LogLevel::Error));
            break;
        case 1:
        case 2:
            QVERIFY(hasLevel(LogLevel::Warning));  // data will not be saved: a warning, not info
            QVERIFY2(all.contains(QStringLiteral("memory"), Qt::CaseInsensitive), qPrintable(all));
            break;
        case 3:
            QVERIFY(hasLevel(LogLevel::Error));    // the RocksDB failure
            QVERIFY(hasLevel(LogLevel::Warning));  // the fallback
            QVERIFY2(all.contains(QStringLiteral("fall"), Qt::CaseInsensitive), qPrintable(all));
            break;
        case 4:
            QVERIFY(!r.ok());
            QVERIFY(hasLevel(LogLevel::Error));
            break;
        }
    }

    void memoryCompressionFromConfigOrEnvironment_data() {
        QTest::addColumn<QByteArray>("env");          // MERIDIAN_MEMORY_COMPRESSION ("" unset)
        QTest::addColumn<QString>("chosen");          // withMemoryOptions(parse(chosen)) ("" not called)
        QTest::addColumn<bool>("useEnvironment");
        QTest::addColumn<bool>("fallback");           // a fallback store rather than a forced one
        QTest::addColumn<QString>("expected");        // memory.compression
        QTest::addColumn<QString>("logged");          // in the decisions
        QTest::newRow("config") << QByteArray() << "zstd:5" << true << false << "zstd level 5" << "zstd level 5";
        QTest::newRow("config, fallback") << QByteArray() << "lz4" << true << true << "lz4 level 9" << "lz4 level 9";
        QTest::newRow("environment") << QByteArray("lz4:4") << "" << true << false << "lz4 level 4"
                                     << "(from MERIDIAN_MEMORY_COMPRESSION=lz4:4)";
        QTest::newRow("environment, fallback") << QByteArray("ZSTD") << "" << true << true << "zstd level 3"
                                               << "from MERIDIAN_MEMORY_COMPRESSION";
        QTest::newRow("config wins") << QByteArray("zstd") << "lz4:2" << true << false << "lz4 level 2"
                                     << "MERIDIAN_MEMORY_COMPRESSION=zstd is not used";
        QTest::newRow("config's none wins") << QByteArray("zstd") << "none" << true << false << "none"
                                            << "is not used";
        QTest::newRow("bad value") << QByteArray("gzip:9") << "" << true << false << "none"
                                   << "ignoring MERIDIAN_MEMORY_COMPRESSION=gzip:9";
        QTest::newRow("environment off") << QByteArray("zstd") << "" << false << false << "none"
                                         << "memory compression: none";
    }

    void memoryCompressionFromConfigOrEnvironment() {
        QFETCH(QByteArray, env);
        QFETCH(QString, chosen);
        QFETCH(bool, useEnvironment);
        QFETCH(bool, fallback);
        QFETCH(QString, expected);
        QFETCH(QString, logged);
        std::optional<ScopedEnv> variable;
        if (!env.isEmpty()) variable.emplace(kCompression, env.constData());
        StorageConfig config = StorageConfig{}.withEnvironment(useEnvironment);
        config = fallback ? config.withMemoryFallback() : config.withForceMemory();
        if (!chosen.isEmpty()) {
            auto options = parseMemoryCompression(chosen.toStdString());
            CHECK_OK(options);
            config = config.withMemoryOptions(options.value());
        }
        auto r = createStorage((fallback ? tmp_.freshPath() : existingDatabase()).toStdString(), config);
        QVERIFY(r.ok());
        QVERIFY(r.report.reason == (fallback ? OpenReason::Fallback : OpenReason::ForcedByConfig));
        QCOMPARE(qs(r.storage->stats().properties.at("memory.compression")), expected);
        const QString all = qs(std::accumulate(r.report.decisions.begin(), r.report.decisions.end(), std::string(),
                                               [](std::string a, const std::string& b) { return a + b + "\n"; }));
        QVERIFY2(all.contains(logged), qPrintable(all));
        // The store compresses as it says: a compressible value is held smaller.
        CHECK_OK(r.storage->put("k", std::string(1000, 'x')));
        const bool compressed = std::stoull(r.storage->stats().properties.at("memory.stored-bytes")) < 1000;
        QCOMPARE(compressed, expected != QLatin1String("none"));
    }

    void defaultStorageHonoursTheEnvironment() {
        const QString path = existingDatabase();
        {
            auto r = createDefaultStorage(path.toStdString());
            QVERIFY(r.ok());
            QVERIFY(r.report.backend == Backend::RocksDb);
        }
        ScopedEnv force(kForce, "1");
        auto r = createDefaultStorage(path.toStdString());
        checkIsEmptyMemory(r);
    }
};

QTEST_GUILESS_MAIN(FactoryTest)
#include "factory_test.moc"
