// The one home for work off the UI thread and its results back on it, in the
// spirit of Qt Creator's utils/async.h. Nothing else in ui/ calls
// QtConcurrent or makes a QFutureWatcher.
//
// Running:
//   runOn(pool, work)                      work() on `pool`; QFuture of its result
//   runWithPromiseOn<T>(pool, work)        work(QPromise<T>&): progress, results, cancel
//   startJob(pool, outcome, work)          work(QPromise<void>&, Outcome&): a Job
// `pool` is the caller's (a StorageSession's, so that closing it cancels and
// waits for its work) or backgroundPool() for work that belongs to no
// database: lock probes, opens, the demo database.
//
// Receiving, always on the UI thread, always from the event loop (never
// inside the caller's own call, even for a future that already finished),
// and never after `guard` is destroyed:
//   onResult(future, guard, apply[, cancelled])     apply(result), or cancelled()
//   onFinished(future, guard, done[, cancelled])     done() (QFuture<void> too)
//   onProgress(future, guard, report)                report(value, text) until it finishes
//   onResultsReady(future, guard, take)              take(begin, end): streamed results
//   onJobFinished(job, guard, done)                  done(outcome), cancelled or not
// Each watches with a QFutureWatcher owned by `guard`, so results for a guard
// that is gone are dropped with it. Not future.then(context, ...): Qt 6.4
// asserts that the context is still alive when the future finishes, which a
// widget closed while its read runs is not; and cancelling a future with a
// continuation attached walks freed futures in Qt 6.4.
//
// LatestOnly<T> keeps only the newest request's result (the user typed
// another path: the probe of the old one is dropped, not shown).
//
// Jobs: a Job's outcome is filled by the worker and complete once its future
// finished, cancelled or not. Qt drops a cancelled future's results, so work
// whose cancel can come too late to stop it (a save that wrote its last key,
// an import that finished) reports through the outcome instead.
//
// Thread safety: the on...() functions and LatestOnly are for the UI thread
// (the thread `guard` lives on); the run...() functions may be called from
// any thread.
//
// ThreadSanitizer (make tsan): Qt is not built with it, so it cannot see how
// QThreadPool hands a task to a pool thread, nor how a finished task or a
// progress report reaches the watcher on the UI thread; it would take every
// read across those hand-offs for a race. detail::TsanHandOff says what Qt
// guarantees, here where every hand-off passes; without -fsanitize=thread it
// is nothing. Work that reports progress text with setProgressValueAndText
// calls detail::TsanHandOff::toUiThread() first (KeysProgress does).
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define MERIDIAN_TSAN_HAND_OFF 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MERIDIAN_TSAN_HAND_OFF 1
#endif
#endif
#ifdef MERIDIAN_TSAN_HAND_OFF
extern "C" {
void __tsan_acquire(void* addr);
void __tsan_release(void* addr);
void __tsan_ignore_thread_begin();
void __tsan_ignore_thread_end();
}
#endif

namespace meridian::ui {

namespace detail {

// See the top of this file. One object lives while QtConcurrent builds and
// queues a task: what the calling thread did before happens before the task
// runs (taskStarts() is the other end), and the task object Qt builds is
// not recorded, since the pool thread only reads it after Qt handed it over.
class TsanHandOff {
public:
#ifdef MERIDIAN_TSAN_HAND_OFF
    TsanHandOff() {
        __tsan_release(&tasks_);
        __tsan_ignore_thread_begin();
    }
    ~TsanHandOff() { __tsan_ignore_thread_end(); }
    TsanHandOff(const TsanHandOff&) = delete;
    TsanHandOff& operator=(const TsanHandOff&) = delete;
    // First thing in a task, on the pool thread.
    static void taskStarts() { __tsan_acquire(&tasks_); }
    // On a pool thread, before Qt passes something to the UI thread: the end
    // of a task, a progress report.
    static void toUiThread() { __tsan_release(&toUi_); }
    // First thing in every callback on the UI thread.
    static void onUiThread() { __tsan_acquire(&toUi_); }

private:
    static inline char tasks_;
    static inline char toUi_;
#else
    TsanHandOff() {}  // not trivial: no unused-variable warning
    static void taskStarts() {}
    static void toUiThread() {}
    static void onUiThread() {}
#endif
};

// A task's work. Running it takes the hand-off first and gives what it did
// to the UI thread at its end; destroying it (on the pool thread, once Qt is
// done with the task, which a cancel may have kept from running) takes the
// hand-off first too.
template <class F>
class TsanTaskWork {
public:
    explicit TsanTaskWork(F work) : work_(std::move(work)) {}
    TsanTaskWork(TsanTaskWork&&) = default;
    TsanTaskWork& operator=(TsanTaskWork&&) = default;
    ~TsanTaskWork() { TsanHandOff::taskStarts(); }

