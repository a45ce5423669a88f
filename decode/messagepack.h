// MessagePack values, decoded with msgpack-cxx's streaming parser into the
// common tree (decode/decoded.h): maps, arrays, integers, floats, strings,
// binary, and extensions (the timestamp extension, type -1, as a time).
//
// The whole input must be one MessagePack value: bytes left after it are a
// failure ("not valid MessagePack at byte N: 3 bytes after the value"), so a
// text that happens to start with a valid byte is not taken for MessagePack.
// Pure function; thread-safe. See decoded.h for the contract on bad bytes.
#pragma once

#include <string>
#include <string_view>

#include "decode/decoded.h"
#include "storage/status.h"

namespace meridian::decode {

Decoded decodeMessagePack(std::string_view bytes, const Limits& limits = {});

// MessagePack as editable text (decode/messagepack_text.cpp; the notation is
// decode/notation.h's plus MessagePack's type names as indicators, "5_uint16",
// "[_array16 1]", "ext(1, h'0a')", "timestamp(\"2023-11-14T22:13:20Z\")").
// Round trip: for every b that decodeMessagePack(b) accepts (default Limits),
// encodeMessagePack(messagePackNotation(b)).value() == b byte for byte,
// non-minimal encodings included; only NaNs are written back as the
// canonical quiet NaN whatever their payload.

// The notation of bytes that decodeMessagePack() accepts (the whole input one
// value, nested at most Limits{}.maxDepth deep). Other bytes give "". Never
// reads out of bounds; throws nothing but std::bad_alloc.
std::string messagePackNotation(std::string_view bytes);

// The notation back to bytes: each item in its usual (smallest) type unless
// an indicator names another. InvalidArgument "line L, column C: <what>" for
// text that does not parse, or an item MessagePack cannot hold ("300 does not
// fit in uint8", "MessagePack has no tags", "a string cannot be uint8").
storage::Result<std::string> encodeMessagePack(std::string_view notation);

}  // namespace meridian::decode
