// A message libprotobuf has parsed, as the tree every decoder returns
// (decode/decoded.h): one node per field that is set, repeated fields as
// Arrays, maps as Maps sorted by key, the fields libprotobuf kept as unknown
// as decodeProtobufWire shows them, and each node matched with the bytes of
// the input it came from when that is known. Also the few wire-format helpers
// ProtobufSchema uses to say where a value stops parsing.
//
// Internal to the Protobuf decoder (decode/protobuf_schema.cpp): not part of
// meridian_decode's interface, and no one else should include it.
//
// Thread safety: the free functions are pure. A MessageTreeBuilder holds the
// state of one decode and is used by one thread; any number of builders may
// run at once over one DynamicMessageFactory (its GetPrototype is
// thread-safe) and over const messages nothing else modifies.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoded.h"
#include "decode/protobuf_wire.h"

namespace meridian::decode::protobuf_detail {

namespace pb = google::protobuf;

// The format of what ProtobufSchema decodes (Decoded::format, failures).
inline constexpr const char* kFormat = "Protobuf";

// The bytes input[begin, end).
struct Range {
    std::size_t begin = 0;
    std::size_t end = 0;
};

using Spans = std::optional<std::vector<WireFieldSpan>>;

// The wire type a field's values have when not packed.
int wireTypeOf(const pb::FieldDescriptor* f);

// The top-level fields of input[range), offsets into `input`; nullopt when
// there are more than `maxFields`.
Spans spansOf(std::string_view input, Range range, std::size_t maxFields = SIZE_MAX);

// A field's value without its tag (and length).
Range payloadOf(const WireFieldSpan& s);

class MessageTreeBuilder {
public:
    // `input` and `limits` must outlive the builder.
    MessageTreeBuilder(std::string_view input, const Limits& limits, pb::DynamicMessageFactory& factory)
        : input_(input), limits_(limits), factory_(factory) {}

    // `msg`'s fields into `node` (a message at nesting `depth`, the root 0),
    // matched with the bytes of input[range) when known.
    void message(const pb::Message& msg, Node& node, std::size_t depth, std::optional<Range> range);

    bool cut() const { return cut_; }
    const std::optional<Failure>& failure() const { return failure_; }

private:
    bool take();
    void messageValue(const pb::Message& msg, const std::string& type, Node& node, std::size_t depth,
                      std::optional<Range> range);
    void singularField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
                       const Spans& spans);
    void repeatedField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
                       const Spans& spans);
    void mapField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
                  const Spans& spans);
    void unknownFields(const pb::UnknownFieldSet& unknown, Node& node, std::size_t depth, const Spans& spans);

    std::string_view input_;
    const Limits& limits_;
    pb::DynamicMessageFactory& factory_;
    std::size_t nodes_ = 1;  // the root
    bool cut_ = false;
    std::optional<Failure> failure_;
};

}  // namespace meridian::decode::protobuf_detail
