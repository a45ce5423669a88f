// Reading the text a person edits a CBOR or MessagePack value in: CBOR's
// diagnostic notation (RFC 8949 section 8), which the MessagePack text
// borrows, into a tree that the two encoders (cbor.h, messagepack.h) write
// as bytes.
//
// The notation, as decodeCbor and decodeMessagePack print it:
//   null  true  false  undefined  simple(16)
//   42  -7  -18446744073709551616            integers
//   1.5  -0.0  1e+300  NaN  Infinity  -Infinity
//   "text" (JSON escapes)   h'0a0b' (hex; spaces allowed inside)   'bytes as written' (no escapes)
//   [1, 2]  {"a": 1, 2: h'00'}  [_ 1, 2]  {_ "a": 1}   (_ : indefinite length)
//   (_ "ab", "c")  (_ h'01', h'02')  ""_  ''_      (indefinite strings)
//   1(1700000000)                                 a tag and its item
//   ext(5, h'0a0b')  timestamp("2023-11-14T22:13:20.5Z")   MessagePack only
// Any item may carry an encoding indicator right after it (after the opening
// bracket for arrays and maps, after the number for a tag): "_0".."_3" in
// CBOR (RFC 8949 8.1: additional information 24+n, i.e. a 1, 2, 4 or 8-byte
// argument; for floats _1 half, _2 single, _3 double), or a MessagePack type
// name ("_uint16", "_float32", "_str8", "_array16", ...); after a bracket it
// is followed by a space ("[_0 1]", "[_ 1]" is indefinite). Without one, each
// encoder writes the usual form (see its header). Comments are "/ ... /" as
// in RFC 8949; whitespace and commas are as in JSON.
//
// Pure functions; thread-safe. More than `maxDepth` nested containers and
// tags (the decoders' limit) is an error, not a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

namespace meridian::decode {

struct NotationItem {
    enum class Kind {
        Unsigned,   // number: the value; text: as written (for messages)
        Negative,   // number: n for the value -1 - n (so down to -2^64)
        Float,      // real: the value; text: as written ("0.1"), to read again at a narrower width
        Text,       // bytes: UTF-8 text (or chunks when indefinite)
        Bytes,      // bytes: the content (or chunks when indefinite)
        Array,      // items
        Map,        // items: key, value, key, value...
        Tag,        // number: the tag; items: the one tagged item
        Simple,     // number: 0..255 (simple(N))
        False, True, Null, Undefined,
        Ext,        // number: the type as written (-128..127, stored as int64 bits); bytes: the data
        Timestamp,  // seconds (int64 bits in number), nanoseconds
    };
    Kind kind = Kind::Null;
    std::uint64_t number = 0;
    std::uint32_t nanoseconds = 0;
    double real = 0;
    std::string text;
    std::string bytes;
    bool indefinite = false;
    std::vector<std::string> chunks;        // an indefinite string's parts
    std::vector<std::string> chunkIndicators;  // each part's indicator ("" none)
    std::string indicator;  // "" none, "0".."3", "uint16", ... (for a tag: the tag number's)
    std::vector<NotationItem> items;
    std::size_t offset = 0;  // where in the text the item starts

    std::int64_t signedNumber() const { return static_cast<std::int64_t>(number); }
};

// The one item of `text` (comments and whitespace around it allowed).
// InvalidArgument "line L, column C: <what is wrong>" (1-based; columns count
// characters) on anything else.
storage::Result<NotationItem> parseNotation(std::string_view text, std::size_t maxDepth = 100);

// The notation as a person edits it: each entry of a map or array on a line
// of its own, indented by two spaces a level, except a container that fits
// on one short line and holds no other container. Only white space changes,
// so it reads as the same items. `text` is one that decodeCbor or
// messagePackNotation printed (", " between items, ": " after keys).
std::string indentNotation(std::string_view text);

// Appends `text` (valid UTF-8) as a notation string: a JSON string literal
// that also escapes, as \uXXXX, the characters a text editor would change
// (U+00A0 no-break space, U+2028 and U+2029 line and paragraph separators,
// U+FDD0 and U+FDD1), so the text survives an editor untouched.
void appendNotationString(std::string& out, std::string_view text);

// "line L, column C: <message>" for a place in `text`; what the encoders say
// about an item they cannot write (a number too big for its indicator).
storage::Status notationError(std::string_view text, std::size_t offset, const std::string& message);

}  // namespace meridian::decode
