// Running the real meridian-db (and ldb, db_bench) from CLI tests, and the
// checks every CLI test makes of a run: a clean success, or a clean failure
// (non-zero exit, nothing on stdout, one line "meridian-db: <reason>").
#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <grp.h>
#include <unistd.h>

#include "tests/support/run_program.h"

namespace meridian::test {

inline Ran meridianDb(const QStringList& args,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    return runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args, env);
}

// meridian-db with `input` written into its standard input (a pipe), which is then closed.
inline Ran meridianDbFed(const QStringList& args, const QByteArray& input) {
    RunOptions options;
    options.input = input;
    return runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args, options);
}

// File modes do not bind root, and CI runs the tests as root. The tests of
// permissions then run meridian-db as the unprivileged user "nobody"
// (kNobody), and make the files they test owned by it where the test needs
// the runner to be their owner.
inline bool testRunsAsRoot() { return ::geteuid() == 0; }
constexpr uid_t kNobody = 65534;

// meridian-db as a user file modes apply to: this user, or nobody when this
// test runs as root.
inline Ran meridianDbUnprivileged(const QStringList& args, int timeoutMs = 240000) {
    RunOptions options;
    options.timeoutMs = timeoutMs;
    if (testRunsAsRoot()) {
        options.childModifier = [] {
            // Between fork and exec: plain system calls only. On failure, exit
            // rather than run as root.
            if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) ::_exit(126);
        };
    }
    return runProgram(QStringLiteral(MERIDIAN_DB_BINARY), args, options);
}

inline QList<QByteArray> linesOf(const QByteArray& out) {
    QList<QByteArray> lines = out.split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.pop_back();
    return lines;
}

// An ldb scan's lines with " : " between key and value, as meridian-db scan
// prints them and ldb did before RocksDB 8.7, which changed its delimiter to
// " ==> ". Only the first delimiter of a line is a delimiter.
inline QByteArray ldbScanWithColons(const QByteArray& out) {
    QByteArray result;
    for (const QByteArray& line : linesOf(out)) {
        const qsizetype arrow = line.indexOf(" ==> ");
        const qsizetype colon = line.indexOf(" : ");
        result += arrow >= 0 && (colon < 0 || arrow < colon) ? line.left(arrow) + " : " + line.mid(arrow + 5) : line;
        result += '\n';
    }
    return result;
}

// Whether an `ldb get` said the key is absent: ldb before RocksDB 11 fails
// with "NotFound" on stderr; 11's prints "Key not found" and exits 0.
inline bool ldbSaysNotFound(const Ran& ran) {
    return (ran.code > 0 && ran.err.contains("NotFound")) || (ran.code == 0 && ran.out.startsWith("Key not found"));
}

// Makes a real database at `path` with db_bench (fillseq, no compression).
// Returns db_bench's complaint, or empty on success.
inline QByteArray makeBenchDatabase(const QString& dbBench, const QString& path, int keys) {
    const Ran ran = runProgram(dbBench, {QStringLiteral("--benchmarks=fillseq"), QStringLiteral("--num=%1").arg(keys),
                                         QStringLiteral("--db=") + path, QStringLiteral("--compression_type=none")});
    return ran.code == 0 ? QByteArray() : "db_bench failed: " + ran.err;
}

// Empty when `ran` is a clean success.
inline QString successProblem(const Ran& ran) {
    if (ran.code != 0)
        return QStringLiteral("exit code %1, stderr: %2").arg(ran.code).arg(QString::fromUtf8(ran.err));
    return {};
}

// Empty when `ran` failed the way the CLI promises: non-zero exit, nothing on
// stdout, exactly one line "meridian-db: <reason>" on stderr.
inline QString failureProblem(const Ran& ran) {
    if (ran.code <= 0) return QStringLiteral("expected a clean failure, got exit code %1").arg(ran.code);
    if (!ran.out.isEmpty()) return "stdout should be empty, got: " + QString::fromUtf8(ran.out);
    static const QRegularExpression oneLine(QStringLiteral("^meridian-db: [^\\n]+\\n$"));
    if (!oneLine.match(QString::fromUtf8(ran.err)).hasMatch())
        return "stderr should be one line 'meridian-db: <reason>', got: " + QString::fromUtf8(ran.err);
    return {};
}

}  // namespace meridian::test

#define VERIFY_OK(ran)                                                  \
    do {                                                                \
        const QString problem_ = meridian::test::successProblem(ran);   \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));             \
    } while (0)

#define VERIFY_FAILS_CLEANLY(ran)                                       \
    do {                                                                \
        const QString problem_ = meridian::test::failureProblem(ran);   \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));             \
    } while (0)
