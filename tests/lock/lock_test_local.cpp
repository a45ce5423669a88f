// Lock doctor tests inside this process: sharing one handle, refusals that
// must leave everything as it was, and faults injected into a child copy of
// this test with LD_PRELOAD (tests/support/enolck_shim).
#include <rocksdb/db.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <latch>
#include <thread>
#include <vector>

#include "lock_test.h"
#include "lock_test_support.h"
#include "storage/factory.h"
#include "storage/lock/lock_probe.h"
#include "storage/rocksdb/compat.h"
#include "storage/rocksdb/status_mapping.h"

using namespace meridian::storage;
using namespace meridian::locktest;
namespace fs = std::filesystem;

namespace {

StorageConfig plain(OpenMode mode = OpenMode::ReadWrite) {
    return StorageConfig{}.withEnvironment(false).withMode(mode);
}

QString stateOf(const LockDiagnosis& d) { return QString::fromLatin1(lockStateName(d.state)); }

const char* reasonName(OpenReason reason) {
    switch (reason) {
    case OpenReason::Requested: return "requested";
    case OpenReason::ForcedByConfig: return "forced-by-config";
    case OpenReason::ForcedByEnvironment: return "forced-by-environment";
    case OpenReason::Fallback: return "fallback";
    case OpenReason::Failed: return "failed";
    }
    return "?";
}

// Runs `lock_test --lock-child <what> <db>`, with the shim preloaded unless
// `shimMode` is null. Returns its "key<TAB>value" lines.
QMap<QString, QString> runChild(const QString& what, const std::string& db, const char* shimMode) {
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("MERIDIAN_USE_MEMORY_STORAGE"));
    env.remove(QStringLiteral("MERIDIAN_FALLBACK_MEMORY"));
    if (shimMode) {
        env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(MERIDIAN_ENOLCK_SHIM));
        env.insert(QStringLiteral("MERIDIAN_SHIM_LOCK_MODE"), QString::fromLatin1(shimMode));
        // Under AddressSanitizer the runtime refuses to start when a preloaded
        // library comes before it; the shim only wraps fcntl, which ASan
        // leaves alone, so the order does not matter here.
        QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
        if (!asan.isEmpty()) asan += QLatin1Char(':');
        env.insert(QStringLiteral("ASAN_OPTIONS"), asan + QStringLiteral("verify_asan_link_order=0"));
    }
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--lock-child"), what, qs(db)});
    QMap<QString, QString> out;
    if (!child.waitForFinished(60000)) {
        child.kill();
        child.waitForFinished(5000);
        out[QStringLiteral("exit")] = QStringLiteral("timeout");
        return out;
    }
    out[QStringLiteral("exit")] = QString::number(child.exitCode());
    for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
        const int tab = line.indexOf('\t');
        if (tab > 0) out[QString::fromUtf8(line.left(tab))] = QString::fromUtf8(line.mid(tab + 1));
    }
    return out;
}

void print(const char* key, std::string value) {
    for (char& c : value)
        if (c == '\n' || c == '\t') c = ' ';
    std::cout << key << '\t' << value << '\n';
}

}  // namespace

int runLockChild(int argc, char** argv) {
    if (argc != 4) return 64;
    const std::string what = argv[2];
    const std::string db = argv[3];
    if (what == "probe") {
        const LockDiagnosis d = probeLock(db);
        print("state", lockStateName(d.state));
        print("explanation", d.explanation);
        print("advice", d.advice);
        print("osError", std::to_string(d.osError));
    } else if (what == "clear") {
        const auto cleared = clearStaleLock(db);
        print("ok", cleared.ok() ? "1" : "0");
        print("message", cleared.ok() ? cleared.value() : cleared.status().toString());
    } else {
        StorageConfig config = plain(what == "open-readonly" ? OpenMode::ReadOnly : OpenMode::ReadWrite);
        config = config.withMemoryFallback(what == "open-fallback");
        const OpenResult opened = createStorage(db, config);
        print("ok", opened.ok() ? "1" : "0");
        print("code", codeName(opened.status.code()));
        print("message", opened.status.message());
        print("backend", backendName(opened.report.backend));
        print("reason", reasonName(opened.report.reason));
        print("explanation", opened.report.explanation);
        print("advice", opened.report.advice);
        print("lock", opened.report.lock ? lockStateName(opened.report.lock->state) : "none");
        std::string decisions;
        for (const auto& d : opened.report.decisions) decisions += d + " | ";
        print("decisions", decisions);
        if (opened.ok()) {
            auto seed = opened.storage->get("seed");
            print("seed", seed.ok() ? seed.value() : seed.status().toString());
        }
    }
    std::cout.flush();
    return 0;
}

