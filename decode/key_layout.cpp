#include "decode/key_layout.h"

#include <algorithm>
#include <cctype>

#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::decode {

namespace {

using storage::Status;

Status badTemplate(std::size_t at, const std::string& why) {
    return Status::invalidArgument("key layout, at " + std::to_string(at + 1) + ": " + why);
}

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// One backslash escape at text[i] ('\\' there): appends its byte, moves i past it.
bool unescapeOne(std::string_view text, std::size_t& i, std::string& out) {
    if (i + 1 >= text.size()) return false;
    const char c = text[i + 1];
    if (c == 'x') {
        if (i + 3 >= text.size()) return false;
        const int hi = storage::hexDigitValue(text[i + 2]);
        const int lo = storage::hexDigitValue(text[i + 3]);
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi * 16 + lo);
        i += 4;
        return true;
    }
    if (c == '\\' || c == '{' || c == '}') {
        out += c;
        i += 2;
        return true;
    }
    return false;
}

// A typed key split into literal text and {values}.
struct Token {
    bool literal = true;
    std::string bytes;    // literal: its bytes; value: the text between the braces, unescaped
    std::size_t at = 0;   // where in the typed text
};

storage::Result<std::vector<Token>> tokenize(std::string_view typed) {
    std::vector<Token> tokens;
    auto literal = [&](std::size_t at) -> std::string& {
        if (tokens.empty() || !tokens.back().literal) tokens.push_back(Token{true, {}, at});
        return tokens.back().bytes;
    };
    std::size_t i = 0;
    while (i < typed.size()) {
        const char c = typed[i];
        if (c == '{' && i + 1 < typed.size() && typed[i + 1] == '{') {
            literal(i) += '{';
            i += 2;
        } else if (c == '}' && i + 1 < typed.size() && typed[i + 1] == '}') {
            literal(i) += '}';
            i += 2;
        } else if (c == '\\') {
            if (!unescapeOne(typed, i, literal(i)))
                return Status::invalidArgument("typed key, at " + std::to_string(i + 1) + ": a \\ must start \\xNN, \\\\, \\{ or \\}");
        } else if (c == '{') {
            Token value{false, {}, i};
            std::size_t j = i + 1;
            bool closed = false;
            while (j < typed.size()) {
                if (typed[j] == '}') {
                    closed = true;
                    break;
                }
                if (typed[j] == '\\') {
                    if (!unescapeOne(typed, j, value.bytes))
                        return Status::invalidArgument("typed key, at " + std::to_string(j + 1) + ": a \\ must start \\xNN, \\\\, \\{ or \\}");
                } else {
                    value.bytes += typed[j++];
                }
            }
            if (!closed) return Status::invalidArgument("typed key, at " + std::to_string(i + 1) + ": a { without its }");
            tokens.push_back(std::move(value));
            i = j + 1;
        } else if (c == '}') {
            return Status::invalidArgument("typed key, at " + std::to_string(i + 1) + ": a } without its { (a brace in text is }})");
        } else {
            literal(i) += c;
            ++i;
        }
    }
    return tokens;
}

