// EditWriter: the editor's writes to storage, one at a time, in the order
// they were asked for.
//
// Every job runs on the StorageSession's pool (the UI thread never waits) and
// against the column family it names, whatever family the session shows by
// then. Jobs never overlap: the next starts only after the previous one's
// result came back to the UI thread, so an undo queued behind a save is
// applied after it, and a job may rely on what earlier jobs recorded.
//
// A job that fails stops the line: the jobs queued behind it are not run
// (their `done` gets a status saying why), because they were asked for on
// the assumption that it would work.
//
// `done` runs on the UI thread, from the event loop (never inside enqueue()).
// Changing the session drops queued jobs without calling them; the result of
// a job already running on the old session is dropped too.
//
// UI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>
#include <functional>
#include <string>

#include "storage/storage.h"

namespace meridian::ui {

class StorageSession;

class EditWriter : public QObject {
    Q_OBJECT
public:
    using Work = std::function<storage::Status(storage::Storage&)>;
    using Done = std::function<void(const storage::Status&)>;

    explicit EditWriter(QObject* parent = nullptr);

    void setSession(StorageSession* session);
    StorageSession* session() const;

    // Queues `work` against column family `family`.
    void enqueue(const std::string& family, Work work, Done done);

    // A job is queued or running.
    bool isBusy() const { return running_ || !queue_.empty(); }

signals:
    void busyChanged(bool busy);

private:
    struct Job {
        std::string family;
        Work work;
        Done done;
    };
    void startNext();
    void finish(quint64 generation, const storage::Status& status);

    QPointer<StorageSession> session_;
    std::deque<Job> queue_;
    Done runningDone_;
    bool running_ = false;
    quint64 generation_ = 0;
};

}  // namespace meridian::ui