void LockTest::secondOpenInOneProcessIsWhatRocksDbRefuses() {
    // The notes' error, reproduced with RocksDB alone: the registry exists so
    // that our opens never get here.
    const std::string path = dbPath();
    rocksdb::Options options;
    std::unique_ptr<rocksdb::DB> first;
    QVERIFY(meridian::storage::detail::compat::open(options, path, &first).ok());
    std::unique_ptr<rocksdb::DB> raw;
    const rocksdb::Status second = meridian::storage::detail::compat::open(options, path, &raw);
    QVERIFY(!second.ok());
    CHECK_HAS(second.ToString(), "lock hold by current process");
    CHECK_HAS(second.ToString(), path + "/LOCK: No locks available");
    const Status ours = meridian::storage::detail::fromRocks(second, path);
    QCOMPARE(int(ours.code()), int(Status::Code::LockHeld));
    CHECK_HAS(ours.message(), "this program already has the database open");
}

void LockTest::sameProcessOpensFromManyThreadsShareOneHandle() {
    const std::string tmp = str(tmp_->path());
    fs::create_directory(tmp + "/sub");
    fs::create_directory_symlink(dbPath(), tmp + "/link");
    const std::vector<std::string> spellings = {
        dbPath(),         dbPath() + "/",        tmp + "/./db",  tmp + "/./db/",
        tmp + "/link",    tmp + "/link/",        tmp + "/link/./", tmp + "/sub/../db",
    };
    const std::size_t n = spellings.size() * 2;
    std::vector<OpenResult> results(n);
    {
        std::latch start(static_cast<std::ptrdiff_t>(n));
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < n; ++i)
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                results[i] = createStorage(spellings[i % spellings.size()], plain());
            });
    }
    const std::string canonical = fs::canonical(dbPath()).string();
    for (std::size_t i = 0; i < n; ++i) {
        const OpenResult& r = results[i];
        QVERIFY2(r.ok(), (spellings[i % spellings.size()] + ": " + r.status.toString()).c_str());
        QCOMPARE(r.storage->info().path, canonical);
        QCOMPARE(int(r.report.mode), int(OpenMode::ReadWrite));
        QVERIFY2(!r.report.lock.has_value(), "no lock trouble to report");
    }
    CHECK_OK(results[0].storage->put("shared", "yes"));
    for (const OpenResult& r : results) QCOMPARE(qs(r.storage->get("shared").value()), QStringLiteral("yes"));

    // Read-only and following-live opens of a database open here for writing
    // share the handle as read-only views.
    for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::Secondary}) {
        const OpenResult view = createStorage(tmp + "/link/", plain(mode));
        QVERIFY2(view.ok(), view.status.toString().c_str());
        QCOMPARE(qs(view.storage->get("shared").value()), QStringLiteral("yes"));
        QCOMPARE(int(view.storage->put("k", "v").code()), int(Status::Code::ReadOnly));
    }
    QCOMPARE(stateOf(probeLock(tmp + "/link")), QStringLiteral("held-by-this-process"));
}

