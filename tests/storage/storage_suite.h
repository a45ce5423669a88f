// The Storage interface suite: written once against storage::Storage and run
// unchanged against every backend (in the spirit of Okteta's interface
// tests). Each test gets a fresh, empty storage from the factory.
//
// The slots are implemented by area in storage_suite.cpp (basic operations,
// batches, info), storage_suite_scan.cpp (prefix queries, cursor paging,
// binary safety), storage_suite_reverse.cpp (backward scans and seeks),
// storage_suite_namespaces.cpp (inclusive start keys,
// namespace listing), storage_suite_keyspace.cpp (keys and bytes per
// namespace), storage_suite_snapshots.cpp (snapshots, count, column
// families, stats) and storage_suite_concurrency.cpp (threads and the
// brute-force model).
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/storage.h"

namespace meridian::test {

// Pages through scan() `limit` entries at a time, following nextCursor until
// it is unset (`backward`: from the last key down, through `before`). Fails
// (InvalidArgument) if the pages do not advance, a cursor is not its page's
// last key, or a page is larger than `limit`. `pages` receives the number of
// pages read.
storage::Result<std::vector<storage::Entry>> scanAll(const storage::Storage& store, const std::string& prefix,
                                                     std::size_t limit, const storage::ReadOptions& read = {},
                                                     std::size_t* pages = nullptr, bool keysOnly = false,
                                                     bool backward = false);

class StorageSuite : public QObject {
    Q_OBJECT

public:
    // Makes a fresh, empty, read-write storage (null on failure).
    using Factory = std::function<storage::StoragePtr()>;

    StorageSuite(QString backend, storage::Backend expected, Factory factory, QObject* parent = nullptr);
    // A hybrid store (storage/hybrid): info() says which side is live, and it
    // is saved to disk either way. `expected` unset: it may be either side
    // (a store crossing its threshold during the tests).
    static StorageSuite* hybrid(QString name, std::optional<storage::Backend> expected, Factory factory,
                                QObject* parent = nullptr);

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // Basic operations and batches.
    void putThenGetReturnsTheValue();
    void absentKeyIsNotFound();
    void overwriteReplacesTheValue();
    void removeDeletesTheKey();
    void removeOfAnAbsentKeyIsHarmless();
    void batchAppliesPutsAndDeletesTogether();
    void batchAppliesOperationsInOrder();
    void emptyBatchChangesNothing();
    void syncWritesAreVisible();
    void infoDescribesTheBackend();
    void infoDescribesTheHybridState();

    // Prefix queries, cursor paging, binary safety.
    void prefixReturnsOnlyMatchingKeysInOrder();
    void prefixEndingInFFIncludesAllItsKeys();
    void emptyPrefixReturnsEverything();
    void scanPagesReassembleTheFullList_data();
    void scanPagesReassembleTheFullList();
    void scanCursorIsUnsetOnTheLastPage();
    void scanAfterBeforeThePrefixStartsAtThePrefix();
    void scanAfterPastThePrefixIsEmpty();
    void scanKeysOnlyLeavesValuesEmpty();
    void binaryKeysAndValuesRoundTrip();
    void largeValueRoundTripsByteExactly();

    // Inclusive start keys and namespace listing (storage_suite_namespaces.cpp).
    void scanStartAtIsInclusive();
    void scanStartAtIsIgnoredWithAfter();
    void scanStartAtPagesOnWithTheCursor();

    // Backward scans and seeks (storage_suite_reverse.cpp).
    void reverseListsThePrefixDescending();
    void reversePagesReassembleTheFullList_data();
    void reversePagesReassembleTheFullList();
    void reverseBeforeIsStrictAndClamped();
    void reverseStartAtIsInclusive();
    void reverseAtTheEdgesOfTheKeySpace();
    void reverseReadsASnapshot();

    // Positions in the key space (storage_suite_position.cpp).
    void positionFollowsTheKeysRank();
    void estimatedPositionsStayInOrder();
    void positionOfNothingIsUnknown();
    void namespaceListsImmediateChildren();
    void namespaceKeepsLeafAndGroupApart();
    void namespaceIsTruncatedAtTheLimit();
    void namespaceSeeksPastGroups();
    void namespaceResumesAfterAChild();
    void namespaceHandlesBinaryDelimitersAndSnapshots();

    // Keyspace at a glance (storage_suite_keyspace.cpp).
    void keyspaceCountsGroupsLooseAndLargest();
    void keyspaceKeepsTheLargestGroupsOnly();
    void keyspaceIsBinarySafe();
    void keyspaceCanBeCancelled();
    void keyspaceReadsOneMoment();
    void keyspaceEstimateOfAFewKeysIsExact();

    // Snapshots, count, column families, stats.
    void snapshotIgnoresLaterPuts();
    void snapshotIgnoresLaterDeletesAndBatches();
    void snapshotIgnoresRecreatedKeys();
    void severalSnapshotsEachKeepTheirMoment();
    void releasingSnapshotsKeepsTheStorageCorrect();
    void snapshotFromAnotherStorageIsRejected();
    void snapshotSequencesIncreaseWithWrites();
    void countMatchesTheKeysUnderAPrefix();
    void countReportsProgress();
    void countCanBeCancelled();
    void columnFamiliesListDefaultFirst();
    void columnFamiliesAreIsolated();
    void missingColumnFamilyIsNotFound();
    void statsEstimateTheKeyCount();

    // Threads and the brute-force model.
    void concurrentWritersAndReaders();
    void batchesAreNeverTornForSnapshotReaders();
    void listingsAreNeverTornByConcurrentBatches();
    void concurrentSnapshotsAndColumnFamilies();
    void randomOperationsMatchAModel_data();
    void randomOperationsMatchAModel();

private:
    QString backend_;
    storage::Backend expected_;
    bool hybrid_ = false;
    std::optional<storage::Backend> hybridExpected_;
    Factory factory_;
    storage::StoragePtr store_;
};

}  // namespace meridian::test
