// Bytes shown to a person, shared by every front end (CLI, GUI, tests):
// UTF-8 checks, \xNN escaping, the display modes.
//
// Pure functions over std::string used as a byte container; thread-safe.
// Every encoder has an exact inverse: decode(encode(b)) == b for all bytes b.
// Hex (toHex, fromHex), base64 and JSON strings are in storage/codec.h,
// included here for the views that show hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/codec.h"

namespace meridian::storage {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool isValidUtf8(std::string_view bytes);
// Valid UTF-8 without control characters (C0, DEL, C1). With allowWhitespace,
// tab, newline and carriage return are allowed too (for values shown as text).
bool isPrintableUtf8(std::string_view bytes, bool allowWhitespace = false);

// Printable characters kept as is (non-ASCII ones only when the whole string
// is valid UTF-8); backslash as "\\"; \t \n \r as such; every other byte as
// \xNN (lower-case hex). The result is printable and single-line.
std::string escapeBytes(std::string_view bytes);
// Inverse of escapeBytes; also accepts \0 and upper-case hex. nullopt on a
// dangling or unknown escape.
std::optional<std::string> unescapeBytes(std::string_view text);

enum class ByteDisplay { Auto, Escaped, Hex };
// Auto: the bytes themselves when printable UTF-8, else escaped.
std::string displayBytes(std::string_view bytes, ByteDisplay mode);

}  // namespace meridian::storage
