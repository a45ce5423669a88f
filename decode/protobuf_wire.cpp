#include "decode/protobuf_wire.h"

#include <climits>
#include <string>
#include <utility>

#include "storage/bytes.h"

namespace meridian::decode {

namespace {

constexpr const char* kFormat = "Protobuf (no schema)";
constexpr const char* kFailureFormat = "Protobuf";
// TextFormat prints an unknown length-delimited field as a message at most
// this many levels deep (text_format.cc, kUnknownFieldRecursionLimit).
constexpr int kProtocPrintBudget = 10;

// libprotobuf reads the wire two ways, and protoc --decode_raw uses both.
enum class Dialect {
    // Parsing a message (ParseContext; what decides whether protoc accepts
    // the input): a tag of at most 5 bytes, a length of at most 5 bytes and
    // below 2 GiB - 16.
    Message,
    // Deciding whether an unknown length-delimited field is a message when
    // printing it (UnknownFieldSet::ParseFromCodedStream, CodedInputStream):
    // tags and lengths of up to 10 bytes, cut to 32 bits; lengths below 2 GiB.
    Embedded,
};

struct Field {
    std::uint32_t number = 0;
    int wireType = 0;
    std::size_t start = 0;  // tag
    std::size_t end = 0;    // past the value (a group: past its end tag)
    std::size_t valueStart = 0;
    std::size_t valueEnd = 0;
    std::uint64_t value = 0;   // varint, fixed32, fixed64
    std::vector<Field> group;  // a group's fields
};

struct Error {
    std::size_t offset = 0;
    std::string reason;
};

std::string fieldName(std::uint32_t number) { return "field " + std::to_string(number); }

class Parser {
public:
    // `keep`, when given, is how many fields (groups' fields included) to
    // keep in the lists message() fills: the rest are checked, not kept, and
    // truncated() says so. Lists of a value's every field could take far
    // more memory than the tree that shows a few of them.
    Parser(std::string_view bytes, Dialect dialect, std::size_t* keep = nullptr)
        : bytes_(bytes), dialect_(dialect), keep_(keep) {}

    // The fields of the message in bytes[begin, end). `groupBudget`: how many
    // groups may nest. False (error() says why) when the bytes are not a
    // message; `out` then holds the fields before the error (an open group
    // with the fields it had).
    bool message(std::size_t begin, std::size_t end, std::size_t groupBudget, std::vector<Field>& out) {
        std::size_t pos = begin;
        groupLimit_ = groupBudget;
        return fields(pos, end, groupBudget, out, nullptr, nullptr);
    }

    const Error& error() const { return error_; }
    bool truncated() const { return truncated_; }

    // Lists the top-level fields as spans too, up to `most` of them (more:
    // message() fails).
    void listSpans(std::vector<WireFieldSpan>* spans, std::size_t most) {
        spans_ = spans;
        mostSpans_ = most;
    }

private:
    bool span(const Field& f) {
        if (!spans_) return true;
        if (spans_->size() >= mostSpans_) return fail(f.start, "more fields than asked for");
        WireFieldSpan s;
        s.number = f.number;
        s.wireType = f.wireType;
        s.offset = f.start;
        s.size = f.end - f.start;
        s.valueOffset = f.valueStart;
        s.valueSize = f.valueEnd - f.valueStart;
        spans_->push_back(s);
        return true;
    }

    bool keepOne() {
        if (!keep_) return true;
        if (*keep_ == 0) {
            truncated_ = true;
            return false;
        }
        --*keep_;
        return true;
    }

    bool fail(std::size_t offset, std::string reason) {
        error_ = Error{offset, std::move(reason)};
        return false;
    }

    std::uint8_t byte(std::size_t pos) const { return static_cast<std::uint8_t>(bytes_[pos]); }

    // What a varint is, for errors: a tag, or field `number`'s value or length.
    struct VarintOf {
        const char* what;  // "tag", "varint", "length"
        std::uint32_t number = 0;
        std::string text() const {
            return number == 0 ? std::string("a field's ") + what : fieldName(number) + "'s " + what;
        }
    };

