// Byte strings and text between the storage API (std::string) and Qt, for
// the checks of every test executable.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>

namespace meridian::test {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string str(const QString& s) { return s.toStdString(); }
// Bytes for QCOMPARE: QTest prints QByteArray with escapes, so NUL and 0xFF
// show up in failure messages.
inline QByteArray bytes(std::string_view s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }
// `v` in `width` bytes, most significant first: the integers of composite keys.
inline std::string bigEndian(std::uint64_t v, int width = 8) {
    std::string out(static_cast<std::size_t>(width), '\0');
    for (int i = width - 1; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    return out;
}

}  // namespace meridian::test
