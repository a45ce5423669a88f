// CliTest slots (see cli_test.h): the files around the database. `export`
// writes only a new file or over a regular one; `import` checks its input
// before it creates anything, reads a pipe once and never waits for a FIFO
// nobody writes to.
#include <QDir>
#include <QFile>
#include <QFileInfo>
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

// The export's own temporary files (".<name>.partial-...") left in `folder`.
QStringList partialFiles(const QString& folder) {
    return QDir(folder).entryList({QStringLiteral("*partial*")}, QDir::Files | QDir::Hidden | QDir::System);
}

Ran meridianDbWithin(const QStringList& args, int timeoutMs) {
    RunOptions options;
    options.timeoutMs = timeoutMs;
    return runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args, options);
}

}  // namespace

void CliTest::exportRefusesWhatIsNotARegularFile_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("said");  // the message names what is there
    QTest::newRow("FIFO") << "fifo" << QByteArray("FIFO");
    QTest::newRow("symlink to a file") << "symlink" << QByteArray("symbolic link");
    QTest::newRow("symlink to nothing") << "dangling symlink" << QByteArray("symbolic link");
    QTest::newRow("folder") << "folder" << QByteArray("folder");
}
void CliTest::exportRefusesWhatIsNotARegularFile() {
    QFETCH(QString, kind);
    QFETCH(QByteArray, said);
    const QString db = makeSmallDatabase("export-to-" + QString(QTest::currentDataTag()).replace(' ', '-'));
    QVERIFY(!db.isEmpty());
    QTemporaryDir area;
    QVERIFY(area.isValid());
    const QString dest = area.filePath("dest");
    const QString target = area.filePath("target.txt");
    if (kind == "fifo") {
        QVERIFY(::mkfifo(path8(dest).constData(), 0644) == 0);
    } else if (kind == "symlink") {
        QVERIFY(writeFile(target, "the link's target, which must stay as it is\n"));
        QVERIFY(QFile::link(target, dest));
    } else if (kind == "dangling symlink") {
        QVERIFY(QFile::link(target, dest));
    } else {
        QVERIFY(QDir().mkdir(dest));
    }
    const DirState before = snapshotDir(area.path(), true);

    // A FIFO must not be opened (nobody reads it: that would wait forever).
    const Ran ran = meridianDbWithin({"export", db, dest}, 60000);
    QVERIFY2(!ran.timedOut, "export waited on its destination");
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(ran.err.contains(said), ran.err.constData());
    QVERIFY2(ran.err.contains(path8(dest)), ran.err.constData());
    CHECK_DIR_UNCHANGED(area.path(), before);
    QVERIFY(!exists(target) || kind == "symlink");
    QCOMPARE(partialFiles(area.path()), QStringList());
}

void CliTest::exportOverwritesARegularFile() {
    const QString db = makeSmallDatabase("export-over-a-file");
    QVERIFY(!db.isEmpty());
    QVERIFY(meridianDb({"put", db, "second", "2"}).code == 0);
    QTemporaryDir area;
    QVERIFY(area.isValid());
    const QString dest = area.filePath("keys.dump");
    QVERIFY(writeFile(dest, QByteArray(100000, 'x')));  // longer than the export: no old tail may remain

    const Ran ran = meridianDb({"export", db, dest});
    VERIFY_OK(ran);
    const Ran stdoutExport = meridianDb({"export", db, "-"});
    VERIFY_OK(stdoutExport);
    QCOMPARE(readFile(dest), stdoutExport.out);
    QVERIFY(readFile(dest).startsWith("second ==> 2\nseed ==> 1\n"));
    QVERIFY(QFileInfo(dest).isFile() && !QFileInfo(dest).isSymLink());
    QCOMPARE(partialFiles(area.path()), QStringList());
}

void CliTest::importChecksItsInputBeforeCreatingTheDatabase_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("said");
    QTest::newRow("malformed file") << "malformed" << QByteArray("line 2");
    QTest::newRow("missing file") << "missing" << QByteArray("No such file");
    QTest::newRow("a folder") << "folder" << QByteArray("folder");
}
void CliTest::importChecksItsInputBeforeCreatingTheDatabase() {
    QFETCH(QString, input);
    QFETCH(QByteArray, said);
    QTemporaryDir area;
    QVERIFY(area.isValid());
    const QString file = area.filePath("input.dump");
    if (input == "malformed") QVERIFY(writeFile(file, "good ==> 1\nthis line has no arrow\nlast ==> 3\n"));
    if (input == "folder") QVERIFY(QDir().mkdir(file));
    const DirState before = snapshotDir(area.path(), true);

    const QString db = area.filePath("a/b/c");
    const Ran ran = meridianDb({"import", "--create-if-missing", db, file});
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(ran.err.contains(said), ran.err.constData());
    QVERIFY2(!exists(area.filePath("a")), "a refused import created the database's folders");
    CHECK_DIR_UNCHANGED(area.path(), before);
}

void CliTest::importReadsAPipeOnce_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("-") << "-";
    QTest::newRow("/dev/stdin") << "/dev/stdin";
    QTest::newRow("/dev/fd/0") << "/dev/fd/0";
}
void CliTest::importReadsAPipeOnce() {
    QFETCH(QString, file);
    QTemporaryDir area;
    QVERIFY(area.isValid());
    const QString db = area.filePath("db");
    QByteArray dump;
    for (int i = 0; i < 3000; ++i) dump += "key" + QByteArray::number(i) + " ==> value " + QByteArray::number(i) + "\n";

    // QProcess gives the child a pipe as its standard input.
    const Ran ran = meridianDbFed({"import", "--create-if-missing", db, file}, dump);
    VERIFY_OK(ran);
    QVERIFY2(ran.out.startsWith("imported 3000 keys"), ran.out.constData());
    const Ran count = meridianDb({"scan", "--count", db});
    VERIFY_OK(count);
    QCOMPARE(count.out, QByteArray("3000\n"));
    const Ran one = meridianDb({"get", db, "key2999"});
    QCOMPARE(one.out, QByteArray("value 2999\n"));

    // A malformed line read from a pipe stops the import before anything is written.
    const Ran bad = meridianDbFed({"import", db, file}, "new ==> 1\nno arrow here\n");
    VERIFY_FAILS_CLEANLY(bad);
    QVERIFY2(bad.err.contains("line 2"), bad.err.constData());
    VERIFY_FAILS_CLEANLY(meridianDb({"get", db, "new"}));
    // An empty pipe is said to be empty.
    const Ran empty = meridianDbFed({"import", db, file}, {});
    VERIFY_FAILS_CLEANLY(empty);
    QVERIFY2(empty.err.contains("empty"), empty.err.constData());
}

void CliTest::importOfAFifoNobodyWritesToDoesNotWait() {
    const QString db = makeSmallDatabase("import-fifo");
    QVERIFY(!db.isEmpty());
    QTemporaryDir area;
    QVERIFY(area.isValid());
    const QString fifo = area.filePath("fifo");
    QVERIFY(::mkfifo(path8(fifo).constData(), 0644) == 0);
    const DirState before = snapshotDir(db, true);

    const Ran ran = meridianDbWithin({"import", db, fifo}, 20000);
    QVERIFY2(!ran.timedOut, "import waited for a writer that never comes");
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(ran.err.contains("empty"), ran.err.constData());
    QVERIFY2(ran.err.contains(path8(fifo)), ran.err.constData());
    QVERIFY(exists(fifo));
    const Ran read = meridianDb({"get", db, "seed"});
    QCOMPARE(read.out, QByteArray("1\n"));
}