    // A varint of at most `maxBytes` bytes; bits past 64 are dropped, as
    // libprotobuf drops them.
    bool varint(std::size_t& pos, std::size_t end, int maxBytes, std::uint64_t& value, VarintOf of) {
        const std::size_t start = pos;
        value = 0;
        for (int i = 0; i < maxBytes; ++i) {
            if (pos >= end) return fail(start, of.text() + " is cut off by the end of the input");
            const std::uint8_t b = byte(pos++);
            value |= static_cast<std::uint64_t>(b & 0x7F) << (7 * i);
            if (!(b & 0x80)) return true;
        }
        return fail(start, of.text() + " is longer than " + std::to_string(maxBytes) + " bytes");
    }

    bool tag(std::size_t& pos, std::size_t end, std::uint32_t& tag) {
        std::uint64_t v = 0;
        if (!varint(pos, end, dialect_ == Dialect::Message ? 5 : 10, v, VarintOf{"tag"})) return false;
        tag = static_cast<std::uint32_t>(v);  // both readers keep the low 32 bits
        return true;
    }

    bool length(std::size_t& pos, std::size_t end, std::uint32_t number, std::uint64_t& length) {
        const std::size_t start = pos;
        const VarintOf of{"length", number};
        if (dialect_ == Dialect::Message) {
            // ParseContext's ReadSize: 5 bytes at most, the fifth below 8.
            for (int i = 0; i < 5; ++i) {
                if (pos >= end) return fail(start, of.text() + " is cut off by the end of the input");
                const std::uint8_t b = byte(pos++);
                if (i == 4 && b >= 8) return fail(start, of.text() + " is 2 GiB or more");
                length |= static_cast<std::uint64_t>(b & 0x7F) << (7 * i);
                if (!(b & 0x80)) break;
            }
            if (length > static_cast<std::uint64_t>(INT_MAX - 16)) return fail(start, of.text() + " is 2 GiB or more");
        } else {
            std::uint64_t v = 0;
            if (!varint(pos, end, 10, v, of)) return false;
            length = static_cast<std::uint32_t>(v);  // ReadVarint32
            if (length > static_cast<std::uint64_t>(INT_MAX)) return fail(start, of.text() + " is 2 GiB or more");
        }
        if (length > end - pos)
            return fail(start, of.text() + " (" + byteCount(static_cast<std::size_t>(length)) +
                                   ") runs past the end (" + byteCount(end - pos) + " left)");
        return true;
    }

    // Reads fields up to `end`, or, in a group (`group` set), up to its
    // end-group tag, whose start goes to *closeStart.
    bool fields(std::size_t& pos, std::size_t end, std::size_t budget, std::vector<Field>& out, const Field* group,
                std::size_t* closeStart) {
        while (pos < end) {
            const std::size_t start = pos;
            std::uint32_t t = 0;
            if (!tag(pos, end, t)) return false;
            const std::uint32_t number = t >> 3;
            const int wireType = static_cast<int>(t & 7);
            if (t == 0) return fail(start, "a field's tag is 0 (field number 0 does not exist)");
            if (wireType == 4) {
                if (group && number == group->number) {
                    *closeStart = start;
                    return true;
                }
                if (group)
                    return fail(start, "group " + std::to_string(group->number) + " (from byte " +
                                           std::to_string(group->start) + ") is closed by an end-group tag for " +
                                           fieldName(number));
                return fail(start, "an end-group tag for " + fieldName(number) + " without a start-group tag");
            }
            if (number == 0) return fail(start, "field number 0 does not exist");
            const bool kept = keepOne();
            Field f;
            f.number = number;
            f.wireType = wireType;
            f.start = start;
            f.valueStart = pos;
            switch (wireType) {
            case 0:
                if (!varint(pos, end, 10, f.value, VarintOf{"varint", number})) return false;
                break;
            case 1:
            case 5: {
                const std::size_t n = wireType == 1 ? 8 : 4;
                if (end - pos < n)
                    return fail(pos, fieldName(number) + " (" + (wireType == 1 ? "fixed64" : "fixed32") + ") needs " +
                                         byteCount(n) + ", " + std::to_string(end - pos) + " left");
                for (std::size_t i = 0; i < n; ++i) f.value |= static_cast<std::uint64_t>(byte(pos + i)) << (8 * i);
                pos += n;
                break;
            }
            case 2: {
                std::uint64_t len = 0;
                if (!length(pos, end, number, len)) return false;
                f.valueStart = pos;
                pos += static_cast<std::size_t>(len);
                break;
            }
            case 3: {
                if (budget == 0)
                    return fail(start, "group " + std::to_string(number) + " is nested more than " +
                                           std::to_string(groupLimit_) + " levels deep");
                std::size_t close = 0;
                const bool ok = fields(pos, end, budget - 1, f.group, &f, &close);
                if (!ok) {
                    // As far as it went: the open group with what it had.
                    f.valueEnd = f.end = std::min(error_.offset, end);
                    if (kept) out.push_back(std::move(f));
                    return false;
                }
                f.valueEnd = close;
                f.end = pos;
                if (!group && !span(f)) return false;
                if (kept) out.push_back(std::move(f));
                continue;
            }
            default:
                return fail(start, fieldName(number) + " has wire type " + std::to_string(wireType) +
                                       ", which does not exist");
            }
            f.valueEnd = pos;
            f.end = pos;
            if (!group && !span(f)) return false;
            if (kept) out.push_back(std::move(f));
        }
        if (group)
            return fail(end, "group " + std::to_string(group->number) + " (from byte " + std::to_string(group->start) +
                                 ") is not closed before the end");
        return true;
    }

