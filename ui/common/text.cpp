#include "ui/common/text.h"

#include <QCoreApplication>
#include <QLocale>

#include "storage/bytes.h"

namespace meridian::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("Text", text); }
}  // namespace

QString shortKey(const QByteArray& key, int max) {
    QString text = QString::fromStdString(storage::escapeBytes(key.toStdString()));
    if (text.size() > max) text = text.left(max - 1) + QChar(0x2026);
    return QStringLiteral("“%1”").arg(text);
}

QString sizeText(quint64 bytes) {
    const QLocale locale;
    if (bytes == 1) return tr("1 byte");
    if (bytes < 1024) return tr("%1 bytes").arg(locale.toString(static_cast<qulonglong>(bytes)));
    return locale.formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeIecFormat);
}

QString keysText(quint64 keys) { return countText(keys, tr("1 key"), tr("%1 keys")); }

QString countText(quint64 n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(QLocale().toString(static_cast<qulonglong>(n)));
}

}  // namespace meridian::ui
