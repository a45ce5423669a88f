// Helpers for the lock doctor tests: a hold_db helper process driven over
// stdin/stdout, a byte-exact picture of a folder (with inode numbers, so a
// LOCK deleted and recreated shows up), and readable checks.
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "storage/status.h"

namespace meridian::locktest {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string str(const QString& s) { return s.toStdString(); }
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

// Everything observable about a folder: per relative path its type, inode,
// size and content (or symlink target). Small test databases only.
struct FileRecord {
    std::string type;
    std::uint64_t inode = 0;
    std::string content;
    bool operator==(const FileRecord&) const = default;
};
using DirState = std::map<std::string, FileRecord>;

inline DirState snapshotDir(const std::string& root) {
    namespace fs = std::filesystem;
    DirState state;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const fs::path path = it->path();
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) continue;
        FileRecord record;
        record.inode = st.st_ino;
        if (S_ISLNK(st.st_mode)) {
            record.type = "link";
            record.content = fs::read_symlink(path, ec).string();
        } else if (S_ISDIR(st.st_mode)) {
            record.type = "dir";
        } else {
            record.type = "file";
            std::ifstream in(path, std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            record.content = bytes.str();
        }
        state[fs::relative(path, root, ec).string()] = record;
    }
    return state;
}

// "" when equal, else one line per difference.
inline std::string diffDirs(const DirState& before, const DirState& after) {
    std::string out;
    for (const auto& [name, record] : before) {
        auto it = after.find(name);
        if (it == after.end()) out += "removed: " + name + "\n";
        else if (!(it->second == record)) out += "changed: " + name + "\n";
    }
    for (const auto& [name, record] : after)
        if (!before.count(name)) out += "added: " + name + "\n";
    return out;
}

inline bool writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    return static_cast<bool>(out);
}

}  // namespace meridian::locktest

// Fails unless the folder is byte-for-byte (and inode-for-inode) as before.
#define CHECK_UNTOUCHED(root, before)                                                                      \
    do {                                                                                                  \
        const std::string untouchedDiff_ = ::meridian::locktest::diffDirs((before),                       \
                                                                          ::meridian::locktest::snapshotDir(root)); \
        QVERIFY2(untouchedDiff_.empty(), (std::string(root) + " changed:\n" + untouchedDiff_).c_str());   \
    } while (false)

// Fails with the status text unless `status` is ok.
#define CHECK_OK(status) QVERIFY2((status).ok(), (status).toString().c_str())

// Fails unless `text` (std::string) contains `part`, showing both.
#define CHECK_HAS(text, part)                                                                              \
    QVERIFY2(::meridian::locktest::has((text), (part)),                                                    \
             (std::string("expected \"") + std::string(part) + "\" in: " + std::string(text)).c_str())
