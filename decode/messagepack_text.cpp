// MessagePack as editable text, byte for byte: messagePackNotation() prints a
// value in CBOR's diagnostic notation (decode/notation.h) plus MessagePack's
// own words, and encodeMessagePack() writes that text back as bytes.
//
// The notation: null, true, false; integers in decimal; float64 as floatText
// ("1.5", "-0.0", "NaN"); JSON strings for str, h'hex' for bin; [a, b] and
// {key: value}; ext(T, h'data') and timestamp("2023-11-14T22:13:20.5Z").
// Each item is in its usual type, the smallest (as msgpack-cxx writes):
// fixint/uint8..uint64 for an integer >= 0, fixint/int8..int64 below 0;
// fixstr/str8/16/32, bin8/16/32, fixarray/array16/32, fixmap/map16/32 by
// length; fixext1/2/4/8/16 for data of exactly that size, else ext8/16/32.
// Any other type is named as an indicator: 5_uint16, 5_int8, "a"_str8,
// [_array16 null], {_map32 }, ext(1, h'05')_ext8; float32 always says so,
// 1.5_float32. A str that is not UTF-8 is hex with its type, h'ff'_fixstr.
// A type -1 extension is timestamp("...") only when its bytes are the usual
// ones for its time (nanoseconds below 10^9, a year 0001..9999); otherwise
// it is ext(-1, h'...').
//
// The round-trip promise: for every b that decodeMessagePack(b) accepts,
// encodeMessagePack(messagePackNotation(b)) == b exactly, non-minimal
// encodings included. The one loss: every NaN prints "NaN" and is written
// back as the canonical quiet NaN (0x7ff8000000000000 / 0x7fc00000).
#include "decode/messagepack.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

#include "decode/notation.h"
#include "decode/number_text.h"
#include "storage/bytes.h"