// A field's value as typed text: what writeField reads back.
std::string fieldText(const FieldValue& value) {
    if (value.kind != NodeKind::String) return value.text;
    std::string out;
    for (char c : value.text) {
        if (c == '\\' || c == '{' || c == '}') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::optional<std::string> unescapeLiteral(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\\') {
            if (!unescapeOne(text, i, out)) return std::nullopt;
        } else if (c == '{' || c == '}') {
            if (i + 1 >= text.size() || text[i + 1] != c) return std::nullopt;
            out += c;
            i += 2;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

std::string escapeLiteral(std::string_view bytes) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '{' || c == '}') {
            out += c;
            out += c;
        } else if (c == '\\') {
            out += "\\\\";
        } else if (u >= 0x20 && u < 0x7f) {
            out += c;
        } else {
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

storage::Result<KeyLayout> KeyLayout::parse(std::string_view text) {
    KeyLayout layout;
    layout.text_ = std::string(text);
    auto& items = layout.items_;
    auto literal = [&]() -> std::string& {
        if (items.empty() || !items.back().literal) items.push_back(LayoutItem{});
        return items.back().bytes;
    };
    std::size_t fields = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            literal() += c;
            i += 2;
            continue;
        }
        if (c == '\\') {
            if (!unescapeOne(text, i, literal())) return badTemplate(i, "a \\ must start \\xNN, \\\\, \\{ or \\}");
            continue;
        }
        if (c == '}') return badTemplate(i, "a } without its { (a brace in the key is }})");
        if (c != '{') {
            literal() += c;
            ++i;
            continue;
        }
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos) return badTemplate(i, "a { without its }");
        std::string_view spec = text.substr(i + 1, close - i - 1);
        std::vector<std::string_view> parts;
        for (std::size_t start = 0;;) {
            const std::size_t colon = spec.find(':', start);
            parts.push_back(spec.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
            if (colon == std::string_view::npos) break;
            start = colon + 1;
        }
        auto type = fieldTypeNamed(parts[0]);
        if (!type)
            return badTemplate(i + 1, "unknown type \"" + std::string(parts[0]) +
                                          "\" (u8, i8, u16be ... i64le, f32be ... f64le, varint, zigzag, uuid, utf8, bytes)");
        std::size_t next = 1;
        if (next < parts.size() && !parts[next].empty() &&
            parts[next].find_first_not_of("0123456789") == std::string_view::npos) {
            if (type->kind != FieldKind::Utf8 && type->kind != FieldKind::Bytes)
                return badTemplate(i + 1, "only utf8 and bytes take a length");
            if (parts[next].size() > 6) return badTemplate(i + 1, "a length past 999,999 bytes");
            type->count = static_cast<std::size_t>(std::stoul(std::string(parts[next])));
            ++next;
        }
        LayoutItem field;
        field.literal = false;
        field.type = *type;
        ++fields;
        field.name = "field" + std::to_string(fields);
        if (next < parts.size()) {
            const std::string_view name = parts[next];
            if (name.empty() || !std::all_of(name.begin(), name.end(), isNameChar))
                return badTemplate(i + 1, "a field's name is letters, digits and _");
            field.name = std::string(name);
            ++next;
        }
        if (next < parts.size()) return badTemplate(i + 1, "a field is {TYPE}, {TYPE:NAME} or {TYPE:COUNT:NAME}");
        for (const LayoutItem& earlier : items)
            if (!earlier.literal && earlier.name == field.name)
                return badTemplate(i + 1, "two fields are called " + field.name);
        if (!items.empty() && !items.back().literal && !items.back().type.fixedSize() &&
            (items.back().type.kind == FieldKind::Utf8 || items.back().type.kind == FieldKind::Bytes))
            return badTemplate(i, items.back().name + " (" + items.back().type.name() +
                                      " without a length) must be followed by text or end the key");
        items.push_back(std::move(field));
        i = close + 1;
    }
    return layout;
}

std::string KeyLayout::fixedPrefix() const {
    if (!items_.empty() && items_.front().literal) return items_.front().bytes;
    return {};
}

std::vector<std::string> KeyLayout::fieldNames() const {
    std::vector<std::string> names;
    for (const LayoutItem& item : items_)
        if (!item.literal) names.push_back(item.name);
    return names;
}

KeyMatch KeyLayout::match(std::string_view key) const {
    KeyMatch out;
    std::size_t pos = 0;
    auto mismatch = [&](std::size_t at, std::string why) {
        out.mismatchAt = at;
        out.why = std::move(why);
        return out;
    };
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const LayoutItem& item = items_[i];
        const std::string_view rest = key.substr(pos);
        if (item.literal) {
            std::size_t same = 0;
            while (same < item.bytes.size() && same < rest.size() && rest[same] == item.bytes[same]) ++same;
            if (same < item.bytes.size())
                return mismatch(pos + same, "expected \"" + escapeLiteral(item.bytes) + "\" at byte " + std::to_string(pos));
            pos += item.bytes.size();
            continue;
        }
        std::string_view span = rest;
        const bool openEnded = !item.type.fixedSize() &&
                               (item.type.kind == FieldKind::Utf8 || item.type.kind == FieldKind::Bytes);
        if (openEnded && i + 1 < items_.size()) {
            const std::size_t end = rest.find(items_[i + 1].bytes);
            if (end == std::string_view::npos)
                return mismatch(key.size(), "no \"" + escapeLiteral(items_[i + 1].bytes) + "\" after " + item.name);
            span = rest.substr(0, end);
        }
        std::string why;
        auto value = readField(item.type, span, &why);
        if (!value) return mismatch(pos, item.name + ": " + why);
        out.fields.push_back(KeyField{item.name, item.type, *value, pos});
        pos += value->size;
    }
    if (pos < key.size()) return mismatch(pos, byteCount(key.size() - pos) + " after the layout");
    return out;
}

