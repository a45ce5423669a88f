#include "decode/protobuf_tree.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <system_error>
#include <utility>

#include "storage/bytes.h"

namespace meridian::decode::protobuf_detail {

namespace {

// ---- values ----------------------------------------------------------------

// Shortest round-trip text; "NaN", "Infinity", "-Infinity". Unlike
// floatText (decode/number_text.h) it adds no ".0" to a whole number: 1.0 is
// "1" and -0.0 is "-0", as this decoder has always shown them.
template <class F>
std::string shortestFloatText(F value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string typeWord(const pb::FieldDescriptor* f) {
    switch (f->type()) {
    case pb::FieldDescriptor::TYPE_ENUM: return "enum " + f->enum_type()->full_name();
    case pb::FieldDescriptor::TYPE_MESSAGE: return "message " + f->message_type()->full_name();
    case pb::FieldDescriptor::TYPE_GROUP: return "group " + f->message_type()->full_name();
    default: return pb::FieldDescriptor::TypeName(f->type());
    }
}

// A scalar field's value (index -1: a singular field) into `node`.
void scalarValue(const pb::Message& msg, const pb::FieldDescriptor* f, int index, Node& node) {
    const pb::Reflection* r = msg.GetReflection();
    const bool one = index < 0;
    node.type = typeWord(f);
    switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
        node.kind = NodeKind::Integer;
        node.value = std::to_string(one ? r->GetInt32(msg, f) : r->GetRepeatedInt32(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_INT64:
        node.kind = NodeKind::Integer;
        node.value = std::to_string(one ? r->GetInt64(msg, f) : r->GetRepeatedInt64(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_UINT32:
        node.kind = NodeKind::Integer;
        node.value = std::to_string(one ? r->GetUInt32(msg, f) : r->GetRepeatedUInt32(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_UINT64:
        node.kind = NodeKind::Integer;
        node.value = std::to_string(one ? r->GetUInt64(msg, f) : r->GetRepeatedUInt64(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        node.kind = NodeKind::Float;
        node.value = shortestFloatText(one ? r->GetDouble(msg, f) : r->GetRepeatedDouble(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
        node.kind = NodeKind::Float;
        node.value = shortestFloatText(one ? r->GetFloat(msg, f) : r->GetRepeatedFloat(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_BOOL:
        node.kind = NodeKind::Bool;
        node.value = (one ? r->GetBool(msg, f) : r->GetRepeatedBool(msg, f, index)) ? "true" : "false";
        break;
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
        const int number = one ? r->GetEnumValue(msg, f) : r->GetRepeatedEnumValue(msg, f, index);
        const pb::EnumValueDescriptor* value = f->enum_type()->FindValueByNumber(number);
        node.kind = value ? NodeKind::String : NodeKind::Integer;
        node.value = value ? value->name() : std::to_string(number);
        break;
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s =
            one ? r->GetStringReference(msg, f, &scratch) : r->GetRepeatedStringReference(msg, f, index, &scratch);
        if (f->type() == pb::FieldDescriptor::TYPE_BYTES || !storage::isValidUtf8(s)) {
            node.kind = NodeKind::Bytes;
            node.value = storage::toHex(s);
        } else {
            node.kind = NodeKind::String;
            node.value = s;
        }
        break;
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: break;  // not a scalar
    }
}

// A map key as the name of its entry.
std::string keyText(const pb::Message& entry, const pb::FieldDescriptor* key) {
    Node node;
    scalarValue(entry, key, -1, node);
    if (node.kind == NodeKind::Bytes) {  // a proto2 string key that is not UTF-8
        std::string scratch;
        return storage::escapeBytes(entry.GetReflection()->GetStringReference(entry, key, &scratch));
    }
    return node.value;
}

// ---- offsets ---------------------------------------------------------------

void setRange(Node& node, const WireFieldSpan& s) {
    node.offset = s.offset;
    node.size = s.size;
}

// Offsets of a subtree decoded from other bytes, moved to where its bytes
// start in the input (`from` -> `to`), or cleared when not known.
void moveOffsets(Node& node, std::size_t from, std::size_t to) {
    node.offset = node.offset - from + to;
    for (Node& child : node.children) moveOffsets(child, from, to);
}

void clearOffsets(Node& node) {
    node.offset = 0;
    node.size = 0;
    for (Node& child : node.children) clearOffsets(child);
}

// The packed values of a repeated scalar field, one range each (no tag).
bool packedRanges(std::string_view input, const WireFieldSpan& s, int elementWireType, std::vector<Range>& out) {
    const std::size_t end = s.valueOffset + s.valueSize;
    std::size_t pos = s.valueOffset;
    while (pos < end) {
        std::size_t next = pos;
        if (elementWireType == 1 || elementWireType == 5) {
            next += elementWireType == 1 ? 8 : 4;
            if (next > end) return false;
        } else {
            int n = 0;
            do {
                if (next >= end || ++n > 10) return false;
            } while (static_cast<std::uint8_t>(input[next++]) & 0x80);
        }
        out.push_back(Range{pos, next});
        pos = next;
    }
    return true;
}

// The occurrences of field `number` (with wire type `wireType`, -1 any),
// as indexes into `spans`.
std::vector<std::size_t> occurrences(const std::vector<WireFieldSpan>& spans, int number, int wireType) {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < spans.size(); ++i)
        if (static_cast<int>(spans[i].number) == number && (wireType < 0 || spans[i].wireType == wireType))
            found.push_back(i);
    return found;
}

// A repeated or map field's node covers its entries when nothing else
// is between them.
void coverOccurrences(Node& node, const std::vector<WireFieldSpan>& spans, int number) {
    const std::vector<std::size_t> all = occurrences(spans, number, -1);
    if (all.empty() || all.back() - all.front() + 1 != all.size()) return;
    node.offset = spans[all.front()].offset;
    node.size = spans[all.back()].offset + spans[all.back()].size - node.offset;
}

}  // namespace

int wireTypeOf(const pb::FieldDescriptor* f) {
    switch (f->type()) {
    case pb::FieldDescriptor::TYPE_DOUBLE:
    case pb::FieldDescriptor::TYPE_FIXED64:
    case pb::FieldDescriptor::TYPE_SFIXED64: return 1;
    case pb::FieldDescriptor::TYPE_FLOAT:
    case pb::FieldDescriptor::TYPE_FIXED32:
    case pb::FieldDescriptor::TYPE_SFIXED32: return 5;
    case pb::FieldDescriptor::TYPE_STRING:
    case pb::FieldDescriptor::TYPE_BYTES:
    case pb::FieldDescriptor::TYPE_MESSAGE: return 2;
    case pb::FieldDescriptor::TYPE_GROUP: return 3;
    default: return 0;
    }
}

Spans spansOf(std::string_view input, Range range, std::size_t maxFields) {
    Spans spans = scanProtobufFields(input.substr(range.begin, range.end - range.begin), maxFields);
    if (spans) {
        for (WireFieldSpan& s : *spans) {
            s.offset += range.begin;
            s.valueOffset += range.begin;
        }
    }
    return spans;
}

Range payloadOf(const WireFieldSpan& s) { return Range{s.valueOffset, s.valueOffset + s.valueSize}; }

// ---- the tree --------------------------------------------------------------

void MessageTreeBuilder::message(const pb::Message& msg, Node& node, std::size_t depth, std::optional<Range> range) {
    const pb::Reflection* r = msg.GetReflection();
    std::vector<const pb::FieldDescriptor*> fields;
    r->ListFields(msg, &fields);
    // Where the fields are, unless there are more than the tree has room
    // for (then it is cut, and listing them all would cost more than it).
    const Spans spans = range ? spansOf(input_, *range, limits_.maxNodes - std::min(limits_.maxNodes, nodes_) + 1)
                              : std::nullopt;
    for (const pb::FieldDescriptor* f : fields) {
        if (!take()) return;
        Node child;
        child.name = f->is_extension() ? "[" + f->full_name() + "]" : f->name();
        if (f->is_map())
            mapField(msg, f, child, depth, spans);
        else if (f->is_repeated())
            repeatedField(msg, f, child, depth, spans);
        else
            singularField(msg, f, child, depth, spans);
        node.children.push_back(std::move(child));
    }
    unknownFields(r->GetUnknownFields(msg), node, depth, spans);
}

bool MessageTreeBuilder::take() {
    if (cut_ || failure_) return false;
    if (nodes_ >= limits_.maxNodes) {
        cut_ = true;
        return false;
    }
    ++nodes_;
    return true;
}

void MessageTreeBuilder::messageValue(const pb::Message& msg, const std::string& type, Node& node, std::size_t depth,
                                      std::optional<Range> range) {
    node.type = type;
    node.kind = NodeKind::Map;
    if (depth > limits_.maxDepth) {
        failure_ = failureAt(kFormat, range ? range->begin : 0,
                             "messages are nested more than " + std::to_string(limits_.maxDepth) + " levels deep");
        return;
    }
    message(msg, node, depth, range);
}

void MessageTreeBuilder::singularField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node,
                                       std::size_t depth, const Spans& spans) {
    std::vector<std::size_t> occ;
    if (spans) occ = occurrences(*spans, f->number(), wireTypeOf(f));
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        // Occurring more than once, the message is merged from them all.
        std::optional<Range> range;
        if (occ.size() == 1) {
            setRange(node, (*spans)[occ[0]]);
            range = payloadOf((*spans)[occ[0]]);
        }
        messageValue(msg.GetReflection()->GetMessage(msg, f, &factory_), typeWord(f), node, depth + 1, range);
        return;
    }
    scalarValue(msg, f, -1, node);
    if (!occ.empty()) setRange(node, (*spans)[occ.back()]);  // the last one wins
}

void MessageTreeBuilder::repeatedField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node,
                                       std::size_t depth, const Spans& spans) {
    const pb::Reflection* r = msg.GetReflection();
    const int count = r->FieldSize(msg, f);
    node.type = "repeated " + typeWord(f);
    node.kind = NodeKind::Array;
    // Where each element is: an occurrence of its own, or a value in a
    // packed occurrence; unknown when the counts disagree (a proto2
    // enum's unknown numbers go to the unknown fields).
    std::vector<Range> where;
    std::vector<std::optional<Range>> payloads;
    if (spans) {
        coverOccurrences(node, *spans, f->number());
        bool ok = true;
        for (std::size_t i : occurrences(*spans, f->number(), -1)) {
            const WireFieldSpan& s = (*spans)[i];
            if (s.wireType == wireTypeOf(f)) {
                where.push_back(Range{s.offset, s.offset + s.size});
                payloads.push_back(f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE
                                       ? std::optional<Range>(payloadOf(s))
                                       : std::nullopt);
            } else if (f->is_packable() && s.wireType == 2) {
                const std::size_t before = where.size();
                ok = ok && packedRanges(input_, s, wireTypeOf(f), where);
                payloads.resize(payloads.size() + (where.size() - before));
            }
        }
        if (!ok || where.size() != static_cast<std::size_t>(count)) where.clear();
    }
    for (int i = 0; i < count; ++i) {
        if (!take()) return;
        Node element;
        const bool known = !where.empty();
        if (known) {
            element.offset = where[i].begin;
            element.size = where[i].end - where[i].begin;
        }
        if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
            messageValue(r->GetRepeatedMessage(msg, f, i), typeWord(f), element, depth + 1,
                         known ? payloads[i] : std::nullopt);
        } else {
            scalarValue(msg, f, i, element);
        }
        node.children.push_back(std::move(element));
    }
}

void MessageTreeBuilder::mapField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
                                  const Spans& spans) {
    const pb::Reflection* r = msg.GetReflection();
    const pb::Descriptor* entryType = f->message_type();
    const pb::FieldDescriptor* key = entryType->map_key();
    const pb::FieldDescriptor* value = entryType->map_value();
    node.type = "map<" + typeWord(key) + ", " + typeWord(value) + ">";
    node.kind = NodeKind::Map;

    // Where each key's entry is: the last one with that key wins.
    std::map<std::string, const WireFieldSpan*> byKey;
    if (spans) {
        coverOccurrences(node, *spans, f->number());
        const pb::Message* prototype = factory_.GetPrototype(entryType);
        for (std::size_t i : occurrences(*spans, f->number(), 2)) {
            const WireFieldSpan& s = (*spans)[i];
            std::unique_ptr<pb::Message> entry(prototype->New());
            if (entry->ParsePartialFromArray(input_.data() + s.valueOffset, static_cast<int>(s.valueSize)))
                byKey[keyText(*entry, key)] = &s;
        }
    }

    const std::vector<const pb::Message*> entries =
        pb::DynamicMapSorter::Sort(msg, r->FieldSize(msg, f), r, f);
    for (const pb::Message* entry : entries) {
        if (!take()) return;
        Node child;
        child.name = keyText(*entry, key);
        const auto at = byKey.find(child.name);
        const WireFieldSpan* span = at == byKey.end() ? nullptr : at->second;
        if (value->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
            std::optional<Range> range;
            if (span) {
                const Spans inEntry = spansOf(input_, payloadOf(*span));
                if (inEntry) {
                    const std::vector<std::size_t> v = occurrences(*inEntry, value->number(), wireTypeOf(value));
                    if (v.size() == 1) range = payloadOf((*inEntry)[v[0]]);
                }
            }
            messageValue(entry->GetReflection()->GetMessage(*entry, value, &factory_), typeWord(value), child,
                         depth + 1, range);
        } else {
            scalarValue(*entry, value, -1, child);
        }
        if (span) setRange(child, *span);
        node.children.push_back(std::move(child));
    }
}

// The fields libprotobuf kept as unknown, shown as decodeProtobufWire
// shows them, each at its bytes in the input when found there.
void MessageTreeBuilder::unknownFields(const pb::UnknownFieldSet& unknown, Node& node, std::size_t depth,
                                       const Spans& spans) {
    if (unknown.empty() || !take()) return;
    std::string raw;
    unknown.SerializeToString(&raw);
    const std::size_t childDepth = depth + 1;
    Limits sub;
    sub.maxNodes = limits_.maxNodes - nodes_ + 1;  // its root is the node taken above
    sub.maxDepth = limits_.maxDepth - std::min(limits_.maxDepth, childDepth);
    Decoded wire = decodeProtobufWire(raw, sub);
    nodes_ += nodeCount(wire.root) - 1;
    if (wire.cut) cut_ = true;
    if (wire.failure) {
        failure_ = failureAt(kFormat, 0,
                             "unknown fields are nested more than " + std::to_string(limits_.maxDepth) +
                                 " levels deep");
    }
    Node u;
    u.name = "(unknown fields)";
    u.type = "unknown fields";
    u.kind = NodeKind::Map;
    u.children = std::move(wire.root.children);

    // Each unknown field, in order, matched with the next occurrence of
    // its number holding the same bytes.
    std::map<std::uint32_t, std::vector<const WireFieldSpan*>> byNumber;
    if (spans)
        for (const WireFieldSpan& s : *spans) byNumber[s.number].push_back(&s);
    std::map<std::uint32_t, std::size_t> next;
    for (Node& child : u.children) {
        bool placed = false;
        std::uint32_t number = 0;
        const auto parsed = std::from_chars(child.name.data(), child.name.data() + child.name.size(), number);
        const auto candidates = byNumber.find(number);
        if (parsed.ec == std::errc() && candidates != byNumber.end()) {
            const std::string_view mine = std::string_view(raw).substr(child.offset, child.size);
            std::size_t& i = next[number];
            for (; i < candidates->second.size() && !placed; ++i) {
                const WireFieldSpan& s = *candidates->second[i];
                if (input_.substr(s.offset, s.size) == mine) {
                    moveOffsets(child, child.offset, s.offset);
                    placed = true;
                }
            }
        }
        if (!placed) clearOffsets(child);
    }
    node.children.push_back(std::move(u));
}

}  // namespace meridian::decode::protobuf_detail
