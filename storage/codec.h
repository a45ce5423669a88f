// Byte codecs: hex, base64 and JSON string literals, each written once, for
// every caller (the dump formats, meridian-db's output, the GUI's hex).
//
// Contract:
//  - Pure functions over std::string used as a byte container (any byte,
//    NUL included). No state: every function is thread-safe.
//  - Nothing throws but std::bad_alloc. Invalid input is a value: nullopt,
//    false, or a Status (InvalidArgument) saying what is wrong; a decoder
//    never reads past the text it is given.
//  - Every encoder has an exact inverse: fromHex(toHex(b)) == b and
//    fromBase64(toBase64(b)) == b for all bytes b; readJsonString reads back
//    what appendJsonString wrote for any b (JSON strings are meant for valid
//    UTF-8; checking that is the caller's choice, see below).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace meridian::storage {

// ---- Hex -------------------------------------------------------------------

enum class HexDigits { Upper, Lower };

// Two digits per byte, no prefix, no separators: "4B6579" (Upper: ldb --hex
// without its "0x") or "4b6579" (Lower).
std::string toHex(std::string_view bytes, HexDigits digits = HexDigits::Upper);
void appendHex(std::string& out, std::string_view bytes, HexDigits digits = HexDigits::Upper);

// The value of one hex digit of either case; -1 for any other character.
int hexDigitValue(char c);

// Strict: pairs of hex digits of either case and nothing else (no prefix, no
// separators; "" is the empty string). Replaces `out` (its capacity is
// reused). False on an odd length or a non-hex character; `out` is then
// unspecified.
bool decodeHex(std::string_view digits, std::string& out);

// What a person types: decodeHex after an optional "0x" or "0X" prefix ("0x"
// alone is the empty string). nullopt on anything decodeHex refuses.
std::optional<std::string> fromHex(std::string_view text);

// ---- Base64 ----------------------------------------------------------------

// Standard base64 (RFC 4648: '+' '/', '=' padding, no line breaks).
std::string toBase64(std::string_view bytes);
// Canonical standard base64 only: nullopt on a length that is not a multiple
// of 4, a character outside the alphabet (whitespace too), '=' anywhere but
// the last one or two places, or non-zero bits hidden by the padding.
std::optional<std::string> fromBase64(std::string_view text);

// ---- JSON string literals --------------------------------------------------

// Two spellings of the same JSON text; each caller keeps the one its output
// has always had. In both, '"' and '\' are escaped as \" and \\, C0 controls
// (U+0000..U+001F) are escaped, and every other byte (DEL, non-ASCII)
// is written as it is.
enum class JsonShortEscapes {
    WithBackspaceFormFeed,  // \b \f \n \r \t, other controls as \u00xx (meridian-db --json)
    TabNewlineReturn,       // \n \r \t, other controls (\b, \f too) as \u00xx (JSON Lines dumps)
};

// Appends `text` as a JSON string literal, quotes included. JSON text must be
// UTF-8: callers pass valid UTF-8 (bytes are not checked, only copied).
void appendJsonString(std::string& out, std::string_view text, JsonShortEscapes shortEscapes);
std::string jsonString(std::string_view text, JsonShortEscapes shortEscapes);

// Reads the JSON string literal that starts exactly at text[pos] (its opening
// quote; skip white space first) into `out` (replaced), and moves `pos` past
// the closing quote. Accepts every JSON escape; \uXXXX becomes UTF-8, with
// surrogate pairs joined. Other bytes are copied as they are, so `out` is
// valid UTF-8 only if the literal was: check it with isValidUtf8 when it
// matters. On malformed input, InvalidArgument with the reason ("expected a
// string", "unterminated string", "unpaired surrogate in a \u escape", ...);
// `pos` and `out` are then unspecified.
Status readJsonString(std::string_view text, std::size_t& pos, std::string& out);

}  // namespace meridian::storage
