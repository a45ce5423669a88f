// Lock doctor tests where another program (hold_db) holds the database.
#include "lock_test.h"

#include <QCoreApplication>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "lock_test_support.h"
#include "storage/factory.h"
#include "storage/lock/lock_probe.h"

using namespace meridian::storage;
using namespace meridian::locktest;

namespace {

StorageConfig plain(OpenMode mode = OpenMode::ReadWrite) {
    return StorageConfig{}.withEnvironment(false).withMode(mode);
}

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QString stateOf(const LockDiagnosis& d) { return QString::fromLatin1(lockStateName(d.state)); }

std::string pidText(const Holder& holder) { return "hold_db (PID " + std::to_string(holder.pid) + ")"; }

}  // namespace

void LockTest::init() {
    tmp_ = std::make_unique<QTemporaryDir>();
    QVERIFY(tmp_->isValid());
    createDatabase(dbPath());
}

void LockTest::cleanup() { tmp_.reset(); }

std::string LockTest::dbPath() const { return tmpPath("db"); }
std::string LockTest::tmpPath(const std::string& name) const { return str(tmp_->path()) + "/" + name; }

void LockTest::createDatabase(const std::string& path) {
    auto opened = createStorage(path, plain().withCreateIfMissing());
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    CHECK_OK(opened.storage->put("seed", "1"));
}  // closes: the LOCK file stays behind, free

void LockTest::probeNamesTheProgramHoldingTheDatabase() {
    Holder holder;
    QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));

    const LockDiagnosis d = probeLock(dbPath());
    QCOMPARE(stateOf(d), QStringLiteral("held-by-other-process"));
    QVERIFY(d.holder.has_value());
    QCOMPARE(d.holder->pid, holder.pid);
    QCOMPARE(qs(d.holder->name), QStringLiteral("hold_db"));
    QVERIFY2(qs(d.holder->executable).endsWith(QLatin1String("/hold_db")), d.holder->executable.c_str());
    CHECK_HAS(d.holder->commandLine, "hold_db " + dbPath());
    QVERIFY(d.holder->startedAt.has_value());
    QVERIFY2(*d.holder->startedAt <= nowSeconds() + 2 && *d.holder->startedAt >= nowSeconds() - 300,
             std::to_string(*d.holder->startedAt).c_str());
    CHECK_HAS(d.explanation, pidText(holder) + " has the database open for writing");
    CHECK_HAS(d.advice, "following live");
    QVERIFY(d.lockFileExists);
    QCOMPARE(d.lockPath, dbPath() + "/LOCK");
    QVERIFY(!d.canOpenReadWrite());
    QVERIFY(!d.canClearStaleLock());
}

void LockTest::clearRefusesWhileAnotherProgramHoldsIt() {
    Holder holder;
    QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));
    const DirState before = snapshotDir(dbPath());

    const auto cleared = clearStaleLock(dbPath());
    QVERIFY(!cleared.ok());
    QCOMPARE(int(cleared.status().code()), int(Status::Code::LockHeld));
    CHECK_HAS(cleared.status().message(), pidText(holder));
    CHECK_UNTOUCHED(dbPath(), before);

    // Still held, and the holder still works.
    QCOMPARE(stateOf(probeLock(dbPath())), QStringLiteral("held-by-other-process"));
    QCOMPARE(holder.command(QStringLiteral("put after-refusal yes")), QStringLiteral("ok"));
}

void LockTest::readWriteOpenBesideAWriterFailsNamingIt() {
    Holder holder;
    QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));
    const DirState before = snapshotDir(dbPath());

    const OpenResult opened = createStorage(dbPath(), plain());
    QVERIFY(!opened.ok());
    QVERIFY(!opened.storage);
    QCOMPARE(int(opened.status.code()), int(Status::Code::LockHeld));
    CHECK_HAS(opened.status.message(), pidText(holder) + " has the database open for writing");
    QCOMPARE(int(opened.report.reason), int(OpenReason::Failed));
    QVERIFY(opened.report.lock.has_value());
    QCOMPARE(stateOf(*opened.report.lock), QStringLiteral("held-by-other-process"));
    QCOMPARE(opened.report.lock->holder->pid, holder.pid);
    CHECK_HAS(opened.report.advice, "following live");
    // Refused before RocksDB ran: it would have renamed the writer's LOG.
    CHECK_UNTOUCHED(dbPath(), before);
    QCOMPARE(holder.command(QStringLiteral("get seed")), QStringLiteral("value 1"));
}

void LockTest::readWriteOpenBesideAWriterFallsBackOnlyWhenAllowed() {
    Holder holder;
    QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));
    const DirState before = snapshotDir(dbPath());

    const OpenResult opened = createStorage(dbPath(), plain().withMemoryFallback());
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    QCOMPARE(int(opened.report.backend), int(Backend::Memory));
    QCOMPARE(int(opened.report.reason), int(OpenReason::Fallback));
    QCOMPARE(int(opened.report.cause.code()), int(Status::Code::LockHeld));
    CHECK_HAS(opened.report.explanation, pidText(holder));
    CHECK_HAS(opened.report.explanation, "EMPTY in-memory store");
    CHECK_HAS(opened.report.advice, "following live");
    QVERIFY(opened.report.lock.has_value());
    QCOMPARE(stateOf(*opened.report.lock), QStringLiteral("held-by-other-process"));
    QVERIFY(!opened.storage->exists("seed").value());  // memory: the database's keys are not there
    CHECK_UNTOUCHED(dbPath(), before);
}

