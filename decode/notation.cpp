#include "decode/notation.h"

#include <cctype>
#include <charconv>
#include <algorithm>
#include <limits>
#include <vector>

#include "decode/number_text.h"
#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::decode {

namespace {

using Kind = NotationItem::Kind;

struct ParseError {  // thrown inside the parser only, caught in parseNotation
    std::size_t offset;
    std::string message;
};

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

class Parser {
public:
    Parser(std::string_view text, std::size_t maxDepth) : s_(text), maxDepth_(maxDepth) {}

    NotationItem document() {
        NotationItem item = value(0);
        skip();
        if (pos_ < s_.size()) fail(pos_, "more text after the value");
        return item;
    }

private:
    [[noreturn]] void fail(std::size_t at, std::string message) { throw ParseError{at, std::move(message)}; }

    char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }

    // White space and "/ comments /".
    void skip() {
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++pos_;
            } else if (c == '/') {
                const std::size_t end = s_.find('/', pos_ + 1);
                if (end == std::string_view::npos) fail(pos_, "a comment that does not end (no closing /)");
                pos_ = end + 1;
            } else {
                return;
            }
        }
    }

    std::string_view word() {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && isWordChar(s_[pos_])) ++pos_;
        return s_.substr(start, pos_ - start);
    }

    void expect(char c, const char* what) {
        skip();
        if (peek() != c) fail(pos_, std::string("expected ") + what);
        ++pos_;
    }

    // "_name" right after an item: its encoding indicator ("" when none).
    // A lone "_" is left for the caller (an empty indefinite string).
    std::string indicator() {
        if (peek() != '_' || !isWordChar(peek(1))) return {};
        ++pos_;
        const std::size_t start = pos_;
        while (pos_ < s_.size() && isWordChar(s_[pos_])) ++pos_;
        return std::string(s_.substr(start, pos_ - start));
    }

    [[noreturn]] void tooDeep() { fail(pos_, "nested deeper than " + std::to_string(maxDepth_) + " levels"); }

    NotationItem value(std::size_t depth) {
        skip();
        NotationItem item;
        item.offset = pos_;
        const char c = peek();
        if (c == '[' || c == '{') {
            if (depth >= maxDepth_) tooDeep();  // as deep as the decoders read, no deeper
            container(item, depth);
        } else if (c == '"' || c == '\'' || (c == 'h' && peek(1) == '\'')) {
            item.kind = c == '"' ? Kind::Text : Kind::Bytes;
            item.bytes = stringLiteral(item.kind);
            afterString(item);
        } else if (c == '(') {
            indefiniteString(item);
        } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            number(item, depth);
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            named(item, depth);
        } else if (c == '\0') {
            fail(pos_, "expected a value, found the end of the text");
        } else {
            fail(pos_, std::string("expected a value, found '") + c + "'");
        }
        return item;
    }

    void container(NotationItem& item, std::size_t depth) {
        const bool map = peek() == '{';
        const char close = map ? '}' : ']';
        item.kind = map ? Kind::Map : Kind::Array;
        ++pos_;
        if (peek() == '_') {
            item.indicator = indicator();
            if (item.indicator.empty()) {
                ++pos_;
                item.indefinite = true;
            }
            // "[_1]" would read as an empty array with a 2-byte count: a space says what is meant.
            const char next = peek();
            if (next != ' ' && next != '\n' && next != '\r' && next != '\t' && (next != close || !item.indicator.empty()))
                fail(pos_, "expected a space after the bracket's indicator ([_ 1] is indefinite, [_0 1] a count in 1 byte)");
        }
        skip();
        if (peek() == close) {
            ++pos_;
            return;
        }
        for (;;) {
            item.items.push_back(value(depth + 1));
            if (map) {
                expect(':', "':' after a map key");
                item.items.push_back(value(depth + 1));
            }
            skip();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() == close) {
                ++pos_;
                return;
            }
            fail(pos_, std::string("expected ',' or '") + close + "'");
        }
    }

    // "text" (JSON escapes), h'hex' or 'bytes as written'.
    std::string stringLiteral(Kind kind) {
        const std::size_t start = pos_;
        std::string out;
        if (kind == Kind::Text) {
            const auto status = storage::readJsonString(s_, pos_, out);
            if (!status.ok()) fail(start, status.message());
            // Bytes that are not UTF-8 are not text: h'...' says them.
            if (!storage::isValidUtf8(out)) fail(start, "the text is not valid UTF-8 (write bytes as h'...')");
            return out;
        }
        const bool hex = peek() == 'h';
        pos_ += hex ? 2 : 1;
        const std::size_t end = s_.find('\'', pos_);
        if (end == std::string_view::npos) fail(start, "a byte string that does not end (no closing ')");
        std::string_view inside = s_.substr(pos_, end - pos_);
        pos_ = end + 1;
        if (!hex) return std::string(inside);
        std::string digits;
        for (char d : inside) {
            if (d == ' ' || d == '\n' || d == '\r' || d == '\t') continue;
            if (!std::isxdigit(static_cast<unsigned char>(d))) fail(start, "h'...' holds hex digits only");
            digits += d;
        }
        auto bytes = storage::fromHex(digits);
        if (!bytes) fail(start, "h'...' needs pairs of hex digits");
        return std::move(*bytes);
    }

    // After a string: an indicator, or "_" alone for an empty indefinite one ('' _ / ""_).
    void afterString(NotationItem& item) {
        item.indicator = indicator();
        if (item.indicator.empty() && peek() == '_') {
            if (!item.bytes.empty()) fail(pos_, "only an empty string can be followed by _ alone");
            ++pos_;
            item.indefinite = true;
        }
    }

    // (_ "ab", "c") or (_ h'01', h'02'): a string in parts.
    void indefiniteString(NotationItem& item) {
        ++pos_;
        if (peek() != '_') fail(pos_, "expected '_' after '(' (an indefinite-length string)");
        ++pos_;
        item.indefinite = true;
        skip();
        std::optional<Kind> kind;
        while (peek() != ')') {
            if (kind) {
                expect(',', "',' or ')'");
                skip();
            }
            const char c = peek();
            const bool text = c == '"';
            if (!text && c != '\'' && !(c == 'h' && peek(1) == '\'')) fail(pos_, "expected a string part");
            const Kind partKind = text ? Kind::Text : Kind::Bytes;
            if (kind && *kind != partKind) fail(pos_, "the parts of a string must all be text or all bytes");
            kind = partKind;
            item.chunks.push_back(stringLiteral(partKind));
            item.chunkIndicators.push_back(indicator());
            skip();
        }
        ++pos_;
        if (!kind) fail(item.offset, "an indefinite string needs at least one part (write \"\"_ or ''_ for none)");
        item.kind = *kind;
        for (const auto& chunk : item.chunks) item.bytes += chunk;
        item.indicator = indicator();
        if (!item.indicator.empty()) fail(item.offset, "an indefinite string has no indicator of its own");
    }

    void number(NotationItem& item, std::size_t depth) {
        const std::size_t start = pos_;
        const bool negative = peek() == '-';
        if (negative && peek(1) == 'I') {
            ++pos_;
            if (word() != "Infinity") fail(start, "expected a number");
            item.kind = Kind::Float;
            item.real = -std::numeric_limits<double>::infinity();
            item.text = "-Infinity";
            item.indicator = indicator();
            return;
        }
        if (negative) ++pos_;
        bool isFloat = false;
        auto digits = [&] {
            const std::size_t from = pos_;
            while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
            return pos_ > from;
        };
        if (!digits()) fail(start, "expected digits");
        if (peek() == '.') {
            ++pos_;
            isFloat = true;
            if (!digits()) fail(pos_, "expected digits after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            isFloat = true;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!digits()) fail(pos_, "expected the exponent's digits");
        }
        const std::string_view text = s_.substr(start, pos_ - start);
        item.text = std::string(text);
        if (isFloat) {
            item.kind = Kind::Float;
            // from_chars reads no leading '+', and it is locale-free.
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), item.real);
            if (ec == std::errc::result_out_of_range) fail(start, "the number " + item.text + " is out of range for a double");
            if (ec != std::errc() || end != text.data() + text.size()) fail(start, "not a number: " + item.text);
            item.indicator = indicator();
            return;
        }
        const std::string_view magnitude = text.substr(negative ? 1 : 0);
        std::uint64_t n = 0;
        const auto [end, ec] = std::from_chars(magnitude.data(), magnitude.data() + magnitude.size(), n);
        if (ec != std::errc() || end != magnitude.data() + magnitude.size()) {
            // -2^64 is the one integer whose magnitude does not fit (CBOR's lowest).
            if (!(negative && magnitude == "18446744073709551616"))
                fail(start, "the integer " + item.text + " does not fit in 64 bits");
            item.kind = Kind::Negative;
            item.number = std::numeric_limits<std::uint64_t>::max();
        } else if (negative && n > 0) {
            item.kind = Kind::Negative;
            item.number = n - 1;
        } else {
            item.kind = Kind::Unsigned;
            item.number = n;
        }
        item.indicator = indicator();
        if (peek() == '(') {  // a tag: 1(...)
            if (item.kind != Kind::Unsigned || negative) fail(start, "a tag number cannot be negative");
            if (depth >= maxDepth_) tooDeep();
            ++pos_;
            item.kind = Kind::Tag;
            item.items.push_back(value(depth + 1));
            expect(')', "')' closing the tagged item");
        }
    }

    // true, false, null, undefined, NaN, Infinity, simple(N), ext(T, h''), timestamp("...").
    void named(NotationItem& item, std::size_t depth) {
        (void)depth;
        const std::size_t start = pos_;
        const std::string_view name = word();
        if (name == "true") item.kind = Kind::True;
        else if (name == "false") item.kind = Kind::False;
        else if (name == "null") item.kind = Kind::Null;
        else if (name == "undefined") item.kind = Kind::Undefined;
        else if (name == "NaN" || name == "Infinity") {
            item.kind = Kind::Float;
            item.real = name == "NaN" ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
            item.text = std::string(name);
        } else if (name == "simple") {
            expect('(', "'(' after simple");
            item.kind = Kind::Simple;
            item.number = integerArgument(0, 255, "simple value");
            expect(')', "')'");
        } else if (name == "ext") {
            expect('(', "'(' after ext");
            item.kind = Kind::Ext;
            item.number = static_cast<std::uint64_t>(static_cast<std::int64_t>(integerArgument(-128, 127, "extension type")));
            expect(',', "',' after the extension type");
            skip();
            if (!(peek() == 'h' && peek(1) == '\'') && peek() != '\'') fail(pos_, "expected the extension's bytes, h'...'");
            item.bytes = stringLiteral(Kind::Bytes);
            expect(')', "')'");
        } else if (name == "timestamp") {
            expect('(', "'(' after timestamp");
            skip();
            const std::size_t at = pos_;
            if (peek() != '"') fail(pos_, "expected a time in quotes, \"2023-11-14T22:13:20Z\"");
            const std::string time = stringLiteral(Kind::Text);
            const auto parsed = parseIsoTime(time);
            if (!parsed) fail(at, "not a time in the form \"2023-11-14T22:13:20.5Z\" (UTC, years 0001-9999)");
            item.kind = Kind::Timestamp;
            item.number = static_cast<std::uint64_t>(parsed->first);
            item.nanoseconds = parsed->second;
            expect(')', "')'");
        } else {
            fail(start, "unknown word '" + std::string(name) + "'");
        }
        item.indicator = indicator();
    }

    std::int64_t integerArgument(std::int64_t low, std::int64_t high, const char* what) {
        skip();
        const std::size_t at = pos_;
        if (peek() == '-') ++pos_;
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
        const std::string_view text = s_.substr(at, pos_ - at);
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < low || v > high)
            fail(at, std::string("expected a ") + what + " from " + std::to_string(low) + " to " + std::to_string(high));
        return v;
    }

    std::string_view s_;
    std::size_t maxDepth_;
    std::size_t pos_ = 0;
};

}  // namespace

