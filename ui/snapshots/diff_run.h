// The Compare dialog's work off the UI thread: the diff itself, streamed in
// batches, and reading one key's two values back for the side-by-side panes.
//
// runDiff() is meant for StorageSession::runLong<DiffBatchPtr>(): it pins
// every live side to a snapshot it takes itself (one snapshot when both sides
// are live) and sends those in the first batch, so the values of any row can
// later be re-read exactly as the diff saw them. Then rows follow in batches
// of at most a few thousand, or every ~100 ms, each with the running counts;
// the last batch says how it ended. Rows beyond maxRows (or maxKeyBytes of
// keys) are counted but not sent. Cancelling the promise stops the walk
// within a few thousand keys (and drops results not yet delivered).
//
// Batches travel as shared pointers because a QFuture keeps every result it
// was given: the receiver moves the rows out, so the future holds only empty
// shells.
//
// Thread safety: both functions run on a worker; the types are plain values.
#pragma once

#include <QPromise>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>

#include "storage/transfer/diff.h"
#include "storage/storage.h"
#include "ui/snapshots/diff_model.h"

namespace meridian::ui {

inline constexpr std::size_t kMaxDiffRows = 1'000'000;
inline constexpr std::size_t kMaxDiffKeyBytes = std::size_t{256} << 20;
// How much of a value a diff pane shows.
inline constexpr qsizetype kDiffValueCap = 64 * 1024;

struct DiffRequest {
    std::string prefix;
    storage::SnapshotPtr before;  // null: the live data, pinned when the walk starts
    storage::SnapshotPtr after;   // null: the live data, pinned when the walk starts
    std::size_t maxRows = kMaxDiffRows;
    std::size_t maxKeyBytes = kMaxDiffKeyBytes;
};

struct DiffBatch {
    DiffRows rows;
    // First batch only: the two snapshots the walk reads (never null there).
    storage::SnapshotPtr before;
    storage::SnapshotPtr after;
    // Everything so far, including rows not sent because of the cap.
    std::uint64_t added = 0;
    std::uint64_t removed = 0;
    std::uint64_t changed = 0;
    std::uint64_t keysRead = 0;
    bool capped = false;  // some rows were not sent
    // Last batch only.
    bool last = false;
    storage::Status status;       // why it ended early (Cancelled, I/O, ...)
    storage::DiffSummary summary; // when status is ok
    double seconds = 0;           // how long the walk took
};
using DiffBatchPtr = std::shared_ptr<DiffBatch>;

void runDiff(QPromise<DiffBatchPtr>& promise, storage::Storage& storage, const DiffRequest& request);

// One side of a selected row, ready for a pane.
struct DiffValue {
    bool present = false;     // false: the key is absent on this side
    QString error;            // the read failed (present is false)
    qsizetype size = 0;       // the whole value, in bytes
    qsizetype shownBytes = 0; // how many of them `text` shows
    enum class Form { Text, Escaped, Hex };
    Form form = Form::Text;   // how `text` shows the bytes
    QString text;             // the bytes as text (printable UTF-8), escaped, or as a hex dump
    bool longLines = false;   // some line is long: wrap anywhere, not at words
};

struct DiffValues {
    DiffValue before;
    DiffValue after;
};

// Reads `key` from `family` (the family the diff ran on, whatever family
// `storage` is scoped to now) at both snapshots, and formats at most `cap`
// bytes of each value per `display` (Auto: text when printable, else escaped).
DiffValues readDiffValues(storage::Storage& storage, const std::string& family, const storage::SnapshotPtr& before,
                          const storage::SnapshotPtr& after, const std::string& key, storage::ByteDisplay display,
                          qsizetype cap = kDiffValueCap);

// A classic hex dump: offset, 16 bytes in hex, and the printable ASCII.
QString hexDump(const QByteArray& bytes);

}  // namespace meridian::ui
