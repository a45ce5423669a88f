// meridian-db CLI tests, part 2: nothing written by readers or on bad input,
// writing, column families, the memory backend, locks, version and help.
// See cli_test.h for the whole suite.
#include "cli_test.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "storage/bytes.h"
#include "storage/factory.h"

using namespace meridian::test;

namespace {

// Every file under `dir` (recursively): relative name -> size and contents.
QMap<QString, QByteArray> snapshotFolder(const QString& dir) {
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString name = QDir(dir).relativeFilePath(path);
        if (info.isDir()) {
            files.insert(name + "/", {});
            continue;
        }
        QFile file(path);
        QByteArray contents = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
        files.insert(name, QByteArray::number(info.size()) + ":" + contents);
    }
    return files;
}

QString describeDifference(const QMap<QString, QByteArray>& before, const QMap<QString, QByteArray>& after) {
    QStringList changes;
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key())) changes << "removed " + it.key();
        else if (after.value(it.key()) != it.value()) changes << "changed " + it.key();
    }
    for (auto it = after.begin(); it != after.end(); ++it)
        if (!before.contains(it.key())) changes << "added " + it.key();
    return changes.join(", ");
}

#define VERIFY_UNCHANGED(dir, before)                                          \
    do {                                                                       \
        const auto after_ = snapshotFolder(dir);                               \
        QVERIFY2(after_ == (before), qPrintable(describeDifference((before), after_))); \
    } while (0)

}  // namespace

// --- nothing written by readers, nothing written on bad input ------------

void CliTest::readOnlyCommandsLeaveTheFolderUnchanged_data() {
    QTest::addColumn<QStringList>("args");  // "DB" stands for the database folder
    QTest::addColumn<bool>("succeeds");
    QTest::newRow("scan") << QStringList{"scan", "DB"} << true;
    QTest::newRow("scan --count") << QStringList{"scan", "--count", "DB"} << true;
    QTest::newRow("scan --json --prefix") << QStringList{"scan", "--json", "--hex", "--prefix", "0000", "DB"} << true;
    QTest::newRow("get") << QStringList{"get", "--hex", "DB", "0x00000000000000053030303030303030"} << true;
    QTest::newRow("get missing") << QStringList{"get", "DB", "nothing"} << false;
    QTest::newRow("info") << QStringList{"info", "DB"} << true;
    QTest::newRow("info --json") << QStringList{"info", "--json", "DB"} << true;
    QTest::newRow("list-cf") << QStringList{"list-cf", "DB"} << true;
    QTest::newRow("scan --secondary") << QStringList{"scan", "--secondary", "--count", "DB"} << true;
    QTest::newRow("lock") << QStringList{"lock", "DB"} << true;
}
void CliTest::readOnlyCommandsLeaveTheFolderUnchanged() {
    QFETCH(QStringList, args);
    QFETCH(bool, succeeds);
    const QString dir = copyBenchWithoutLog(QString("readonly-%1").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(!dir.isEmpty());
    const auto before = snapshotFolder(dir);
    QVERIFY(before.contains("CURRENT"));
    args.replaceInStrings(QRegularExpression("^DB$"), dir);
    const Ran ran = meridianDb(args);
    if (succeeds) {
        VERIFY_OK(ran);
        QVERIFY(!ran.out.isEmpty());
    } else {
        VERIFY_FAILS_CLEANLY(ran);
        QVERIFY2(ran.err.contains("not found"), ran.err.constData());
    }
    QVERIFY2(!QFile::exists(dir + "/LOG"), "a reader created LOG in the database folder");
    VERIFY_UNCHANGED(dir, before);
}

void CliTest::badDatabasePathsFailWithoutWriting_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("command");  // the path goes after the command, then the rest
    const QStringList kinds{"missing", "regular file", "empty folder", "folder without CURRENT"};
    const QList<QStringList> commands{{"info"}, {"scan"}, {"get", "k"}, {"list-cf"}, {"put", "k", "v"},
                                      {"delete", "k"}};
    for (const QString& kind : kinds)
        for (const QStringList& command : commands)
            QTest::addRow("%s, %s", qPrintable(kind), qPrintable(command.front())) << kind << command;
}
void CliTest::badDatabasePathsFailWithoutWriting() {
    QFETCH(QString, kind);
    QFETCH(QStringList, command);
    QTemporaryDir scratch(m_tmp.filePath("bad-XXXXXX"));
    QVERIFY(scratch.isValid());
    QString path = scratch.filePath("target");
    if (kind == "regular file") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database\n");
    } else if (kind == "empty folder") {
        QVERIFY(QDir().mkpath(path));
    } else if (kind == "folder without CURRENT") {
        QVERIFY(QDir().mkpath(path));
        QFile file(path + "/notes.txt");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello");
    }
    const auto before = snapshotFolder(scratch.path());
    QStringList args{command.front(), path};
    args += command.mid(1);
    const Ran ran = meridianDb(args);
    VERIFY_FAILS_CLEANLY(ran);
    VERIFY_UNCHANGED(scratch.path(), before);
}

void CliTest::usageErrorsFailWithOneLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList{};
    QTest::newRow("unknown command") << QStringList{"frobnicate", "db"};
    QTest::newRow("unknown option") << QStringList{"scan", "--frobnicate", "db"};
    QTest::newRow("no path") << QStringList{"scan"};
    QTest::newRow("get without key") << QStringList{"get", "db"};
    QTest::newRow("put without value") << QStringList{"put", "db", "k"};
    QTest::newRow("too many arguments") << QStringList{"info", "db", "extra"};
    QTest::newRow("limit not a number") << QStringList{"scan", "--limit", "ten", "db"};
    QTest::newRow("limit without value") << QStringList{"scan", "db", "--limit"};
    QTest::newRow("scan option on get") << QStringList{"get", "--prefix", "a", "db", "k"};
    QTest::newRow("read-only and secondary") << QStringList{"scan", "--read-only", "--secondary", "db"};
}
void CliTest::usageErrorsFailWithOneLine() {
    QFETCH(QStringList, args);
    const Ran ran = meridianDb(args);
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(!QFile::exists("db"), "a usage error created something");
}

void CliTest::badHexIsRefused() {
    const Ran ran = meridianDb({"get", "--hex", m_db, "0xZZ"});
    VERIFY_FAILS_CLEANLY(ran);
    QVERIFY2(ran.err.contains("hex"), ran.err.constData());
    VERIFY_FAILS_CLEANLY(meridianDb({"scan", "--hex", "--prefix", "ABC", m_db}));  // odd length
}

// --- writing ---------------------------------------------------------------

void CliTest::binaryRoundTripThroughHex_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("NUL bytes") << "0x00006B00" << "0x00";
    QTest::newRow("0xFF bytes") << "0xFFFF" << "0xFF00FF";
    QTest::newRow("invalid UTF-8") << "0xC328" << "0x80C3E2";
    QTest::newRow("newline and backslash") << "0x0A5C" << "0x5C0D0A";
    QTest::newRow("empty value") << "0x6B" << "0x";
}
void CliTest::binaryRoundTripThroughHex() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QString db = makeSmallDatabase(QString("roundtrip-%1").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(!db.isEmpty());

    const Ran put = meridianDb({"put", "--hex", db, key, value});
    VERIFY_OK(put);
    const Ran theirs = ldb(db, {"--hex", "get", key});
    QCOMPARE(theirs.code, 0);
    QCOMPARE(theirs.out, value.toLatin1() + "\n");
    const Ran ours = meridianDb({"get", "--hex", db, key});
    VERIFY_OK(ours);
    QCOMPARE(ours.out, value.toLatin1() + "\n");

    // --json with --hex: always the _hex fields (plain hex digits).
    const Ran hexJson = meridianDb({"get", "--json", "--hex", db, key.mid(2)});
    VERIFY_OK(hexJson);
    const QJsonObject hexObject = QJsonDocument::fromJson(hexJson.out).object();
    QCOMPARE(hexObject.value("key_hex").toString(), key.mid(2));
    QCOMPARE(hexObject.value("value_hex").toString(), value.mid(2));
    // --json without --hex: text when valid UTF-8, hex otherwise; exact either way.
    const std::string rawValue = *meridian::storage::fromHex(value.toStdString());
    const Ran utf8Json = meridianDb({"scan", "--json", db});  // without --hex: lossless text or hex
    VERIFY_OK(utf8Json);
    bool found = false;
    for (const QByteArray& line : linesOf(utf8Json.out)) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QByteArray k = o.contains("key") ? o.value("key").toString().toUtf8()
                                               : QByteArray::fromHex(o.value("key_hex").toString().toLatin1());
        if (k != QByteArray::fromHex(key.mid(2).toLatin1())) continue;
        found = true;
        const QByteArray v = o.contains("value") ? o.value("value").toString().toUtf8()
                                                 : QByteArray::fromHex(o.value("value_hex").toString().toLatin1());
        QCOMPARE(v, toBytes(rawValue));
        QCOMPARE(o.contains("value_hex"), !meridian::storage::isValidUtf8(rawValue));
    }
    QVERIFY2(found, utf8Json.out.constData());

    const Ran removed = meridianDb({"delete", "--hex", db, key});
    VERIFY_OK(removed);
    QVERIFY(ldbSaysNotFound(ldb(db, {"--hex", "get", key})));
    VERIFY_FAILS_CLEANLY(meridianDb({"get", "--hex", db, key}));
    // The rest of the database is untouched.
    QCOMPARE(ldb(db, {"get", "seed"}).out, QByteArray("1\n"));
}

