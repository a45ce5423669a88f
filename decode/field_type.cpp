#include "decode/field_type.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "decode/number_text.h"
#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::decode {

namespace {

std::uint64_t readUnsigned(std::string_view b, std::size_t width, bool bigEndian) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const auto byte = static_cast<std::uint8_t>(b[bigEndian ? i : width - 1 - i]);
        v = (v << 8) | byte;
    }
    return v;
}

std::string writeUnsigned(std::uint64_t v, std::size_t width, bool bigEndian) {
    std::string out(width, '\0');
    for (std::size_t i = 0; i < width; ++i) {
        out[bigEndian ? width - 1 - i : i] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
    return out;
}

std::int64_t signExtend(std::uint64_t v, std::size_t width) {
    if (width == 8) return static_cast<std::int64_t>(v);
    const std::uint64_t sign = std::uint64_t{1} << (width * 8 - 1);
    return static_cast<std::int64_t>((v ^ sign) - sign);
}

std::string uuidText(std::string_view b) {
    const std::string hex = storage::toHex(b, storage::HexDigits::Lower);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::optional<std::uint64_t> readVarint(std::string_view b, std::size_t& size) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < b.size() && i < 10; ++i) {
        const auto byte = static_cast<std::uint8_t>(b[i]);
        if (i == 9 && byte > 1) return std::nullopt;  // past 64 bits
        v |= std::uint64_t{byte & 0x7fu} << (7 * i);
        if (!(byte & 0x80)) {
            size = i + 1;
            return v;
        }
    }
    return std::nullopt;
}

std::string writeVarint(std::uint64_t v) {
    std::string out;
    do {
        auto byte = static_cast<std::uint8_t>(v & 0x7f);
        v >>= 7;
        if (v) byte |= 0x80;
        out += static_cast<char>(byte);
    } while (v);
    return out;
}

storage::Status misfit(std::string_view text, const FieldType& type, const char* why = "does not fit in") {
    return storage::Status::invalidArgument("\"" + storage::escapeBytes(text) + "\" " + why + " " + type.name());
}

// "42", "-7", "0x2a", "+5".
std::optional<std::pair<bool, std::uint64_t>> parseInteger(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return std::make_pair(negative, v);
}

}  // namespace

std::string FieldType::name() const {
    std::string n;
    const std::string w = std::to_string(width * 8);
    const char* order = bigEndian ? "be" : "le";
    switch (kind) {
    case FieldKind::Unsigned: n = "u" + w + (width > 1 ? order : ""); break;
    case FieldKind::Signed: n = "i" + w + (width > 1 ? order : ""); break;
    case FieldKind::Float: n = "f" + w + order; break;
    case FieldKind::Varint: n = "varint"; break;
    case FieldKind::Zigzag: n = "zigzag"; break;
    case FieldKind::Uuid: n = "uuid"; break;
    case FieldKind::Utf8: n = "utf8"; break;
    case FieldKind::Bytes: n = "bytes"; break;
    }
    if (count) n += ":" + std::to_string(*count);
    return n;
}

std::optional<std::size_t> FieldType::fixedSize() const {
    switch (kind) {
    case FieldKind::Unsigned:
    case FieldKind::Signed:
    case FieldKind::Float:
    case FieldKind::Uuid: return width;
    case FieldKind::Varint:
    case FieldKind::Zigzag: return std::nullopt;
    case FieldKind::Utf8:
    case FieldKind::Bytes: return count;
    }
    return std::nullopt;
}

std::optional<FieldType> fieldTypeNamed(std::string_view name) {
    if (name == "varint") return FieldType{FieldKind::Varint, 0, true, {}};
    if (name == "zigzag") return FieldType{FieldKind::Zigzag, 0, true, {}};
    if (name == "uuid") return FieldType{FieldKind::Uuid, 16, true, {}};
    if (name == "utf8") return FieldType{FieldKind::Utf8, 0, true, {}};
    if (name == "bytes") return FieldType{FieldKind::Bytes, 0, true, {}};
    if (name == "u8") return FieldType{FieldKind::Unsigned, 1, true, {}};
    if (name == "i8") return FieldType{FieldKind::Signed, 1, true, {}};
    if (name.size() < 4) return std::nullopt;
    FieldKind kind;
    switch (name[0]) {
    case 'u': kind = FieldKind::Unsigned; break;
    case 'i': kind = FieldKind::Signed; break;
    case 'f': kind = FieldKind::Float; break;
    default: return std::nullopt;
    }
    const std::string_view order = name.substr(name.size() - 2);
    if (order != "be" && order != "le") return std::nullopt;
    const std::string_view bits = name.substr(1, name.size() - 3);
    std::size_t width;
    if (bits == "16") width = 2;
    else if (bits == "32") width = 4;
    else if (bits == "64") width = 8;
    else return std::nullopt;
    if (kind == FieldKind::Float && width == 2) return std::nullopt;
    return FieldType{kind, width, order == "be", {}};
}

