// For GUI checks that something does NOT happen: first wait until the work
// that could make it happen is over, then check. Storage work runs on the
// session's pool and comes back to the UI thread later (onResult,
// ui/common/async.h); a fixed wait can pass while such a late result is
// still on its way.
#pragma once

#include <QObject>
#include <QString>
#include <QTest>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "ui/session/storage_session.h"

namespace meridian::test {

// Waits until every task `session` started before this call has finished and
// what those tasks deliver to the UI thread has been applied. "" when so,
// else what went wrong.
//
// How: first any catch-up in flight ends and the read lanes run everything
// queued on them (StorageSession::drainReads). Then marker tasks fill the
// session's pool and wait there for each other.
// The pool starts tasks in the order they came, so once every thread runs a
// marker, no earlier task is still running, and each had posted its delivery
// before its thread took a marker. The markers' own deliveries are posted
// after those and applied after them: when they arrive, the earlier ones are
// done.
inline QString waitForSessionIdle(ui::StorageSession* session, int timeoutMs = 20000) {
    if (!session) return QStringLiteral("no session");
    if (!QTest::qWaitFor([session] { return !session->isCatchingUp(); }, timeoutMs))
        return QStringLiteral("a catch-up with the writer went on for %1 ms").arg(timeoutMs);
    {
        QObject context;
        bool drained = false;
        ui::onFinished(session->drainReads(), &context, [&drained] { drained = true; });
        if (!QTest::qWaitFor([&drained] { return drained; }, timeoutMs))
            return QStringLiteral("the session's read lanes did not finish their work within %1 ms").arg(timeoutMs);
    }
    constexpr int kThreads = 2;  // StorageSession's pool (ui/session/storage_session.cpp)
    struct Meeting {
        std::mutex mutex;
        std::condition_variable allThere;
        int arrived = 0;
    };
    auto meeting = std::make_shared<Meeting>();
    QObject context;
    int delivered = 0;
    bool met = true;
    for (int i = 0; i < kThreads; ++i) {
        auto marker = session->run([meeting, timeoutMs](storage::Storage&) {
            std::unique_lock lock(meeting->mutex);
            ++meeting->arrived;
            meeting->allThere.notify_all();
            return meeting->allThere.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                              [&] { return meeting->arrived >= kThreads; });
        });
        ui::onResult(marker, &context, [&delivered, &met](bool allThere) {
            ++delivered;
            met = met && allThere;
        });
    }
    if (!QTest::qWaitFor([&] { return delivered == kThreads; }, 2 * timeoutMs))
        return QStringLiteral("the session's pool did not finish its work within %1 ms").arg(2 * timeoutMs);
    if (!met) return QStringLiteral("the session's pool stayed busy for %1 ms").arg(timeoutMs);
    return {};
}

}  // namespace meridian::test

// Fails unless the session became idle (see waitForSessionIdle).
#define MERIDIAN_WAIT_SESSION_IDLE(session)                                      \
    do {                                                                         \
        const QString sessionIdleError_ = ::meridian::test::waitForSessionIdle(session); \
        QVERIFY2(sessionIdleError_.isEmpty(), qPrintable(sessionIdleError_));    \
    } while (false)
