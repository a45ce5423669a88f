#include "storage/transfer/dump_format.h"

#include <array>

#include "storage/bytes.h"

namespace meridian::storage {

namespace {

constexpr std::string_view kLdbDelimiter = " ==> ";  // ldb_cmd.cc DELIM
constexpr std::string_view kLdbSummary = "Keys in range:";
constexpr std::string_view kLdbThreadNoise = "Created bg thread 0x";
constexpr char kHexUpper[] = "0123456789ABCDEF";
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

void appendHex(std::string& out, std::string_view bytes) {
    out += "0x";
    const std::size_t at = out.size();
    out.resize(at + bytes.size() * 2);
    char* p = out.data() + at;
    for (unsigned char c : bytes) {
        *p++ = kHexUpper[c >> 4];
        *p++ = kHexUpper[c & 0xF];
    }
}

// ldb's HexToString: "0x" then an even number of hex digits.
bool decodeLdbHex(std::string_view text, std::string& out) {
    if (text.size() < 2 || text[0] != '0' || text[1] != 'x' || text.size() % 2 != 0) return false;
    out.resize((text.size() - 2) / 2);
    const char* p = text.data() + 2;
    for (char& byte : out) {
        const int hi = kHexValue[static_cast<unsigned char>(p[0])];
        const int lo = kHexValue[static_cast<unsigned char>(p[1])];
        if (hi < 0 || lo < 0) return false;
        byte = static_cast<char>((hi << 4) | lo);
        p += 2;
    }
    return true;
}

void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHexLower[] = "0123456789abcdef";
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
        default:
            out += "\\u00";
            out.push_back(kHexLower[c >> 4]);
            out.push_back(kHexLower[c & 0xF]);
        }
    }
    out.append(text.substr(run));
    out.push_back('"');
}

void appendJsonField(std::string& out, std::string_view name, std::string_view bytes) {
    out.push_back('"');
    out += name;
    if (isValidUtf8(bytes)) {
        out += "\":";
        appendJsonString(out, bytes);
    } else {
        out += "_base64\":\"";
        out += toBase64(bytes);
        out.push_back('"');
    }
}

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

// A strict reader for the one JSON shape a dump line has: an object whose
// members are all strings.
class JsonObjectReader {
public:
    explicit JsonObjectReader(std::string_view text) : text_(text) {}

    void skipSpace() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n'))
            ++pos_;
    }
    bool atEnd() const { return pos_ >= text_.size(); }
    bool take(char c) {
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    std::size_t column() const { return pos_ + 1; }

    // A JSON string literal into `out` (UTF-8); an error text on failure.
    std::optional<std::string> readString(std::string& out) {
        out.clear();
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] != '"') return std::string("expected a string");
        ++pos_;
        for (;;) {
            // Copy the plain run up to the next quote, backslash or control byte in one go.
            std::size_t run = pos_;
            while (run < text_.size()) {
                const auto c = static_cast<unsigned char>(text_[run]);
                if (c == '"' || c == '\\' || c < 0x20) break;
                ++run;
            }
            out.append(text_.substr(pos_, run - pos_));
            pos_ = run;
            if (pos_ >= text_.size()) return std::string("unterminated string");
            const char c = text_[pos_++];
            if (c == '"') break;
            if (c != '\\') return std::string("control character inside a string (must be escaped)");
            if (pos_ >= text_.size()) return std::string("unterminated escape");
            switch (text_[pos_++]) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '/': out.push_back('/'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                auto cp = readHex4();
                if (!cp) return std::string("bad \\u escape");
                if (*cp >= 0xD800 && *cp <= 0xDBFF) {
                    if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u')
                        return std::string("unpaired surrogate in a \\u escape");
                    pos_ += 2;
                    auto low = readHex4();
                    if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::string("unpaired surrogate in a \\u escape");
                    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
                    return std::string("unpaired surrogate in a \\u escape");
                }
                appendUtf8(out, *cp);
                break;
            }
            default: return std::string("unknown escape in a string");
            }
        }
        if (!isValidUtf8(std::string_view(out)))
            return std::string("string is not valid UTF-8 (binary bytes go in a _base64 field)");
        return std::nullopt;
    }