    std::string_view bytes_;
    Dialect dialect_;
    std::size_t* keep_;
    bool truncated_ = false;
    std::vector<WireFieldSpan>* spans_ = nullptr;
    std::size_t mostSpans_ = 0;
    Error error_;
    std::size_t groupLimit_ = 0;
};

// True when bytes[begin, end) is what TextFormat (with this recursion
// budget) would print as a message; its fields go to `out` (as many as
// `keep` allows, when given; *truncated then says whether that was all).
bool embeddedMessage(std::string_view bytes, std::size_t begin, std::size_t end, std::size_t groupBudget,
                     std::vector<Field>& out, std::size_t* keep = nullptr, bool* truncated = nullptr) {
    if (begin == end) return false;
    Parser parser(bytes, Dialect::Embedded, keep);
    const bool ok = parser.message(begin, end, groupBudget, out);
    if (truncated) *truncated = parser.truncated();
    return ok;
}

// ---- protoc --decode_raw's text -------------------------------------------

// strings::CEscape: \n \r \t \" \' \\, other bytes outside ' '..'~' as
// three octal digits.
void appendCEscaped(std::string& out, std::string_view s) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '"': out += "\\\""; break;
        case '\'': out += "\\'"; break;
        case '\\': out += "\\\\"; break;
        default:
            if (c < 0x20 || c >= 0x7F) {
                out += '\\';
                out += static_cast<char>('0' + (c >> 6));
                out += static_cast<char>('0' + ((c >> 3) & 7));
                out += static_cast<char>('0' + (c & 7));
            } else {
                out += static_cast<char>(c);
            }
        }
    }
}

void appendHexPadded(std::string& out, std::uint64_t value, int digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i) out += kDigits[(value >> (4 * i)) & 0xF];
}

// TextFormat::Printer::PrintUnknownFields, budget and all.
void printFields(std::string_view bytes, const std::vector<Field>& fields, std::size_t indent, int budget,
                 std::string& out) {
    for (const Field& f : fields) {
        out.append(2 * indent, ' ');
        out += std::to_string(f.number);
        switch (f.wireType) {
        case 0:
            out += ": ";
            out += std::to_string(f.value);
            out += '\n';
            break;
        case 1:
        case 5:
            out += ": 0x";
            appendHexPadded(out, f.value, f.wireType == 1 ? 16 : 8);
            out += '\n';
            break;
        case 2: {
            std::vector<Field> nested;
            if (budget > 0 &&
                embeddedMessage(bytes, f.valueStart, f.valueEnd, static_cast<std::size_t>(budget), nested)) {
                out += " {\n";
                printFields(bytes, nested, indent + 1, budget - 1, out);
                out.append(2 * indent, ' ');
                out += "}\n";
            } else {
                out += ": \"";
                appendCEscaped(out, bytes.substr(f.valueStart, f.valueEnd - f.valueStart));
                out += "\"\n";
            }
            break;
        }
        case 3:
            out += " {\n";
            printFields(bytes, f.group, indent + 1, budget - 1, out);
            out.append(2 * indent, ' ');
            out += "}\n";
            break;
        default: break;
        }
    }
}

// ---- the tree --------------------------------------------------------------

class Builder {
public:
    Builder(std::string_view bytes, const Limits& limits) : bytes_(bytes), limits_(limits) {}

