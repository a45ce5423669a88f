#include "ui/editor/value_format.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

#include <string_view>

#include "decode/value_decoder.h"
#include "storage/bytes.h"
#include "ui/common/text.h"

namespace meridian::ui {

namespace {

std::string_view view(const QByteArray& bytes) {
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

QString tr(const char* text) { return QCoreApplication::translate("ValueFormat", text); }

bool startsLikeJsonContainer(const QByteArray& bytes) {
    for (const char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{' || c == '[';
    }
    return false;
}

}  // namespace

QString viewName(ValueView v) {
    switch (v) {
    case ValueView::Text: return tr("Text");
    case ValueView::Hex: return tr("Hex");
    case ValueView::Json: return tr("JSON");
    case ValueView::Decoded: return tr("Decoded");
    }
    return {};
}

bool isJsonDocument(const QByteArray& bytes) {
    if (!startsLikeJsonContainer(bytes)) return false;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    return error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray());
}

ViewChoice chooseView(const QByteArray& bytes) {
    if (bytes.isEmpty()) return {ValueView::Text, tr("empty value"), {}};
    const bool utf8 = storage::isValidUtf8(view(bytes));
    if (utf8 && isJsonDocument(bytes)) return {ValueView::Json, tr("valid JSON"), {}};
    if (utf8 && storage::isPrintableUtf8(view(bytes), true)) return {ValueView::Text, tr("printable UTF-8 text"), {}};
    if (auto format = decode::guessFormat(view(bytes)))
        return {ValueView::Decoded, tr("looks like %1").arg(QString::fromStdString(decode::formatName(*format))),
                QString::fromStdString(decode::ValueDecoder::forFormat(*format).spec().name())};
    return {ValueView::Hex, utf8 ? tr("binary, UTF-8 with control characters") : tr("binary, not valid UTF-8"), {}};
}

ValueView chooseKeyView(const QByteArray& key) {
    return storage::isPrintableUtf8(view(key)) ? ValueView::Text : ValueView::Hex;
}

qsizetype utf8CutPoint(const QByteArray& bytes, qsizetype limit) {
    if (limit >= bytes.size()) return bytes.size();
    if (limit <= 0) return 0;
    // Step back over continuation bytes (10xxxxxx) to the start of the
    // sequence that straddles the limit; at most 3 steps in valid UTF-8.
    qsizetype cut = limit;
    for (int i = 0; i < 4 && cut > 0; ++i) {
        const auto byte = static_cast<unsigned char>(bytes.at(cut));
        if ((byte & 0xC0) != 0x80) return cut;
        --cut;
    }
    return limit;  // not UTF-8 here: any cut will do
}

qsizetype longestLine(const QByteArray& bytes, qsizetype upTo) {
    upTo = qMin(upTo, bytes.size());
    qsizetype longest = 0, start = 0;
    while (start < upTo) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0 || end > upTo) end = upTo;
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
}

qsizetype quickLookCut(const QByteArray& bytes, qsizetype limit) {
    if (limit == kShowAll) return bytes.size();
    qsizetype cut = utf8CutPoint(bytes, limit);
    if (cut > kQuickLookLongLines && longestLine(bytes, cut) > kLongLine) cut = utf8CutPoint(bytes, kQuickLookLongLines);
    return cut;
}

QString escapedForDisplay(const QByteArray& bytes) {
    QString out;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += QString::fromStdString(storage::escapeBytes(lines[i].toStdString()));
        if (i + 1 < lines.size()) out += QStringLiteral("\\n\n");
    }
    return out;
}

QString byteCountText(qsizetype bytes) {
    if (bytes == 1) return tr("1 byte");
    const QString exact = tr("%1 bytes").arg(QLocale().toString(static_cast<qlonglong>(bytes)));
    if (bytes < 1024 * 1024) return exact;
    return tr("%1 (%2)").arg(sizeText(static_cast<quint64>(bytes)), exact);
}

}  // namespace meridian::ui
