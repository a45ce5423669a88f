#include "decode/value_decoder.h"

#include <algorithm>
#include <cstdlib>

#include "decode/bson.h"
#include "decode/cbor.h"
#include "decode/messagepack.h"
#include "decode/notation.h"
#include "decode/protobuf_schema.h"
#include "decode/protobuf_wire.h"
#include "storage/bytes.h"

namespace meridian::decode {

std::string DecoderSpec::name() const {
    switch (format) {
    case ValueFormat::MessagePack: return "msgpack";
    case ValueFormat::Cbor: return "cbor";
    case ValueFormat::Bson: return "bson";
    case ValueFormat::ProtobufWire: return "protobuf";
    case ValueFormat::Protobuf: return "protobuf:" + protoPath + ":" + messageType;
    case ValueFormat::Field: return field.name();
    }
    return {};
}

std::string formatName(ValueFormat format) {
    switch (format) {
    case ValueFormat::MessagePack: return "MessagePack";
    case ValueFormat::Cbor: return "CBOR";
    case ValueFormat::Bson: return "BSON";
    case ValueFormat::ProtobufWire: return "Protobuf (no schema)";
    case ValueFormat::Protobuf: return "Protobuf";
    case ValueFormat::Field: return "number";
    }
    return {};
}

storage::Result<DecoderSpec> parseDecoderSpec(std::string_view name) {
    DecoderSpec spec;
    if (name == "msgpack" || name == "messagepack") {
        spec.format = ValueFormat::MessagePack;
    } else if (name == "cbor") {
        spec.format = ValueFormat::Cbor;
    } else if (name == "bson") {
        spec.format = ValueFormat::Bson;
    } else if (name == "protobuf" || name == "protobuf-raw") {
        spec.format = ValueFormat::ProtobufWire;
    } else if (name.starts_with("protobuf:")) {
        const std::string_view rest = name.substr(9);
        const std::size_t colon = rest.rfind(':');
        if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size())
            return storage::Status::invalidArgument("protobuf with a schema is protobuf:PATH:TYPE (PATH a .proto file or a "
                                                    "folder, TYPE a message's full name), not " +
                                                    storage::escapeBytes(name));
        spec.format = ValueFormat::Protobuf;
        spec.protoPath = std::string(rest.substr(0, colon));
        spec.messageType = std::string(rest.substr(colon + 1));
    } else {
        std::string_view typeName = name;
        std::optional<std::size_t> count;
        if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) {
            typeName = name.substr(0, colon);
            const std::string_view digits = name.substr(colon + 1);
            if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
                return storage::Status::invalidArgument("unknown decoder " + storage::escapeBytes(name));
            count = static_cast<std::size_t>(std::stoul(std::string(digits)));
        }
        auto field = fieldTypeNamed(typeName);
        if (!field || (count && field->kind != FieldKind::Utf8 && field->kind != FieldKind::Bytes))
            return storage::Status::invalidArgument(
                "unknown decoder " + storage::escapeBytes(name) +
                ": msgpack, cbor, bson, protobuf, protobuf:PATH:TYPE, or a number type (u8, i8, u16be ... i64le, "
                "f32be ... f64le, varint, zigzag, uuid, utf8, bytes)");
        field->count = count;
        spec.format = ValueFormat::Field;
        spec.field = *field;
    }
    return spec;
}

namespace {

bool isContainerStart(std::uint8_t b, ValueFormat format) {
    if (format == ValueFormat::MessagePack) return (b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf);
    return (b >= 0x80 && b <= 0xbf) || (b >= 0xc0 && b <= 0xdb);  // CBOR: array, map, tag
}

// Protobuf's wire format fits nearly any binary; only small field numbers
// at the top level make it likely.
bool plausibleProtobuf(const Decoded& d) {
    if (!d.ok() || d.root.children.empty()) return false;
    for (const Node& field : d.root.children) {
        const std::size_t number = std::strtoul(field.name.c_str(), nullptr, 10);
        if (number < 1 || number > 1000 || field.type == "group") return false;
    }
    return true;
}

}  // namespace

std::optional<ValueFormat> guessFormat(std::string_view bytes) {
    if (bytes.empty() || storage::isPrintableUtf8(bytes, true)) return std::nullopt;
    if (looksLikeBson(bytes)) return ValueFormat::Bson;
    const auto first = static_cast<std::uint8_t>(bytes[0]);
    // A small tree is enough to tell: the decoders still read to the end.
    Limits quick;
    quick.maxNodes = 1000;
    // A map or array with something in it: two bytes that happen to be an
    // empty one are not a document.
    auto substantial = [](const Decoded& d) {
        if (!d.ok()) return false;
        for (const Node* n = &d.root;;) {
            if (n->kind != NodeKind::Array && n->kind != NodeKind::Map) return true;
            if (n->children.empty()) return false;
            if (n->children.size() > 1 || n->kind == NodeKind::Map) return true;
            n = &n->children.front();
        }
    };
    if (bytes.size() >= 3 && isContainerStart(first, ValueFormat::MessagePack) && substantial(decodeMessagePack(bytes, quick)))
        return ValueFormat::MessagePack;
    if (bytes.size() >= 3 && isContainerStart(first, ValueFormat::Cbor) && substantial(decodeCbor(bytes, quick)))
        return ValueFormat::Cbor;
    if (plausibleProtobuf(decodeProtobufWire(bytes, quick))) return ValueFormat::ProtobufWire;
    return std::nullopt;
}

