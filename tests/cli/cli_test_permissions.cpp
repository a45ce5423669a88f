// CliTest slots (see cli_test.h): files and folders the user may not (or
// must not) write. A LOCK that is not a regular file stops every write
// command before RocksDB follows it; `lock` tells a folder it cannot write
// from a free lock; a folder this user may not read is "permission denied",
// not "not a database".
//
// File modes do not bind root: when the test runs as root (as in CI), the
// commands whose outcome depends on permissions run as the user nobody
// (cli_test_support.h), on files made to belong to nobody where the test
// needs the runner to own them.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include "cli_test.h"
#include "tests/support/folders.h"

using namespace meridian::test;

namespace {

QByteArray path8(const QString& path) { return QFile::encodeName(path); }

bool exists(const QString& path) {  // without following a symlink
    struct stat st {};
    return ::lstat(path8(path).constData(), &st) == 0;
}

bool setMode(const QString& path, mode_t mode) { return ::chmod(path8(path).constData(), mode) == 0; }

// Gives `root` and everything below it to the user meridianDbUnprivileged()
// runs as (nobody when this test runs as root; nothing to do otherwise).
bool giveToRunner(const QString& root) {
    if (!testRunsAsRoot()) return true;
    bool ok = ::lchown(path8(root).constData(), kNobody, kNobody) == 0;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) ok = ::lchown(path8(it.next()).constData(), kNobody, kNobody) == 0 && ok;
    return ok;
}

// A folder every user may enter, for databases the unprivileged runner opens;
// its modes are put back on destruction, so that it can be removed.
class OpenArea {
public:
    OpenArea() { ::chmod(path8(dir_.path()).constData(), 0755); }
    ~OpenArea() {
        for (const QString& folder : restore_) setMode(folder, 0755);
    }
    OpenArea(const OpenArea&) = delete;
    OpenArea& operator=(const OpenArea&) = delete;
    bool isValid() const { return dir_.isValid(); }
    QString filePath(const QString& name) const { return dir_.filePath(name); }
    // chmod that is undone (to 0755) when the area goes.
    bool chmodFolder(const QString& folder, mode_t mode) {
        restore_ << folder;
        return setMode(folder, mode);
    }

private:
    QTemporaryDir dir_;
    QStringList restore_;
};

// Empty when meridian-db runs as the unprivileged user; else why not (the
// build folder may be closed to nobody).
QString unprivilegedRunProblem() {
    const Ran ran = meridianDbUnprivileged({"--version"});
    if (ran.code == 0) return {};
    return QStringLiteral("meridian-db cannot run as the user nobody here (exit %1: %2); the build folder must be "
                          "readable by every user for this test when it runs as root")
        .arg(ran.code)
        .arg(QString::fromUtf8(ran.err.trimmed()));
}

}  // namespace

void CliTest::writesRefuseALockThatIsNotAFile_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("symlink to a missing file outside") << "symlink";
    QTest::newRow("symlink to a file outside") << "symlink to file";
    QTest::newRow("folder") << "folder";
    QTest::newRow("FIFO") << "fifo";
}
void CliTest::writesRefuseALockThatIsNotAFile() {
    QFETCH(QString, kind);
    const QString tag = QString(QTest::currentDataTag()).replace(' ', '-');
    const QString db = makeSmallDatabase("lock-not-a-file-" + tag);
    QVERIFY(!db.isEmpty());
    QVERIFY(QFile::remove(db + "/LOCK"));
    const QString lock = db + "/LOCK";
    // Outside the database: RocksDB following the link would create (or lock) it.
    const QString outside = m_tmp.filePath("outside-" + tag);
    if (kind == "symlink") {
        QVERIFY(QFile::link(outside, lock));
    } else if (kind == "symlink to file") {
        QVERIFY(writeFile(outside, "someone else's file\n"));
        QVERIFY(QFile::link(outside, lock));
    } else if (kind == "folder") {
        QVERIFY(QDir().mkdir(lock));
    } else {
        QVERIFY(::mkfifo(path8(lock).constData(), 0644) == 0);
    }
    const bool outsideExisted = exists(outside);
    const DirState before = snapshotDir(db, true);
    const DirState outsideBefore = outsideExisted ? DirState{{kRootEntry, recordOf(outside)}} : DirState{};
    const QString dump = m_tmp.filePath("lock-not-a-file-" + tag + ".dump");
    QVERIFY(writeFile(dump, "k ==> v\n"));

    const QList<QStringList> commands{{"put", db, "k", "v"}, {"delete", db, "seed"}, {"import", db, dump}};
    for (const QStringList& command : commands) {
        RunOptions options;
        options.timeoutMs = 60000;
        const Ran ran = runProgram(QStringLiteral(MERIDIAN_DB_BINARY), command, options);
        QVERIFY2(!ran.timedOut, qPrintable(command.front()));
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(ran.err.contains("LOCK"), ran.err.constData());
        QVERIFY2(ran.err.contains(path8(QFileInfo(db).canonicalFilePath())) || ran.err.contains(path8(db)),
                 ran.err.constData());
        if (kind.startsWith("symlink")) QVERIFY2(ran.err.contains("symbolic link"), ran.err.constData());
        QVERIFY2(exists(outside) == outsideExisted, "the LOCK symlink's target was created");
        if (outsideExisted) QCOMPARE(recordOf(outside), outsideBefore.at(kRootEntry));
        CHECK_DIR_UNCHANGED(db, before);
    }
    // Reading opens no LOCK, so it still works.
    const Ran read = meridianDb({"get", db, "seed"});
    VERIFY_OK(read);
    QCOMPARE(read.out, QByteArray("1\n"));
    CHECK_DIR_UNCHANGED(db, before);
}

