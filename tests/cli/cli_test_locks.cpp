// CliTest slots (see cli_test.h): locks. `lock` and `clear-lock` on a free
// LOCK, and beside a live writer (this test process), where reading is
// refused but following live works.
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli_test.h"
#include "storage/factory.h"

using namespace meridian::test;

void CliTest::lockOnAFreeLockAndClearLock() {
    const QString db = makeSmallDatabase("lock-free");
    QVERIFY(!db.isEmpty());
    QVERIFY2(QFile::exists(db + "/LOCK"), "ldb should have left its LOCK behind");

    const Ran lock = meridianDb({"lock", "--json", db});
    VERIFY_OK(lock);
    QJsonParseError error;
    const QJsonObject d = QJsonDocument::fromJson(lock.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    for (const char* field : {"state", "pid", "process", "command_line", "path", "lock_path", "advice",
                              "explanation"})
        QVERIFY2(d.contains(field), field);
    QCOMPARE(d.value("state").toString(), QString("free"));
    QVERIFY(d.value("pid").isNull());
    QCOMPARE(d.value("lock_path").toString(), QFileInfo(db).absoluteFilePath() + "/LOCK");

    const Ran cleared = meridianDb({"clear-lock", db});
    VERIFY_OK(cleared);
    QVERIFY(!cleared.out.isEmpty());
    QVERIFY2(!QFile::exists(db + "/LOCK"), "clear-lock left the free LOCK in place");

    const Ran none = meridianDb({"lock", db});
    VERIFY_OK(none);
    QVERIFY2(none.out.startsWith("state: no-lock-file\n"), none.out.constData());
    // Nothing left to clear: refused, one line.
    VERIFY_FAILS_CLEANLY(meridianDb({"clear-lock", db}));
    // The database still opens.
    QCOMPARE(meridianDb({"get", db, "seed"}).out, QByteArray("1\n"));
}

void CliTest::lockHeldByALiveWriter() {
    const QString db = makeSmallDatabase("lock-held");
    QVERIFY(!db.isEmpty());
    // This test process is the live writer.
    auto writer = meridian::storage::createStorage(
        db.toStdString(), meridian::storage::StorageConfig{}.withEnvironment(false));
    QVERIFY2(writer.ok(), writer.status.message().c_str());
    QVERIFY(writer.storage->put("written-live", "fresh").ok());

    const Ran lock = meridianDb({"lock", "--json", db});
    QVERIFY2(lock.code > 0, "lock must exit non-zero while a writer holds the database");
    QCOMPARE(linesOf(lock.err).size(), 1);
    const QJsonObject d = QJsonDocument::fromJson(lock.out).object();
    QCOMPARE(d.value("state").toString(), QString("held-by-other-process"));
    QCOMPARE(d.value("pid").toInteger(), QCoreApplication::applicationPid());

    const Ran clear = meridianDb({"clear-lock", db});
    VERIFY_FAILS_CLEANLY(clear);
    QVERIFY(QFile::exists(db + "/LOCK"));

    // Read-only beside a live writer is unsafe: refused, pointing at --secondary ...
    const Ran readOnly = meridianDb({"scan", db});
    VERIFY_FAILS_CLEANLY(readOnly);
    QVERIFY2(readOnly.err.contains("--secondary"), readOnly.err.constData());
    VERIFY_FAILS_CLEANLY(meridianDb({"put", db, "k", "v"}));
    // ... which works, and sees what the writer wrote.
    const Ran following = meridianDb({"get", "--secondary", db, "written-live"});
    VERIFY_OK(following);
    QCOMPARE(following.out, QByteArray("fresh\n"));
}
