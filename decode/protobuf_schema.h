// Protobuf with a schema: .proto files loaded at run time (libprotobuf's
// .proto parser and dynamic messages, no generated code), then values decoded
// as one of their message types.
//
// Contract (see decode/decoded.h for what every decoder promises):
//  - Thread safety: load() builds everything once; the object it returns is
//    immutable and every const method may be called from any number of
//    threads at once. Why that holds: each call parses into its own
//    DynamicMessage; the descriptors are only read (the DescriptorPool takes
//    its own mutex on every lookup, as a pool backed by a database does, and
//    creates the descriptors of unknown enum numbers under a mutex); the
//    DynamicMessageFactory's GetPrototype is documented thread-safe
//    (google/protobuf/dynamic_message.h: "The method is thread-safe.").
//    Nothing touches the disk after load() returns.
//  - Lifetimes: the schema owns the descriptor pool, the .proto source tree
//    it was read from and the message factory; the Decoded and strings the
//    methods return own their data and outlive the schema freely.
//  - Errors: load() gives Status::invalidArgument listing every problem
//    ("path/a.proto:12:5: \"Foo\" is not defined."); decode() reports in
//    Decoded::failure ("not valid Protobuf at byte N: ..."); the other
//    methods give Status::invalidArgument with the same sentence. Nothing
//    throws but std::bad_alloc, and libprotobuf's own log lines are silenced
//    while a method runs.
//  - Imports resolve against the folder of every .proto file given and every
//    folder given, in that order; the well-known types
//    (google/protobuf/timestamp.proto, ...) come from libprotobuf itself.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoded.h"
#include "storage/status.h"

namespace meridian::decode {

class ProtobufSchema {
public:
    // Loads .proto files and folders (every *.proto under a folder, at any
    // depth). Fails when a path does not exist, a folder holds no .proto
    // file, a file does not compile, or two paths are the same import name.
    static storage::Result<std::shared_ptr<const ProtobufSchema>> load(const std::vector<std::string>& paths);

    ~ProtobufSchema();
    ProtobufSchema(const ProtobufSchema&) = delete;
    ProtobufSchema& operator=(const ProtobufSchema&) = delete;

    // Full names of the message types (nested ones too, map entries not) in
    // the files loaded and the files they import, sorted.
    std::vector<std::string> messageTypes() const;

    // The bytes as a `messageType`. Tree: a Map, type "message <full name>",
    // one child per field set, in field-number order, named by the .proto
    // field name (an extension: "[full.name]"). Scalars: Integer ("int32",
    // "sint64", "fixed32", ...), Float ("double", "float": a float's shortest
    // text as a float), Bool, String ("string"; Bytes when not UTF-8),
    // Bytes ("bytes"); an enum is a String of the value's name, type
    // "enum <full name>" (an Integer for a number the enum lacks); a message
    // a Map; a repeated field an Array (type "repeated <type>"); a map field
    // a Map (type "map<key, value>") keyed by the key's text, keys sorted as
    // TextFormat sorts them. Fields the schema lacks are under a child named
    // "(unknown fields)", as decodeProtobufWire shows them. Offsets point at
    // the field's bytes (tag included) when one stretch of the input holds
    // it; size 0 when not (a message merged from several occurrences, the
    // "(unknown fields)" node, a map or repeated field with other fields
    // between its entries). Message nesting counts toward Limits::maxDepth;
    // a repeated or map field is not a level of its own.
    // text: TextFormat::PrintToString ("" with a failure or a cut tree).
    // Format "Protobuf". Failures: bytes that are not Protobuf at all fail
    // as decodeProtobufWire says; bytes libprotobuf refuses as this type
    // (a proto3 string that is not UTF-8, a message field holding what is
    // not a message, nesting past libprotobuf's 100 levels) fail at the
    // field that does it ("valid wire format, but not a valid example.User:
    // field example.User.name is not valid UTF-8 ..."); the tree then holds
    // what libprotobuf had parsed, without offsets. A type the schema lacks
    // is a failure at byte 0. A field with the wrong wire type is no
    // failure: libprotobuf keeps it as an unknown field. Missing required
    // fields are allowed (Decoded::note names them).
    Decoded decode(std::string_view bytes, const std::string& messageType, const Limits& limits = {}) const;

    // The message as Protobuf's JSON mapping, with the .proto field names
    // (MessageToJsonString, preserve_proto_field_names). Unknown fields are
    // left out, as the mapping does.
    storage::Result<std::string> toProtoJson(std::string_view bytes, const std::string& messageType) const;

    // True when the bytes parse as `messageType` and serializing the result
    // (not deterministic, as libprotobuf does by default) gives them back
    // exactly: then an edit through the schema changes only what was edited.
    // False for non-canonical encodings (an overlong varint, a field
    // repeated, fields out of number order, unknown fields between known
    // ones); may be false for a map of two or more entries, whose order
    // libprotobuf does not keep.
    bool reserializesExactly(std::string_view bytes, const std::string& messageType) const;

    // Text format (what decode() puts in `text`) to the bytes of a
    // `messageType`. Errors give "line L, column C: <what is wrong>"
    // (1-based). Missing required fields are allowed; fields by number
    // (unknown fields) are not.
    storage::Result<std::string> encodeFromText(std::string_view textFormat, const std::string& messageType) const;

private:
    struct Impl;
    explicit ProtobufSchema(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace meridian::decode
