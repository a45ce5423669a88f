// LeaveDatabaseFlow without a window: the order of the steps (unsaved edits,
// then writes in flight, then the in-memory question), one request at a
// time, what each answer does, and a new database dropping what was under way.
#include <QPromise>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <optional>

#include "ui/window/leave_database_flow.h"

using meridian::ui::LeaveDatabaseFlow;
using meridian::ui::MemoryContents;
using Answer = LeaveDatabaseFlow::MemoryAnswer;

namespace {

// A database as the flow sees it, every step scripted.
struct FakeWindow {
    bool editorClean = true;
    std::function<void()> editorRetry;  // set when the editor asked
    std::optional<QString> writeInFlight;
    std::function<void()> writeDone;    // set when the flow waits for it
    std::optional<MemoryContents> memory;  // nullopt: not an in-memory database
    int memoryQuestions = 0;
    std::function<void(Answer)> answer;     // set when asked about memory
    std::function<void()> afterSave;        // set when a save was asked for
    int steps = 0;                          // how many step hooks ran

    LeaveDatabaseFlow::Steps steps_() {
        LeaveDatabaseFlow::Steps s;
        s.leaveEditor = [this](std::function<void()> retry) {
            ++steps;
            if (editorClean) return true;
            editorRetry = std::move(retry);
            return false;
        };
        s.pendingWrite = [this]() -> std::optional<LeaveDatabaseFlow::Pending> {
            ++steps;
            if (!writeInFlight) return std::nullopt;
            return LeaveDatabaseFlow::Pending{*writeInFlight, [this](std::function<void()> done) { writeDone = std::move(done); }};
        };
        s.memoryContents = [this]() -> std::optional<QFuture<MemoryContents>> {
            ++steps;
            if (!memory) return std::nullopt;
            QPromise<MemoryContents> promise;
            promise.start();
            promise.addResult(*memory);
            promise.finish();
            return promise.future();
        };
        s.askAboutMemory = [this](const MemoryContents&, std::function<void(Answer)> answered) {
            ++memoryQuestions;
            answer = std::move(answered);
        };
        s.saveWholeDatabase = [this](std::function<void()> then) { afterSave = std::move(then); };
        return s;
    }
};

}  // namespace

class LeaveDatabaseFlowTest : public QObject {
    Q_OBJECT

private slots:
    void nothingInTheWayGoesOnNow() {
        FakeWindow w;
        LeaveDatabaseFlow flow(w.steps_());
        int ran = 0;
        QVERIFY(flow.request([&] { ++ran; }));
        QCOMPARE(ran, 0);  // the caller goes on itself
        QCOMPARE(w.steps, 3);
        QVERIFY(!flow.isPending());
    }

    void unsavedEditsComeFirst() {
        FakeWindow w;
        w.editorClean = false;
        w.writeInFlight = QStringLiteral("Waiting for edits to be written…");
        LeaveDatabaseFlow flow(w.steps_());
        int ran = 0;
        QVERIFY(!flow.request([&] { ++ran; }));
        QCOMPARE(w.steps, 1);  // nothing else was looked at yet
        QVERIFY(w.editorRetry);
        w.editorRetry();       // the user saved or discarded
        QCOMPARE(ran, 1);
    }

    void writesInFlightAreWaitedForOneRequestAtATime() {
        FakeWindow w;
        w.writeInFlight = QStringLiteral("Waiting for the save to disk to finish");
        LeaveDatabaseFlow flow(w.steps_());
        QSignalSpy waiting(&flow, &LeaveDatabaseFlow::waiting);
        int first = 0, second = 0;
        QVERIFY(!flow.request([&] { ++first; }));
        QVERIFY(flow.isPending());
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().first().toString(), *w.writeInFlight);
        QVERIFY(!flow.request([&] { ++second; }));  // refused while the wait is under way
        w.writeInFlight.reset();
        w.writeDone();
        QCOMPARE(first, 1);
        QCOMPARE(second, 0);
        QVERIFY(!flow.isPending());
    }

    void inMemoryKeysAreAskedAboutOnce() {
        FakeWindow w;
        w.memory = MemoryContents{3, 7};
        LeaveDatabaseFlow flow(w.steps_());
        int ran = 0;
        bool askedAgainInside = true;
        auto next = [&] {
            ++ran;
            askedAgainInside = !flow.request([] {});  // `next` asks again: answered yes at once
        };
        QVERIFY(!flow.request(next));
        QTRY_COMPARE(w.memoryQuestions, 1);  // after the keys were counted off the UI thread
        QVERIFY(flow.isPending());
        w.answer(Answer::Discard);
        QCOMPARE(ran, 1);
        QVERIFY(!askedAgainInside);
        QVERIFY(!flow.isPending());

        // Nothing written since: no question, the flow goes on by itself.
        QVERIFY(!flow.request(next));
        QTRY_COMPARE(ran, 2);
        QCOMPARE(w.memoryQuestions, 1);

        // Keys written since: asked again.
        w.memory = MemoryContents{4, 8};
        QVERIFY(!flow.request(next));
        QTRY_COMPARE(w.memoryQuestions, 2);
        QCOMPARE(ran, 2);
    }

    void anEmptyInMemoryDatabaseGoesWithoutAQuestion() {
        FakeWindow w;
        w.memory = MemoryContents{0, 12};
        LeaveDatabaseFlow flow(w.steps_());
        int ran = 0;
        QVERIFY(!flow.request([&] { ++ran; }));
        QTRY_COMPARE(ran, 1);
        QCOMPARE(w.memoryQuestions, 0);
    }

    void saveSavesThenGoesOnAndCancelStays() {
        FakeWindow w;
        w.memory = MemoryContents{2, 5};
        LeaveDatabaseFlow flow(w.steps_());
        int ran = 0;
        QVERIFY(!flow.request([&] { ++ran; }));
        QTRY_VERIFY(w.answer);
        w.answer(Answer::Cancel);
        QCOMPARE(ran, 0);
        QVERIFY(!w.afterSave);
        QVERIFY(!flow.isPending());  // another request may come

        w.answer = nullptr;
        QVERIFY(!flow.request([&] { ++ran; }));
        QTRY_VERIFY(w.answer);
        w.answer(Answer::Save);
        QCOMPARE(ran, 0);
        QVERIFY(w.afterSave);  // the save runs; only a successful one goes on
        flow.acceptMemoryAt(5);  // what the window does once the whole database was saved
        w.afterSave();
        QCOMPARE(ran, 1);
    }

    void aNewDatabaseDropsWhatWasUnderWay() {
        FakeWindow w;
        w.memory = MemoryContents{2, 5};
        LeaveDatabaseFlow flow(w.steps_());
        int ran = 0;
        QVERIFY(!flow.request([&] { ++ran; }));
        QTRY_VERIFY(w.answer);
        flow.databaseChanged();
        QVERIFY(!flow.isPending());
        w.answer(Answer::Discard);  // an answer about the old database
        QCOMPARE(ran, 0);

        // What was accepted for the old one does not carry over.
        flow.acceptMemoryAt(5);
        flow.databaseChanged();
        w.answer = nullptr;
        QVERIFY(!flow.request([&] { ++ran; }));
        QTRY_VERIFY(w.answer);
        QCOMPARE(w.memoryQuestions, 2);
    }
};

QTEST_GUILESS_MAIN(LeaveDatabaseFlowTest)
#include "leave_database_flow_test.moc"
