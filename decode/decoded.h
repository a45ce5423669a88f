// What a decoder makes of a value's bytes: a tree of named, typed nodes, each
// knowing which bytes it came from, plus the format's own text rendering
// (CBOR diagnostic notation, Protobuf text format, protoc --decode_raw).
//
// Every decoder in decode/ (MessagePack, CBOR, BSON, Protobuf with and
// without a schema, the numbers of a key layout) returns a Decoded.
//
// Contract shared by every decoder:
//  - Any bytes are accepted. Bytes that are not valid for the format give a
//    Decoded whose `failure` says where: "not valid MessagePack at byte 12:
//    ...". Nothing throws but std::bad_alloc, nothing reads past the input,
//    nothing recurses without a depth limit, and nothing allocates by what
//    a length field claims before the bytes are there.
//  - Limits bound the work: a value bigger than the tree limits is decoded
//    to the first Limits::maxNodes nodes, `cut` is set and `note` says so;
//    the tree is still well-formed.
//  - Pure functions of their inputs: thread-safe, no global state (the
//    Protobuf schema object is immutable once loaded; see protobuf_schema.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace meridian::decode {

enum class NodeKind {
    Null,
    Bool,
    Integer,  // value: decimal digits, '-' first when negative
    Float,    // value: shortest text that reads back as the same double; "NaN", "Infinity", "-Infinity"
    String,   // value: the text (UTF-8; a string that is not valid UTF-8 is Bytes)
    Bytes,    // value: upper-case hex, no "0x"
    Array,    // children: the items, in order, names empty
    Map,      // children: the entries, in order, names their keys as text
    Other,    // a scalar the format has and JSON has not (a CBOR tag's undefined, a BSON ObjectId, ...): value is its text
};

struct Node {
    std::string name;  // the key in the parent Map, or "" in an Array and at the root
    std::string type;  // the format's own word: "uint16", "fixstr", "map", "message example.User", "fixed64", "ObjectId", ...
    NodeKind kind = NodeKind::Null;
    std::string value;  // a scalar's text (see NodeKind); empty for Array and Map
    // The bytes of the decoded value this node covers, when known (size 0:
    // not known, as for containers some libraries do not report).
    std::size_t offset = 0;
    std::size_t size = 0;
    std::vector<Node> children;
};

struct Limits {
    std::size_t maxNodes = 200000;  // nodes in the tree, all levels; past it the tree is cut
    std::size_t maxDepth = 100;     // nesting; deeper containers are a failure, not a crash
};

struct Failure {
    std::size_t offset = 0;  // the byte where the value stops being valid
    std::string message;     // "not valid CBOR at byte 7: a text string's length runs past the end (needs 40 bytes, 3 left)"
};

struct Decoded {
    std::string format;  // "MessagePack", "CBOR", "BSON", "Protobuf", "Protobuf (no schema)", "u64be", ...
    Node root;           // what was decoded (with a failure: as far as it went)
    std::string text;    // the format's own rendering, when it has one; "" otherwise
    std::optional<Failure> failure;
    bool cut = false;    // Limits reached: root holds the first maxNodes nodes
    std::string note;    // said to the user beside the tree ("too large to decode in full: showing the first 200,000 items")

    bool ok() const { return !failure; }
};

// "not valid <format> at byte <offset>: <reason>", the wording every decoder uses.
Failure failureAt(const std::string& format, std::size_t offset, const std::string& reason);

// "1 byte", "12 bytes".
std::string byteCount(std::size_t n);

// The note for a tree cut at Limits::maxNodes.
std::string cutNote(std::size_t maxNodes);

// The tree as JSON text (one line, no trailing newline): Map as an object
// (a key repeated in a Map keeps its last value, as JSON parsers do), Array
// as an array, Integer and Float as numbers (NaN and the infinities as the
// strings "NaN", "Infinity", "-Infinity"), String as a string, Bytes as
// {"$hex":"0A0B"}, Other as {"$<type>":"<value>"}, Null and Bool as such.
std::string toJson(const Node& node);
// The same, indented by two spaces a level, one value or entry a line.
std::string toIndentedJson(const Node& node);

// Counts the nodes of a tree, root included.
std::size_t nodeCount(const Node& node);

}  // namespace meridian::decode
