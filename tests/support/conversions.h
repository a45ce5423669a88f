// Byte strings and text between the storage API (std::string) and Qt, for
// the checks of every test executable.
#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>

namespace meridian::test {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string str(const QString& s) { return s.toStdString(); }
// Bytes for QCOMPARE: QTest prints QByteArray with escapes, so NUL and 0xFF
// show up in failure messages.
inline QByteArray bytes(std::string_view s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

}  // namespace meridian::test
