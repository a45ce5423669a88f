// Damaged databases for the reliability tests: one made with RocksDB itself,
// with many table files and records still in its write-ahead log, and the
// ways a disk, a bad copy or a crash damages such a folder.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <cstdio>
#include <memory>
#include <string>

#include "storage/rocksdb/compat.h"

namespace meridian::test {

struct DamageSource {
    bool ok = false;
    std::string error;
    qint64 keys = 0;
};

// 40,000 keys "key<6 digits>" in 25 or more table files (small memtables, no
// compaction), the last few hundred only in the WAL.
inline DamageSource makeManyTables(const QString& path) {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.write_buffer_size = 64 * 1024;
    options.disable_auto_compactions = true;
    options.avoid_flush_during_shutdown = true;  // leave the last records in the WAL
    std::unique_ptr<rocksdb::DB> db;
    DamageSource out;
    rocksdb::Status s = storage::detail::compat::open(options, path.toStdString(), &db);
    for (int i = 0; s.ok() && i < 40000; ++i) {
        char key[16];
        std::snprintf(key, sizeof key, "key%06d", i);
        s = db->Put(rocksdb::WriteOptions(), key, std::string(40, static_cast<char>('a' + i % 26)));
    }
    if (s.ok()) s = db->Close();
    out.ok = s.ok();
    out.error = s.ToString();
    out.keys = 40000;
    return out;
}

enum class Damage {
    ManifestTruncated,  // the MANIFEST cut to half its size
    ManifestMissing,    // CURRENT names a MANIFEST that is gone
    CurrentGarbage,     // CURRENT holds junk
    CurrentMissing,     // no CURRENT at all
    TableTruncated,     // the largest table file cut to half
    TableFlipped,       // 64 bytes inverted a third into the largest table file
    TableMissing,       // one live table file deleted
    WalFlipped,         // 16 bytes inverted in the middle of the WAL
    WalTruncated,       // the WAL's last record cut short
    OptionsGarbage,     // the newest OPTIONS file overwritten with junk
};

inline const char* damageName(Damage d) {
    switch (d) {
    case Damage::ManifestTruncated: return "manifest-truncated";
    case Damage::ManifestMissing: return "manifest-missing";
    case Damage::CurrentGarbage: return "current-garbage";
    case Damage::CurrentMissing: return "current-missing";
    case Damage::TableTruncated: return "table-truncated";
    case Damage::TableFlipped: return "table-flipped";
    case Damage::TableMissing: return "table-missing";
    case Damage::WalFlipped: return "wal-flipped";
    case Damage::WalTruncated: return "wal-truncated";
    case Damage::OptionsGarbage: return "options-garbage";
    }
    return "?";
}

namespace damage_detail {

inline QString largest(const QString& db, const QString& pattern) {
    QStringList names = QDir(db).entryList({pattern}, QDir::Files, QDir::Size);
    return names.isEmpty() ? QString() : db + QLatin1Char('/') + names.first();
}

inline QString newest(const QString& db, const QString& pattern) {
    QStringList names = QDir(db).entryList({pattern}, QDir::Files, QDir::Name);
    return names.isEmpty() ? QString() : db + QLatin1Char('/') + names.last();
}

inline bool invert(const QString& path, qint64 at, qint64 length) {
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(at)) return false;
    QByteArray bytes = file.read(length);
    for (auto& b : bytes) b = static_cast<char>(~b);
    return file.seek(at) && file.write(bytes) == bytes.size();
}

inline bool cut(const QString& path, qint64 size) { return !path.isEmpty() && QFile::resize(path, size); }

}  // namespace damage_detail

// Applies `d` to the database folder `db`; false when the folder has nothing
// to damage that way.
inline bool damage(const QString& db, Damage d) {
    using namespace damage_detail;
    const QString current = db + QStringLiteral("/CURRENT");
    QFile currentFile(current);
    QString manifest;
    if (currentFile.open(QIODevice::ReadOnly))
        manifest = db + QLatin1Char('/') + QString::fromLatin1(currentFile.readAll()).trimmed();
    switch (d) {
    case Damage::ManifestTruncated: return cut(manifest, QFileInfo(manifest).size() / 2);
    case Damage::ManifestMissing: return QFile::remove(manifest);
    case Damage::CurrentGarbage: {
        QFile f(current);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write("\x01\x02garbage\xff") > 0;
    }
    case Damage::CurrentMissing: return QFile::remove(current);
    case Damage::TableTruncated: {
        const QString table = largest(db, QStringLiteral("*.sst"));
        return cut(table, QFileInfo(table).size() / 2);
    }
    case Damage::TableFlipped: {
        const QString table = largest(db, QStringLiteral("*.sst"));
        return !table.isEmpty() && invert(table, QFileInfo(table).size() / 3, 64);
    }
    case Damage::TableMissing: {
        const QStringList tables = QDir(db).entryList({QStringLiteral("*.sst")}, QDir::Files, QDir::Name);
        return !tables.isEmpty() && QFile::remove(db + QLatin1Char('/') + tables.first());
    }
    case Damage::WalFlipped: {
        const QString wal = newest(db, QStringLiteral("*.log"));
        return !wal.isEmpty() && QFileInfo(wal).size() > 64 && invert(wal, QFileInfo(wal).size() / 2, 16);
    }
    case Damage::WalTruncated: {
        const QString wal = newest(db, QStringLiteral("*.log"));
        return !wal.isEmpty() && QFileInfo(wal).size() > 64 && cut(wal, QFileInfo(wal).size() - 7);
    }
    case Damage::OptionsGarbage: {
        QFile f(newest(db, QStringLiteral("OPTIONS-*")));
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write("[Version]\n\x01\xfe junk = = \n") > 0;
    }
    }
    return false;
}

}  // namespace meridian::test