std::optional<std::string> KeyLayout::typedText(std::string_view key) const {
    KeyMatch m = match(key);
    if (!m.matches()) return std::nullopt;
    std::string out;
    std::size_t field = 0;
    for (const LayoutItem& item : items_) {
        if (item.literal)
            out += escapeLiteral(item.bytes);
        else
            out += "{" + fieldText(m.fields[field++].value) + "}";
    }
    // A field whose text does not keep every bit (a varint with a redundant
    // continuation byte, a NaN's payload) has no typed form that gives the key back.
    auto back = encodeTyped(out);
    if (!back.ok() || back.value() != key) return std::nullopt;
    return out;
}

storage::Result<std::string> KeyLayout::encodeTyped(std::string_view typed) const {
    auto tokenized = tokenize(typed);
    if (!tokenized.ok()) return tokenized.status();
    const std::vector<Token>* tokens = &tokenized.value();
    std::string out;
    std::size_t t = 0;       // token
    std::size_t inToken = 0;  // bytes of a literal token used so far
    auto apart = [&](std::size_t at, const std::string& why) {
        return Status::invalidArgument("typed key, at " + std::to_string(at + 1) + ": " + why + " (layout " + text_ + ")");
    };
    for (const LayoutItem& item : items_) {
        if (t == tokens->size()) return out;  // a prefix
        const Token& token = (*tokens)[t];
        if (item.literal) {
            if (!token.literal) return apart(token.at, "expected \"" + escapeLiteral(item.bytes) + "\" before this value");
            const std::string_view have = std::string_view(token.bytes).substr(inToken);
            const std::size_t n = std::min(have.size(), item.bytes.size());
            if (have.substr(0, n) != std::string_view(item.bytes).substr(0, n))
                return apart(token.at, "expected \"" + escapeLiteral(item.bytes) + "\"");
            out += have.substr(0, n);
            inToken += n;
            if (inToken == token.bytes.size()) {
                ++t;
                inToken = 0;
            }
            if (n < item.bytes.size()) {
                if (t < tokens->size()) return apart((*tokens)[t].at, "expected \"" + escapeLiteral(item.bytes) + "\"");
                return out;  // a prefix that ends inside the literal
            }
            continue;
        }
        if (token.literal) return apart(token.at, "expected {" + item.type.name() + "} for " + item.name);
        auto bytes = writeField(item.type, token.bytes);
        if (!bytes.ok()) return apart(token.at, item.name + ": " + bytes.status().message());
        out += bytes.value();
        ++t;
    }
    if (t < tokens->size()) return apart((*tokens)[t].at, "more than the layout holds");
    return out;
}

}  // namespace meridian::decode
