// LeaveDatabaseFlow: what stands between the user and closing, replacing or
// quitting the open database, dealt with in order:
//   1. unsaved value edits: the editor asks to save or discard them;
//   2. writes in flight (a save to disk, edits still queued): wait for them,
//      saying so, since closing would cancel them;
//   3. an in-memory database holding keys not saved since: ask to save it
//      to disk first, discard them, or stay.
// One entry point: request(next). It returns true when nothing stands in the
// way (the caller goes on now, and `next` is not called); otherwise it deals
// with what does, returns false, and calls `next` once the user chose to go
// on. `next` is the caller asking again, so every step is checked afresh:
// keys written while a save ran are asked about again.
//
// The flow holds no widgets and no storage: what it needs of the window
// comes in as Steps, so that it can be tested without one.
//
// While a wait or a question is under way, further requests are refused
// (false, and their `next` is dropped): the one under way goes on. A new
// database (databaseChanged()) forgets what was agreed and drops what is
// under way.
//
// UI thread only.
#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

#include "ui/snapshots/disk_save.h"

namespace meridian::ui {

class LeaveDatabaseFlow : public QObject {
    Q_OBJECT
public:
    enum class MemoryAnswer { Save, Discard, Cancel };

    // Work in flight that must finish before the database may go.
    struct Pending {
        QString waitingText;                                // "Waiting for edits to be written…"
        std::function<void(std::function<void()>)> whenDone;  // calls its argument once it finished
    };

    struct Steps {
        // 1. True when no unsaved value edit is in the way; otherwise asks,
        //    returns false, and calls `retry` if the user saved or discarded.
        std::function<bool(std::function<void()> retry)> leaveEditor;
        // 2. The write still in flight, if any.
        std::function<std::optional<Pending>()> pendingWrite;
        // 3. For an in-memory database, its keys and sequence, read off the
        //    UI thread; nullopt for any other database.
        std::function<std::optional<QFuture<MemoryContents>>()> memoryContents;
        //    Asks about `contents`; calls `answered` once.
        std::function<void(const MemoryContents& contents, std::function<void(MemoryAnswer)> answered)> askAboutMemory;
        //    Saves the whole database to a folder the user picks; calls
        //    `then` after a successful save only.
        std::function<void(std::function<void()> then)> saveWholeDatabase;
    };

    explicit LeaveDatabaseFlow(Steps steps, QObject* parent = nullptr);

    bool request(const std::function<void()>& next);
    bool isPending() const { return pending_; }

    // Another database (or none) is open now.
    void databaseChanged();
    // The in-memory database as it is at `sequence` was saved, or its loss
    // accepted: closing it asks again only after later writes.
    void acceptMemoryAt(std::uint64_t sequence) { acceptedSequence_ = sequence; }

signals:
    // Waiting for writes before going on.
    void waiting(const QString& text);

private:
    bool waitForWrites(const std::function<void()>& next);
    bool leaveMemory(const std::function<void()>& next);
    // Runs `next` with the in-memory step answered yes.
    void proceed(const std::function<void()>& next);

    Steps steps_;
    bool pending_ = false;   // a wait or a question is under way
    bool approved_ = false;  // set only while an approved `next` runs
    quint64 database_ = 0;   // bumped by databaseChanged(): answers for an older one are dropped
    std::optional<std::uint64_t> acceptedSequence_;
};

}  // namespace meridian::ui
