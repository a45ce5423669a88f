#include "decode/protobuf_schema.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include "decode/protobuf_wire.h"
#include "storage/bytes.h"

namespace meridian::decode {

namespace pb = google::protobuf;

namespace {

constexpr const char* kFormat = "Protobuf";

// ---- loading ---------------------------------------------------------------

// Compile and validation errors as "file:line:col: message" (1-based, the
// file as on disk when the source tree knows it).
class ErrorList : public pb::compiler::MultiFileErrorCollector {
public:
    explicit ErrorList(pb::compiler::DiskSourceTree& tree) : tree_(tree) {}

    void AddError(const std::string& filename, int line, int column, const std::string& message) override {
        std::string where = filename;
        std::string disk;
        if (tree_.VirtualFileToDiskFile(filename, &disk)) where = disk;
        if (line >= 0) where += ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1);
        errors.push_back(where + ": " + message);
    }

    std::vector<std::string> errors;

private:
    pb::compiler::DiskSourceTree& tree_;
};

// Text format errors as "line L, column C: message" (1-based).
class TextErrors : public pb::io::ErrorCollector {
public:
    void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
        errors.push_back("line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1) + ": " +
                         message);
    }
    std::vector<std::string> errors;
};

std::string joined(const std::vector<std::string>& parts, const char* separator, std::size_t most) {
    std::string out;
    for (std::size_t i = 0; i < parts.size() && i < most; ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    if (parts.size() > most) out += separator + std::string("and ") + std::to_string(parts.size() - most) + " more";
    return out;
}

std::string withoutTrailingSlash(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

// ---- values ----------------------------------------------------------------

template <class F>
std::string floatText(F value) {
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

// The wire type a field's values have when not packed.
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
        node.value = floatText(one ? r->GetDouble(msg, f) : r->GetRepeatedDouble(msg, f, index));
        break;
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
        node.kind = NodeKind::Float;
        node.value = floatText(one ? r->GetFloat(msg, f) : r->GetRepeatedFloat(msg, f, index));
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

struct Range {
    std::size_t begin = 0;
    std::size_t end = 0;
};

using Spans = std::optional<std::vector<WireFieldSpan>>;

// The top-level fields of input[range), offsets into `input`; nullopt when
// there are more than `maxFields`.
Spans spansOf(std::string_view input, Range range, std::size_t maxFields = SIZE_MAX) {
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

// ---- the tree --------------------------------------------------------------

class TreeBuilder {
public:
    TreeBuilder(std::string_view input, const Limits& limits, pb::DynamicMessageFactory& factory)
        : input_(input), limits_(limits), factory_(factory) {}

    // `msg`'s fields into `node` (a message at nesting `depth`, the root 0),
    // matched with the bytes of input[range) when known.
    void message(const pb::Message& msg, Node& node, std::size_t depth, std::optional<Range> range) {
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

    bool cut() const { return cut_; }
    const std::optional<Failure>& failure() const { return failure_; }

private:
    bool take() {
        if (cut_ || failure_) return false;
        if (nodes_ >= limits_.maxNodes) {
            cut_ = true;
            return false;
        }
        ++nodes_;
        return true;
    }

    void messageValue(const pb::Message& msg, const std::string& type, Node& node, std::size_t depth,
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

    // The occurrences of field `number` (with wire type `wireType`, -1 any),
    // as indexes into `spans`.
    static std::vector<std::size_t> occurrences(const std::vector<WireFieldSpan>& spans, int number, int wireType) {
        std::vector<std::size_t> found;
        for (std::size_t i = 0; i < spans.size(); ++i)
            if (static_cast<int>(spans[i].number) == number && (wireType < 0 || spans[i].wireType == wireType))
                found.push_back(i);
        return found;
    }

    // A repeated or map field's node covers its entries when nothing else
    // is between them.
    static void coverOccurrences(Node& node, const std::vector<WireFieldSpan>& spans, int number) {
        const std::vector<std::size_t> all = occurrences(spans, number, -1);
        if (all.empty() || all.back() - all.front() + 1 != all.size()) return;
        node.offset = spans[all.front()].offset;
        node.size = spans[all.back()].offset + spans[all.back()].size - node.offset;
    }

    void singularField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
                       const Spans& spans) {
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

    void repeatedField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
                       const Spans& spans) {
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

    void mapField(const pb::Message& msg, const pb::FieldDescriptor* f, Node& node, std::size_t depth,
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
    void unknownFields(const pb::UnknownFieldSet& unknown, Node& node, std::size_t depth, const Spans& spans) {
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

    std::string_view input_;
    const Limits& limits_;
    pb::DynamicMessageFactory& factory_;
    std::size_t nodes_ = 1;  // the root
    bool cut_ = false;
    std::optional<Failure> failure_;
};

// The reason part of a failure message ("not valid Protobuf at byte N: <reason>").
std::string reasonOf(const Failure& failure) {
    const std::string prefix = "not valid Protobuf at byte " + std::to_string(failure.offset) + ": ";
    return failure.message.compare(0, prefix.size(), prefix) == 0 ? failure.message.substr(prefix.size())
                                                                  : failure.message;
}

}  // namespace

// ---- the schema ------------------------------------------------------------

struct ProtobufSchema::Impl {
    // Declared in the order they depend on each other: destroyed the other way.
    pb::compiler::DiskSourceTree sourceTree;
    pb::DescriptorPoolDatabase wellKnownTypes{*pb::DescriptorPool::generated_pool()};
    std::unique_ptr<pb::compiler::SourceTreeDescriptorDatabase> database;
    std::unique_ptr<pb::DescriptorPool> pool;
    std::unique_ptr<pb::DynamicMessageFactory> factory;
    std::map<std::string, const pb::Descriptor*> types;  // messageTypes(), by full name

    const pb::Descriptor* find(const std::string& name) const {
        const auto it = types.find(name);
        return it == types.end() ? nullptr : it->second;
    }

    struct Parsed {
        std::unique_ptr<pb::Message> message;  // null when the type is not in the schema
        std::optional<Failure> failure;
    };

    Parsed parse(std::string_view bytes, const std::string& typeName, std::size_t maxDepth) const;
    std::optional<Failure> locate(const pb::Descriptor* type, std::string_view input, Range range, int depth,
                                  const std::string& holder) const;
    std::string noSuchType(const std::string& typeName) const;
};

std::string ProtobufSchema::Impl::noSuchType(const std::string& typeName) const {
    std::vector<std::string> names;
    for (const auto& [name, descriptor] : types) names.push_back(name);
    std::string reason = "the schema has no message type \"" + typeName + "\"";
    // A type named without its package: say which one was meant.
    std::vector<std::string> meant;
    for (const std::string& name : names) {
        const std::size_t n = typeName.size();
        if (name.size() > n && name.compare(name.size() - n, n, typeName) == 0 && name[name.size() - n - 1] == '.')
            meant.push_back(name);
    }
    if (!meant.empty()) return reason + " (did you mean " + joined(meant, ", ", 3) + "?)";
    if (names.empty()) return reason + " (it has no message types)";
    return reason + " (it has " + joined(names, ", ", 5) + ")";
}

// Where, in input[range), libprotobuf stops parsing a `type`: the first field
// that does not parse on its own, looked into when it is a message.
// `holder` names what holds these bytes ("the message", "field example.User.address").
std::optional<Failure> ProtobufSchema::Impl::locate(const pb::Descriptor* type, std::string_view input, Range range,
                                                    int depth, const std::string& holder) const {
    const int recursionLimit = pb::io::CodedInputStream::GetDefaultRecursionLimit();
    const std::string_view part = input.substr(range.begin, range.end - range.begin);
    const Spans spans = spansOf(input, range);
    if (!spans) {
        Limits validateOnly;
        validateOnly.maxNodes = 1;
        const Decoded wire = decodeProtobufWire(part, validateOnly);
        if (!wire.failure) return std::nullopt;
        return failureAt(kFormat, range.begin + wire.failure->offset,
                         holder + " holds bytes that are not a valid " + type->full_name() + ": " +
                             reasonOf(*wire.failure));
    }
    const pb::Message* prototype = factory->GetPrototype(type);
    for (const WireFieldSpan& s : *spans) {
        std::unique_ptr<pb::Message> one(prototype->New());
        pb::io::CodedInputStream stream(reinterpret_cast<const std::uint8_t*>(input.data() + s.offset),
                                        static_cast<int>(s.size));
        stream.SetRecursionLimit(std::max(0, recursionLimit - depth));
        if (one->MergePartialFromCodedStream(&stream) && stream.ConsumedEntireMessage()) continue;

        const pb::FieldDescriptor* f = type->FindFieldByNumber(static_cast<int>(s.number));
        if (!f) f = pool->FindExtensionByNumber(type, static_cast<int>(s.number));
        const std::string name = f ? "field " + f->full_name() : "field " + std::to_string(s.number);
        if (f && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE && s.wireType == wireTypeOf(f)) {
            if (depth + 1 >= recursionLimit)
                return failureAt(kFormat, s.offset,
                                 "messages are nested more than " + std::to_string(recursionLimit) +
                                     " levels deep (libprotobuf's limit)");
            if (auto inner = locate(f->message_type(), input, payloadOf(s), depth + 1, name)) return inner;
        }
        if (f && f->type() == pb::FieldDescriptor::TYPE_STRING && s.wireType == 2 &&
            !storage::isValidUtf8(input.substr(s.valueOffset, s.valueSize)))
            return failureAt(kFormat, s.offset, name + " is not valid UTF-8, which a proto3 string must be");
        return failureAt(kFormat, s.offset, "libprotobuf cannot parse " + name + " of " + type->full_name());
    }
    return std::nullopt;
}

ProtobufSchema::Impl::Parsed ProtobufSchema::Impl::parse(std::string_view bytes, const std::string& typeName,
                                                         std::size_t maxDepth) const {
    Parsed parsed;
    const pb::Descriptor* type = find(typeName);
    if (!type) {
        parsed.failure = failureAt(kFormat, 0, noSuchType(typeName));
        return parsed;
    }
    parsed.message.reset(factory->GetPrototype(type)->New());
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        parsed.failure = failureAt(kFormat, 0, "2 GiB or more, more than libprotobuf parses");
        return parsed;
    }
    if (parsed.message->ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size()))) return parsed;

    // Where it went wrong: the wire format first, then the schema.
    Limits validateOnly;
    validateOnly.maxNodes = 1;
    validateOnly.maxDepth = maxDepth;
    const Decoded wire = decodeProtobufWire(bytes, validateOnly);
    if (wire.failure) {
        parsed.failure = wire.failure;
        return parsed;
    }
    std::optional<Failure> where = locate(type, bytes, Range{0, bytes.size()}, 0, "the message");
    if (where) {
        where->message = "not valid Protobuf at byte " + std::to_string(where->offset) +
                         ": valid wire format, but not a valid " + typeName + ": " + reasonOf(*where);
        parsed.failure = where;
    } else {
        parsed.failure =
            failureAt(kFormat, 0, "valid wire format, but libprotobuf cannot parse it as a " + typeName);
    }
    return parsed;
}

ProtobufSchema::ProtobufSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ProtobufSchema::~ProtobufSchema() = default;

storage::Result<std::shared_ptr<const ProtobufSchema>> ProtobufSchema::load(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    if (paths.empty()) return storage::Status::invalidArgument("no .proto file or folder given");

    auto impl = std::make_unique<Impl>();
    std::vector<std::string> problems;
    std::vector<std::string> roots;
    std::vector<std::string> files;
    const auto addRoot = [&roots](const std::string& root) {
        if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
    };
    for (const std::string& given : paths) {
        std::error_code error;
        const fs::path path = fs::absolute(fs::path(given), error).lexically_normal();
        if (error) {
            problems.push_back(given + ": " + error.message());
            continue;
        }
        const fs::file_status status = fs::status(path, error);
        if (fs::is_directory(status)) {
            addRoot(withoutTrailingSlash(path.string()));
            std::vector<std::string> found;
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
            for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
                std::error_code fileError;
                if (it->path().extension() == ".proto" && it->is_regular_file(fileError))
                    found.push_back(it->path().lexically_normal().string());
            }
            if (error) {
                problems.push_back(given + ": " + error.message());
            } else if (found.empty()) {
                problems.push_back(given + ": the folder holds no .proto file");
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(status)) {
            addRoot(withoutTrailingSlash(path.parent_path().string()));
            files.push_back(path.string());
        } else {
            problems.push_back(given + ": no such file or folder");
        }
    }

    for (const std::string& root : roots) impl->sourceTree.MapPath("", root);
    ErrorList errors(impl->sourceTree);
    impl->database =
        std::make_unique<pb::compiler::SourceTreeDescriptorDatabase>(&impl->sourceTree, &impl->wellKnownTypes);
    impl->database->RecordErrorsTo(&errors);
    // As compiler::Importer builds its pool (importer.cc).
    impl->pool = std::make_unique<pb::DescriptorPool>(impl->database.get(),
                                                      impl->database->GetValidationErrorCollector());
    impl->pool->EnforceWeakDependencies(true);

    std::vector<const pb::FileDescriptor*> loaded;
    std::set<std::string> imported;
    {
        pb::LogSilencer quiet;
        for (const std::string& file : files) {
            std::string virtualName;
            std::string shadowing;
            switch (impl->sourceTree.DiskFileToVirtualFile(file, &virtualName, &shadowing)) {
            case pb::compiler::DiskSourceTree::SUCCESS: break;
            case pb::compiler::DiskSourceTree::SHADOWED:
                problems.push_back(file + ": its import name \"" + virtualName + "\" is already " + shadowing);
                continue;
            case pb::compiler::DiskSourceTree::CANNOT_OPEN:
                problems.push_back(file + ": cannot be read");
                continue;
            case pb::compiler::DiskSourceTree::NO_MAPPING:
                problems.push_back(file + ": not under any of the folders given");
                continue;
            }
            if (!imported.insert(virtualName).second) continue;
            const std::size_t before = errors.errors.size();
            const pb::FileDescriptor* descriptor = impl->pool->FindFileByName(virtualName);
            if (descriptor) {
                loaded.push_back(descriptor);
            } else if (errors.errors.size() == before) {
                problems.push_back(file + ": could not be loaded");
            }
        }
    }
    impl->database->RecordErrorsTo(nullptr);  // nothing is read from the disk from here on
    problems.insert(problems.end(), errors.errors.begin(), errors.errors.end());
    if (!problems.empty())
        return storage::Status::invalidArgument("the Protobuf schema has errors: " + joined(problems, "; ", 20));

    // Every message type of the files and of the files they import.
    std::set<const pb::FileDescriptor*> seen;
    std::vector<const pb::FileDescriptor*> pending = loaded;
    std::vector<const pb::Descriptor*> messages;
    while (!pending.empty()) {
        const pb::FileDescriptor* file = pending.back();
        pending.pop_back();
        if (!seen.insert(file).second) continue;
        for (int i = 0; i < file->dependency_count(); ++i) pending.push_back(file->dependency(i));
        for (int i = 0; i < file->message_type_count(); ++i) messages.push_back(file->message_type(i));
    }
    while (!messages.empty()) {
        const pb::Descriptor* message = messages.back();
        messages.pop_back();
        if (message->options().map_entry()) continue;
        impl->types.emplace(message->full_name(), message);
        for (int i = 0; i < message->nested_type_count(); ++i) messages.push_back(message->nested_type(i));
    }
    impl->factory = std::make_unique<pb::DynamicMessageFactory>();
    return std::shared_ptr<const ProtobufSchema>(new ProtobufSchema(std::move(impl)));
}

std::vector<std::string> ProtobufSchema::messageTypes() const {
    std::vector<std::string> names;
    names.reserve(impl_->types.size());
    for (const auto& [name, descriptor] : impl_->types) names.push_back(name);
    return names;  // std::map: sorted
}

Decoded ProtobufSchema::decode(std::string_view bytes, const std::string& messageType, const Limits& limits) const {
    pb::LogSilencer quiet;
    Decoded decoded;
    decoded.format = kFormat;
    decoded.root.kind = NodeKind::Map;
    decoded.root.type = "message";
    decoded.root.offset = 0;
    decoded.root.size = bytes.size();

    Impl::Parsed parsed = impl_->parse(bytes, messageType, limits.maxDepth);
    if (!parsed.message) {
        decoded.failure = parsed.failure;
        return decoded;
    }
    decoded.root.type = "message " + messageType;
    TreeBuilder builder(bytes, limits, *impl_->factory);
    // Offsets only from bytes that parsed: a message that failed part way
    // holds what it had, not necessarily where.
    builder.message(*parsed.message, decoded.root, 0,
                    parsed.failure ? std::nullopt : std::optional<Range>(Range{0, bytes.size()}));
    if (builder.cut()) {
        decoded.cut = true;
        decoded.note = cutNote(limits.maxNodes);
    }
    if (parsed.failure) {
        decoded.failure = parsed.failure;
        return decoded;
    }
    if (builder.failure()) {
        decoded.failure = builder.failure();
        return decoded;
    }
    if (!parsed.message->IsInitialized()) {
        if (!decoded.note.empty()) decoded.note += "; ";
        decoded.note += "required fields missing: " + parsed.message->InitializationErrorString();
    }
    if (!decoded.cut) pb::TextFormat::PrintToString(*parsed.message, &decoded.text);
    return decoded;
}

storage::Result<std::string> ProtobufSchema::toProtoJson(std::string_view bytes, const std::string& messageType) const {
    pb::LogSilencer quiet;
    Impl::Parsed parsed = impl_->parse(bytes, messageType, Limits{}.maxDepth);
    if (parsed.failure) return storage::Status::invalidArgument(parsed.failure->message);
    pb::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    const auto status = pb::util::MessageToJsonString(*parsed.message, &json, options);
    if (!status.ok())
        return storage::Status::invalidArgument("cannot write the " + messageType + " as JSON: " + status.ToString());
    return json;
}

bool ProtobufSchema::reserializesExactly(std::string_view bytes, const std::string& messageType) const {
    pb::LogSilencer quiet;
    const pb::Descriptor* type = impl_->find(messageType);
    if (!type || bytes.size() > static_cast<std::size_t>(INT_MAX)) return false;
    std::unique_ptr<pb::Message> message(impl_->factory->GetPrototype(type)->New());
    if (!message->ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size()))) return false;
    std::string again;
    if (!message->SerializePartialToString(&again)) return false;
    return again == bytes;
}

storage::Result<std::string> ProtobufSchema::encodeFromText(std::string_view textFormat,
                                                            const std::string& messageType) const {
    pb::LogSilencer quiet;
    const pb::Descriptor* type = impl_->find(messageType);
    if (!type) return storage::Status::invalidArgument(impl_->noSuchType(messageType));
    if (textFormat.size() > static_cast<std::size_t>(INT_MAX))
        return storage::Status::invalidArgument("the text is 2 GiB or more, more than libprotobuf parses");
    std::unique_ptr<pb::Message> message(impl_->factory->GetPrototype(type)->New());
    TextErrors errors;
    pb::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.AllowPartialMessage(true);
    if (!parser.ParseFromString(std::string(textFormat), message.get())) {
        if (errors.errors.empty()) errors.errors.push_back("not a " + messageType + " in text format");
        return storage::Status::invalidArgument(joined(errors.errors, "; ", 10));
    }
    std::string bytes;
    if (!message->SerializePartialToString(&bytes))
        return storage::Status::invalidArgument("libprotobuf cannot serialize the " + messageType);
    return bytes;
}

}  // namespace meridian::decode