void appendNotationString(std::string& out, std::string_view text) {
    const std::size_t from = out.size();
    storage::appendJsonString(out, text, storage::JsonShortEscapes::WithBackspaceFormFeed);
    // The few characters a plain text editor turns into a space or a line break.
    static constexpr struct {
        std::string_view utf8;
        std::string_view escape;
    } kChanged[] = {{"\xC2\xA0", "\\u00a0"}, {"\xE2\x80\xA8", "\\u2028"}, {"\xE2\x80\xA9", "\\u2029"},
                    {"\xEF\xB7\x90", "\\ufdd0"}, {"\xEF\xB7\x91", "\\ufdd1"}};
    for (const auto& c : kChanged) {
        for (std::size_t at = out.find(c.utf8, from); at != std::string::npos; at = out.find(c.utf8, at + c.escape.size()))
            out.replace(at, c.utf8.size(), c.escape);
    }
}

std::string indentNotation(std::string_view text) {
    constexpr std::size_t kShortLine = 72;
    // Every container, in the order its bracket opens (outside strings):
    // where it closes and whether it holds another.
    struct Span {
        std::size_t close = 0;
        bool nested = false;
    };
    std::vector<Span> spans;
    std::vector<std::size_t> open;  // indexes into spans
    // The end of the string literal starting at i (its closing quote).
    auto stringEnd = [&text](std::size_t i) {
        if (text[i] == '\'') return std::min(text.find('\'', i + 1), text.size());
        std::size_t end = i + 1;
        while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
        return std::min(end, text.size());
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            i = stringEnd(i);
        } else if (c == '[' || c == '{') {
            if (!open.empty()) spans[open.back()].nested = true;
            open.push_back(spans.size());
            spans.push_back({});
        } else if ((c == ']' || c == '}') && !open.empty()) {
            spans[open.back()].close = i;
            open.pop_back();
        }
    }
    if (!open.empty()) return std::string(text);  // not one of ours: leave it be
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    // Per open container (and "(": a tag's item, ext's arguments, string
    // parts, which never break): one entry a line.
    std::vector<bool> broken;
    std::size_t depth = 0;  // broken containers open
    auto newline = [&out, &depth] { out += '\n' + std::string(2 * depth, ' '); };
    std::size_t nextSpan = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            const std::size_t end = stringEnd(i);
            out.append(text.substr(i, end + 1 - i));
            i = end;
        } else if (c == '[' || c == '{') {
            const Span& span = spans[nextSpan++];
            // The opening bracket and its indicator ("[_ ", "{_map16 ") stay together.
            std::size_t body = i + 1;
            if (body < text.size() && text[body] == '_') {
                while (body < span.close && text[body] != ' ') ++body;
                if (body < span.close) ++body;
            }
            const bool breakIt = span.close > body && (span.nested || span.close - i + 1 > kShortLine);
            out.append(text.substr(i, body - i));
            broken.push_back(breakIt);
            if (breakIt) {
                ++depth;
                while (!out.empty() && out.back() == ' ') out.pop_back();
                newline();
            }
            i = body - 1;
        } else if (c == '(' || c == ')') {
            if (c == '(') broken.push_back(false);
            else if (!broken.empty()) broken.pop_back();
            out += c;
        } else if (c == ']' || c == '}') {
            const bool wasBroken = !broken.empty() && broken.back();
            if (!broken.empty()) broken.pop_back();
            if (wasBroken) {
                --depth;
                newline();
            }
            out += c;
        } else if (c == ',' && !broken.empty() && broken.back() && i + 1 < text.size() && text[i + 1] == ' ') {
            out += ',';
            newline();
            ++i;  // the space after the comma
        } else {
            out += c;
        }
    }
    return out;
}

storage::Status notationError(std::string_view text, std::size_t offset, const std::string& message) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return storage::Status::invalidArgument("line " + std::to_string(line) + ", column " + std::to_string(column) +
                                            ": " + message);
}

storage::Result<NotationItem> parseNotation(std::string_view text, std::size_t maxDepth) {
    try {
        return Parser(text, maxDepth).document();
    } catch (const ParseError& e) {
        return notationError(text, e.offset, e.message);
    }
}

}  // namespace meridian::decode
