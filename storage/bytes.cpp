#include "storage/bytes.h"

#include <cstdint>

namespace meridian::storage {

namespace {

// Length of the well-formed UTF-8 sequence at bytes[i] and its code point,
// or 0 when the bytes there are not well-formed.
std::size_t utf8Sequence(std::string_view bytes, std::size_t i, char32_t* codePoint) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
        *codePoint = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2; cp = b0 & 0x1F; min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3; cp = b0 & 0x0F; min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4; cp = b0 & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > bytes.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(bytes[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    *codePoint = cp;
    return len;
}

bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace

bool isValidUtf8(std::string_view bytes) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t len = utf8Sequence(bytes, i, &cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

bool isPrintableUtf8(std::string_view bytes, bool allowWhitespace) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t len = utf8Sequence(bytes, i, &cp);
        if (len == 0) return false;
        if (isControl(cp) && !(allowWhitespace && (cp == '\t' || cp == '\n' || cp == '\r'))) return false;
        i += len;
    }
    return true;
}

std::string escapeBytes(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    // Binary bytes read better with every non-ASCII byte escaped than with
    // the odd accidental UTF-8 sequence shown as a stray character (a
    // big-endian counter's 0xDE 0x98 is a Thaana letter): characters stay
    // only in text, which holds no control bytes but whitespace.
    const bool keepUnicode = isPrintableUtf8(bytes, /*allowWhitespace=*/true);
    char32_t cp = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t len = utf8Sequence(bytes, i, &cp);
        if (len > 0 && (len == 1 || keepUnicode) && !isControl(cp) && cp != '\\') {
            out.append(bytes.substr(i, len));
            i += len;
            continue;
        }
        const auto c = static_cast<unsigned char>(bytes[i]);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default:
            out += "\\x";
            appendHex(out, bytes.substr(i, 1), HexDigits::Lower);
        }
        ++i;
    }
    return out;
}

std::optional<std::string> unescapeBytes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out.push_back(text[i]);
            continue;
        }
        if (++i >= text.size()) return std::nullopt;
        switch (text[i]) {
        case '\\': out.push_back('\\'); break;
        case 't': out.push_back('\t'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case '0': out.push_back('\0'); break;
        case 'x': {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hexDigitValue(text[i + 1]);
            const int lo = hexDigitValue(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>((hi << 4) | lo));
            i += 2;
            break;
        }
        default: return std::nullopt;
        }
    }
    return out;
}

std::string displayBytes(std::string_view bytes, ByteDisplay mode) {
    switch (mode) {
    case ByteDisplay::Hex: return toHex(bytes);
    case ByteDisplay::Escaped: return escapeBytes(bytes);
    case ByteDisplay::Auto: break;
    }
    return isPrintableUtf8(bytes) ? std::string(bytes) : escapeBytes(bytes);
}

}  // namespace meridian::storage