void LockTest::openInAModeThisProcessCannotShareKeepsTheLock() {
    const OpenResult reader = createStorage(dbPath(), plain(OpenMode::ReadOnly));
    QVERIFY2(reader.ok(), reader.status.toString().c_str());
    const DirState before = snapshotDir(dbPath());

    const OpenResult writer = createStorage(dbPath(), plain());
    QVERIFY(!writer.ok());
    QCOMPARE(int(writer.status.code()), int(Status::Code::LockHeld));
    CHECK_HAS(writer.status.message(), "already open read-only in this program");
    QVERIFY(writer.report.lock.has_value());
    QCOMPARE(stateOf(*writer.report.lock), QStringLiteral("held-by-this-process"));
    QVERIFY(writer.report.lock->openInThisProcess == OpenMode::ReadOnly);
    CHECK_UNTOUCHED(dbPath(), before);  // the leftover LOCK was not "cleared"
}

void LockTest::clearRefusesASymlinkedLock() {
    const std::string victim = tmpPath("victim");
    QVERIFY(writeFile(victim, "precious bytes"));
    fs::remove(dbPath() + "/LOCK");
    fs::create_symlink(victim, dbPath() + "/LOCK");
    const DirState before = snapshotDir(str(tmp_->path()));

    const LockDiagnosis d = probeLock(dbPath());
    QCOMPARE(stateOf(d), QStringLiteral("unknown"));
    CHECK_HAS(d.explanation, "symbolic link");
    QVERIFY(!d.canClearStaleLock());
    const auto cleared = clearStaleLock(dbPath());
    QVERIFY(!cleared.ok());
    CHECK_HAS(cleared.status().message(), "symbolic link");
    CHECK_UNTOUCHED(str(tmp_->path()), before);
}

void LockTest::clearRefusesALockThatIsAFolder() {
    fs::remove(dbPath() + "/LOCK");
    fs::create_directory(dbPath() + "/LOCK");
    QVERIFY(writeFile(dbPath() + "/LOCK/inside", "keep me"));
    const DirState before = snapshotDir(dbPath());

    const LockDiagnosis d = probeLock(dbPath());
    QCOMPARE(stateOf(d), QStringLiteral("unknown"));
    CHECK_HAS(d.explanation, "LOCK is a folder");
    const auto cleared = clearStaleLock(dbPath());
    QVERIFY(!cleared.ok());
    CHECK_UNTOUCHED(dbPath(), before);
}

void LockTest::clearRefusesAFolderWithoutCurrent() {
    const std::string folder = tmpPath("not-a-db");
    fs::create_directory(folder);
    QVERIFY(writeFile(folder + "/LOCK", ""));
    QVERIFY(writeFile(folder + "/notes.txt", "mine"));
    const DirState before = snapshotDir(folder);

    const auto cleared = clearStaleLock(folder);
    QVERIFY(!cleared.ok());
    QCOMPARE(int(cleared.status().code()), int(Status::Code::NotADatabase));
    CHECK_HAS(cleared.status().message(), "no CURRENT file");
    CHECK_UNTOUCHED(folder, before);
}

void LockTest::probeOfSomethingThatIsNotAFolderIsUnknown() {
    const std::string file = tmpPath("plain-file");
    QVERIFY(writeFile(file, "x"));
    const LockDiagnosis onFile = probeLock(file);
    QCOMPARE(stateOf(onFile), QStringLiteral("unknown"));
    CHECK_HAS(onFile.explanation, "is not a folder");
    QVERIFY(!clearStaleLock(file).ok());

    const LockDiagnosis missing = probeLock(tmpPath("missing"));
    QCOMPARE(stateOf(missing), QStringLiteral("unknown"));
    CHECK_HAS(missing.explanation, "No such file or directory");
    QVERIFY(!fs::exists(tmpPath("missing")));
}

