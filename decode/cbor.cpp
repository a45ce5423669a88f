#include "decode/cbor.h"

#include <cmath>
#include <cstring>

#include "decode/notation.h"
#include "decode/number_text.h"
#include "decode/tree_builder.h"
#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::decode {

namespace {

const std::string kFormat = "CBOR";

struct Stop {  // thrown inside the reader only, caught in decodeCbor
    Failure failure;
};

class Reader {
public:
    Reader(std::string_view in, const Limits& limits) : in_(in), limits_(limits), tree_(limits) {}

    void item(std::string& diag, std::size_t depth);
    std::size_t pos() const { return pos_; }
    TreeBuilder& tree() { return tree_; }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& reason) { throw Stop{failureAt(kFormat, at, reason)}; }
    std::uint8_t byte() {
        if (pos_ >= in_.size()) fail(pos_, "the value ends early");
        return static_cast<std::uint8_t>(in_[pos_++]);
    }
    std::uint64_t bigEndian(std::size_t n) {
        if (in_.size() - pos_ < n) fail(pos_, "the value ends early (needs " + std::to_string(n) + " bytes, " +
                                                  std::to_string(in_.size() - pos_) + " left)");
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<std::uint8_t>(in_[pos_ + i]);
        pos_ += n;
        return v;
    }
    // The argument of an initial byte: info 0..23 itself, 24..27 the next
    // 1, 2, 4 or 8 bytes. nullopt for 31 (indefinite length).
    std::optional<std::uint64_t> argument(std::uint8_t info, std::size_t at) {
        if (info < 24) return info;
        if (info <= 27) return bigEndian(std::size_t{1} << (info - 24));
        if (info == 31) return std::nullopt;
        fail(at, "additional information " + std::to_string(info) + " is reserved");
    }
    std::string_view take(std::uint64_t n, std::size_t at, const char* what) {
        if (n > in_.size() - pos_)
            fail(at, std::string(what) + "'s length runs past the end (needs " + std::to_string(n) + " bytes, " +
                         std::to_string(in_.size() - pos_) + " left)");
        std::string_view s = in_.substr(pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return s;
    }
    void string(std::uint8_t major, std::uint8_t info, std::size_t at, std::string& diag);
    void container(std::uint8_t major, std::uint8_t info, std::size_t at, std::string& diag, std::size_t depth);
    void simple(std::uint8_t info, std::size_t at, std::string& diag);
    void scalar(NodeKind kind, std::string type, std::string value, std::size_t at) {
        Node* node = tree_.value(kind, std::move(type), std::move(value), at, pos_ - at);
        if (node && !pendingTag_.empty()) {
            node->type = pendingTag_ + ", " + node->type;
        }
        pendingTag_.clear();
    }

    std::string_view in_;
    Limits limits_;
    TreeBuilder tree_;
    std::size_t pos_ = 0;
    std::string pendingTag_;  // "tag 1 (epoch time 2023-...)" for the item that follows
};

// The encoding indicator an argument needs in diagnostic notation: "" for
// the shortest head, else "_0".."_3" for the 1, 2, 4 or 8 bytes it took.
std::string widthIndicator(std::uint8_t info, std::uint64_t value) {
    if (info == shortestCborInfo(value) || info < 24) return {};
    return std::string("_") + static_cast<char>('0' + (info - 24));
}

void appendDiagString(std::string& diag, std::string_view text) { appendNotationString(diag, text); }

void Reader::item(std::string& diag, std::size_t depth) {
    const std::size_t at = pos_;
    const std::uint8_t initial = byte();
    const std::uint8_t major = initial >> 5;
    const std::uint8_t info = initial & 0x1f;
    switch (major) {
    case 0:
    case 1: {
        auto n = argument(info, at);
        if (!n) fail(at, "an integer cannot have an indefinite length");
        std::string text;
        if (major == 0) {
            text = std::to_string(*n);
        } else if (*n == UINT64_MAX) {
            text = "-18446744073709551616";
        } else {
            text = "-" + std::to_string(*n + 1);
        }
        diag += text + widthIndicator(info, *n);
        scalar(NodeKind::Integer, major == 0 ? "unsigned" : "negative", text, at);
        return;
    }
    case 2:
    case 3: string(major, info, at, diag); return;
    case 4:
    case 5: container(major, info, at, diag, depth); return;
    case 6: {
        auto tag = argument(info, at);
        if (!tag) fail(at, "a tag cannot have an indefinite length");
        if (depth >= limits_.maxDepth)
            fail(at, "nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
        diag += std::to_string(*tag) + widthIndicator(info, *tag) + "(";
        std::string tagText = "tag " + std::to_string(*tag);
        if (*tag == 0) tagText += " (date/time)";
        if (*tag == 1 && pos_ < in_.size()) {
            // An epoch time: show it as a date when the item is an integer.
            const std::uint8_t next = static_cast<std::uint8_t>(in_[pos_]);
            if ((next >> 5) <= 1) {
                std::size_t save = pos_;
                ++pos_;
                auto n = argument(next & 0x1f, save);
                pos_ = save;
                if (n && *n < (1ULL << 62)) {
                    const auto seconds = (next >> 5) == 0 ? static_cast<std::int64_t>(*n) : -1 - static_cast<std::int64_t>(*n);
                    if (auto iso = isoTime(seconds); !iso.empty()) tagText += " (epoch time " + iso + ")";
                }
            }
        }
        if (*tag == 2 || *tag == 3) tagText += *tag == 2 ? " (bignum)" : " (negative bignum)";
        if (*tag == 37) tagText += " (UUID)";
        // Nested tags: the outermost first.
        // Every tag is named up to a few; a long chain of them (valid, and
        // repeated on every item of a big value) would multiply the tree's size.
        if (pendingTag_.empty())
            pendingTag_ = tagText;
        else if (pendingTag_.size() < 200)
            pendingTag_ += ", " + tagText;
        else if (!pendingTag_.ends_with("…"))
            pendingTag_ += ", …";
        item(diag, depth + 1);
        diag += ")";
        return;
    }
    default: simple(info, at, diag); return;
    }
}

void Reader::string(std::uint8_t major, std::uint8_t info, std::size_t at, std::string& diag) {
    const char* what = major == 2 ? "a byte string" : "a text string";
    std::string content;
    auto n = argument(info, at);
    if (n) {
        content = std::string(take(*n, at, what));
        if (major == 2) {
            diag += "h'" + storage::toHex(content, storage::HexDigits::Lower) + "'" + widthIndicator(info, *n);
        }
    } else {
        // Indefinite: definite chunks of the same major type up to a break.
        std::string parts;
        bool first = true;
        for (;;) {
            const std::size_t chunkAt = pos_;
            const std::uint8_t b = byte();
            if (b == 0xff) break;
            if ((b >> 5) != major) fail(chunkAt, std::string("a chunk of an indefinite-length ") + (what + 2) +
                                                     " must be a definite " + (what + 2));
            auto len = argument(b & 0x1f, chunkAt);
            if (!len) fail(chunkAt, "a chunk of an indefinite-length string cannot itself be indefinite");
            std::string_view chunk = take(*len, chunkAt, what);
            if (major == 3 && !storage::isValidUtf8(chunk)) fail(chunkAt, "a text string chunk is not valid UTF-8");
            if (!first) parts += ", ";
            first = false;
            if (major == 2)
                parts += "h'" + storage::toHex(chunk, storage::HexDigits::Lower) + "'";
            else
                appendDiagString(parts, chunk);
            parts += widthIndicator(b & 0x1f, *len);
            content += chunk;
        }
        if (first)
            diag += major == 2 ? "''_" : "\"\"_";  // no parts at all
        else
            diag += "(_ " + parts + ")";
    }
    if (major == 3) {
        if (n && !storage::isValidUtf8(content)) fail(at, "the text string is not valid UTF-8");
        if (n) {
            appendDiagString(diag, content);
            diag += widthIndicator(info, *n);
        }
        scalar(NodeKind::String, "text", std::move(content), at);
    } else {
        scalar(NodeKind::Bytes, "bytes", storage::toHex(content), at);
    }
}

void Reader::container(std::uint8_t major, std::uint8_t info, std::size_t at, std::string& diag, std::size_t depth) {
    const bool map = major == 5;
    auto n = argument(info, at);
    std::string tag = std::move(pendingTag_);
    pendingTag_.clear();
    std::string type = map ? "map" : "array";
    if (!tag.empty()) type = tag + ", " + type;
    if (!tree_.open(map ? NodeKind::Map : NodeKind::Array, type, at))
        fail(at, "nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
    diag += map ? "{" : "[";
    if (!n) diag += "_ ";
    else if (auto width = widthIndicator(info, *n); !width.empty()) diag += width + " ";
    // A definite count is trusted only as far as the bytes go: each item
    // takes at least one byte, so a count past the end fails at the end.
    std::uint64_t items = 0;
    for (;;) {
        if (n) {
            if (items == *n) break;
        } else {
            if (pos_ < in_.size() && static_cast<std::uint8_t>(in_[pos_]) == 0xff) {
                ++pos_;
                break;
            }
        }
        if (items > 0) diag += ", ";
        item(diag, depth + 1);
        if (map) {
            diag += ": ";
            if (!n && pos_ < in_.size() && static_cast<std::uint8_t>(in_[pos_]) == 0xff)
                fail(pos_, "a map ends after a key, without its value");
            item(diag, depth + 1);
        }
        ++items;
    }
    diag += map ? "}" : "]";
    tree_.close(pos_);
}

void Reader::simple(std::uint8_t info, std::size_t at, std::string& diag) {
    switch (info) {
    case 20: diag += "false"; scalar(NodeKind::Bool, "simple", "false", at); return;
    case 21: diag += "true"; scalar(NodeKind::Bool, "simple", "true", at); return;
    case 22: diag += "null"; scalar(NodeKind::Null, "simple", "null", at); return;
    case 23: diag += "undefined"; scalar(NodeKind::Other, "undefined", "undefined", at); return;
    case 24: {
        const std::uint8_t v = byte();
        if (v < 32) fail(at, "simple value " + std::to_string(v) + " must be in one byte");
        diag += "simple(" + std::to_string(v) + ")";
        scalar(NodeKind::Other, "simple", "simple(" + std::to_string(v) + ")", at);
        return;
    }
    case 25:
    case 26:
    case 27: {
        double value;
        std::string text;
        if (info == 25) {
            value = halfToDouble(static_cast<std::uint16_t>(bigEndian(2)));
            text = floatText(value);
        } else if (info == 26) {
            const auto bits = static_cast<std::uint32_t>(bigEndian(4));
            float f;
            std::memcpy(&f, &bits, 4);
            text = floatText(f);
        } else {
            const std::uint64_t bits = bigEndian(8);
            std::memcpy(&value, &bits, 8);
            text = floatText(value);
        }
        // Doubles are the usual float; a half or single says so (_1, _2).
        diag += text + (info == 25 ? "_1" : info == 26 ? "_2" : "");
        scalar(NodeKind::Float, info == 25 ? "half" : info == 26 ? "float" : "double", text, at);
        return;
    }
    case 28:
    case 29:
    case 30: fail(at, "additional information " + std::to_string(info) + " is reserved");
    case 31: fail(at, "a break (0xFF) outside an indefinite-length item");
    default:
        diag += "simple(" + std::to_string(info) + ")";
        scalar(NodeKind::Other, "simple", "simple(" + std::to_string(info) + ")", at);
        return;
    }
}

}  // namespace

Decoded decodeCbor(std::string_view bytes, const Limits& limits) {
    Decoded out;
    out.format = kFormat;
    if (bytes.empty()) {
        out.failure = failureAt(kFormat, 0, "no bytes");
        return out;
    }
    Reader reader(bytes, limits);
    std::string diag;
    try {
        reader.item(diag, 0);
        if (reader.pos() < bytes.size())
            out.failure = failureAt(kFormat, reader.pos(),
                                    byteCount(bytes.size() - reader.pos()) + " after the value");
    } catch (const Stop& stop) {
        out.failure = stop.failure;
    }
    out.root = reader.tree().takeRoot();
    out.cut = reader.tree().cut();
    if (out.cut) out.note = cutNote(limits.maxNodes);
    // The notation of a value too big to show in full would be as big.
    if (!out.failure && !out.cut) out.text = std::move(diag);
    return out;
}

std::uint8_t shortestCborInfo(std::uint64_t value) {
    if (value < 24) return static_cast<std::uint8_t>(value);
    if (value <= 0xff) return 24;
    if (value <= 0xffff) return 25;
    if (value <= 0xffffffffULL) return 26;
    return 27;
}

}  // namespace meridian::decode
