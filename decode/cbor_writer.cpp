// Diagnostic notation back to CBOR bytes (cbor.h, encodeCbor): the writing
// half of editing a CBOR value. decodeCbor prints every item with the
// indicator its bytes need, so what it prints is written back byte for byte.
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "decode/cbor.h"
#include "decode/notation.h"
#include "decode/number_text.h"

namespace meridian::decode {

namespace {

using Kind = NotationItem::Kind;

struct Refusal {  // thrown inside the writer only, caught in encodeCbor
    std::size_t offset;
    std::string message;
};

// IEEE 754 binary16 bits for `value` when it is exactly a half (NaN as the quiet NaN).
std::optional<std::uint16_t> exactHalf(double value) {
    if (std::isnan(value)) return 0x7e00;
    const std::uint16_t sign = std::signbit(value) ? 0x8000 : 0;
    const double magnitude = std::fabs(value);
    if (std::isinf(value)) return static_cast<std::uint16_t>(sign | 0x7c00);
    if (magnitude == 0) return sign;
    std::uint16_t bits;
    if (magnitude >= std::ldexp(1.0, -14)) {  // normal: 1.m × 2^(e-15)
        int e = 0;
        const double m = std::frexp(magnitude, &e);  // magnitude = m × 2^e, m in [0.5, 1)
        const int exponent = e - 1 + 15;
        if (exponent > 30) return std::nullopt;
        const double mantissa = (m * 2 - 1) * 1024;
        if (mantissa != std::floor(mantissa)) return std::nullopt;
        bits = static_cast<std::uint16_t>(sign | (exponent << 10) | static_cast<int>(mantissa));
    } else {  // subnormal: f × 2^-24
        const double f = std::ldexp(magnitude, 24);
        if (f != std::floor(f)) return std::nullopt;
        bits = static_cast<std::uint16_t>(sign | static_cast<int>(f));
    }
    if (halfToDouble(bits) != value) return std::nullopt;
    return bits;
}

class Writer {
public:
    std::string out;

    void item(const NotationItem& v) {
        switch (v.kind) {
        case Kind::Unsigned: head(0, v.number, v.indicator, v.offset); return;
        case Kind::Negative: head(1, v.number, v.indicator, v.offset); return;
        case Kind::Text:
        case Kind::Bytes: string(v); return;
        case Kind::Array:
        case Kind::Map: {
            const std::uint8_t major = v.kind == Kind::Map ? 5 : 4;
            if (v.indefinite) {
                out += static_cast<char>(major << 5 | 31);
            } else {
                head(major, v.kind == Kind::Map ? v.items.size() / 2 : v.items.size(), v.indicator, v.offset);
            }
            for (const auto& child : v.items) item(child);
            if (v.indefinite) out += '\xff';
            return;
        }
        case Kind::Tag:
            head(6, v.number, v.indicator, v.offset);
            item(v.items.front());
            return;
        case Kind::Simple:
            noIndicator(v, "simple(N)");
            if (v.number >= 24 && v.number < 32)
                refuse(v.offset, "simple(24) to simple(31) are not allowed in CBOR (RFC 8949 3.3)");
            if (v.number < 24) {
                out += static_cast<char>(0xe0 | v.number);
            } else {
                out += '\xf8';
                out += static_cast<char>(v.number);
            }
            return;
        case Kind::False: noIndicator(v, "false"); out += '\xf4'; return;
        case Kind::True: noIndicator(v, "true"); out += '\xf5'; return;
        case Kind::Null: noIndicator(v, "null"); out += '\xf6'; return;
        case Kind::Undefined: noIndicator(v, "undefined"); out += '\xf7'; return;
        case Kind::Float: real(v); return;
        case Kind::Ext: refuse(v.offset, "CBOR has no ext(...): that is MessagePack's (use a tag, N(...))");
        case Kind::Timestamp: refuse(v.offset, "CBOR has no timestamp(...): write an epoch time as 1(seconds)");
        }
    }

private:
    [[noreturn]] static void refuse(std::size_t at, std::string message) { throw Refusal{at, std::move(message)}; }

    static void noIndicator(const NotationItem& v, const char* what) {
        if (!v.indicator.empty()) refuse(v.offset, std::string(what) + " takes no indicator (_" + v.indicator + ")");
    }

    void bigEndian(std::uint64_t value, int bytes) {
        for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>(value >> (8 * i));
    }

    // An initial byte and its argument: shortest, or the width an indicator asks for.
    void head(std::uint8_t major, std::uint64_t value, const std::string& indicator, std::size_t at) {
        std::uint8_t info = shortestCborInfo(value);
        if (!indicator.empty()) {
            if (indicator.size() != 1 || indicator[0] < '0' || indicator[0] > '3')
                refuse(at, "unknown indicator _" + indicator + " (CBOR takes _0 to _3: a 1, 2, 4 or 8-byte argument)");
            const int width = 1 << (indicator[0] - '0');
            if (width < 8 && value >> (8 * width) != 0)
                refuse(at, std::to_string(value) + " does not fit in the " + std::to_string(width) +
                               "-byte argument _" + indicator + " asks for");
            info = static_cast<std::uint8_t>(24 + (indicator[0] - '0'));
        }
        out += static_cast<char>(major << 5 | info);
        if (info >= 24) bigEndian(value, 1 << (info - 24));
    }

    void string(const NotationItem& v) {
        const std::uint8_t major = v.kind == Kind::Text ? 3 : 2;
        if (!v.indefinite) {
            head(major, v.bytes.size(), v.indicator, v.offset);
            out += v.bytes;
            return;
        }
        out += static_cast<char>(major << 5 | 31);
        for (std::size_t i = 0; i < v.chunks.size(); ++i) {
            head(major, v.chunks[i].size(), v.chunkIndicators[i], v.offset);
            out += v.chunks[i];
        }
        out += '\xff';
    }

    // Doubles unless an indicator asks for a half (_1) or single (_2).
    void real(const NotationItem& v) {
        const std::string& w = v.indicator;
        if (w.empty() || w == "3") {
            const double value = std::isnan(v.real) ? std::numeric_limits<double>::quiet_NaN() : v.real;
            std::uint64_t bits;
            std::memcpy(&bits, &value, 8);
            out += '\xfb';
            bigEndian(bits, 8);
        } else if (w == "2") {
            float f = static_cast<float>(v.real);
            // Typed text is read again as a float: the nearest float, not a double rounded twice.
            if (!std::isnan(v.real) && !std::isinf(v.real)) {
                const auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), f);
                if (ec != std::errc() || std::isinf(f)) refuse(v.offset, v.text + " is out of range for a single float (_2)");
            } else if (std::isnan(v.real)) {
                f = std::numeric_limits<float>::quiet_NaN();
            }
            std::uint32_t bits;
            std::memcpy(&bits, &f, 4);
            out += '\xfa';
            bigEndian(bits, 4);
        } else if (w == "1") {
            const auto half = exactHalf(v.real);
            if (!half) refuse(v.offset, v.text + " is not exactly a half float (_1); write it as a single (_2) or double");
            out += '\xf9';
            bigEndian(*half, 2);
        } else {
            refuse(v.offset, "a float takes _1 (half), _2 (single) or _3 (double), not _" + w);
        }
    }
};

}  // namespace

storage::Result<std::string> encodeCbor(std::string_view notation) {
    auto parsed = parseNotation(notation);
    if (!parsed.ok()) return parsed.status();
    Writer writer;
    try {
        writer.item(parsed.value());
    } catch (const Refusal& r) {
        return notationError(notation, r.offset, r.message);
    }
    return std::move(writer.out);
}

}  // namespace meridian::decode