// A lock nobody holds is not a promise that a read-write open works: the
// rule that turns what the system says about writing into NotWritable, for
// every case, whatever user the test runs as.
void LockTest::aFreeLockThisUserCannotWriteIsNotWritable() {
    auto diagnosis = [](LockState state) {
        LockDiagnosis d;
        d.state = state;
        d.databasePath = "/data/db";
        d.lockPath = "/data/db/LOCK";
        d.lockFileExists = state != LockState::NoLockFile;
        d.explanation = "as probed";
        return d;
    };
    struct Case {
        const char* name;
        LockState state;
        WriteAccess access;
        const char* says;  // "" when the diagnosis stays as it is
    };
    const Case cases[] = {
        {"free, writable", LockState::Free, {}, ""},
        {"free, folder not writable", LockState::Free, {EACCES, 0, false}, "may not write in '/data/db' (permission denied)"},
        {"no LOCK, folder not writable", LockState::NoLockFile, {EACCES, 0, false}, "There is no LOCK file, but"},
        {"free, LOCK not writable", LockState::Free, {0, EACCES, false}, "may not write its LOCK file '/data/db/LOCK'"},
        {"free, read-only mount", LockState::Free, {0, 0, true}, "read-only filesystem"},
        {"free, EROFS from access", LockState::Free, {EROFS, 0, false}, "read-only filesystem"},
        {"free, another error", LockState::Free, {EIO, 0, false}, "Input/output error"},
        {"held elsewhere, not writable", LockState::HeldByOtherProcess, {EACCES, 0, true}, ""},
        {"unsupported, not writable", LockState::Unsupported, {EACCES, 0, true}, ""},
        {"unknown, not writable", LockState::Unknown, {EACCES, 0, true}, ""},
    };
    for (const Case& c : cases) {
        LockDiagnosis d = diagnosis(c.state);
        applyWriteAccess(d, c.access);
        if (*c.says == '\0') {
            QVERIFY2(d.state == c.state && d.explanation == "as probed", c.name);
            continue;
        }
        QVERIFY2(d.state == LockState::NotWritable, c.name);
        QCOMPARE(stateOf(d), QStringLiteral("not-writable"));
        QVERIFY2(!d.canOpenReadWrite() && !d.canClearStaleLock(), c.name);
        QVERIFY2(has(d.explanation, c.says), (std::string(c.name) + ": " + d.explanation).c_str());
        QVERIFY2(has(d.advice, "read-only"), (std::string(c.name) + ": " + d.advice).c_str());
        QVERIFY2(d.osError != 0, c.name);
    }
}

// The same through the system: a folder without write permission. Root may
// write anyway, so this runs only as another user (the CLI test
// lockSaysWhenTheFolderIsNotWritable runs meridian-db as nobody instead).
void LockTest::probeOfAFolderThisUserCannotWrite() {
    if (::geteuid() == 0) QSKIP("root writes whatever the folder's mode; cli_test covers this as the user nobody");
    QVERIFY(::chmod(dbPath().c_str(), 0555) == 0);
    const LockDiagnosis d = probeLock(dbPath());
    ::chmod(dbPath().c_str(), 0755);
    QCOMPARE(stateOf(d), QStringLiteral("not-writable"));
    CHECK_HAS(d.explanation, "permission denied");
    QCOMPARE(d.osError, EACCES);
}

void LockTest::withoutFileLockingProbeSaysUnsupported() {
    const auto control = runChild(QStringLiteral("probe"), dbPath(), nullptr);
    QCOMPARE(control.value(QStringLiteral("state")), QStringLiteral("free"));

    const auto probe = runChild(QStringLiteral("probe"), dbPath(), "enolck");
    QCOMPARE(probe.value(QStringLiteral("exit")), QStringLiteral("0"));
    QCOMPARE(probe.value(QStringLiteral("state")), QStringLiteral("unsupported"));
    QCOMPARE(probe.value(QStringLiteral("osError")), QString::number(ENOLCK));
    CHECK_HAS(str(probe.value(QStringLiteral("explanation"))), "does not support file locking");
    CHECK_HAS(str(probe.value(QStringLiteral("advice"))), "MERIDIAN_USE_MEMORY_STORAGE=1");

    const auto clear = runChild(QStringLiteral("clear"), dbPath(), "enolck");
    QCOMPARE(clear.value(QStringLiteral("ok")), QStringLiteral("0"));
    CHECK_HAS(str(clear.value(QStringLiteral("message"))), "unsupported: ");
    QVERIFY(fs::exists(dbPath() + "/LOCK"));
}

