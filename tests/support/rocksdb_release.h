// What RocksDB's release notes (HISTORY.md) say about table formats, written
// down here independently of storage/rocksdb/compat.cpp so that tests can
// hold our engine description against it, plus the SST footer read the same
// way RocksDB's table/format.cc lays it out.
#pragma once

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace meridian::test {

struct Release {
    int major = 0, minor = 0, patch = 0;
    QString text() const { return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(patch); }
    bool olderMinorThan(const Release& o) const { return major < o.major || (major == o.major && minor < o.minor); }
};

// "7.8.3" anywhere in `text` ("ldb from RocksDB 7.8.3").
inline std::optional<Release> findRelease(const QString& text) {
    const auto m = QRegularExpression(QStringLiteral("(\\d+)\\.(\\d+)\\.(\\d+)")).match(text);
    if (!m.hasMatch()) return std::nullopt;
    return Release{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
}

// The newest block-based table format a release reads: 5 since 6.6,
// 6 since 8.6.0, 7 since 10.4.0.
inline int newestTableFormatOf(const Release& r) {
    if (r.major > 10 || (r.major == 10 && r.minor >= 4)) return 7;
    if (r.major > 8 || (r.major == 8 && r.minor >= 6)) return 6;
    return 5;
}

// The release an ldb reports with --version; nullopt when it does not run.
inline std::optional<Release> ldbRelease(const QString& ldb) {
    QProcess p;
    p.start(ldb, {QStringLiteral("--version")});
    if (!p.waitForFinished(60000)) return std::nullopt;
    return findRelease(QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()));
}

// The table format_version in a block-based SST file's footer (its last 12
// bytes: format_version as 32-bit little endian, then the magic number);
// 0 for the legacy footer, -1 when it is not a block-based table.
inline int sstFooterFormat(const QString& sstFile) {
    QFile f(sstFile);
    if (!f.open(QIODevice::ReadOnly) || f.size() < 12 || !f.seek(f.size() - 12)) return -1;
    const QByteArray tail = f.read(12);
    if (tail.size() != 12) return -1;
    auto le = [&](int at, int n) {
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(tail[at + i]);
        return v;
    };
    const std::uint64_t magic = le(4, 8);
    if (magic == 0x88e241b785f4cff7ull) return static_cast<int>(le(0, 4));
    if (magic == 0xdb4775248b80fb57ull) return 0;
    return -1;
}

}  // namespace meridian::test
