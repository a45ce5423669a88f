// meridian-db, run as a user runs it: the real binary via QProcess, checked
// against RocksDB's own `ldb` on a database made by `db_bench`.
//
// The slots are split by area: cli_test.cpp (the helpers; reading: scan, get,
// info, compared with ldb, and nothing written by readers),
// cli_test_bad_input.cpp, cli_test_writing.cpp, cli_test_families_memory.cpp
// (column families and the memory backend), cli_test_locks.cpp,
// cli_test_versions.cpp (version and help, the RocksDB engine, databases
// other releases wrote), cli_test_stats.cpp (keys and bytes per
// namespace), cli_test_files.cpp (export destinations, import
// inputs, values from files) and cli_test_permissions.cpp (a LOCK that is not
// a file, folders this user may not read or write).
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "cli_test_support.h"
#include "tests/support/conversions.h"

class CliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_ldb;
    QString m_db;               // the db_bench database; read by most tests, written by none
    QByteArray m_ldbScan;       // `ldb --hex scan` of m_db
    QList<QByteArray> m_ldbLines;

    meridian::test::Ran ldb(const QString& db, QStringList args);
    // A small fresh database (made by ldb, so its LOCK is free afterwards).
    QString makeSmallDatabase(const QString& name);
    // A copy of the bench database without RocksDB's LOG files.
    QString copyBenchWithoutLog(const QString& name);
    QList<QByteArray> ldbLinesWithKeyPrefix(const QByteArray& hexPrefix) const;
    // A database of `jsonLines` (meridian-db import --format jsonl).
    QString makeNamespacedDatabase(const QString& name, const QByteArray& jsonLines);

private slots:
    void initTestCase();

    // cli_test.cpp: reading, compared with ldb
    void hexScanIsIdenticalToLdb();
    void countEqualsLdb();
    void getMatchesLdb_data();
    void getMatchesLdb();
    void getMissingKeyFails();
    void pagingReassemblesTheScan_data();
    void pagingReassemblesTheScan();
    void fromReverseAndLastMatchLdb_data();
    void fromReverseAndLastMatchLdb();
    void reversePagingReassemblesTheScanBackward();
    void searchMatchesABruteForceOfLdbsScan_data();
    void searchMatchesABruteForceOfLdbsScan();
    void searchWithALimitResumesAfterTheLastMatch();
    void defaultOutputIsEscapedLdbFormat();
    void optionsMayComeBeforeOrAfterTheCommand();
    void jsonScanIsLossless();
    void infoReportsTheDatabase();
    void verboseLogsTheFactorysDecisions();

    // cli_test_stats.cpp: keys and bytes per namespace
    void statsCountsNamespaces();
    void statsOfBinaryKeys();
    void statsTotalsMatchLdb();
    void statsRefusesBadArguments_data();
    void statsRefusesBadArguments();

    // cli_test_versions.cpp: the engine, and databases other RocksDB releases wrote
    void versionNamesTheEngine();
    void newerDatabaseGetsTheTruth_data();
    void newerDatabaseGetsTheTruth();
    void olderWriterNeedsTheFlagOnce();

    // cli_test.cpp: nothing written by readers
    void readOnlyCommandsLeaveTheFolderUnchanged_data();
    void readOnlyCommandsLeaveTheFolderUnchanged();

    // cli_test_bad_input.cpp: nothing written on bad input
    void badDatabasePathsFailWithoutWriting_data();
    void badDatabasePathsFailWithoutWriting();
    void usageErrorsFailWithOneLine_data();
    void usageErrorsFailWithOneLine();
    void badHexIsRefused();

    // cli_test_writing.cpp
    void binaryRoundTripThroughHex_data();
    void binaryRoundTripThroughHex();
    void argvBytesAreTakenAsIs();
    void writesAreRefusedWhenNotReadWrite();

    // cli_test_families_memory.cpp: column families, the memory backend
    void columnFamilies();
    void memoryBackend();
    void hybridOption();
    void memoryCompression();

    // cli_test_locks.cpp
    void lockOnAFreeLockAndClearLock();
    void lockHeldByALiveWriter();

    // cli_test_versions.cpp: version and help
    void versionAndHelp();

    // cli_test_files.cpp: export destinations, import inputs, values from files
    void exportRefusesWhatIsNotARegularFile_data();
    void exportRefusesWhatIsNotARegularFile();
    void exportOverwritesARegularFile();
    void importChecksItsInputBeforeCreatingTheDatabase_data();
    void importChecksItsInputBeforeCreatingTheDatabase();
    void importReadsAPipeOnce_data();
    void importReadsAPipeOnce();
    void importOfAFifoNobodyWritesToDoesNotWait();
    void putTakesTheValueFromAFileOrStdin();

    // cli_test_permissions.cpp: a LOCK that is not a file, folders this user may not read or write
    void writesRefuseALockThatIsNotAFile_data();
    void writesRefuseALockThatIsNotAFile();
    void lockSaysWhenTheFolderIsNotWritable_data();
    void lockSaysWhenTheFolderIsNotWritable();
    void lockSaysWhenTheFilesystemIsReadOnly();
    void permissionDeniedIsNotCalledNotADatabase_data();
    void permissionDeniedIsNotCalledNotADatabase();
};
