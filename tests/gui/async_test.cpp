// ui/common/async.h: results come on the UI thread from the event loop, never
// inside the caller's call, never after the guard is gone; cancelled work
// says so; only the newest of LatestOnly's requests is applied; a Job's
// outcome survives a cancel that came too late.
#include <QPromise>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

#include "ui/common/async.h"

using namespace meridian::ui;

namespace {

QFuture<int> finished(int value) {
    QPromise<int> promise;
    promise.start();
    promise.addResult(value);
    promise.finish();
    return promise.future();
}

}  // namespace

class AsyncTest : public QObject {
    Q_OBJECT

    // Handles every event posted so far, the futures' watcher events among them.
    static void settle() {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    }

private slots:
    void resultsComeFromTheEventLoopOnTheUiThread() {
        QObject guard;
        int got = 0;
        QThread* on = nullptr;
        onResult(runOn(backgroundPool(), [] { return 42; }), &guard, [&](int v) {
            got = v;
            on = QThread::currentThread();
        });
        QTRY_COMPARE(got, 42);
        QCOMPARE(on, QThread::currentThread());

        // A future that already finished is not delivered inside the call either.
        onResult(finished(7), &guard, [&](int v) { got = v; });
        QCOMPARE(got, 42);
        QTRY_COMPARE(got, 7);
    }

    void nothingArrivesAfterTheGuardIsGone() {
        auto guard = std::make_unique<QObject>();
        QSemaphore go;
        bool applied = false;
        QFuture<int> work = runOn(backgroundPool(), [&go] {
            go.acquire();
            return 1;
        });
        onResult(work, guard.get(), [&](int) { applied = true; });
        guard.reset();
        go.release();
        work.waitForFinished();
        settle();  // whatever the finish posted has been handled
        QVERIFY(!applied);
    }

    void cancelledWorkSaysSo() {
        QObject guard;
        QSemaphore started, go;
        bool applied = false, cancelled = false, done = false, doneCancelled = false;
        QFuture<int> future = runWithPromiseOn<int>(backgroundPool(), [&](QPromise<int>& promise) {
            started.release();
            go.acquire();
            if (!promise.isCanceled()) promise.addResult(1);
        });
        onResult(future, &guard, [&](int) { applied = true; }, [&] { cancelled = true; });
        onFinished(future, &guard, [&] { done = true; }, [&] { doneCancelled = true; });
        started.acquire();
        future.cancel();
        go.release();
        QTRY_VERIFY(cancelled);
        QTRY_VERIFY(doneCancelled);
        QVERIFY(!applied);
        QVERIFY(!done);
    }

    void progressAndStreamedResultsArrive() {
        QObject guard;
        QString lastText;
        int streamed = 0;
        bool finishedAll = false;
        QFuture<int> future = runWithPromiseOn<int>(backgroundPool(), [](QPromise<int>& promise) {
            promise.setProgressRange(0, 0);
            for (int i = 1; i <= 5; ++i) {
                QThread::msleep(60);  // Qt passes on at most 25 progress reports a second
                promise.setProgressValueAndText(i, QString::number(i * 100));
                promise.addResult(i);
            }
        });
        onProgress(future, &guard, [&](int, const QString& text) { lastText = text; });
        onResultsReady(future, &guard, [&](int begin, int end) { streamed += end - begin; });
        onFinished(future, &guard, [&] { finishedAll = true; });
        QTRY_VERIFY(finishedAll);
        QTRY_COMPARE(streamed, 5);
        QTRY_COMPARE(lastText, QStringLiteral("500"));
    }

    void onlyTheNewestRequestIsApplied() {
        QObject guard;
        LatestOnly<int> latest;
        QList<int> applied;
        QSemaphore slowGo;
        QFuture<int> slow = runOn(backgroundPool(), [&slowGo] {
            slowGo.acquire();
            return 1;  // the request the user typed over
        });
        latest.watch(slow, &guard, [&](int v) { applied << v; });
        latest.watch(finished(2), &guard, [&](int v) { applied << v; });
        QTRY_COMPARE(applied, QList<int>{2});
        slowGo.release();
        slow.waitForFinished();
        settle();  // the old one finished and was dropped
        QCOMPARE(applied, QList<int>{2});
        latest.watch(finished(3), &guard, [&](int v) { applied << v; });
        latest.drop();
        settle();
        QCOMPARE(applied, QList<int>{2});
    }

    void aJobsOutcomeSurvivesALateCancel() {
        struct Outcome {
            bool wroteEverything = false;
        };
        QObject guard;
        QSemaphore started, go;
        Job<Outcome> job = startJob(backgroundPool(), std::make_shared<Outcome>(),
                                    [&](QPromise<void>&, Outcome& outcome) {
                                        started.release();
                                        go.acquire();
                                        outcome.wroteEverything = true;  // too late to stop: it is done
                                    });
        std::optional<bool> reported;
        onJobFinished(job, &guard, [&](const Outcome& outcome) { reported = outcome.wroteEverything; });
        started.acquire();
        job.future.cancel();
        go.release();
        QTRY_VERIFY(reported.has_value());
        QVERIFY(*reported);
    }
};

QTEST_GUILESS_MAIN(AsyncTest)
#include "async_test.moc"
