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
#pragma once

#include <string_view>

#include "decode/decoded.h"

namespace meridian::decode {

Decoded decodeCbor(std::string_view bytes, const Limits& limits = {});

}  // namespace meridian::decode
