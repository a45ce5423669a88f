// Saving to disk from the GUI: what to save, and the save itself off the UI
// thread.
//
// saveToDisk(): with no snapshot, a RocksDB database opened read-write or
// read-only is saved as a checkpoint (hard links, fast whatever the size);
// anything else (a snapshot of either backend, an in-memory database, a
// database followed live) is streamed into a new RocksDB database in batches,
// with progress (keys copied, in the future's progress text) and cancel.
// Every column family is saved. The destination must not exist or be an
// empty folder; a failure or cancel leaves nothing behind (storage/copy.h).
//
// memoryContents(): for the question on closing an in-memory database: how
// many keys it holds in all column families, and the sequence number it is
// at, to compare with the one saved (a save records the sequence it saved;
// nothing changed since when they are equal).
//
// UI thread only; results come back through the returned futures.
#pragma once

#include <QFuture>
#include <QString>

#include <cstdint>
#include <memory>

#include "storage/storage.h"
#include "storage/transfer/export_import.h"
#include "ui/common/async.h"

namespace meridian::ui {

class StorageSession;

struct SaveOutcome {
    bool ran = false;                  // false: cancelled before it started
    storage::Status status;
    storage::TransferSummary summary;  // keys and bytes copied (0 for a checkpoint), seconds
    bool checkpoint = false;           // saved with rocksdb::Checkpoint
    std::uint64_t sequence = 0;        // the sequence number saved
};

// True when saveToDisk(session, nullptr, ...) makes a checkpoint.
bool savesAsCheckpoint(const StorageSession& session);

// A Job (ui/common/async.h): its outcome is complete once the future
// finished, cancelled or not, so a cancel that comes after the last key,
// leaving a saved database, is reported as the save it was.
using SaveJob = Job<SaveOutcome>;
SaveJob saveToDisk(StorageSession& session, storage::SnapshotPtr snapshot, const QString& destination);

struct MemoryContents {
    std::uint64_t keys = 0;
    std::uint64_t sequence = 0;
};
QFuture<MemoryContents> memoryContents(StorageSession& session);

// "Saved 115,000 keys (12.3 MB) to /path in 0.84 s" and the like.
QString describeSave(const SaveOutcome& outcome, const QString& destination);

}  // namespace meridian::ui
