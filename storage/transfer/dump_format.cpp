#include "storage/transfer/dump_format.h"

#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::storage {

namespace {

constexpr std::string_view kLdbDelimiter = " ==> ";  // ldb_cmd.cc DELIM
constexpr std::string_view kLdbSummary = "Keys in range:";
constexpr std::string_view kLdbThreadNoise = "Created bg thread 0x";
constexpr std::string_view kLdbHexPrefix = "0x";  // lower-case x: ldb refuses "0X"

// ldb's HexToString: "0x" then an even number of hex digits.
bool decodeLdbHex(std::string_view text, std::string& out) {
    return text.starts_with(kLdbHexPrefix) && decodeHex(text.substr(kLdbHexPrefix.size()), out);
}

void appendLdbHex(std::string& out, std::string_view bytes) {
    out += kLdbHexPrefix;
    appendHex(out, bytes);
}

void appendJsonField(std::string& out, std::string_view name, std::string_view bytes) {
    out.push_back('"');
    out += name;
    if (isValidUtf8(bytes)) {
        out += "\":";
        appendJsonString(out, bytes, JsonShortEscapes::TabNewlineReturn);
    } else {
        out += "_base64\":\"";
        out += toBase64(bytes);
        out.push_back('"');
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
        skipSpace();
        if (Status read = readJsonString(text_, pos_, out); !read.ok()) return read.message();
        if (!isValidUtf8(std::string_view(out)))
            return std::string("string is not valid UTF-8 (binary bytes go in a _base64 field)");
        return std::nullopt;
    }

private:
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
        appendLdbHex(out, key);
        out += kLdbDelimiter;
        appendLdbHex(out, value);
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

}  // namespace meridian::storage
