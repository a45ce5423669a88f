// Text every feature shows the same way: keys in messages, sizes, counts.
//
// One unit style for sizes: binary (IEC) units with one decimal, as the
// value editor, the transfers, saving to disk and the properties all use.
// UI thread or any other: these are plain functions of their arguments and
// the current QLocale.
#pragma once

#include <QByteArray>
#include <QString>

#include <string>

namespace meridian::ui {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }

// A key for a menu or message: escaped (\x00), shortened past `max`
// characters with an ellipsis, in quotes: “user:42”.
QString shortKey(const QByteArray& key, int max = 40);

// "1 byte", "512 bytes", "1.5 KiB", "12.3 MiB".
QString sizeText(quint64 bytes);

// "1 key", "12,345 keys".
QString keysText(quint64 keys);

// `one` for 1, else `many` with the number (in the locale's digits) for its
// %1: countText(n, tr("1 file"), tr("%1 files")). Qt's "%n file(s)" needs a
// translation loaded to lose its "(s)".
QString countText(quint64 n, const QString& one, const QString& many);

}  // namespace meridian::ui
