// MessagePack values, decoded with msgpack-cxx's streaming parser into the
// common tree (decode/decoded.h): maps, arrays, integers, floats, strings,
// binary, and extensions (the timestamp extension, type -1, as a time).
//
// The whole input must be one MessagePack value: bytes left after it are a
// failure ("not valid MessagePack at byte N: 3 bytes after the value"), so a
// text that happens to start with a valid byte is not taken for MessagePack.
// Pure function; thread-safe. See decoded.h for the contract on bad bytes.
#pragma once

#include <string_view>

#include "decode/decoded.h"

namespace meridian::decode {

Decoded decodeMessagePack(std::string_view bytes, const Limits& limits = {});

}  // namespace meridian::decode
