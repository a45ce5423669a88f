#include "storage/codec.h"

#include <array>
#include <cstdint>

namespace meridian::storage {

namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<signed char, 256> makeHexTable() {
    std::array<signed char, 256> t{};
    for (auto& v : t) v = -1;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = static_cast<signed char>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) t[static_cast<std::size_t>(c)] = static_cast<signed char>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c) t[static_cast<std::size_t>(c)] = static_cast<signed char>(c - 'A' + 10);
    return t;
}
constexpr auto kHexValue = makeHexTable();

constexpr std::array<signed char, 256> makeBase64Table() {
    std::array<signed char, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kBase64[i])] = static_cast<signed char>(i);
    return t;
}
constexpr auto kBase64Value = makeBase64Table();

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The four hex digits of a \u escape at text[pos]; pos moves past them.
std::optional<char32_t> readHex4(std::string_view text, std::size_t& pos) {
    if (pos + 4 > text.size()) return std::nullopt;
    char32_t cp = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const int v = hexDigitValue(text[pos + i]);
        if (v < 0) return std::nullopt;
        cp = (cp << 4) | static_cast<char32_t>(v);
    }
    pos += 4;
    return cp;
}

// The code point of a \u escape whose "\u" is just behind text[pos], joining
// a surrogate pair; the reason on failure.
Result<char32_t> readUnicodeEscape(std::string_view text, std::size_t& pos) {
    auto cp = readHex4(text, pos);
    if (!cp) return Status::invalidArgument("bad \\u escape");
    const auto unpaired = [] { return Status::invalidArgument("unpaired surrogate in a \\u escape"); };
    if (*cp >= 0xDC00 && *cp <= 0xDFFF) return unpaired();
    if (*cp < 0xD800 || *cp > 0xDBFF) return *cp;
    if (pos + 1 >= text.size() || text[pos] != '\\' || text[pos + 1] != 'u') return unpaired();
    pos += 2;
    auto low = readHex4(text, pos);
    if (!low || *low < 0xDC00 || *low > 0xDFFF) return unpaired();
    return static_cast<char32_t>(0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00));
}

}  // namespace

// ---- Hex -------------------------------------------------------------------

int hexDigitValue(char c) { return kHexValue[static_cast<unsigned char>(c)]; }

void appendHex(std::string& out, std::string_view bytes, HexDigits digits) {
    const char* hex = digits == HexDigits::Upper ? kHexUpper : kHexLower;
    const std::size_t at = out.size();
    out.resize(at + bytes.size() * 2);
    char* p = out.data() + at;
    for (unsigned char c : bytes) {
        *p++ = hex[c >> 4];
        *p++ = hex[c & 0xF];
    }
}

std::string toHex(std::string_view bytes, HexDigits digits) {
    std::string out;
    appendHex(out, bytes, digits);
    return out;
}

bool decodeHex(std::string_view digits, std::string& out) {
    if (digits.size() % 2 != 0) return false;
    out.resize(digits.size() / 2);
    const char* p = digits.data();
    for (char& byte : out) {
        const int hi = hexDigitValue(p[0]);
        const int lo = hexDigitValue(p[1]);
        if (hi < 0 || lo < 0) return false;
        byte = static_cast<char>((hi << 4) | lo);
        p += 2;
    }
    return true;
}

std::optional<std::string> fromHex(std::string_view text) {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
    std::string out;
    if (!decodeHex(text, out)) return std::nullopt;
    return out;
}

// ---- Base64 ----------------------------------------------------------------

std::string toBase64(std::string_view bytes) {
    std::string out;
    out.resize((bytes.size() + 2) / 3 * 4);
    char* p = out.data();
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16) |
                                (std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                                std::uint32_t(static_cast<unsigned char>(bytes[i + 2]));
        *p++ = kBase64[(n >> 18) & 63];
        *p++ = kBase64[(n >> 12) & 63];
        *p++ = kBase64[(n >> 6) & 63];
        *p++ = kBase64[n & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        std::uint32_t n = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) n |= std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        *p++ = kBase64[(n >> 18) & 63];
        *p++ = kBase64[(n >> 12) & 63];
        *p++ = rest == 2 ? kBase64[(n >> 6) & 63] : '=';
        *p++ = '=';
    }
    return out;
}

std::optional<std::string> fromBase64(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        int v[4];
        int padding = 0;
        for (int j = 0; j < 4; ++j) {
            const char c = text[i + static_cast<std::size_t>(j)];
            if (c == '=' && last && j >= 2) {
                v[j] = 0;
                ++padding;
                continue;
            }
            if (padding > 0) return std::nullopt;  // data after '='
            v[j] = kBase64Value[static_cast<unsigned char>(c)];
            if (v[j] < 0) return std::nullopt;
        }
        const std::uint32_t n = (std::uint32_t(v[0]) << 18) | (std::uint32_t(v[1]) << 12) |
                                (std::uint32_t(v[2]) << 6) | std::uint32_t(v[3]);
        out.push_back(static_cast<char>((n >> 16) & 0xFF));
        if (padding < 2) out.push_back(static_cast<char>((n >> 8) & 0xFF));
        if (padding < 1) out.push_back(static_cast<char>(n & 0xFF));
        // Canonical form only: the bits the padding hides must be zero.
        if ((padding == 1 && (n & 0xFF) != 0) || (padding == 2 && (n & 0xFFFF) != 0)) return std::nullopt;
    }
    return out;
}

// ---- JSON string literals --------------------------------------------------

void appendJsonString(std::string& out, std::string_view text, JsonShortEscapes shortEscapes) {
    const bool backspaceFormFeed = shortEscapes == JsonShortEscapes::WithBackspaceFormFeed;
    out.push_back('"');
    std::size_t run = 0;  // start of the bytes that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.substr(run, i - run));
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b':
        case '\f':
            if (backspaceFormFeed) {
                out += c == '\b' ? "\\b" : "\\f";
                break;
            }
            [[fallthrough]];
        default:
            out += "\\u00";
            appendHex(out, text.substr(i, 1), HexDigits::Lower);
        }
    }
    out.append(text.substr(run));
    out.push_back('"');
}

std::string jsonString(std::string_view text, JsonShortEscapes shortEscapes) {
    std::string out;
    out.reserve(text.size() + 2);
    appendJsonString(out, text, shortEscapes);
    return out;
}

Status readJsonString(std::string_view text, std::size_t& pos, std::string& out) {
    out.clear();
    if (pos >= text.size() || text[pos] != '"') return Status::invalidArgument("expected a string");
    ++pos;
    for (;;) {
        // Copy the plain run up to the next quote, backslash or control byte in one go.
        std::size_t run = pos;
        while (run < text.size()) {
            const auto c = static_cast<unsigned char>(text[run]);
            if (c == '"' || c == '\\' || c < 0x20) break;
            ++run;
        }
        out.append(text.substr(pos, run - pos));
        pos = run;
        if (pos >= text.size()) return Status::invalidArgument("unterminated string");
        const char c = text[pos++];
        if (c == '"') return {};
        if (c != '\\') return Status::invalidArgument("control character inside a string (must be escaped)");
        if (pos >= text.size()) return Status::invalidArgument("unterminated escape");
        switch (text[pos++]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
            auto cp = readUnicodeEscape(text, pos);
            if (!cp.ok()) return cp.status();
            appendUtf8(out, cp.value());
            break;
        }
        default: return Status::invalidArgument("unknown escape in a string");
        }
    }
}

}  // namespace meridian::storage