void CliTest::argvBytesAreTakenAsIs() {
    const QString db = makeSmallDatabase("argv");
    QVERIFY(!db.isEmpty());
    // No unescaping: a literal backslash sequence is stored as typed.
    VERIFY_OK(meridianDb({"put", db, "a\\x00", "naïve value"}));
    const Ran theirs = ldb(db, {"--hex", "get", "0x615C783030"});
    QCOMPARE(theirs.code, 0);
    QCOMPARE(theirs.out, "0x" + QByteArray("naïve value").toHex().toUpper() + "\n");
    // Shown escaped, so the backslash is doubled on the way out.
    const Ran scan = meridianDb({"scan", db, "--prefix", "a"});
    VERIFY_OK(scan);
    QCOMPARE(scan.out, QByteArray("a\\\\x00 : naïve value\n"));
    // Keys that look like options go after "--".
    VERIFY_OK(meridianDb({"put", db, "--", "-dash", "x"}));
    QCOMPARE(ldb(db, {"get", "-dash"}).out, QByteArray("x\n"));
}

void CliTest::writesAreRefusedWhenNotReadWrite() {
    const QString db = makeSmallDatabase("readonly-put");
    QVERIFY(!db.isEmpty());
    VERIFY_FAILS_CLEANLY(meridianDb({"put", "--read-only", db, "k", "v"}));
    VERIFY_FAILS_CLEANLY(meridianDb({"delete", "--secondary", db, "seed"}));
    QVERIFY(ldbSaysNotFound(ldb(db, {"get", "k"})));
    QCOMPARE(ldb(db, {"get", "seed"}).out, QByteArray("1\n"));
}

void CliTest::columnFamilies() {
    const QString db = makeSmallDatabase("families");
    QVERIFY(!db.isEmpty());
    QCOMPARE(ldb(db, {"create_column_family", "cf2"}).code, 0);

    const Ran list = meridianDb({"list-cf", db});
    VERIFY_OK(list);
    QCOMPARE(list.out, QByteArray("default\ncf2\n"));
    const Ran json = meridianDb({"list-cf", "--json", db});
    VERIFY_OK(json);
    const QList<QByteArray> lines = linesOf(json.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value("name").toString(), QString("cf2"));

    VERIFY_OK(meridianDb({"put", "--cf", "cf2", db, "only-in-cf2", "yes"}));
    QCOMPARE(ldb(db, {"--column_family=cf2", "get", "only-in-cf2"}).out, QByteArray("yes\n"));
    QCOMPARE(meridianDb({"get", db, "only-in-cf2", "--cf", "cf2"}).out, QByteArray("yes\n"));
    VERIFY_FAILS_CLEANLY(meridianDb({"get", db, "only-in-cf2"}));  // not in default
    QCOMPARE(meridianDb({"scan", "--keys-only", "--cf=cf2", db}).out, QByteArray("only-in-cf2\n"));
    VERIFY_FAILS_CLEANLY(meridianDb({"scan", "--cf", "nope", db}));
}

// --- memory ----------------------------------------------------------------

void CliTest::memoryBackend() {
    const QString db = makeSmallDatabase("memory");
    QVERIFY(!db.isEmpty());
    const auto before = snapshotFolder(db);

    const Ran info = meridianDb({"info", "--memory", db});
    VERIFY_OK(info);
    QVERIFY2(info.out.contains("backend: In memory\n"), info.out.constData());
    QVERIFY2(info.out.contains("persistent: no"), info.out.constData());
    const Ran json = meridianDb({"info", "--memory", "--json", db});
    VERIFY_OK(json);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value("backend").toString(), QString("In memory"));
    QCOMPARE(object.value("persistent").toBool(true), false);
    QVERIFY(!object.value("warnings").toArray().isEmpty());

    // A put lands in memory and is gone with the process; the database on disk never sees it.
    VERIFY_OK(meridianDb({"put", "--memory", db, "k", "v"}));
    QCOMPARE(meridianDb({"scan", "--memory", "--count", db}).out, QByteArray("0\n"));
    VERIFY_UNCHANGED(db, before);
    QVERIFY(ldbSaysNotFound(ldb(db, {"get", "k"})));

    // The environment variable has the same effect, and says so on stderr.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MERIDIAN_USE_MEMORY_STORAGE", "1");
    const Ran forced = meridianDb({"info", db}, env);
    VERIFY_OK(forced);
    QVERIFY2(forced.out.contains("backend: In memory\n"), forced.out.constData());
    QVERIFY2(forced.err.contains("MERIDIAN_USE_MEMORY_STORAGE"), forced.err.constData());
}

// --- locks -----------------------------------------------------------------

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

// --- the rest ----------------------------------------------------------------

void CliTest::versionAndHelp() {
    const Ran version = meridianDb({"--version"});
    VERIFY_OK(version);
    // The second line names the RocksDB in use (CliTest::versionNamesTheEngine).
    QVERIFY2(QRegularExpression("^meridian-db \\d+\\.\\d+\\.\\d+\\nRocksDB [^\\n]+\\n$").match(QString(version.out)).hasMatch(),
             version.out.constData());
    const Ran help = meridianDb({"--help"});
    VERIFY_OK(help);
    for (const char* command : {"info", "scan", "get", "put", "delete", "list-cf", "lock", "clear-lock"})
        QVERIFY2(help.out.contains(command), command);
    QVERIFY(help.err.isEmpty());
}
