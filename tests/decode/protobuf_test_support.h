// Helpers shared by the Protobuf tests (protobuf_decode_test with a schema,
// protobuf_wire_test without one): libprotobuf's own view of the test schema
// (tests/data/decode) to make values with, setting their fields by name,
// hand-made wire format, and the shape every failure must have.
#pragma once

#include <QString>
#include <QtTest>

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "decode/decoded.h"

namespace meridian::protobuftest {

namespace pb = google::protobuf;
using decode::Decoded;
using decode::Node;

inline const QString kDataDir = QStringLiteral(MERIDIAN_TEST_SOURCE_DIR "/data/decode");

inline QByteArray qb(const std::string& s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

// libprotobuf's own view of the test schema: the reference the decoder is
// checked against (the well-known types from libprotobuf, as ours).
struct Reference {
    pb::compiler::DiskSourceTree tree;
    pb::DescriptorPoolDatabase wellKnown{*pb::DescriptorPool::generated_pool()};
    pb::compiler::SourceTreeDescriptorDatabase database{&tree, &wellKnown};
    pb::DescriptorPool pool{&database};
    pb::DynamicMessageFactory factory;

    Reference() {
        tree.MapPath("", kDataDir.toStdString());
        pool.FindFileByName("example.proto");
        pool.FindFileByName("legacy.proto");
    }

    std::unique_ptr<pb::Message> make(const std::string& type) {
        const pb::Descriptor* descriptor = pool.FindMessageTypeByName(type);
        if (!descriptor) return nullptr;
        return std::unique_ptr<pb::Message>(factory.GetPrototype(descriptor)->New());
    }
};

// Setting fields by name through Reflection.
struct Setter {
    pb::Message* m;
    const pb::FieldDescriptor* f(const char* name) const {
        const pb::FieldDescriptor* field = m->GetDescriptor()->FindFieldByName(name);
        if (!field) qFatal("no field %s", name);
        return field;
    }
    const pb::Reflection* r() const { return m->GetReflection(); }
    Setter& str(const char* name, const std::string& v) { r()->SetString(m, f(name), v); return *this; }
    Setter& addStr(const char* name, const std::string& v) { r()->AddString(m, f(name), v); return *this; }
    Setter& i32(const char* name, std::int32_t v) { r()->SetInt32(m, f(name), v); return *this; }
    Setter& addI32(const char* name, std::int32_t v) { r()->AddInt32(m, f(name), v); return *this; }
    Setter& i64(const char* name, std::int64_t v) { r()->SetInt64(m, f(name), v); return *this; }
    Setter& u32(const char* name, std::uint32_t v) { r()->SetUInt32(m, f(name), v); return *this; }
    Setter& u64(const char* name, std::uint64_t v) { r()->SetUInt64(m, f(name), v); return *this; }
    Setter& dbl(const char* name, double v) { r()->SetDouble(m, f(name), v); return *this; }
    Setter& flt(const char* name, float v) { r()->SetFloat(m, f(name), v); return *this; }
    Setter& boolean(const char* name, bool v) { r()->SetBool(m, f(name), v); return *this; }
    Setter& enumValue(const char* name, int v) { r()->SetEnumValue(m, f(name), v); return *this; }
    Setter sub(const char* name) { return Setter{r()->MutableMessage(m, f(name))}; }
    Setter add(const char* name) { return Setter{r()->AddMessage(m, f(name))}; }
};

inline std::string serialized(const pb::Message& m) {
    std::string out;
    m.SerializePartialToString(&out);
    return out;
}

// example.User with every kind of field set.
inline void fillUser(pb::Message* user, bool twoEntryMaps) {
    using namespace std::string_literals;
    Setter u{user};
    u.str("name", "Alice").i64("id", 42).addStr("tags", "a").addStr("tags", "b").addStr("tags", "c");
    u.enumValue("role", 2);
    u.add("scores").str("key", "math").i32("value", 90);
    if (twoEntryMaps) u.add("scores").str("key", "art").i32("value", 75);
    u.str("avatar", "\x00\x01\xff"s).dbl("balance", 1234.5).i64("delta", -7).u32("flags", 0xDEADBEEF);
    u.str("email", "alice@example.com");
    u.sub("address").str("street", "Main St 1").str("city", "Springfield").i32("zip", 12345);
    u.add("previous").str("city", "Old Town");
    u.add("previous").str("city", "Elsewhere").i32("zip", 1);
    u.addI32("lucky", 7).addI32("lucky", -1).addI32("lucky", 300);
    Setter audit = u.sub("audit");
    audit.str("by", "bob").i64("at", 1700000000).addStr("changes", "x");
    u.sub("created").i64("seconds", 1700000000).i32("nanos", 5);
    u.flt("ratio", 0.1f).boolean("active", true);
    Setter office = u.add("offices");
    office.i32("key", 2);
    office.sub("value").str("city", "B");
    if (twoEntryMaps) {
        Setter first = u.add("offices");
        first.i32("key", 1);
        first.sub("value").str("city", "A");
    }
}

inline std::size_t depthOf(const Node& node) {
    std::size_t deepest = 0;
    for (const Node& c : node.children) deepest = std::max(deepest, depthOf(c));
    return deepest + 1;
}

// Wire format by hand: a varint, a length-delimited field.
inline std::string varint(std::uint64_t v) {
    std::string out;
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
    return out;
}
inline std::string ld(std::uint32_t number, const std::string& payload) {
    return varint((std::uint64_t{number} << 3) | 2) + varint(payload.size()) + payload;
}

// A failure, if any, reads "not valid Protobuf at byte N: ..." with N in the input.
inline void checkFailureShape(const Decoded& decoded, std::size_t size) {
    if (decoded.ok()) return;
    const std::string prefix = "not valid Protobuf at byte " + std::to_string(decoded.failure->offset) + ": ";
    QVERIFY2(decoded.failure->message.rfind(prefix, 0) == 0, decoded.failure->message.c_str());
    QVERIFY(decoded.failure->offset <= size);
}

}  // namespace meridian::protobuftest
