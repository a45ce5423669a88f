#include "ui/editor/edit_writer.h"

#include "ui/common/async.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

EditWriter::EditWriter(QObject* parent) : QObject(parent) {}

void EditWriter::setSession(StorageSession* session) {
    const bool wasBusy = isBusy();
    session_ = session;
    ++generation_;  // drops the result of whatever is in flight
    queue_.clear();
    runningDone_ = {};
    running_ = false;
    if (wasBusy) emit busyChanged(false);
}

StorageSession* EditWriter::session() const { return session_; }

void EditWriter::enqueue(const std::string& family, Work work, Done done) {
    const bool wasBusy = isBusy();
    queue_.push_back(Job{family, std::move(work), std::move(done)});
    if (!wasBusy) emit busyChanged(true);
    if (!running_) startNext();
}

void EditWriter::startNext() {
    if (queue_.empty()) {
        emit busyChanged(false);
        return;
    }
    Job job = std::move(queue_.front());
    queue_.pop_front();
    running_ = true;
    runningDone_ = std::move(job.done);
    const quint64 generation = generation_;
    if (!session_) {
        // Reported from the event loop like every other result.
        QMetaObject::invokeMethod(
            this, [this, generation] { finish(generation, storage::Status::readOnly("no database is open")); },
            Qt::QueuedConnection);
        return;
    }
    onResult(session_->run([family = std::move(job.family), work = std::move(job.work)](
                                              storage::Storage& s) {
                                auto target = s.columnFamily(family);
                                if (!target.ok()) return target.status();
                                return work(*target.value());
                            }),
                            this, [this, generation](storage::Status status) { finish(generation, status); });
}

void EditWriter::finish(quint64 generation, const storage::Status& status) {
    if (generation != generation_) return;  // the session changed meanwhile
    running_ = false;
    Done done = std::move(runningDone_);
    runningDone_ = {};
    if (!status.ok()) {
        // Stop the line: what was queued assumed this would work.
        std::deque<Job> dropped;
        dropped.swap(queue_);
        if (done) done(status);
        const auto why = storage::Status::cancelled("not written: an earlier edit failed (" + status.message() + ")");
        for (auto& job : dropped)
            if (job.done) job.done(why);
    } else if (done) {
        done(status);
    }
    if (generation != generation_) return;  // a callback changed the session
    if (!running_) startNext();
}

}  // namespace meridian::ui
