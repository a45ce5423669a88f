// CBOR (RFC 8949) values into the common tree (decode/decoded.h), and their
// diagnostic notation (RFC 8949 section 8) as Decoded::text.
//
// Our own reader, not QCborValue: decode/ stays free of Qt so meridian-db and
// the fuzz targets use it too, and it keeps what QCborValue's reading drops
// (indefinite lengths, -0.0, where each item is); the tests check it against
// what QCborValue writes and reads.
//
// Every item has its offset and size. Tags wrap their item: the node is the
// item's, with type "tag N" (and the epoch and date tags 0 and 1 also give
// the time in their type). The whole input must be one item: bytes after it
// are a failure. Pure function; thread-safe.
//
// The notation is exact: each item whose bytes are not the usual form
// carries an encoding indicator (RFC 8949 8.1), so encodeCbor(text) gives
// back the very bytes (only a NaN with another payload than the quiet NaN's
// does not come back). The usual form: integers, lengths and tags in their
// shortest head, floats as doubles (as Qt, cbor2 and tinycbor write them).
// Otherwise: "_0".."_3" after an integer, a string, a tag number or an
// opening bracket for a 1, 2, 4 or 8-byte argument (5_0, "a"_1, 1_2(...),
// [_0 1]); "_1" half and "_2" single after a float (1.5_1); "[_ ...]",
// "(_ "a", "b")", ""_ for indefinite lengths. See notation.h.
#pragma once

#include <cstdint>
#include <string_view>

#include "decode/decoded.h"
#include "storage/status.h"

namespace meridian::decode {

Decoded decodeCbor(std::string_view bytes, const Limits& limits = {});

// Diagnostic notation (as decodeCbor prints it, or edited) to CBOR bytes.
// InvalidArgument "line L, column C: <what>" for text that does not parse or
// asks for what CBOR cannot hold ("300 does not fit in the 1-byte argument
// _0 asks for", a half float that is not exact, ext(...)).
storage::Result<std::string> encodeCbor(std::string_view notation);

// The additional information of the shortest head for an argument (RFC 8949
// 4.2.1): the value itself below 24, else 24..27 for 1, 2, 4 or 8 bytes.
// What the reader calls the usual form, and what the writer writes.
std::uint8_t shortestCborInfo(std::uint64_t value);

}  // namespace meridian::decode
