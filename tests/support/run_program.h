// Running another program to completion from a test (meridian-db, RocksDB's
// ldb and db_bench) and keeping what it said.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace meridian::test {

struct Ran {
    int code = -1;  // -1: did not start or timed out; -2: crashed
    QByteArray out;
    QByteArray err;
};

// Runs `program` to completion (4 minutes at most), optionally reading stdin from a file.
inline Ran runProgram(const QString& program, const QStringList& args,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                      const QString& stdinFile = {}) {
    QProcess process;
    process.setProcessEnvironment(env);
    if (!stdinFile.isEmpty()) process.setStandardInputFile(stdinFile);
    process.start(program, args);
    Ran ran;
    if (!process.waitForStarted(30000)) {
        ran.err = "could not start " + program.toUtf8();
        return ran;
    }
    if (!process.waitForFinished(240000)) {
        process.kill();
        process.waitForFinished();
        ran.err = "timed out: " + program.toUtf8();
        return ran;
    }
    ran.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

}  // namespace meridian::test