void LockTest::withoutFileLockingOpenFailsOrFallsBackSayingWhy() {
    const auto failed = runChild(QStringLiteral("open"), dbPath(), "enolck");
    QCOMPARE(failed.value(QStringLiteral("ok")), QStringLiteral("0"));
    QCOMPARE(failed.value(QStringLiteral("code")), QStringLiteral("unsupported"));
    QCOMPARE(failed.value(QStringLiteral("reason")), QStringLiteral("failed"));
    QCOMPARE(failed.value(QStringLiteral("lock")), QStringLiteral("unsupported"));
    CHECK_HAS(str(failed.value(QStringLiteral("message"))), "does not support file locking");
    CHECK_HAS(str(failed.value(QStringLiteral("advice"))), "MERIDIAN_USE_MEMORY_STORAGE=1");
    // RocksDB 7.8's own words for ENOLCK, kept in the decisions.
    CHECK_HAS(str(failed.value(QStringLiteral("decisions"))), "While lock file: " + dbPath() + "/LOCK: No locks available");

    const auto fallback = runChild(QStringLiteral("open-fallback"), dbPath(), "enolck");
    QCOMPARE(fallback.value(QStringLiteral("ok")), QStringLiteral("1"));
    QCOMPARE(fallback.value(QStringLiteral("backend")), QStringLiteral("In memory"));
    QCOMPARE(fallback.value(QStringLiteral("reason")), QStringLiteral("fallback"));
    QCOMPARE(fallback.value(QStringLiteral("lock")), QStringLiteral("unsupported"));
    CHECK_HAS(str(fallback.value(QStringLiteral("explanation"))), "does not support file locking");
    CHECK_HAS(str(fallback.value(QStringLiteral("explanation"))), "EMPTY in-memory store");
    CHECK_HAS(str(fallback.value(QStringLiteral("seed"))), "not found");  // empty: not the database
    QVERIFY(fs::exists(dbPath() + "/LOCK"));
}

void LockTest::withoutFileLockingReadOnlyStillOpens() {
    const auto opened = runChild(QStringLiteral("open-readonly"), dbPath(), "enolck");
    QCOMPARE(opened.value(QStringLiteral("ok")), QStringLiteral("1"));
    QCOMPARE(opened.value(QStringLiteral("backend")), QStringLiteral("RocksDB"));
    QCOMPARE(opened.value(QStringLiteral("lock")), QStringLiteral("unsupported"));
    QCOMPARE(opened.value(QStringLiteral("seed")), QStringLiteral("1"));
}

void LockTest::lockFreedBetweenFailureAndProbeIsClearedAndRetriedOnce() {
    // The shim fails RocksDB's first F_SETLK with EAGAIN, as if a writer had
    // held LOCK and quit just before the diagnosis: the factory finds it free,
    // clears it and retries once.
    const auto opened = runChild(QStringLiteral("open"), dbPath(), "eagain-once");
    QCOMPARE(opened.value(QStringLiteral("ok")), QStringLiteral("1"));
    QCOMPARE(opened.value(QStringLiteral("backend")), QStringLiteral("RocksDB"));
    QCOMPARE(opened.value(QStringLiteral("seed")), QStringLiteral("1"));
    QCOMPARE(opened.value(QStringLiteral("lock")), QStringLiteral("free"));
    const std::string decisions = str(opened.value(QStringLiteral("decisions")));
    CHECK_HAS(decisions, "While lock file: " + dbPath() + "/LOCK: Resource temporarily unavailable");
    CHECK_HAS(decisions, "LOCK is free");
    CHECK_HAS(decisions, "Removed the leftover LOCK file");
    CHECK_HAS(decisions, "retrying the open once");
    QVERIFY(fs::exists(dbPath() + "/LOCK"));  // RocksDB made a new one
}