    // Adds `fields` (at nesting `depth`: the root's fields are at 1) to `parent`.
    void build(const std::vector<Field>& fields, Node& parent, std::size_t depth) {
        for (const Field& f : fields) {
            if (!take()) return;
            Node node;
            node.name = std::to_string(f.number);
            node.offset = f.start;
            node.size = f.end - f.start;
            switch (f.wireType) {
            case 0:
            case 1:
            case 5:
                node.type = f.wireType == 0 ? "varint" : f.wireType == 1 ? "fixed64" : "fixed32";
                node.kind = NodeKind::Integer;
                node.value = std::to_string(f.value);
                break;
            case 2: lengthDelimited(f, node, depth); break;
            case 3:
                node.type = "group";
                node.kind = NodeKind::Map;
                build(f.group, node, depth + 1);
                break;
            default: break;
            }
            parent.children.push_back(std::move(node));
            if (cut_) return;
        }
    }

    bool cut() const { return cut_; }
    void setCut() { cut_ = true; }
    bool deepBytes() const { return deepBytes_; }

private:
    bool take() {
        if (cut_) return false;
        if (nodes_ >= limits_.maxNodes) {
            cut_ = true;
            return false;
        }
        ++nodes_;
        return true;
    }

    void lengthDelimited(const Field& f, Node& node, std::size_t depth) {
        const std::size_t childDepth = depth + 1;
        std::vector<Field> nested;
        if (childDepth <= limits_.maxDepth) {
            // Kept: no more fields than the tree has room for.
            std::size_t keep = limits_.maxNodes > nodes_ ? limits_.maxNodes - nodes_ : 0;
            bool truncated = false;
            if (embeddedMessage(bytes_, f.valueStart, f.valueEnd, limits_.maxDepth - childDepth, nested, &keep,
                                &truncated)) {
                node.type = "message";
                node.kind = NodeKind::Map;
                build(nested, node, childDepth);
                if (truncated) cut_ = true;
                return;
            }
        } else if (std::size_t none = 0; embeddedMessage(bytes_, f.valueStart, f.valueEnd, 0, nested, &none)) {
            deepBytes_ = true;
        }
        const std::string_view payload = bytes_.substr(f.valueStart, f.valueEnd - f.valueStart);
        if (storage::isPrintableUtf8(payload, /*allowWhitespace=*/true)) {
            node.type = "string";
            node.kind = NodeKind::String;
            node.value = std::string(payload);
        } else {
            node.type = "bytes";
            node.kind = NodeKind::Bytes;
            node.value = storage::toHex(payload);
        }
    }

    std::string_view bytes_;
    const Limits& limits_;
    std::size_t nodes_ = 1;  // the root
    bool cut_ = false;
    bool deepBytes_ = false;
};

}  // namespace

Decoded decodeProtobufWire(std::string_view bytes, const Limits& limits) {
    Decoded decoded;
    decoded.format = kFormat;
    decoded.root.type = "message";
    decoded.root.kind = NodeKind::Map;
    decoded.root.offset = 0;
    decoded.root.size = bytes.size();

    // Every field is checked; no more are kept than the tree can show.
    std::size_t keep = limits.maxNodes > 0 ? limits.maxNodes - 1 : 0;
    Parser parser(bytes, Dialect::Message, &keep);
    std::vector<Field> fields;
    const bool ok = parser.message(0, bytes.size(), limits.maxDepth, fields);

    Builder builder(bytes, limits);
    builder.build(fields, decoded.root, 0);
    if (parser.truncated()) builder.setCut();
    if (builder.cut()) {
        decoded.cut = true;
        decoded.note = cutNote(limits.maxNodes);
    }
    if (builder.deepBytes()) {
        if (!decoded.note.empty()) decoded.note += "; ";
        decoded.note +=
            "messages nested deeper than " + std::to_string(limits.maxDepth) + " levels are shown as their bytes";
    }
    if (!ok) {
        decoded.failure = failureAt(kFailureFormat, parser.error().offset, parser.error().reason);
    } else if (!builder.cut()) {
        printFields(bytes, fields, 0, kProtocPrintBudget, decoded.text);
    }
    return decoded;
}

std::optional<std::vector<WireFieldSpan>> scanProtobufFields(std::string_view bytes, std::size_t maxFields) {
    std::size_t keepNone = 0;
    Parser parser(bytes, Dialect::Message, &keepNone);
    std::vector<WireFieldSpan> spans;
    parser.listSpans(&spans, maxFields);
    std::vector<Field> unused;
    if (!parser.message(0, bytes.size(), Limits{}.maxDepth, unused)) return std::nullopt;
    return spans;
}

}  // namespace meridian::decode
