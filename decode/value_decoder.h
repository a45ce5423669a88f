// Which decoder reads a value, by name, and guessing one from the bytes.
//
// A decoder is named the same everywhere (meridian-db --decode, the saved
// per-prefix choices, the GUI's view menu):
//   msgpack | cbor | bson | protobuf            (protobuf alone: the wire format, no schema)
//   protobuf:PATH:TYPE                          (PATH: a .proto file or a folder of them;
//                                                TYPE: a message's full name, example.User)
//   u8 | i8 | u16be ... f64le | varint | zigzag | uuid | utf8 | bytes
//                                               (the whole value as one field: decode/field_type.h)
//
// Contract: DecoderSpec and guessFormat are pure and thread-safe.
// ValueDecoder::decode is const and thread-safe (the loaded schema is shared
// and immutable); a ValueDecoder is cheap to copy. Errors are Status values
// (InvalidArgument for a name, a schema that does not load, or a message type
// the schema lacks); decode itself never fails, see decoded.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoded.h"
#include "decode/field_type.h"
#include "storage/status.h"

namespace meridian::decode {

class ProtobufSchema;

enum class ValueFormat { MessagePack, Cbor, Bson, ProtobufWire, Protobuf, Field };

struct DecoderSpec {
    ValueFormat format = ValueFormat::MessagePack;
    std::string protoPath;    // Protobuf: a .proto file or a folder of them
    std::string messageType;  // Protobuf: the message's full name
    FieldType field;          // Field

    // The name parseDecoderSpec reads back: "msgpack", "protobuf:schemas/user.proto:example.User", "u64be".
    std::string name() const;
};

storage::Result<DecoderSpec> parseDecoderSpec(std::string_view name);

// "MessagePack", "CBOR", "BSON", "Protobuf (no schema)", "Protobuf", "number": what the format is called.
std::string formatName(ValueFormat format);

// What the bytes look like, checked strictly enough that text and numbers are
// not mistaken for them: a BSON document whose length says so; a MessagePack
// or CBOR map or array with something in it (3 bytes or more) that decodes
// to the last byte; Protobuf's wire format when every top-level field number
// is small (1..1000) and the bytes are not printable text. nullopt when
// nothing fits (text, JSON, plain binary).
std::optional<ValueFormat> guessFormat(std::string_view bytes);

class ValueDecoder {
public:
    // Loads the schema a Protobuf spec names (once; share the ValueDecoder).
    static storage::Result<ValueDecoder> make(const DecoderSpec& spec);
    // The decoder for a guessed format (not Protobuf with a schema, not Field).
    static ValueDecoder forFormat(ValueFormat format);

    const DecoderSpec& spec() const { return spec_; }
    Decoded decode(std::string_view bytes, const Limits& limits = {}) const;

    // Editing a value as text, byte-exactly. The text to edit `bytes` in
    // (`decoded`: what decode() made of them): MessagePack's and CBOR's
    // notation, indented (notation.h), Protobuf's text format, a number's text. Given
    // only when that text encodes back to exactly `bytes`, so an edit changes
    // only what was edited; otherwise ReadOnly saying why ("written back,
    // byte 12 would differ: ..."). BSON and Protobuf without a schema are
    // always read-only, and so are values that failed to decode or were cut,
    // and values whose text is longer than `maxText` bytes (checked first,
    // so a big value costs nothing here).
    storage::Result<std::string> editableText(std::string_view bytes, const Decoded& decoded,
                                              std::size_t maxText = std::string::npos) const;
    // The (edited) text as bytes. InvalidArgument "line L, column C: <what>"
    // when it does not parse or holds what the format cannot.
    storage::Result<std::string> encode(std::string_view text) const;

private:
    DecoderSpec spec_;
    std::shared_ptr<const ProtobufSchema> schema_;
};

}  // namespace meridian::decode