private:
    std::optional<char32_t> readHex4() {
        if (pos_ + 4 > text_.size()) return std::nullopt;
        char32_t cp = 0;
        for (int i = 0; i < 4; ++i) {
            const int v = kHexValue[static_cast<unsigned char>(text_[pos_ + static_cast<std::size_t>(i)])];
            if (v < 0) return std::nullopt;
            cp = (cp << 4) | static_cast<char32_t>(v);
        }
        pos_ += 4;
        return cp;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

Status malformed(std::string reason) { return Status::invalidArgument(std::move(reason)); }

Result<LineKind> parseJsonLine(std::string_view line, std::string& key, std::string& value) {
    JsonObjectReader reader(line);
    reader.skipSpace();
    if (reader.atEnd()) return LineKind::Skipped;  // blank line
    if (!reader.take('{')) return malformed("not a JSON object (a line must start with '{')");
    bool haveKey = false;
    bool haveValue = false;
    std::string name;
    std::string text;
    if (!reader.take('}')) {
        for (;;) {
            if (auto error = reader.readString(name)) return malformed("field name: " + *error);
            if (!reader.take(':')) return malformed("expected ':' after \"" + escapeBytes(name) + "\"");
            const bool isKey = name == "key" || name == "key_base64";
            const bool isValue = name == "value" || name == "value_base64";
            if (!isKey && !isValue)
                return malformed("unknown field \"" + escapeBytes(name) +
                                 "\" (expected key or key_base64, value or value_base64)");
            if ((isKey && haveKey) || (isValue && haveValue))
                return malformed(std::string("more than one ") + (isKey ? "key" : "value") + " field");
            std::string& target = isKey ? key : value;
            if (name.ends_with("_base64")) {
                if (auto error = reader.readString(text)) return malformed(name + ": " + *error);
                auto decoded = fromBase64(text);
                if (!decoded) return malformed(name + " is not valid base64");
                target = std::move(*decoded);
            } else if (auto error = reader.readString(target)) {
                return malformed(name + ": " + *error);
            }
            (isKey ? haveKey : haveValue) = true;
            if (reader.take(',')) continue;
            if (reader.take('}')) break;
            return malformed("expected ',' or '}' at column " + std::to_string(reader.column()));
        }
    }
    reader.skipSpace();
    if (!reader.atEnd()) return malformed("text after the JSON object at column " + std::to_string(reader.column()));
    if (!haveKey) return malformed("no key field (key or key_base64)");
    if (!haveValue) return malformed("no value field (value or value_base64)");
    return LineKind::Record;
}

}  // namespace

const char* dumpFormatName(DumpFormat format) {
    switch (format) {
    case DumpFormat::LdbText: return "ldb";
    case DumpFormat::LdbHex: return "ldb --hex";
    case DumpFormat::JsonLines: return "jsonl";
    }
    return "unknown";
}

Status appendRecord(std::string& out, DumpFormat format, std::string_view key, std::string_view value) {
    switch (format) {
    case DumpFormat::LdbHex:
        out.reserve(out.size() + 2 * (key.size() + value.size()) + 10);
        appendHex(out, key);
        out += kLdbDelimiter;
        appendHex(out, value);
        out.push_back('\n');
        return {};
    case DumpFormat::LdbText:
        if (key.find('\n') != std::string_view::npos)
            return Status::invalidArgument("a key holds a newline, which plain ldb text cannot carry");
        if (value.find('\n') != std::string_view::npos)
            return Status::invalidArgument("a value holds a newline, which plain ldb text cannot carry");
        if (key.find(kLdbDelimiter) != std::string_view::npos)
            return Status::invalidArgument("a key holds \" ==> \", which plain ldb text cannot carry");
        // "a ==>" then " ==> v" reads back as key "a", value "==> v": the
        // line splits at the first delimiter, which must be the one we write.
        if (key.ends_with(kLdbDelimiter.substr(0, kLdbDelimiter.size() - 1)))
            return Status::invalidArgument("a key ends with \" ==>\", which plain ldb text cannot carry");
        out += key;
        out += kLdbDelimiter;
        out += value;
        out.push_back('\n');
        return {};
    case DumpFormat::JsonLines:
        out.push_back('{');
        appendJsonField(out, "key", key);
        out.push_back(',');
        appendJsonField(out, "value", value);
        out += "}\n";
        return {};
    }
    return Status::invalidArgument("unknown dump format");
}

std::string dumpTrailer(DumpFormat format, std::uint64_t keys) {
    if (format == DumpFormat::JsonLines) return {};
    return std::string(kLdbSummary) + " " + std::to_string(keys) + "\n";
}

Result<LineKind> parseLine(DumpFormat format, std::string_view line, std::string& key, std::string& value) {
    if (format == DumpFormat::JsonLines) return parseJsonLine(line, key, value);
    const std::size_t at = line.find(kLdbDelimiter);
    if (at == std::string_view::npos) {
        // ldb load skips these two (and warns about any other line, which we refuse).
        if (line.starts_with(kLdbSummary) || line.starts_with(kLdbThreadNoise)) return LineKind::Skipped;
        if (line.empty()) return malformed("empty line (a record is KEY ==> VALUE)");
        return malformed("no ' ==> ' between key and value");
    }
    const std::string_view k = line.substr(0, at);
    const std::string_view v = line.substr(at + kLdbDelimiter.size());
    if (format == DumpFormat::LdbText) {
        key.assign(k);
        value.assign(v);
        return LineKind::Record;
    }
    if (!decodeLdbHex(k, key)) return malformed("the key is not 0x followed by pairs of hex digits");
    if (!decodeLdbHex(v, value)) return malformed("the value is not 0x followed by pairs of hex digits");
    return LineKind::Record;
}

DumpFormat detectFormat(std::string_view head, bool hex) {
    for (const char c : head) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '{') return DumpFormat::JsonLines;
        break;
    }
    return hex ? DumpFormat::LdbHex : DumpFormat::LdbText;
}

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

}  // namespace meridian::storage
