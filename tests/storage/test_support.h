// Helpers shared by the storage test executables: readable failure messages
// for Status/Result, byte strings as QByteArray for QCOMPARE, and a byte-exact
// picture of a folder so tests can prove that an open wrote nothing.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QtTest>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "storage/storage.h"

namespace meridian::test {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }
// Bytes for QCOMPARE: QTest prints QByteArray with escapes, so NUL and 0xFF
// show up in failure messages.
inline QByteArray bytes(std::string_view s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }
inline std::string str(const QString& s) { return s.toStdString(); }

// The keys of a listing, in order.
inline std::vector<std::string> keysOf(const std::vector<storage::Entry>& entries) {
    std::vector<std::string> keys;
    for (const auto& e : entries) keys.push_back(e.key);
    return keys;
}

// Keys as hex, for readable QCOMPARE failures.
inline QByteArrayList printable(const std::vector<std::string>& keys) {
    QByteArrayList list;
    for (const auto& k : keys) list << bytes(k).toHex();
    return list;
}

// Reads pinned to a snapshot.
inline storage::ReadOptions at(const storage::SnapshotPtr& snapshot) { return storage::ReadOptions{snapshot}; }

inline const storage::Status& statusOf(const storage::Status& s) { return s; }
template <class T>
const storage::Status& statusOf(const storage::Result<T>& r) { return r.status(); }

}  // namespace meridian::test

// Fails the test with the status text unless `expr` (a Status or Result) is ok.
#define CHECK_OK(expr)                                                                     \
    do {                                                                                   \
        const auto& checkOkValue_ = (expr);                                                \
        const auto& checkOkStatus_ = ::meridian::test::statusOf(checkOkValue_);            \
        QVERIFY2(checkOkStatus_.ok(), checkOkStatus_.toString().c_str());                  \
    } while (false)

// Fails unless `expr` (a Status or Result) failed with `expectedCode`.
#define CHECK_CODE(expr, expectedCode)                                                             \
    do {                                                                                   \
        const auto& checkCodeValue_ = (expr);                                              \
        const auto& checkCodeStatus_ = ::meridian::test::statusOf(checkCodeValue_);        \
        QVERIFY2(checkCodeStatus_.code() == (expectedCode),                                        \
                 qPrintable(QStringLiteral("expected '%1', got '%2'")                      \
                                .arg(QLatin1String(::meridian::storage::codeName(expectedCode)),   \
                                     ::meridian::test::qs(checkCodeStatus_.toString())))); \
    } while (false)

namespace meridian::test {

// Everything a test can observe about a folder's files: for each entry below
// the root (relative path), its type, size, a hash of its content and when it
// was last modified.
struct FileRecord {
    QString type;  // "file", "dir", "link -> target"
    qint64 size = 0;
    QByteArray sha256;
    qint64 modifiedMs = 0;  // files only: a rewrite with the same bytes still counts
    bool operator==(const FileRecord&) const = default;
};
using DirState = std::map<QString, FileRecord>;

inline DirState snapshotDir(const QString& root) {
    DirState state;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        FileRecord record;
        if (info.isSymLink()) {
            record.type = QStringLiteral("link -> ") + info.symLinkTarget();
        } else if (info.isDir()) {
            record.type = QStringLiteral("dir");
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
        state[base.relativeFilePath(path)] = record;
    }
    return state;
}

// "" when equal, else one line per difference.
inline QString diffDirs(const DirState& before, const DirState& after) {
    QStringList lines;
    for (const auto& [name, record] : before) {
        auto it = after.find(name);
        if (it == after.end())
            lines << QStringLiteral("removed: %1").arg(name);
        else if (!(it->second == record))
            lines << QStringLiteral("changed: %1 (%2, %3 bytes -> %4, %5 bytes%6)")
                         .arg(name, record.type)
                         .arg(record.size)
                         .arg(it->second.type)
                         .arg(it->second.size)
                         .arg(it->second.sha256 == record.sha256 ? QStringLiteral(", same bytes, new time")
                                                                 : QString());
    }
    for (const auto& [name, record] : after)
        if (!before.count(name)) lines << QStringLiteral("added: %1 (%2, %3 bytes)").arg(name, record.type).arg(record.size);
    return lines.join(QLatin1Char('\n'));
}

inline bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(content) == content.size();
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace meridian::test

// Fails unless the folder's state equals `before`, listing what changed.
#define CHECK_DIR_UNCHANGED(root, before)                                                    \
    do {                                                                                     \
        const QString dirDiff_ = ::meridian::test::diffDirs((before), ::meridian::test::snapshotDir(root)); \
        QVERIFY2(dirDiff_.isEmpty(), qPrintable(QStringLiteral("%1 changed:\n%2").arg(root, dirDiff_)));    \
    } while (false)
