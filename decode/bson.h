// BSON (MongoDB's binary documents), read with libbson.
//
// Contract (see decode/decoded.h for what every decoder promises):
//  - Pure functions: thread-safe (libbson's reading functions keep no
//    state), nothing throws but std::bad_alloc, any bytes accepted, the
//    result holds no pointer into them. libbson reads the bytes in place
//    (bson_init_static, no copy). Its recursive functions (bson_validate,
//    the JSON writer) only run once the nesting is known to be within
//    Limits::maxDepth: bson_validate recurses without a limit of its own
//    (a 16 MB document nested 2 million deep overflows the stack in it).
//  - Valid means: the int32 length equals the size, libbson iterates every
//    element of every nested document without finding it corrupt, every
//    nested document ends with its 0x00 (libbson 1.23 does not check that,
//    and its JSON writer then prints nothing for it), bson_validate agrees,
//    and every string and key is well-formed UTF-8 (checked strictly here:
//    libbson 1.23's check lets some invalid bytes through, and its JSON
//    writer then fails).
#pragma once

#include <string_view>

#include "decode/decoded.h"

namespace meridian::decode {

// The tree: documents as Map (type "document"), arrays as Array ("array"),
// int32/int64 as Integer ("int32", "int64"), double as Float ("double"),
// string as String ("string"), binary as Bytes ("binary subtype N", N in
// decimal), bool, null; the rest as Other with readable text: "ObjectId"
// (24 hex digits), "date" (ISO-8601 UTC with milliseconds,
// "2024-01-31T12:00:00.250Z"; milliseconds since 1970 outside years
// 0..9999), "timestamp" ("Timestamp(t, i)"), "decimal128" ("1.5E+3"),
// "regex" ("/pattern/options"), "code", "symbol", "DBPointer"
// ("collection, ObjectId hex"), "undefined", "MinKey", "MaxKey"; code with
// scope is a Map ("code with scope") of "$code" and "$scope". Offsets: each
// element from its type byte to its end; the root the whole document.
// text: libbson's relaxed extended JSON (bson_as_relaxed_extended_json;
// "" with a failure or a cut tree). Format "BSON"; failures read
// "not valid BSON at byte N: <reason>": a length that is not the size is a
// failure at byte 0 ("the document claims 40 bytes and has 38"); damage
// inside is placed at the element libbson's iterator stops at.
Decoded decodeBson(std::string_view bytes, const Limits& limits = {});

// Cheap check for "this value is a BSON document": at least 5 bytes, the
// int32 length equal to the size, a last byte of 0, and valid (as
// decodeBson, to the default Limits' depth).
bool looksLikeBson(std::string_view bytes);

}  // namespace meridian::decode