    template <class... Args>
    decltype(auto) operator()(Args&&... args) {
        TsanHandOff::taskStarts();
        struct End {
            ~End() { TsanHandOff::toUiThread(); }
        } end;
        return work_(std::forward<Args>(args)...);
    }

private:
    F work_;
};

}  // namespace detail

// Two threads for work that belongs to no database.
QThreadPool* backgroundPool();

template <class F>
auto runOn(QThreadPool* pool, F&& work) {
    auto task = [work = detail::TsanTaskWork<std::decay_t<F>>(std::forward<F>(work))]() mutable { return work(); };
    const detail::TsanHandOff handOff;
    return QtConcurrent::run(pool, std::move(task));
}

template <class T, class F>
QFuture<T> runWithPromiseOn(QThreadPool* pool, F&& work) {
    auto task = [work = detail::TsanTaskWork<std::decay_t<F>>(std::forward<F>(work))](QPromise<T>& promise) mutable {
        work(promise);
    };
    const detail::TsanHandOff handOff;
    return QtConcurrent::run(pool, std::move(task));
}

namespace detail {

struct Ignore {
    void operator()() const {}
};

// A watcher owned by `guard`, gone once the future finished.
template <class T>
QFutureWatcher<T>* watcherFor(QObject* guard) {
    auto* watcher = new QFutureWatcher<T>(guard);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    return watcher;
}

}  // namespace detail

template <class T, class F, class C = detail::Ignore>
void onResult(const QFuture<T>& future, QObject* guard, F&& apply, C&& cancelled = {}) {
    static_assert(!std::is_void_v<T>, "a QFuture<void> has no result: use onFinished");
    auto* watcher = detail::watcherFor<T>(guard);
    QObject::connect(watcher, &QFutureWatcherBase::finished, guard,
                     [watcher, apply = std::forward<F>(apply), cancelled = std::forward<C>(cancelled)]() mutable {
                         detail::TsanHandOff::onUiThread();
                         if (watcher->isCanceled() || watcher->future().resultCount() == 0) cancelled();
                         else apply(watcher->future().result());
                     });
    watcher->setFuture(future);
}

template <class T, class F, class C = detail::Ignore>
void onFinished(const QFuture<T>& future, QObject* guard, F&& done, C&& cancelled = {}) {
    auto* watcher = detail::watcherFor<T>(guard);
    QObject::connect(watcher, &QFutureWatcherBase::finished, guard,
                     [watcher, done = std::forward<F>(done), cancelled = std::forward<C>(cancelled)]() mutable {
                         detail::TsanHandOff::onUiThread();
                         if (watcher->isCanceled()) cancelled();
                         else done();
                     });
    watcher->setFuture(future);
}

template <class T, class F>
void onProgress(const QFuture<T>& future, QObject* guard, F&& report) {
    auto* watcher = detail::watcherFor<T>(guard);
    auto shared = std::make_shared<std::decay_t<F>>(std::forward<F>(report));
    QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, guard, [watcher, shared](int value) {
        detail::TsanHandOff::onUiThread();
        (*shared)(value, watcher->progressText());
    });
    QObject::connect(watcher, &QFutureWatcherBase::progressTextChanged, guard, [watcher, shared](const QString& text) {
        detail::TsanHandOff::onUiThread();
        (*shared)(watcher->progressValue(), text);
    });
    watcher->setFuture(future);
}

template <class T, class F>
void onResultsReady(const QFuture<T>& future, QObject* guard, F&& take) {
    auto* watcher = detail::watcherFor<T>(guard);
    QObject::connect(watcher, &QFutureWatcherBase::resultsReadyAt, guard,
                     [take = std::forward<F>(take)](int begin, int end) mutable {
                         detail::TsanHandOff::onUiThread();
                         take(begin, end);
                     });
    watcher->setFuture(future);
}

// Only the result of the newest future watched through it is applied.
template <class T>
class LatestOnly {
public:
    template <class F>
    void watch(const QFuture<T>& future, QObject* guard, F&& apply) {
        const quint64 mine = ++generation_;
        onResult(future, guard, [this, mine, apply = std::forward<F>(apply)](T result) mutable {
            if (mine == generation_) apply(std::move(result));
        });
    }
    // What is in flight will not be applied.
    void drop() { ++generation_; }

private:
    quint64 generation_ = 0;
};

template <class Outcome>
struct Job {
    QFuture<void> future;              // progress and cancel
    std::shared_ptr<Outcome> outcome;  // complete once the future finished
};

template <class Outcome, class F>
Job<Outcome> startJob(QThreadPool* pool, std::shared_ptr<Outcome> outcome, F&& work) {
    QFuture<void> future = runWithPromiseOn<void>(
        pool, [outcome, work = std::forward<F>(work)](QPromise<void>& promise) mutable { work(promise, *outcome); });
    return {future, std::move(outcome)};
}

template <class Outcome, class F>
void onJobFinished(const Job<Outcome>& job, QObject* guard, F&& done) {
    auto finished = [outcome = job.outcome, done = std::forward<F>(done)]() mutable { done(*outcome); };
    auto shared = std::make_shared<decltype(finished)>(std::move(finished));
    onFinished(job.future, guard, [shared] { (*shared)(); }, [shared] { (*shared)(); });
}

}  // namespace meridian::ui
