// CliTest slots (see cli_test.h): bad input. A path that is not a database,
// a usage error or bad hex fails cleanly with one line and writes nothing.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_test.h"
#include "tests/support/folders.h"

using namespace meridian::test;

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
    const auto before = snapshotDir(scratch.path());
    QStringList args{command.front(), path};
    args += command.mid(1);
    const Ran ran = meridianDb(args);
    VERIFY_FAILS_CLEANLY(ran);
    CHECK_DIR_UNCHANGED(scratch.path(), before);
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
    QTest::newRow("from and after") << QStringList{"scan", "--from", "a", "--after", "b", "db"};
    QTest::newRow("last with limit") << QStringList{"scan", "--last", "3", "--limit", "2", "db"};
    QTest::newRow("last zero") << QStringList{"scan", "--last", "0", "db"};
    QTest::newRow("reverse on get") << QStringList{"get", "--reverse", "db", "k"};
    QTest::newRow("compress unknown") << QStringList{"info", "--memory", "--compress=gzip", "db"};
    QTest::newRow("compress level out of range") << QStringList{"info", "--memory", "--compress", "zstd:20", "db"};
    QTest::newRow("compress without value") << QStringList{"info", "db", "--memory", "--compress"};
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
