// Helpers for the lock doctor tests: a hold_db helper process driven over
// stdin/stdout, the byte-exact picture of a folder (tests/support/folders.h:
// with inode numbers, so a LOCK deleted and recreated shows up) with
// std::string paths, and readable checks.
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <string>

#include "storage/status.h"
#include "tests/support/conversions.h"
#include "tests/support/folders.h"

namespace meridian::locktest {

using test::qs;
using test::str;
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The other program: tests/support/hold_db, holding a database read-write.
class Holder {
public:
    Holder() = default;
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;
    ~Holder() { stop(); }

    // Starts hold_db on `path`; true once it printed "ready <pid>". On false,
    // `reply` holds what it said instead.
    bool start(const QString& path) {
        process_.setProgram(QStringLiteral(MERIDIAN_HOLD_DB_BINARY));
        process_.setArguments({path});
        process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process_.start();
        if (!process_.waitForStarted(30000)) {
            reply = QStringLiteral("did not start: ") + process_.errorString();
            return false;
        }
        reply = readLine();
        if (!reply.startsWith(QLatin1String("ready "))) return false;
        pid = reply.mid(6).toLongLong();
        return pid > 0;
    }

    // Sends one command line and returns the reply line.
    QString command(const QString& line) {
        process_.write((line + QLatin1Char('\n')).toUtf8());
        process_.waitForBytesWritten(30000);
        return readLine();
    }

    // "quit", then waits for a clean exit. True when it exited with status 0.
    bool quit() {
        if (process_.state() == QProcess::NotRunning) return false;
        process_.write("quit\n");
        process_.closeWriteChannel();
        if (!process_.waitForFinished(30000)) return false;
        return process_.exitStatus() == QProcess::NormalExit && process_.exitCode() == 0;
    }

    // Waits for it to exit by itself (a failed open exits at once).
    int waitForExit() {
        process_.waitForFinished(30000);
        return process_.state() == QProcess::NotRunning ? process_.exitCode() : -1;
    }

    std::int64_t pid = 0;
    QString reply;  // the first line it printed

private:
    QString readLine() {
        QElapsedTimer timer;
        timer.start();
        while (!process_.canReadLine() && timer.elapsed() < 30000) {
            if (!process_.waitForReadyRead(1000) && process_.state() == QProcess::NotRunning) break;
        }
        return QString::fromUtf8(process_.readLine()).trimmed();
    }

    void stop() {
        if (process_.state() == QProcess::NotRunning) return;
        process_.closeWriteChannel();
        if (!process_.waitForFinished(10000)) {
            process_.kill();
            process_.waitForFinished(5000);
        }
    }

    QProcess process_;
};

// The folder pictures of tests/support/folders.h (test::diffDirs compares
// two), taken with std::string paths.
using test::DirState;
inline DirState snapshotDir(const std::string& root) { return test::snapshotDir(qs(root)); }

inline bool writeFile(const std::string& path, const std::string& content) {
    return test::writeFile(qs(path), QByteArray::fromStdString(content));
}

}  // namespace meridian::locktest

// Fails unless the folder is byte-for-byte (and inode-for-inode) as before.
#define CHECK_UNTOUCHED(root, before) CHECK_DIR_UNCHANGED(::meridian::locktest::qs(root), (before))

// Fails with the status text unless `status` is ok.
#define CHECK_OK(status) QVERIFY2((status).ok(), (status).toString().c_str())

// Fails unless `text` (std::string) contains `part`, showing both.
#define CHECK_HAS(text, part)                                                                              \
    QVERIFY2(::meridian::locktest::has((text), (part)),                                                    \
             (std::string("expected \"") + std::string(part) + "\" in: " + std::string(text)).c_str())
