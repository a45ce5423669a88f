// The typed fields numbers, key layouts and the data inspector read from
// bytes: fixed-width integers in either byte order, floats, varints, UUIDs,
// UTF-8 text and raw bytes.
//
// Names (as written in a key layout or after --decode): u8 i8, u16be u16le
// i16be i16le, u32be ... i64le, f32be f32le f64be f64le, varint (unsigned
// LEB128, as Protobuf), zigzag (a signed varint, as Protobuf's sint64), uuid
// (16 bytes), utf8 and bytes (a given count, or up to what follows).
//
// Pure functions; thread-safe. Nothing reads past the bytes given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "decode/decoded.h"
#include "storage/status.h"

namespace meridian::decode {

enum class FieldKind { Unsigned, Signed, Float, Varint, Zigzag, Uuid, Utf8, Bytes };

struct FieldType {
    FieldKind kind = FieldKind::Bytes;
    std::size_t width = 0;   // bytes for fixed-width kinds (1, 2, 4, 8; 16 for uuid); 0 for the rest
    bool bigEndian = true;
    std::optional<std::size_t> count;  // utf8 / bytes: a fixed length; none: up to what follows

    // "u64be", "f32le", "varint", "uuid", "utf8", "bytes:16"
    std::string name() const;
    // The fixed size of the field, when it has one (integers, floats, uuid,
    // utf8/bytes with a count); varints and open-ended text have none.
    std::optional<std::size_t> fixedSize() const;
};

// "u64be", "bytes", ... (without a count; see parseFieldType for "bytes:16").
std::optional<FieldType> fieldTypeNamed(std::string_view name);

struct FieldValue {
    NodeKind kind = NodeKind::Bytes;  // Integer, Float, String, Bytes, or Other (uuid)
    std::string text;                 // as decoded.h describes for the kind; a uuid as 8-4-4-4-12 lower-case hex
    std::size_t size = 0;             // bytes read
};

// Reads one field at the start of `bytes`. For an open-ended utf8 or bytes
// field, all of `bytes` (the caller cuts it at what follows). nullopt when
// the bytes are too few, a varint runs on past 10 bytes or the end, or utf8
// is not valid UTF-8; `why` then says which.
std::optional<FieldValue> readField(const FieldType& type, std::string_view bytes, std::string* why = nullptr);

// The bytes a person's text stands for, the inverse of readField's text:
// "42", "-7", "1.5", "0x2a" (integers), a uuid with or without dashes,
// bytes as hex (with or without 0x), utf8 as is. InvalidArgument naming the
// type on text that does not fit ("300 does not fit in u8").
storage::Result<std::string> writeField(const FieldType& type, std::string_view text);

}  // namespace meridian::decode
