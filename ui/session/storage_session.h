// StorageSession: the only bridge between the UI and storage.
//
// Every storage call runs on the session's own QThreadPool (ui/common/async.h)
// and comes back as a QFuture. Receive results with onResult(future, this,
// ...): on the UI thread, from the event loop, dropped if the receiver is
// gone. The session never blocks the UI thread
// except in its destructor, which cancels long work (counts) and waits for
// what is in flight; each task checks for cancellation every few thousand
// keys, so that wait is short.
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
#include <string>
#include <vector>

#include "storage/factory.h"
#include "storage/namespaces.h"
#include "storage/storage.h"
#include "ui/common/async.h"

namespace meridian::ui {

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
    QFuture<storage::Result<storage::NamespaceListing>> listNamespace(std::string parent, char delimiter,
                                                                      std::size_t limit);
    QFuture<storage::Stats> stats();
    QFuture<storage::Status> catchUp();
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

private:
    storage::StoragePtr root_;     // the column family the database was opened with
    storage::StoragePtr storage_;  // the current column family
    std::string family_;
    storage::OpenReport report_;
    storage::ReadOptions read_;
    QString viewName_;
    QThreadPool pool_;
    QList<QFuture<void>> longWork_;  // runLong() work, cancelled with the session
};

}  // namespace meridian::ui
