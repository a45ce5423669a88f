#include "decode/data_inspector.h"

#include "decode/field_type.h"
#include "decode/number_text.h"

namespace meridian::decode {

namespace {

Reading field(const char* label, const char* type, std::string_view at) {
    Reading r{label, {}, 0};
    if (auto value = readField(*fieldTypeNamed(type), at)) {
        r.value = value->text;
        r.size = value->size;
    }
    return r;
}

// A signed 64-bit count of `unit`s since 1970 as a date.
Reading time(const char* label, const char* type, std::string_view at, std::int64_t perSecond) {
    Reading r{label, {}, 0};
    auto value = readField(*fieldTypeNamed(type), at);
    if (!value) return r;
    const std::int64_t count = std::stoll(value->text);
    std::int64_t seconds = count / perSecond;
    std::int64_t rest = count % perSecond;
    if (rest < 0) {
        --seconds;
        rest += perSecond;
    }
    r.value = isoTime(seconds, static_cast<std::uint32_t>(rest * (1000000000 / perSecond)));
    if (!r.value.empty()) r.size = value->size;
    return r;
}

}  // namespace

std::vector<Reading> inspectBytes(std::string_view bytes, std::size_t offset) {
    const std::string_view at = offset <= bytes.size() ? bytes.substr(offset) : std::string_view();
    return {
        field("int8", "i8", at),
        field("uint8", "u8", at),
        field("int16 LE", "i16le", at),
        field("int16 BE", "i16be", at),
        field("uint16 LE", "u16le", at),
        field("uint16 BE", "u16be", at),
        field("int32 LE", "i32le", at),
        field("int32 BE", "i32be", at),
        field("uint32 LE", "u32le", at),
        field("uint32 BE", "u32be", at),
        field("int64 LE", "i64le", at),
        field("int64 BE", "i64be", at),
        field("uint64 LE", "u64le", at),
        field("uint64 BE", "u64be", at),
        field("float32 LE", "f32le", at),
        field("float32 BE", "f32be", at),
        field("float64 LE", "f64le", at),
        field("float64 BE", "f64be", at),
        field("varint (unsigned LEB128)", "varint", at),
        field("zigzag varint (signed)", "zigzag", at),
        time("Unix time s (uint32 BE)", "u32be", at, 1),
        time("Unix time s (uint32 LE)", "u32le", at, 1),
        time("Unix time s (int64 BE)", "i64be", at, 1),
        time("Unix time s (int64 LE)", "i64le", at, 1),
        time("Unix time ms (int64 BE)", "i64be", at, 1000),
        time("Unix time ms (int64 LE)", "i64le", at, 1000),
        time("Unix time µs (int64 BE)", "i64be", at, 1000000),
        time("Unix time µs (int64 LE)", "i64le", at, 1000000),
        time("Unix time ns (int64 BE)", "i64be", at, 1000000000),
        time("Unix time ns (int64 LE)", "i64le", at, 1000000000),
        field("UUID", "uuid", at),
    };
}

}  // namespace meridian::decode
