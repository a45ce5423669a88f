// The lock doctor, tested across processes: a real second program
// (tests/support/hold_db) holds databases, and an LD_PRELOAD shim
// (tests/support/enolck_shim) takes file locking away from a child copy of
// this test. Slots are implemented in lock_test.cpp (another process holds
// the database) and lock_test_local.cpp (this process, refusals, faults).
#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>
#include <string>

class LockTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // Another process holds the database (lock_test.cpp).
    void probeNamesTheProgramHoldingTheDatabase();
    void clearRefusesWhileAnotherProgramHoldsIt();
    void readWriteOpenBesideAWriterFailsNamingIt();
    void readWriteOpenBesideAWriterFallsBackOnlyWhenAllowed();
    void readOnlyOpenBesideAWriterIsRefused();
    void followingLiveSeesTheWritersNewKeys();
    void afterTheWriterQuitsTheLeftoverLockIsFreeAndHarmless();
    void probeAndClearNeverDropThisProcesssLock();
    void clearingAFreeLockRemovesOnlyLock();

    // This process, refusals, faults (lock_test_local.cpp).
    void secondOpenInOneProcessIsWhatRocksDbRefuses();
    void sameProcessOpensFromManyThreadsShareOneHandle();
    void openInAModeThisProcessCannotShareKeepsTheLock();
    void clearRefusesASymlinkedLock();
    void clearRefusesALockThatIsAFolder();
    void clearRefusesAFolderWithoutCurrent();
    void probeOfSomethingThatIsNotAFolderIsUnknown();
    void aFreeLockThisUserCannotWriteIsNotWritable();
    void probeOfAFolderThisUserCannotWrite();
    void withoutFileLockingProbeSaysUnsupported();
    void withoutFileLockingOpenFailsOrFallsBackSayingWhy();
    void withoutFileLockingReadOnlyStillOpens();
    void lockFreedBetweenFailureAndProbeIsClearedAndRetriedOnce();

private:
    // <tmp>/db, created with a few keys by hold_db, or empty when `create` is false.
    std::string dbPath() const;
    std::string tmpPath(const std::string& name) const;
    void createDatabase(const std::string& path);

    std::unique_ptr<QTemporaryDir> tmp_;
};

// Child mode: `lock_test --lock-child <what> <db>`, run under LD_PRELOAD by
// the fault-injection slots. Prints "key<TAB>value" lines.
int runLockChild(int argc, char** argv);
