// libFuzzer target: the value decoders and key layouts (decode/), on any
// bytes. Truncated and garbage values are what users' databases hold.
//
// Checks, for every input x:
//  - MessagePack, CBOR, BSON, Protobuf's wire format and every field type
//    read x without crashing; a failure says "not valid <format> at byte N: "
//    with N within x; a success's tree has at most Limits::maxNodes nodes,
//    and its nodes' byte ranges lie within x.
//  - A decoder that succeeds is deterministic: a second decode gives the same JSON.
//  - guessFormat(x), when it names a format, names one that decodes x.
//  - Editing as text is exact: the MessagePack or CBOR notation of a value
//    that decodes encodes back to exactly x (but for NaN payloads).
//  - x as notation text: encodeCbor and encodeMessagePack never crash, and
//    what they write decodes, and its notation writes it again.
//  - Key layouts: the input's first line is a template, the rest a key. When
//    the template parses and the key matches it, the key's typed text encodes
//    back to exactly the key; the typed text of every prefix of it encodes
//    without crashing.
#include <string>
#include <string_view>

#include "decode/bson.h"
#include "decode/cbor.h"
#include "decode/key_layout.h"
#include "decode/messagepack.h"
#include "decode/protobuf_wire.h"
#include "decode/value_decoder.h"
#include "tests/fuzz/fuzz_check.h"

using namespace meridian::decode;

namespace {

void checkRanges(const Node& node, std::size_t size) {
    FUZZ_CHECK(node.offset <= size && node.size <= size - node.offset);
    for (const Node& child : node.children) checkRanges(child, size);
}

void check(const Decoded& d, std::string_view x, const Limits& limits) {
    if (!d.ok()) {
        // "not valid MessagePack at byte 7: ..." (Protobuf's wire format says just "Protobuf").
        FUZZ_CHECK(d.failure->message.starts_with("not valid "));
        FUZZ_CHECK(d.failure->message.find(" at byte " + std::to_string(d.failure->offset) + ": ") != std::string::npos);
        FUZZ_CHECK(d.failure->offset <= x.size());
        return;
    }
    FUZZ_CHECK(nodeCount(d.root) <= limits.maxNodes);
    checkRanges(d.root, x.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view x = meridian::fuzz::bytesOf(data, size);
    Limits limits;
    limits.maxNodes = 5000;  // small, so cutting is exercised too
    limits.maxDepth = 40;
    const Decoded msgpack = decodeMessagePack(x, limits);
    check(msgpack, x, limits);
    const Decoded cbor = decodeCbor(x, limits);
    check(cbor, x, limits);
    check(decodeBson(x, limits), x, limits);
    check(decodeProtobufWire(x, limits), x, limits);
    if (msgpack.ok()) FUZZ_CHECK(toJson(decodeMessagePack(x, limits).root) == toJson(msgpack.root));
    if (cbor.ok()) FUZZ_CHECK(decodeCbor(x, limits).text == cbor.text);
    for (const Decoded* d : {&msgpack, &cbor}) {
        if (!d->ok() || d->cut) continue;
        const auto back = d == &cbor ? encodeCbor(d->text) : encodeMessagePack(d->text);
        FUZZ_CHECK(back.ok());
        FUZZ_CHECK(back.value() == x || d->text.find("NaN") != std::string::npos);
    }
    for (bool isCbor : {true, false}) {
        const auto written = isCbor ? encodeCbor(x) : encodeMessagePack(x);
        if (!written.ok()) {
            FUZZ_CHECK(written.status().message().starts_with("line "));
            continue;
        }
        const Decoded d = isCbor ? decodeCbor(written.value()) : decodeMessagePack(written.value());
        FUZZ_CHECK(d.ok());
        const auto again = isCbor ? encodeCbor(d.text) : encodeMessagePack(d.text);
        FUZZ_CHECK(again.ok() && (again.value() == written.value() || d.text.find("NaN") != std::string::npos));
    }
    for (const char* name : {"u8", "i16le", "u32be", "i64be", "f32le", "f64be", "varint", "zigzag", "uuid", "utf8", "bytes"}) {
        auto decoder = ValueDecoder::make(parseDecoderSpec(name).value());
        FUZZ_CHECK(decoder.ok());
        check(decoder->decode(x, limits), x, limits);
    }
    if (auto format = guessFormat(x)) FUZZ_CHECK(ValueDecoder::forFormat(*format).decode(x).ok());

    const std::size_t newline = x.find('\n');
    if (newline != std::string_view::npos) {
        auto layout = KeyLayout::parse(x.substr(0, newline));
        if (layout.ok()) {
            const std::string_view key = x.substr(newline + 1);
            if (auto typed = layout->typedText(key)) {
                auto back = layout->encodeTyped(*typed);
                FUZZ_CHECK(back.ok());
                FUZZ_CHECK(back.value() == key);
            }
            (void)layout->encodeTyped(key);  // the key's bytes as typed text: anything may come back, but no crash
        }
    }
    return 0;
}
