#include "ui/browser/typed_bytes.h"

#include <QCoreApplication>

namespace meridian::ui {

std::optional<std::string> typedBytes(const QString& text, storage::ByteDisplay display) {
    const std::string typed = text.toStdString();
    switch (display) {
    case storage::ByteDisplay::Hex: {
        std::string digits;
        for (char c : typed)
            if (c != ' ') digits.push_back(c);
        return storage::fromHex(digits);
    }
    case storage::ByteDisplay::Escaped:
        return storage::unescapeBytes(typed);
    case storage::ByteDisplay::Auto:
        break;
    }
    auto bytes = storage::unescapeBytes(typed);
    return bytes ? bytes : typed;
}

QString typedText(const std::string& bytes, storage::ByteDisplay display) {
    if (display == storage::ByteDisplay::Hex) return QString::fromStdString(storage::toHex(bytes));
    // Escaped always reads back; Auto's plain text only when it has no escape-like backslash.
    const QString plain = QString::fromStdString(storage::displayBytes(bytes, display));
    if (typedBytes(plain, display) == bytes) return plain;
    return QString::fromStdString(storage::escapeBytes(bytes));
}

QString typedBytesHint(storage::ByteDisplay display) {
    if (display == storage::ByteDisplay::Hex)
        return QCoreApplication::translate("KeyBrowser", "Hex bytes, as the list shows them: 00 ff 61 or 00ff61");
    return QCoreApplication::translate("KeyBrowser",
                                       "Text; \\xNN for any byte (\\x00), \\\\ for a backslash");
}

}  // namespace meridian::ui
