// CliTest slots (see cli_test.h): the files around the database. `export`
// writes only a new file or over a regular one; `import` checks its input
// before it creates anything, reads a pipe once and never waits for a FIFO
// nobody writes to; `put` takes a value of any size from a file or stdin.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
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

void CliTest::putTakesTheValueFromAFileOrStdin() {
    const QString db = makeSmallDatabase("put-value-file");
    QVERIFY(!db.isEmpty());
    QTemporaryDir area;
    QVERIFY(area.isValid());
    // 10 MiB of every byte value, NULs included: far beyond what argv carries.
    QByteArray value(10 << 20, '\0');
    QRandomGenerator random(42);
    for (qsizetype i = 0; i < value.size(); i += 2) value[i] = char(random.bounded(256));
    const QString file = area.filePath("value.bin");
    QVERIFY(writeFile(file, value));

    VERIFY_OK(meridianDb({"put", db, "from-file", "--value-file", file}));
    auto hexKey = [](const QByteArray& key) { return QString::fromLatin1("0x" + key.toHex()); };
    const Ran fromFile = meridianDb({"get", "--hex", db, hexKey("from-file")});
    VERIFY_OK(fromFile);
    QCOMPARE(fromFile.out, "0x" + value.toHex().toUpper() + "\n");

    VERIFY_OK(meridianDbFed({"put", "--value-file=-", db, "from-stdin"}, value));
    const Ran fromStdin = meridianDb({"get", "--hex", db, hexKey("from-stdin")});
    VERIFY_OK(fromStdin);
    QCOMPARE(fromStdin.out, "0x" + value.toHex().toUpper() + "\n");

    // The file's bytes as they are, also with --hex (which applies to the key).
    QVERIFY(writeFile(file, QByteArray("\x00\xFFplain\n", 8)));
    VERIFY_OK(meridianDb({"put", "--hex", db, "0x6B00", "--value-file", file}));
    QCOMPARE(meridianDb({"get", "--hex", db, "0x6B00"}).out, QByteArray("0x00FF706C61696E0A\n"));
    // An empty file is an empty value.
    QVERIFY(writeFile(file, {}));
    VERIFY_OK(meridianDb({"put", db, "empty", "--value-file", file}));
    QCOMPARE(meridianDb({"get", "--hex", db, hexKey("empty")}).out, QByteArray("0x\n"));

    // Refusals: a missing file (nothing written), a value twice, a FIFO nobody writes to (not waited for).
    VERIFY_FAILS_CLEANLY(meridianDb({"put", db, "missing", "--value-file", area.filePath("nothing")}));
    VERIFY_FAILS_CLEANLY(meridianDb({"get", db, "missing"}));
    const Ran both = meridianDb({"put", db, "k", "v", "--value-file", file});
    QCOMPARE(both.code, 2);
    QVERIFY2(both.err.contains("--value-file"), both.err.constData());
    QCOMPARE(meridianDb({"get", db, "--value-file", file, "k"}).code, 2);
    const QString fifo = area.filePath("fifo");
    QVERIFY(::mkfifo(path8(fifo).constData(), 0644) == 0);
    const Ran waiting = meridianDbWithin({"put", db, "fifo", "--value-file", fifo}, 20000);
    QVERIFY2(!waiting.timedOut, "put waited for a writer that never comes");
    VERIFY_OK(waiting);  // a FIFO nobody writes to reads as empty
    QCOMPARE(meridianDb({"get", "--hex", db, hexKey("fifo")}).out, QByteArray("0x\n"));
}