storage::Result<ValueDecoder> ValueDecoder::make(const DecoderSpec& spec) {
    ValueDecoder decoder;
    decoder.spec_ = spec;
    if (spec.format == ValueFormat::Protobuf) {
        auto schema = ProtobufSchema::load({spec.protoPath});
        if (!schema.ok()) return schema.status();
        const auto types = schema.value()->messageTypes();
        if (std::find(types.begin(), types.end(), spec.messageType) == types.end())
            return storage::Status::invalidArgument("no message " + spec.messageType + " in " + spec.protoPath +
                                                    " (it has " + std::to_string(types.size()) + " message types)");
        decoder.schema_ = std::move(schema.value());
    }
    return decoder;
}

ValueDecoder ValueDecoder::forFormat(ValueFormat format) {
    ValueDecoder decoder;
    decoder.spec_.format = format;
    return decoder;
}

Decoded ValueDecoder::decode(std::string_view bytes, const Limits& limits) const {
    switch (spec_.format) {
    case ValueFormat::MessagePack: return decodeMessagePack(bytes, limits);
    case ValueFormat::Cbor: return decodeCbor(bytes, limits);
    case ValueFormat::Bson: return decodeBson(bytes, limits);
    case ValueFormat::ProtobufWire: return decodeProtobufWire(bytes, limits);
    case ValueFormat::Protobuf:
        if (schema_) return schema_->decode(bytes, spec_.messageType, limits);
        break;
    case ValueFormat::Field: {
        Decoded out;
        out.format = spec_.field.name();
        std::string why;
        auto value = readField(spec_.field, bytes, &why);
        if (!value) {
            out.failure = failureAt(out.format, bytes.size(), why);
        } else if (value->size != bytes.size()) {
            out.failure = failureAt(out.format, value->size,
                                    byteCount(bytes.size() - value->size) + " after the " + out.format);
        } else {
            out.root.kind = value->kind;
            out.root.type = out.format;
            out.root.value = value->text;
            out.root.size = value->size;
        }
        return out;
    }
    }
    Decoded out;
    out.format = "Protobuf";
    out.failure = failureAt(out.format, 0, "no schema loaded");
    return out;
}

storage::Result<std::string> ValueDecoder::editableText(std::string_view bytes, const Decoded& decoded,
                                                       std::size_t maxText) const {
    const std::string name = spec_.format == ValueFormat::Field ? spec_.field.name() : formatName(spec_.format);
    if (!decoded.ok()) return storage::Status::readOnly("the value is not valid " + name + ", so it cannot be edited as " + name);
    if (decoded.cut || decoded.text.size() > maxText)
        return storage::Status::readOnly("its text is too long to edit here");
    std::string text;
    switch (spec_.format) {
    case ValueFormat::Bson:
        return storage::Status::readOnly("BSON's text forms (Extended JSON) do not keep every byte of a document");
    case ValueFormat::ProtobufWire:
        return storage::Status::readOnly("Protobuf without a schema cannot be written back; pick its .proto schema to edit it");
    case ValueFormat::Protobuf:
        if (!schema_ || !schema_->reserializesExactly(bytes, spec_.messageType))
            return storage::Status::readOnly(
                "libprotobuf would write this message back differently (fields out of order, repeated or unknown, "
                "a long varint, or map order), so an edit could change more than what was edited");
        text = decoded.text;
        break;
    case ValueFormat::MessagePack:
    case ValueFormat::Cbor: text = indentNotation(decoded.text); break;
    case ValueFormat::Field: text = decoded.root.value; break;
    }
    auto back = encode(text);
    if (!back.ok()) return storage::Status::readOnly("its text does not encode back: " + back.status().message());
    if (back.value() != bytes) {
        const auto& again = back.value();
        std::size_t at = 0;
        while (at < again.size() && at < bytes.size() && again[at] == bytes[at]) ++at;
        return storage::Status::readOnly("written back from its text, byte " + std::to_string(at) +
                                         " would differ (a NaN with a payload, or an encoding the text does not keep)");
    }
    return text;
}

storage::Result<std::string> ValueDecoder::encode(std::string_view text) const {
    switch (spec_.format) {
    case ValueFormat::MessagePack: return encodeMessagePack(text);
    case ValueFormat::Cbor: return encodeCbor(text);
    case ValueFormat::Protobuf:
        if (schema_) return schema_->encodeFromText(text, spec_.messageType);
        break;
    case ValueFormat::Field: return writeField(spec_.field, text);
    case ValueFormat::Bson:
    case ValueFormat::ProtobufWire: break;
    }
    return storage::Status::readOnly(formatName(spec_.format) + " values are not written from text");
}

}  // namespace meridian::decode
