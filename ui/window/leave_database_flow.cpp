#include "ui/window/leave_database_flow.h"

#include "ui/common/async.h"

namespace meridian::ui {

LeaveDatabaseFlow::LeaveDatabaseFlow(Steps steps, QObject* parent) : QObject(parent), steps_(std::move(steps)) {}

bool LeaveDatabaseFlow::request(const std::function<void()>& next) {
    if (pending_) return false;  // a wait or a question is under way; it goes on from there
    return steps_.leaveEditor(next) && waitForWrites(next) && leaveMemory(next);
}

void LeaveDatabaseFlow::databaseChanged() {
    ++database_;
    pending_ = false;
    acceptedSequence_.reset();
}

bool LeaveDatabaseFlow::waitForWrites(const std::function<void()>& next) {
    const std::optional<Pending> write = steps_.pendingWrite();
    if (!write) return true;
    pending_ = true;
    emit waiting(write->waitingText);
    const quint64 database = database_;
    write->whenDone([this, next, database] {
        if (database != database_) return;  // another database now: nothing to go on with
        pending_ = false;
        next();  // asks again: by then nothing is being written
    });
    return false;
}

void LeaveDatabaseFlow::proceed(const std::function<void()>& next) {
    approved_ = true;
    next();
    approved_ = false;
}

bool LeaveDatabaseFlow::leaveMemory(const std::function<void()>& next) {
    if (approved_) return true;  // asked (or found nothing to save) just now: `next` is running
    const std::optional<QFuture<MemoryContents>> contents = steps_.memoryContents();
    if (!contents) return true;
    pending_ = true;
    const quint64 database = database_;
    // Writes queued before the request have landed (waitForWrites), so the
    // sequence read here covers them.
    onResult(*contents, this, [this, next, database](const MemoryContents& found) {
        if (database != database_) return;  // closed or replaced meanwhile
        pending_ = false;
        if (found.keys == 0 || acceptedSequence_ == found.sequence) return proceed(next);
        pending_ = true;  // one question at a time
        steps_.askAboutMemory(found, [this, next, database, sequence = found.sequence](MemoryAnswer answer) {
            if (database != database_) return;
            pending_ = false;
            if (answer == MemoryAnswer::Discard) {
                acceptedSequence_ = sequence;
                proceed(next);
            } else if (answer == MemoryAnswer::Save) {
                // Then `next` checks again, and asks again if keys were
                // written while the save ran.
                steps_.saveWholeDatabase(next);
            }
        });
    });
    return false;
}

}  // namespace meridian::ui
