// Protobuf's wire format read without a schema, as `protoc --decode_raw` reads
// it: every field by number and wire type, length-delimited fields shown as a
// nested message when their bytes parse as one, else as text or bytes.
//
// Contract (see decode/decoded.h for what every decoder promises):
//  - Pure functions: thread-safe, no global state, nothing throws but
//    std::bad_alloc. Any bytes are accepted; the result holds no pointer into
//    them.
//  - Which bytes are valid follows libprotobuf exactly (what protoc accepts:
//    tags of at most 5 bytes, varints of at most 10, lengths below 2 GiB,
//    wire types 0..5, field numbers from 1, groups closed by their own
//    end-group tag), so Decoded::text is byte for byte what
//    `protoc --decode_raw` prints for the same bytes ("" with a failure,
//    where protoc prints "Failed to parse input.", and "" when the tree is
//    cut: a value too big to show in full is not rendered in full either).
//    Its nesting rule is protoc's too: a length-delimited field is printed
//    as a message at most 10 levels deep, the tree goes to Limits::maxDepth.
//  - Limits: groups nested deeper than Limits::maxDepth are a failure (at
//    the default 100, exactly where libprotobuf stops); a length-delimited
//    field deeper than that is shown as its bytes (and `note` says so); the
//    tree is cut at Limits::maxNodes. Every byte is still checked, and no
//    more fields are held in memory than the tree shows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "decode/decoded.h"

namespace meridian::decode {

// The tree: a Map (type "message") whose children are the fields in wire
// order, named by field number (a repeated number appears once per
// occurrence). Types: "varint", "fixed64", "fixed32" (Integer, the unsigned
// value in decimal), "message" (a Map: the bytes parse completely as a
// non-empty message), "string" (String: printable UTF-8), "bytes" (Bytes),
// "group" (a Map). Every node's offset/size cover the whole field, tag
// included (an end-group tag too). Format "Protobuf (no schema)"; failures
// read "not valid Protobuf at byte N: <reason>".
Decoded decodeProtobufWire(std::string_view bytes, const Limits& limits = {});

// One top-level field of a message as it is on the wire, for callers that
// match a schema's fields to the bytes they came from.
struct WireFieldSpan {
    std::uint32_t number = 0;
    int wireType = 0;             // 0 varint, 1 fixed64, 2 length-delimited, 3 group, 5 fixed32
    std::size_t offset = 0;       // the field, tag included (a group up to its end-group tag)
    std::size_t size = 0;
    std::size_t valueOffset = 0;  // the value: a varint's or fixed's bytes, a length-delimited
    std::size_t valueSize = 0;    // field's payload, a group's contents (without its end tag)
};

// The top-level fields of `bytes` in wire order (offsets into `bytes`), or
// nullopt when `bytes` is not valid Protobuf (decodeProtobufWire says where)
// or has more than `maxFields` of them. Groups are checked to
// Limits{}.maxDepth but not listed inside.
std::optional<std::vector<WireFieldSpan>> scanProtobufFields(std::string_view bytes,
                                                             std::size_t maxFields = SIZE_MAX);

}  // namespace meridian::decode