namespace meridian::decode {

namespace {

using Kind = NotationItem::Kind;
enum Family { kInt, kStr, kBin, kArray, kMap, kExt };

// A MessagePack type: its header bytes first..last (a range when the number
// is in the header: fixint, fixstr, fixarray, fixmap; the fixint range wraps,
// 0xe0..0xff then 0x00..0x7f), the bytes of number after it (an integer, or
// a length: bytes, items, entries), and the numbers it holds. A header-only
// type holds low + (header - first). In each family the usual type of a
// number is the first that holds it.
struct Form {
    const char* name;
    Family family;
    std::uint8_t first, last;
    int bytes;
    std::int64_t low;
    std::uint64_t high;
};
constexpr Form kForms[] = {
    {"fixint", kInt, 0xe0, 0x7f, 0, -32, 127},          {"uint8", kInt, 0xcc, 0xcc, 1, 0, 0xff},
    {"uint16", kInt, 0xcd, 0xcd, 2, 0, 0xffff},         {"uint32", kInt, 0xce, 0xce, 4, 0, 0xffffffff},
    {"uint64", kInt, 0xcf, 0xcf, 8, 0, ~0ULL},          {"int8", kInt, 0xd0, 0xd0, 1, -128, 0x7f},
    {"int16", kInt, 0xd1, 0xd1, 2, -32768, 0x7fff},     {"int32", kInt, 0xd2, 0xd2, 4, -2147483648LL, 0x7fffffff},
    {"int64", kInt, 0xd3, 0xd3, 8, -0x7fffffffffffffff - 1, ~0ULL >> 1},
    {"fixstr", kStr, 0xa0, 0xbf, 0, 0, 31},             {"str8", kStr, 0xd9, 0xd9, 1, 0, 0xff},
    {"str16", kStr, 0xda, 0xda, 2, 0, 0xffff},          {"str32", kStr, 0xdb, 0xdb, 4, 0, 0xffffffff},
    {"bin8", kBin, 0xc4, 0xc4, 1, 0, 0xff},             {"bin16", kBin, 0xc5, 0xc5, 2, 0, 0xffff},
    {"bin32", kBin, 0xc6, 0xc6, 4, 0, 0xffffffff},
    {"fixarray", kArray, 0x90, 0x9f, 0, 0, 15},         {"array16", kArray, 0xdc, 0xdc, 2, 0, 0xffff},
    {"array32", kArray, 0xdd, 0xdd, 4, 0, 0xffffffff},
    {"fixmap", kMap, 0x80, 0x8f, 0, 0, 15},             {"map16", kMap, 0xde, 0xde, 2, 0, 0xffff},
    {"map32", kMap, 0xdf, 0xdf, 4, 0, 0xffffffff},
    {"fixext1", kExt, 0xd4, 0xd4, 0, 1, 1},             {"fixext2", kExt, 0xd5, 0xd5, 0, 2, 2},
    {"fixext4", kExt, 0xd6, 0xd6, 0, 4, 4},             {"fixext8", kExt, 0xd7, 0xd7, 0, 8, 8},
    {"fixext16", kExt, 0xd8, 0xd8, 0, 16, 16},          {"ext8", kExt, 0xc7, 0xc7, 1, 0, 0xff},
    {"ext16", kExt, 0xc8, 0xc8, 2, 0, 0xffff},
    {"ext32", kExt, 0xc9, 0xc9, 4, 0, 0xfffffffe},  // msgpack-cxx refuses an ext32 of 0xffffffff bytes
};

// A number to fit in a Form: the value, in two's complement when negative.
struct Number {
    bool negative = false;
    std::uint64_t bits = 0;
};
bool fits(const Form& f, Number n) {
    if (n.negative) return static_cast<std::int64_t>(n.bits) >= f.low;
    return n.bits <= f.high && (f.low <= 0 || n.bits >= static_cast<std::uint64_t>(f.low));
}
const Form* usual(Family family, Number n) {
    for (const Form& f : kForms)
        if (f.family == family && fits(f, n)) return &f;
    return nullptr;
}
const Form* named(const std::string& name) {
    for (const Form& f : kForms)
        if (name == f.name) return &f;
    return nullptr;
}

void appendBig(std::string& out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
std::uint64_t readBig(std::string_view s) {
    std::uint64_t v = 0;
    for (char c : s) v = (v << 8) | static_cast<unsigned char>(c);
    return v;
}

// The timestamp extension's data in the form msgpack writes for the time.
std::string timestampData(std::int64_t seconds, std::uint32_t nanoseconds) {
    std::string d;
    const auto s = static_cast<std::uint64_t>(seconds);
    if (s >> 32 == 0 && nanoseconds == 0) {
        appendBig(d, s, 4);
    } else if (s >> 34 == 0) {
        appendBig(d, std::uint64_t{nanoseconds} << 34 | s, 8);
    } else {
        appendBig(d, nanoseconds, 4);
        appendBig(d, s, 8);
    }
    return d;
}

// ---- Bytes to text -----------------------------------------------------------

class Printer {
public:
    explicit Printer(std::string_view in) : in_(in) {}
    bool atEnd() const { return pos_ == in_.size(); }

    // One item onto `out`; false on bytes decodeMessagePack refuses.
    bool item(std::string& out, std::size_t depth) {
        std::string_view h;
        if (!take(1, h)) return false;
        const auto b = static_cast<std::uint8_t>(h[0]);
        switch (b) {
        case 0xc0: out += "null"; return true;
        case 0xc2: out += "false"; return true;
        case 0xc3: out += "true"; return true;
        case 0xca:
        case 0xcb:
            if (!take(b == 0xca ? 4 : 8, h)) return false;
            out += b == 0xca ? floatText(std::bit_cast<float>(static_cast<std::uint32_t>(readBig(h)))) + "_float32"
                             : floatText(std::bit_cast<double>(readBig(h)));
            return true;
        default: break;
        }
        for (const Form& f : kForms) {
            const auto offset = static_cast<std::uint8_t>(b - f.first);
            if (offset > static_cast<std::uint8_t>(f.last - f.first)) continue;
            Number n;
            if (f.bytes == 0) {
                const std::int64_t v = f.low + offset;
                n = {v < 0, static_cast<std::uint64_t>(v)};
            } else {
                if (!take(static_cast<std::size_t>(f.bytes), h)) return false;
                n.bits = readBig(h);
                if (f.low < 0) {  // intN: sign-extend
                    const int shift = 64 - 8 * f.bytes;
                    n.bits = static_cast<std::uint64_t>(static_cast<std::int64_t>(n.bits << shift) >> shift);
                    n.negative = static_cast<std::int64_t>(n.bits) < 0;
                }
                if (!n.negative && n.bits > f.high) return false;
            }
            const std::string suffix = usual(f.family, n) == &f ? "" : std::string("_") + f.name;
            switch (f.family) {
            case kInt:
                out += n.negative ? std::to_string(static_cast<std::int64_t>(n.bits)) : std::to_string(n.bits);
                out += suffix;
                return true;
            case kArray: return container(out, false, n.bits, suffix, depth);
            case kMap: return container(out, true, n.bits, suffix, depth);
            default: return blob(out, f, n.bits, suffix);
            }
        }
        return false;  // 0xc1
    }

private:
    bool take(std::size_t n, std::string_view& out) {
        if (in_.size() - pos_ < n) return false;
        out = in_.substr(pos_, n);
        pos_ += n;
        return true;
    }

    // A str, bin or ext of n bytes.
    bool blob(std::string& out, const Form& f, std::uint64_t n, const std::string& suffix) {
        std::string_view type, data;
        if (f.family == kExt && !take(1, type)) return false;
        if (!take(n, data)) return false;
        if (f.family == kStr && storage::isValidUtf8(data)) {
            appendNotationString(out, data);
            out += suffix;
            return true;
        }
        if (f.family == kExt) {
            const int t = static_cast<signed char>(type[0]);
            if (t == -1 && suffix.empty() && (n == 4 || n == 8 || n == 12)) {
                const std::uint64_t v = readBig(data.substr(n == 12 ? 4 : 0));
                const auto seconds = static_cast<std::int64_t>(n == 8 ? v & ((std::uint64_t{1} << 34) - 1) : v);
                const auto nanos =
                    static_cast<std::uint32_t>(n == 8 ? v >> 34 : n == 12 ? readBig(data.substr(0, 4)) : 0);
                const std::string time = isoTime(seconds, nanos);  // "" unless nanos < 10^9 and a year 1..9999
                if (!time.empty() && timestampData(seconds, nanos) == data) {
                    out += "timestamp(\"" + time + "\")";
                    return true;
                }
            }
            out += "ext(" + std::to_string(t) + ", ";
        }
        out += "h'";
        storage::appendHex(out, data, storage::HexDigits::Lower);
        out += f.family == kExt ? "')" : "'";
        // A str that is not UTF-8 always names its type: h'..' alone is bin.
        out += f.family == kStr ? std::string("_") + f.name : suffix;
        return true;
    }

    bool container(std::string& out, bool map, std::uint64_t n, const std::string& suffix, std::size_t depth) {
        if (depth >= Limits{}.maxDepth) return false;  // decodeMessagePack's bound
        out += map ? '{' : '[';
        if (!suffix.empty()) out += suffix + " ";
        for (std::uint64_t i = 0; i < n; ++i) {  // n is not trusted: the bytes run out first
            if (i > 0) out += ", ";
            if (!item(out, depth + 1)) return false;
            if (map) {
                out += ": ";
                if (!item(out, depth + 1)) return false;
            }
        }
        out += map ? '}' : ']';
        return true;
    }

    std::string_view in_;
    std::size_t pos_ = 0;
};

// ---- Text to bytes -----------------------------------------------------------

class Writer {
public:
    explicit Writer(std::string_view text) : text_(text) {}
    std::string out;

    storage::Status item(const NotationItem& it) {
        switch (it.kind) {
        case Kind::Null:
        case Kind::False:
        case Kind::True: {
            const bool null = it.kind == Kind::Null, yes = it.kind == Kind::True;
            if (!it.indicator.empty()) return wrongIndicator(it, null ? "null" : yes ? "true" : "false");
            out += null ? '\xc0' : yes ? '\xc3' : '\xc2';
            return {};
        }
        case Kind::Unsigned:
        case Kind::Negative: {
            if (it.indicator == "float32" || it.indicator == "float64") return floating(it);
            const bool negative = it.kind == Kind::Negative;
            if (negative && it.number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return fail(it, it.text + " is below MessagePack's smallest integer, -9223372036854775808");
            return header(it, kInt, "an integer", {negative, negative ? ~it.number : it.number});  // -1 - n
        }
        case Kind::Float: return floating(it);
        case Kind::Text:
        case Kind::Bytes: {
            if (it.indefinite) return fail(it, "MessagePack has no indefinite-length strings");
            Family family = it.kind == Kind::Text ? kStr : kBin;
            const Form* f = named(it.indicator);  // text as bin, hex bytes as str: as the indicator says
            if (f && (f->family == kStr || f->family == kBin)) family = f->family;
            return blob(it, family, it.kind == Kind::Text ? "a string" : "a byte string", "", it.bytes);
        }
        case Kind::Array:
        case Kind::Map: {
            const bool map = it.kind == Kind::Map;
            if (it.indefinite) return fail(it, "MessagePack has no indefinite-length arrays or maps");
            const Number n{false, map ? it.items.size() / 2 : it.items.size()};
            if (auto s = header(it, map ? kMap : kArray, map ? "a map" : "an array", n); !s.ok()) return s;
            for (const NotationItem& child : it.items)
                if (auto s = item(child); !s.ok()) return s;
            return {};
        }
        case Kind::Ext: {
            const std::int64_t type = it.signedNumber();
            if (type < -128 || type > 127)
                return fail(it, "the extension type " + std::to_string(type) + " is not in -128..127");
            return blob(it, kExt, "an extension", std::string(1, static_cast<char>(type)), it.bytes);
        }
        case Kind::Timestamp:
            if (it.nanoseconds > 999999999) return fail(it, "a timestamp's nanoseconds must be below 1000000000");
            return blob(it, kExt, "a timestamp", "\xff", timestampData(it.signedNumber(), it.nanoseconds));
        case Kind::Tag: return fail(it, "MessagePack has no tags");
        case Kind::Simple: return fail(it, "MessagePack has no simple values");
        case Kind::Undefined: return fail(it, "MessagePack has no undefined");
        }
        return fail(it, "not a MessagePack value");
    }

private:
    storage::Status fail(const NotationItem& it, const std::string& message) const {
        return notationError(text_, it.offset, message);
    }

    // The error for an indicator that names no type of this item.
    storage::Status wrongIndicator(const NotationItem& it, const char* what) const {
        const std::string& ind = it.indicator;
        if (ind.size() == 1 && ind[0] >= '0' && ind[0] <= '3')
            return fail(it, "_" + ind + " is a CBOR indicator: MessagePack names the type, as in _uint16");
        if (!named(ind) && ind != "float32" && ind != "float64")
            return fail(it, "_" + ind + " is not a MessagePack type");
        return fail(it, std::string(what) + " cannot be " + ind);
    }

    // A Float, or an integer with _float32 / _float64: float64 unless told.
    storage::Status floating(const NotationItem& it) {
        if (it.indicator == "float32") return floatBytes<float>(it, '\xca', std::uint32_t{0x7fc00000});
        if (it.indicator.empty() || it.indicator == "float64")
            return floatBytes<double>(it, '\xcb', std::uint64_t{0x7ff8000000000000});
        return wrongIndicator(it, "a float");
    }
    // The number read again from the text as written, at this width: the
    // nearest float to "0.1", not the float nearest the double nearest it.
    // Every NaN is the canonical quiet one.
    template <class T, class Bits>
    storage::Status floatBytes(const NotationItem& it, char header, Bits nan) {
        T v{};
        if (it.kind == Kind::Float && !std::isfinite(it.real)) {
            v = static_cast<T>(it.real);  // NaN, Infinity, -Infinity
        } else {
            const auto [end, ec] = std::from_chars(it.text.data(), it.text.data() + it.text.size(), v);
            if (ec != std::errc() || end != it.text.data() + it.text.size())
                return fail(it, it.text + " does not fit in " + (sizeof v == 4 ? "float32" : "float64"));
        }
        out += header;
        appendBig(out, std::isnan(v) ? nan : std::bit_cast<Bits>(v), sizeof v);
        return {};
    }

    // The header of `n` (an integer, or a length) in the family's usual type
    // or the indicator's.
    storage::Status header(const NotationItem& it, Family family, const char* what, Number n) {
        const Form* f = it.indicator.empty() ? usual(family, n) : named(it.indicator);
        if (it.indicator.empty() && !f) return fail(it, std::to_string(n.bits) + " is too long for MessagePack");
        if (!f || f->family != family) return wrongIndicator(it, what);
        if (!fits(*f, n)) {
            if (family == kInt) return fail(it, it.text + " does not fit in " + f->name);
            if (f->bytes == 0 && family == kExt)
                return fail(it, std::string(f->name) + " holds exactly " + std::to_string(f->high) + " bytes, not " +
                                    std::to_string(n.bits));
            const char* unit = family == kArray ? " items" : family == kMap ? " entries" : " bytes";
            return fail(it, std::to_string(n.bits) + unit + " do not fit in " + f->name);  // n > 1 here
        }
        if (f->bytes == 0) {
            out += static_cast<char>(f->first + (n.bits - static_cast<std::uint64_t>(f->low)));
        } else {
            out += static_cast<char>(f->first);
            appendBig(out, n.bits, f->bytes);
        }
        return {};
    }

    // A str, bin or ext: header, `prefix` (an ext's type byte), the data.
    storage::Status blob(const NotationItem& it, Family family, const char* what, const std::string& prefix,
                         const std::string& data) {
        if (auto s = header(it, family, what, {false, data.size()}); !s.ok()) return s;
        out += prefix;
        out += data;
        return {};
    }

    std::string_view text_;
};

}  // namespace

std::string messagePackNotation(std::string_view bytes) {
    Printer printer(bytes);
    std::string out;
    if (!printer.item(out, 0) || !printer.atEnd()) return {};
    return out;
}

storage::Result<std::string> encodeMessagePack(std::string_view notation) {
    auto parsed = parseNotation(notation);
    if (!parsed.ok()) return parsed.status();
    Writer writer(notation);
    if (auto s = writer.item(parsed.value()); !s.ok()) return s;
    return std::move(writer.out);
}

}  // namespace meridian::decode