void CliTest::lockSaysWhenTheFolderIsNotWritable_data() {
    QTest::addColumn<QString>("what");
    QTest::newRow("folder mode 555, LOCK there") << "folder";
    QTest::newRow("folder mode 555, no LOCK") << "folder without lock";
    QTest::newRow("LOCK mode 444") << "lock";
}
void CliTest::lockSaysWhenTheFolderIsNotWritable() {
    QFETCH(QString, what);
    if (const QString problem = unprivilegedRunProblem(); !problem.isEmpty()) QSKIP(qPrintable(problem));
    OpenArea area;
    QVERIFY(area.isValid());
    const QString db = area.filePath("db");
    QCOMPARE(ldb(db, {"--create_if_missing", "put", "seed", "1"}).code, 0);
    if (what == "folder without lock") QVERIFY(QFile::remove(db + "/LOCK"));
    QVERIFY(giveToRunner(db));
    // Control: writable, a free lock.
    const Ran free = meridianDbUnprivileged({"lock", db});
    VERIFY_OK(free);
    if (what == "lock")
        QVERIFY(setMode(db + "/LOCK", 0444));
    else
        QVERIFY(area.chmodFolder(db, 0555));

    const Ran lock = meridianDbUnprivileged({"lock", db});
    QCOMPARE(lock.code, 1);  // "exit 0 only when the database can be opened read-write now"
    QCOMPARE(linesOf(lock.err).size(), 1);
    QVERIFY2(lock.out.startsWith("state: not-writable\n"), lock.out.constData());
    QVERIFY2(lock.out.contains("ermission"), lock.out.constData());
    QVERIFY2(lock.err.contains("cannot open read-write now"), lock.err.constData());
    const Ran json = meridianDbUnprivileged({"lock", "--json", db});
    QCOMPARE(json.code, 1);
    const QJsonObject d = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(d.value("state").toString(), QString("not-writable"));
    QVERIFY(d.value("pid").isNull());
    // What `lock` said is true: a write fails.
    VERIFY_FAILS_CLEANLY(meridianDbUnprivileged({"put", db, "k", "v"}));
    // Reading is still fine.
    const Ran read = meridianDbUnprivileged({"get", db, "seed"});
    VERIFY_OK(read);
}

void CliTest::lockSaysWhenTheFilesystemIsReadOnly() {
    // A read-only bind mount in a mount namespace of its own (root in CI; a
    // user namespace otherwise), so that nothing outside the test sees it.
    if (QStandardPaths::findExecutable("unshare").isEmpty()) QSKIP("unshare (util-linux) is not installed");
    const QString db = makeSmallDatabase("lock-read-only-mount");
    QVERIFY(!db.isEmpty());
    const QStringList unshare = testRunsAsRoot() ? QStringList{"-m"} : QStringList{"-r", "-m"};
    const QString script = QStringLiteral(
        "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" || { echo MOUNT-FAILED; exit 99; }; "
        "exec \"$1\" lock \"$0\"");
    const Ran ran = runProgram("unshare", unshare + QStringList{"sh", "-c", script, db, MERIDIAN_DB_BINARY});
    if (!ran.out.startsWith("state:"))
        QSKIP(qPrintable("cannot make a read-only bind mount here: " + QString::fromUtf8(ran.out + ran.err).trimmed()));
    QCOMPARE(ran.code, 1);
    QVERIFY2(ran.out.startsWith("state: not-writable\n"), ran.out.constData());
    QVERIFY2(ran.out.contains("read-only"), ran.out.constData());
    // Outside the namespace, the same folder is writable and the lock free.
    VERIFY_OK(meridianDb({"lock", db}));
}

void CliTest::permissionDeniedIsNotCalledNotADatabase_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("own");  // the runner owns the folder
    QTest::addColumn<QStringList>("command");
    const QList<QStringList> commands{{"scan"}, {"info"}, {"put", "k", "v"}};
    for (const QStringList& command : commands) {
        QTest::addRow("mode 000, %s", qPrintable(command.front())) << 0000 << true << command;
        QTest::addRow("mode 300, %s", qPrintable(command.front())) << 0300 << true << command;
        QTest::addRow("mode 700, another user's, %s", qPrintable(command.front())) << 0700 << false << command;
    }
}
void CliTest::permissionDeniedIsNotCalledNotADatabase() {
    QFETCH(int, mode);
    QFETCH(bool, own);
    QFETCH(QStringList, command);
    if (!own && !testRunsAsRoot())
        QSKIP("needs a folder of another user: only a test running as root can make one");
    if (const QString problem = unprivilegedRunProblem(); !problem.isEmpty()) QSKIP(qPrintable(problem));
    OpenArea area;
    QVERIFY(area.isValid());
    const QString db = area.filePath("db");
    QCOMPARE(ldb(db, {"--create_if_missing", "put", "seed", "1"}).code, 0);
    if (own) QVERIFY(giveToRunner(db));
    const DirState before = snapshotDir(db, true);
    QVERIFY(area.chmodFolder(db, mode_t(mode)));

    QStringList args{command.front(), db};
    args += command.mid(1);
    const Ran ran = meridianDbUnprivileged(args);
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(ran.err.contains("ermission denied"), ran.err.constData());
    QVERIFY2(ran.err.contains(path8(db)), ran.err.constData());
    QVERIFY2(!ran.err.contains("not a RocksDB database") && !ran.err.contains("no CURRENT"), ran.err.constData());

    QVERIFY(area.chmodFolder(db, 0755));
    CHECK_DIR_UNCHANGED(db, before);
}