std::optional<FieldValue> readField(const FieldType& type, std::string_view bytes, std::string* why) {
    auto refuse = [&](std::string reason) -> std::optional<FieldValue> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    if (auto fixed = type.fixedSize(); fixed && bytes.size() < *fixed)
        return refuse(type.name() + " needs " + std::to_string(*fixed) + " bytes, " + std::to_string(bytes.size()) +
                      " left");
    FieldValue out;
    switch (type.kind) {
    case FieldKind::Unsigned:
    case FieldKind::Signed: {
        const std::uint64_t v = readUnsigned(bytes, type.width, type.bigEndian);
        out.kind = NodeKind::Integer;
        out.text = type.kind == FieldKind::Unsigned ? std::to_string(v) : std::to_string(signExtend(v, type.width));
        out.size = type.width;
        return out;
    }
    case FieldKind::Float: {
        const std::uint64_t v = readUnsigned(bytes, type.width, type.bigEndian);
        out.kind = NodeKind::Float;
        if (type.width == 4) {
            const auto bits = static_cast<std::uint32_t>(v);
            float f;
            std::memcpy(&f, &bits, 4);
            out.text = floatText(f);
        } else {
            double d;
            std::memcpy(&d, &v, 8);
            out.text = floatText(d);
        }
        out.size = type.width;
        return out;
    }
    case FieldKind::Varint:
    case FieldKind::Zigzag: {
        std::size_t size = 0;
        auto v = readVarint(bytes, size);
        if (!v) return refuse(bytes.size() < 10 ? "the varint runs past the end" : "the varint holds more than 64 bits");
        out.kind = NodeKind::Integer;
        if (type.kind == FieldKind::Varint)
            out.text = std::to_string(*v);
        else
            out.text = std::to_string(static_cast<std::int64_t>((*v >> 1) ^ (~(*v & 1) + 1)));
        out.size = size;
        return out;
    }
    case FieldKind::Uuid:
        out.kind = NodeKind::Other;
        out.text = uuidText(bytes.substr(0, 16));
        out.size = 16;
        return out;
    case FieldKind::Utf8: {
        const std::string_view text = bytes.substr(0, type.count.value_or(bytes.size()));
        if (!storage::isValidUtf8(text)) return refuse("not valid UTF-8");
        out.kind = NodeKind::String;
        out.text = std::string(text);
        out.size = text.size();
        return out;
    }
    case FieldKind::Bytes: {
        const std::string_view raw = bytes.substr(0, type.count.value_or(bytes.size()));
        out.kind = NodeKind::Bytes;
        out.text = storage::toHex(raw);
        out.size = raw.size();
        return out;
    }
    }
    return refuse("unknown type");
}

storage::Result<std::string> writeField(const FieldType& type, std::string_view text) {
    switch (type.kind) {
    case FieldKind::Unsigned:
    case FieldKind::Signed:
    case FieldKind::Varint:
    case FieldKind::Zigzag: {
        auto parsed = parseInteger(text);
        if (!parsed) return misfit(text, type, "is not an integer for");
        auto [negative, magnitude] = *parsed;
        if (negative && magnitude == 0) negative = false;
        if (type.kind == FieldKind::Unsigned || type.kind == FieldKind::Varint) {
            if (negative) return misfit(text, type);
            if (type.width < 8 && type.width > 0 && magnitude >> (type.width * 8)) return misfit(text, type);
            return type.kind == FieldKind::Varint ? writeVarint(magnitude)
                                                  : writeUnsigned(magnitude, type.width, type.bigEndian);
        }
        const unsigned bits = type.kind == FieldKind::Zigzag ? 64 : static_cast<unsigned>(type.width * 8);
        const std::uint64_t limit = std::uint64_t{1} << (bits - 1);  // |min|
        if (negative ? magnitude > limit : magnitude >= limit) return misfit(text, type);
        const std::uint64_t twos = negative ? ~magnitude + 1 : magnitude;
        if (type.kind == FieldKind::Zigzag) {
            const auto s = static_cast<std::int64_t>(twos);
            return writeVarint((static_cast<std::uint64_t>(s) << 1) ^ static_cast<std::uint64_t>(s >> 63));
        }
        const std::uint64_t mask = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
        return writeUnsigned(twos & mask, type.width, type.bigEndian);
    }
    case FieldKind::Float: {
        // Read in the field's own precision: the shortest text of a float
        // read as a double and then rounded could land on another float.
        auto parse = [&](auto& number) {
            using F = std::remove_reference_t<decltype(number)>;
            if (text == "NaN" || text == "nan") {
                number = std::numeric_limits<F>::quiet_NaN();
                return true;
            }
            if (text == "Infinity" || text == "inf" || text == "-Infinity" || text == "-inf") {
                number = text[0] == '-' ? -std::numeric_limits<F>::infinity() : std::numeric_limits<F>::infinity();
                return true;
            }
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
        };
        double d = 0;
        float f = 0;
        if (!(type.width == 4 ? parse(f) : parse(d))) return misfit(text, type, "is not a number for");
        if (type.width == 4) {
            std::uint32_t bits;
            std::memcpy(&bits, &f, 4);
            return writeUnsigned(bits, 4, type.bigEndian);
        }
        std::uint64_t bits;
        std::memcpy(&bits, &d, 8);
        return writeUnsigned(bits, 8, type.bigEndian);
    }
    case FieldKind::Uuid: {
        std::string digits;
        for (char c : text)
            if (c != '-') digits += c;
        auto bytes = storage::fromHex(digits);
        if (!bytes || bytes->size() != 16) return misfit(text, type, "is not a");
        return std::move(*bytes);
    }
    case FieldKind::Utf8:
    case FieldKind::Bytes: {
        std::string bytes;
        if (type.kind == FieldKind::Utf8) {
            if (!storage::isValidUtf8(text)) return misfit(text, type, "is not valid UTF-8 for");
            bytes = std::string(text);
        } else {
            auto hex = storage::fromHex(text);
            if (!hex) return misfit(text, type, "is not hex digits for");
            bytes = std::move(*hex);
        }
        if (type.count && bytes.size() != *type.count)
            return storage::Status::invalidArgument(type.name() + " takes " + std::to_string(*type.count) +
                                                    " bytes, not " + std::to_string(bytes.size()));
        return bytes;
    }
    }
    return misfit(text, type);
}

}  // namespace meridian::decode
