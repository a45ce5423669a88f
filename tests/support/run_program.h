// Running another program to completion from a test (meridian-db, RocksDB's
// ldb and db_bench) and keeping what it said.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace meridian::test {

struct Ran {
    int code = -1;  // -1: did not start or timed out; -2: crashed
    QByteArray out;
    QByteArray err;
    bool timedOut = false;
};

struct RunOptions {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString stdinFile;                // read stdin from this file
    std::optional<QByteArray> input;  // else: write this into stdin (a pipe), then close it
    int timeoutMs = 240000;           // killed after this long (Ran::timedOut)
    // Runs in the child between fork and exec (QProcess::setChildProcessModifier):
    // async-signal-safe calls only.
    std::function<void()> childModifier;
};

inline Ran runProgram(const QString& program, const QStringList& args, const RunOptions& options) {
    QProcess process;
    process.setProcessEnvironment(options.env);
    if (!options.stdinFile.isEmpty()) process.setStandardInputFile(options.stdinFile);
    if (options.childModifier) process.setChildProcessModifier(options.childModifier);
    process.start(program, args);
    Ran ran;
    if (!process.waitForStarted(30000)) {
        ran.err = "could not start " + program.toUtf8() + ": " + process.errorString().toUtf8();
        return ran;
    }
    if (options.input) {
        process.write(*options.input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        ran.timedOut = true;
        ran.err = "timed out: " + program.toUtf8();
        return ran;
    }
    ran.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

// Runs `program` to completion (4 minutes at most), optionally reading stdin from a file.
inline Ran runProgram(const QString& program, const QStringList& args,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                      const QString& stdinFile = {}) {
    RunOptions options;
    options.env = env;
    options.stdinFile = stdinFile;
    return runProgram(program, args, options);
}

}  // namespace meridian::test
