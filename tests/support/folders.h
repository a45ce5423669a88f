// Folders in tests: a byte-exact picture of one, so that a test can prove
// that looking (or a refusal) wrote nothing, copies of test databases, and
// whole-file reads and writes.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <sys/stat.h>

#include <cstdint>
#include <functional>
#include <map>

namespace meridian::test {

// Everything a test can observe about an entry of a folder: its type, inode
// (a file deleted and made again shows up), size, a hash of its content and
// when it was last modified (a rewrite with the same bytes still counts; for
// a folder, a file made and removed again inside it).
struct FileRecord {
    QString type;  // "file", "dir", "link -> target", "fifo", "special" (a device or socket)
    std::uint64_t inode = 0;
    qint64 size = 0;
    QByteArray sha256;
    qint64 modifiedMs = 0;  // files and folders
    bool operator==(const FileRecord&) const = default;
};
// Relative path -> record, for every entry below the root; with the root
// itself under kRootEntry when asked for.
using DirState = std::map<QString, FileRecord>;
inline const QString kRootEntry = QStringLiteral(".");

inline FileRecord recordOf(const QString& path) {
    const QFileInfo info(path);
    FileRecord record;
    struct stat st {};
    const bool known = ::lstat(QFile::encodeName(path).constData(), &st) == 0;
    if (known) record.inode = static_cast<std::uint64_t>(st.st_ino);
    if (known && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode)) {
        // Never opened: reading a FIFO nobody writes to would wait forever.
        record.type = S_ISFIFO(st.st_mode) ? QStringLiteral("fifo") : QStringLiteral("special");
        record.modifiedMs = info.lastModified().toMSecsSinceEpoch();
    } else if (info.isSymLink()) {
        record.type = QStringLiteral("link -> ") + info.symLinkTarget();
    } else if (info.isDir()) {
        record.type = QStringLiteral("dir");
        record.modifiedMs = info.lastModified().toMSecsSinceEpoch();
    } else {
        record.type = QStringLiteral("file");
        record.size = info.size();
        record.modifiedMs = info.lastModified().toMSecsSinceEpoch();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            hash.addData(&file);
            record.sha256 = hash.result().toHex();
        } else {
            record.sha256 = "unreadable";
        }
    }
    return record;
}

// The folder's entries, recursively (hidden ones too); `withRoot` adds the
// root folder itself, whose time changes when anything is made or removed
// directly in it, even if it is gone again.
inline DirState snapshotDir(const QString& root, bool withRoot = false) {
    DirState state;
    if (withRoot) state[kRootEntry] = recordOf(root);
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        const QString path = it.next();
        state[base.relativeFilePath(path)] = recordOf(path);
    }
    return state;
}

// "" when equal, else one line per difference.
inline QString diffDirs(const DirState& before, const DirState& after) {
    QStringList lines;
    for (const auto& [name, record] : before) {
        auto it = after.find(name);
        if (it == after.end()) {
            lines << QStringLiteral("removed: %1").arg(name);
        } else if (!(it->second == record)) {
            const FileRecord& now = it->second;
            QStringList how;
            if (now.inode != record.inode) how << QStringLiteral("new inode");
            if (now.sha256 == record.sha256 && now.size == record.size && now.modifiedMs != record.modifiedMs)
                how << QStringLiteral("same bytes, new time");
            lines << QStringLiteral("changed: %1 (%2, %3 bytes -> %4, %5 bytes%6)")
                         .arg(name, record.type)
                         .arg(record.size)
                         .arg(now.type)
                         .arg(now.size)
                         .arg(how.isEmpty() ? QString() : QStringLiteral(", ") + how.join(QStringLiteral(", ")));
        }
    }
    for (const auto& [name, record] : after)
        if (!before.count(name)) lines << QStringLiteral("added: %1 (%2, %3 bytes)").arg(name, record.type).arg(record.size);
    return lines.join(QLatin1Char('\n'));
}

// What changed in `root` since `before` was taken (the root itself too if
// `before` has it); "" when nothing.
inline QString changesSince(const DirState& before, const QString& root) {
    return diffDirs(before, snapshotDir(root, before.count(kRootEntry) > 0));
}

// Copies the regular files directly in `from` into `to` (made if missing),
// leaving out those `keep` says no to. False when any copy fails.
inline bool copyFolderFiles(const QString& from, const QString& to,
                            const std::function<bool(const QString& name)>& keep = {}) {
    if (!QDir().mkpath(to)) return false;
    for (const QString& name : QDir(from).entryList(QDir::Files)) {
        if (keep && !keep(name)) continue;
        if (!QFile::copy(from + QLatin1Char('/') + name, to + QLatin1Char('/') + name)) return false;
    }
    return true;
}

inline bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(content) == content.size();
}

// The whole file; a marker naming it when it cannot be read, so that a
// missing file never compares equal to an empty one.
inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : "<cannot read " + QFile::encodeName(path) + ">";
}

}  // namespace meridian::test

// Fails unless the folder's state equals `before`, listing what changed.
#define CHECK_DIR_UNCHANGED(root, before)                                                                   \
    do {                                                                                                    \
        const QString dirRoot_ = (root);                                                                    \
        const QString dirDiff_ = ::meridian::test::changesSince((before), dirRoot_);                        \
        QVERIFY2(dirDiff_.isEmpty(), qPrintable(QStringLiteral("%1 changed:\n%2").arg(dirRoot_, dirDiff_))); \
    } while (false)
