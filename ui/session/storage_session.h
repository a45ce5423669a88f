// StorageSession: the only bridge between the UI and storage.
//
// Every storage call runs on one of the session's own threads
// (ui/common/async.h) and comes back as a QFuture: quick reads (scan, get,
// listNamespace, read()) on its read lanes (read_lanes.h), catch-ups with a
// live writer on its catch-up lane (catch_up_lane.h), everything else (run(),
// stats, long work) on its pool. So a read never queues behind a catch-up or
// a long count. Receive results with onResult(future, this, ...): on the UI
// thread, from the event loop, dropped if the receiver is gone. The session
// never blocks the UI thread except in its destructor, which cancels long
// work (counts) and waits for what is in flight; each task checks for
// cancellation every few thousand keys, so that wait is short. A catch-up
// cannot be interrupted: closing waits for the one in flight (a fraction of a
// second when following closely; the first after a deferred open may take
// seconds).
//
// Lifetimes: tasks hold their own reference to the storage, so a task that
// outlives a column-family switch still reads the storage it started on.
//
// Read view: by default reads see the live data. setReadView() points every
// later read the session makes (scan, get, listNamespace, count, and
// readOptions() for run() work) at a snapshot instead, and makes the session
// not writable until clearReadView(). A snapshot covers every column family,
// so switching family keeps the view. The session holds the snapshot while it
// is the view.
//
// Thread safety: use a session from the UI thread only.
#pragma once

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>
#include <QString>
#include <QThreadPool>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/factory.h"
#include "storage/namespaces.h"
#include "storage/storage.h"
#include "ui/common/async.h"
#include "ui/session/read_lanes.h"

namespace meridian::ui {

class CatchUpLane;

class StorageSession : public QObject {
    Q_OBJECT
public:
    // Opens through the factory on a worker thread.
    static QFuture<storage::OpenResult> open(const QString& path, const storage::StorageConfig& config);

    StorageSession(storage::StoragePtr storage, storage::OpenReport report, QObject* parent = nullptr);
    ~StorageSession() override;

    const storage::OpenReport& report() const { return report_; }
    storage::StorageInfo info() const { return storage_->info(); }
    QString columnFamily() const { return QString::fromStdString(family_); }
    QStringList columnFamilies() const;
    // Scopes every later call to another column family. Returns false if absent.
    bool setColumnFamily(const QString& name);
    // False for read-only and followed databases, and while viewing a snapshot.
    bool isWritable() const;
    // The storage of the current column family, for work that must share
    // ownership of it (an import's undo keeps it). Reads through it ignore
    // the read view: pass readOptions().
    storage::StoragePtr storagePtr() const { return storage_; }

    // Reads from `snapshot` (named `name` for the UI) until clearReadView().
    void setReadView(storage::SnapshotPtr snapshot, const QString& name);
    void clearReadView();
    // The snapshot viewed got another name (nothing is read again).
    void renameReadView(const QString& name) {
        if (isViewingSnapshot()) viewName_ = name;
    }
    bool isViewingSnapshot() const { return read_.snapshot != nullptr; }
    QString readViewName() const { return viewName_; }
    // Pass these to reads inside run(): the live data, or the snapshot viewed.
    storage::ReadOptions readOptions() const { return read_; }

    QFuture<storage::Result<storage::ScanPage>> scan(storage::ScanRequest request);
    QFuture<storage::Result<std::string>> get(std::string key);
    // `after`: the child a previous listing ended with (the "more…" row).
    QFuture<storage::Result<storage::NamespaceListing>> listNamespace(
        std::string parent, char delimiter, std::size_t limit,
        std::optional<storage::NamespaceChild> after = std::nullopt);
    QFuture<storage::Stats> stats();  // on the pool: RocksDB's properties take its database mutex

    // Following live (a no-op returning Ok for other modes): a catch-up that
    // starts no earlier than this call, shared with requests made before it
    // started; the read lanes see its state once the future finished.
    QFuture<storage::Status> catchUp();
    // Keeps catching up in the background, `intervalMs` after each catch-up,
    // until stopFollowing() or the session ends. Each one emits caughtUp().
    void follow(int intervalMs = 1000);
    void stopFollowing();
    bool isFollowing() const;
    // Catch-ups finished so far (asked for or in the background).
    quint64 catchUpsFinished() const;
    bool isCatchingUp() const;

    // Finishes once every read queued on the read lanes before this call has
    // run (for checks that wait until the session is idle).
    QFuture<void> drainReads();

    // A quick read on the read lanes: `work(storage)` returns its result.
    // Pass readOptions() to the reads inside.
    template <class F>
    auto read(F&& work) -> QFuture<decltype(work(std::declval<storage::Storage&>()))> {
        return lanes_.run([s = storage_, work = std::forward<F>(work)]() mutable { return work(*s); });
    }
    // Exact count with progress (keys so far, as progressValue) and cancel.
    QFuture<storage::Result<std::uint64_t>> count(std::string prefix);

    // Any other work on the current storage.
    template <class F>
    auto run(F&& work) -> QFuture<decltype(work(std::declval<storage::Storage&>()))> {
        return runOn(&pool_, [s = storage_, work = std::forward<F>(work)]() mutable { return work(*s); });
    }

    // Long work with progress and cancel: `work(promise, storage)` runs on the
    // pool, reports through the QPromise<T> and adds its result there; it
    // should stop soon after promise.isCanceled(). cancelLongWork() and the
    // destructor cancel it. count() is built on this.
    template <class T, class F>
    QFuture<T> runLong(F&& work) {
        QFuture<T> future = runWithPromiseOn<T>(
            &pool_, [s = storage_, work = std::forward<F>(work)](QPromise<T>& promise) mutable { work(promise, *s); });
        longWork_.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
        longWork_.append(QFuture<void>(future));
        return future;
    }

    // A Job (ui/common/async.h) on the storage: `work(promise, storage,
    // outcome)` fills `outcome`, reports through the promise and stops soon
    // after promise.isCanceled(); cancelled with the session like runLong().
    template <class Outcome, class F>
    Job<Outcome> startJob(std::shared_ptr<Outcome> outcome, F&& work) {
        QFuture<void> future = runLong<void>([outcome, work = std::forward<F>(work)](
                                                 QPromise<void>& promise, storage::Storage& s) mutable {
            work(promise, s, *outcome);
        });
        return {future, std::move(outcome)};
    }

    // Cancels counts in flight.
    void cancelLongWork();

signals:
    void columnFamilyChanged(const QString& name);
    // setReadView() / clearReadView(): reads now come from elsewhere.
    void readViewChanged();
    // A catch-up with the writer finished (following live).
    void caughtUp(const storage::Status& status);

private:
    storage::StoragePtr root_;     // the column family the database was opened with
    storage::StoragePtr storage_;  // the current column family
    std::string family_;
    storage::OpenReport report_;
    storage::ReadOptions read_;
    QString viewName_;
    QThreadPool pool_;
    QList<QFuture<void>> longWork_;  // runLong() work, cancelled with the session
    ReadLanes lanes_;
    CatchUpLane* catchUps_;  // a child; destroyed (waiting for its catch-up) before the lanes
};

}  // namespace meridian::ui
