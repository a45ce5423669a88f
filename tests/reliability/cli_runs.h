// Running meridian-db against damaged databases and full disks, and checking
// that it failed the way a user can act on: an exit code, one clear message,
// no crash, no assertion, no doubled RocksDB prefix.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtTest>

#include "tests/support/run_program.h"

namespace meridian::test {

inline Ran runCli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                  const QString& stdinFile = {}) {
    return runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args, env, stdinFile);
}

// Empty when `ran` is a clean result (exit 0) or a clean refusal (exit 1 or
// 2 with a "meridian-db: " message); otherwise what is wrong with it.
inline QString uncleanOutcome(const Ran& ran) {
    const QString err = QString::fromLocal8Bit(ran.err);
    if (ran.code == -2) return QStringLiteral("crashed: ") + err;
    if (ran.code < 0) return QStringLiteral("did not finish: ") + err;
    if (ran.code > 2) return QStringLiteral("exit code %1: %2").arg(ran.code).arg(err);
    if (err.contains(QLatin1String("Assertion")) || err.contains(QLatin1String("terminate called")))
        return QStringLiteral("assertion: ") + err;
    for (const char* code : {"Corruption: Corruption:", "IO error: IO error:", "Not found: Not found:",
                             "Invalid argument: Invalid argument:"})
        if (err.contains(QLatin1String(code))) return QStringLiteral("doubled prefix: ") + err;
    if (ran.code != 0 && !err.startsWith(QLatin1String("meridian-db: ")))
        return QStringLiteral("failed without a message: ") + err;
    return {};
}

}  // namespace meridian::test

#define VERIFY_CLEAN(ran)                                                  \
    do {                                                                   \
        const QString unclean_ = ::meridian::test::uncleanOutcome(ran);    \
        QVERIFY2(unclean_.isEmpty(), qPrintable(unclean_));                \
    } while (false)