void LockTest::readOnlyOpenBesideAWriterIsRefused() {
    Holder holder;
    QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));
    const DirState before = snapshotDir(dbPath());

    const OpenResult opened = createStorage(dbPath(), plain(OpenMode::ReadOnly));
    QVERIFY(!opened.ok());
    QCOMPARE(int(opened.status.code()), int(Status::Code::LockHeld));
    CHECK_HAS(opened.status.message(), pidText(holder));
    CHECK_HAS(opened.status.message(), "follow it live");
    CHECK_HAS(opened.report.advice, "following live");
    QVERIFY(opened.report.lock.has_value());
    QCOMPARE(stateOf(*opened.report.lock), QStringLiteral("held-by-other-process"));
    CHECK_UNTOUCHED(dbPath(), before);
}

void LockTest::followingLiveSeesTheWritersNewKeys() {
    Holder holder;
    QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));
    QCOMPARE(holder.command(QStringLiteral("put first 1")), QStringLiteral("ok"));

    const OpenResult opened = createStorage(dbPath(), plain(OpenMode::Secondary));
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    QCOMPARE(int(opened.report.mode), int(OpenMode::Secondary));
    StoragePtr live = opened.storage;
    QCOMPARE(qs(live->get("seed").value()), QStringLiteral("1"));
    QCOMPARE(qs(live->get("first").value()), QStringLiteral("1"));

    QCOMPARE(holder.command(QStringLiteral("put second 2")), QStringLiteral("ok"));
    QCOMPARE(holder.command(QStringLiteral("put third 3")), QStringLiteral("ok"));
    QVERIFY2(!live->exists("second").value(), "a secondary shows new keys only after catching up");
    CHECK_OK(live->catchUp());
    QCOMPARE(qs(live->get("second").value()), QStringLiteral("2"));
    QCOMPARE(qs(live->get("third").value()), QStringLiteral("3"));
    QCOMPARE(int(live->put("x", "y").code()), int(Status::Code::ReadOnly));
    // Following live never took the lock: the writer still has it.
    QCOMPARE(probeLock(dbPath()).holder.value_or(LockHolder{}).pid, holder.pid);
}

void LockTest::afterTheWriterQuitsTheLeftoverLockIsFreeAndHarmless() {
    {
        Holder holder;
        QVERIFY2(holder.start(qs(dbPath())), qPrintable(holder.reply));
        QCOMPARE(holder.command(QStringLiteral("put written-by-holder yes")), QStringLiteral("ok"));
        QVERIFY(holder.quit());
    }
    QVERIFY(std::filesystem::exists(dbPath() + "/LOCK"));
    const LockDiagnosis d = probeLock(dbPath());
    QCOMPARE(stateOf(d), QStringLiteral("free"));
    QVERIFY(d.lockFileExists);
    QVERIFY(!d.holder.has_value());
    QVERIFY(d.canOpenReadWrite());
    QVERIFY(d.canClearStaleLock());
    CHECK_HAS(d.explanation, "harmless");

    std::vector<std::string> decisions;
    const OpenResult opened =
        createStorage(dbPath(), plain().withLog([&](LogLevel, const std::string& text) { decisions.push_back(text); }));
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    QCOMPARE(int(opened.report.backend), int(Backend::RocksDb));
    QVERIFY2(!opened.report.lock.has_value(), "a free LOCK is not a problem to report");
    QVERIFY(std::find(decisions.begin(), decisions.end(), std::string("retrying the open once")) == decisions.end());
    QCOMPARE(qs(opened.storage->get("written-by-holder").value()), QStringLiteral("yes"));
    CHECK_OK(opened.storage->put("after", "reopen"));
}

void LockTest::probeAndClearNeverDropThisProcesssLock() {
    const OpenResult opened = createStorage(dbPath(), plain());
    QVERIFY2(opened.ok(), opened.status.toString().c_str());

    // Probing and trying to clear while this process holds the lock must not
    // open LOCK: closing that descriptor would silently release the lock.
    const LockDiagnosis d = probeLock(dbPath());
    QCOMPARE(stateOf(d), QStringLiteral("held-by-this-process"));
    QVERIFY(d.openInThisProcess == OpenMode::ReadWrite);
    const auto cleared = clearStaleLock(dbPath());
    QVERIFY(!cleared.ok());
    QCOMPARE(int(cleared.status().code()), int(Status::Code::LockHeld));
    QVERIFY(std::filesystem::exists(dbPath() + "/LOCK"));

    // The proof: another program still cannot get the lock.
    Holder intruder;
    QVERIFY2(!intruder.start(qs(dbPath())), "another program opened the database read-write beside us");
    CHECK_HAS(str(intruder.reply), "While lock file: " + dbPath() + "/LOCK: Resource temporarily unavailable");
    QCOMPARE(intruder.waitForExit(), 2);
}

void LockTest::clearingAFreeLockRemovesOnlyLock() {
    DirState expected = snapshotDir(dbPath());
    QVERIFY(expected.erase("LOCK") == 1);

    const auto cleared = clearStaleLock(dbPath());
    QVERIFY2(cleared.ok(), cleared.status().toString().c_str());
    CHECK_HAS(cleared.value(), "Removed the leftover LOCK");
    CHECK_UNTOUCHED(dbPath(), expected);
    QCOMPARE(stateOf(probeLock(dbPath())), QStringLiteral("no-lock-file"));

    // Clearing twice: nothing left to clear, said plainly.
    const auto again = clearStaleLock(dbPath());
    QVERIFY(!again.ok());
    CHECK_HAS(again.status().message(), "there is no LOCK file");

    const OpenResult opened = createStorage(dbPath(), plain());
    QVERIFY2(opened.ok(), opened.status.toString().c_str());
    QCOMPARE(qs(opened.storage->get("seed").value()), QStringLiteral("1"));
}

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "--lock-child") == 0) return runLockChild(argc, argv);
    QCoreApplication app(argc, argv);
    LockTest test;
    return QTest::qExec(&test, argc, argv);
}
