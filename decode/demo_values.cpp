#include "decode/demo_values.h"

#include <bson/bson.h>
#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>

#include <cstring>
#include <memory>
#include <msgpack.hpp>

namespace meridian::decode {

namespace {

namespace pb = google::protobuf;

constexpr int kOrders = 600;
constexpr int kSessions = 500;
constexpr int kReadings = 600;
constexpr int kDocuments = 300;
constexpr std::int64_t kEpochMs = 1764547200000;  // 2025-12-01T00:00:00Z

std::string be(std::uint64_t v, int bytes) {
    std::string out(static_cast<std::size_t>(bytes), '\0');
    for (int i = bytes - 1; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    return out;
}

// A small deterministic generator (SplitMix64).
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

const char* const kNames[] = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov",
                              "Donald Knuth", "Frances Allen", "Ken Thompson", "Margaret Hamilton", "Niklaus Wirth"};
const char* const kCities[] = {"Lisbon", "Oslo", "Kyoto", "Austin", "Nairobi", "Tallinn", "Montréal", "Zürich"};
const char* const kSkus[] = {"KB-101", "MS-220", "MN-27Q", "HD-2TB", "CB-USB-C", "LP-14", "DK-TB4", "SP-BT"};

class ErrorCollector : public pb::io::ErrorCollector {
public:
    void AddError(int line, int column, const std::string& message) override {
        errors += std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message + "\n";
    }
    std::string errors;
};

storage::Status writeOrders(storage::Storage& storage) {
    pb::io::ArrayInputStream input(demoProtoText(), static_cast<int>(std::strlen(demoProtoText())));
    ErrorCollector errors;
    pb::io::Tokenizer tokenizer(&input, &errors);
    pb::FileDescriptorProto file;
    pb::compiler::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.Parse(&tokenizer, &file)) return storage::Status::invalidArgument("demo schema: " + errors.errors);
    file.set_name(demoProtoFileName());
    pb::DescriptorPool pool;
    const pb::FileDescriptor* built = pool.BuildFile(file);
    if (!built) return storage::Status::invalidArgument("demo schema does not build");
    const pb::Descriptor* order = pool.FindMessageTypeByName("meridian.demo.Order");
    pb::DynamicMessageFactory factory(&pool);
    Random random{17};
    for (int i = 0; i < kOrders; ++i) {
        std::unique_ptr<pb::Message> m(factory.GetPrototype(order)->New());
        const pb::Reflection* r = m->GetReflection();
        auto field = [&](const char* name) { return order->FindFieldByName(name); };
        const std::uint64_t id = 100000 + static_cast<std::uint64_t>(i);
        const std::uint32_t tenant = 1 + static_cast<std::uint32_t>(i % 4);
        r->SetUInt64(m.get(), field("id"), id);
        r->SetString(m.get(), field("customer"), kNames[random.below(10)]);
        r->SetEnumValue(m.get(), field("status"), random.below(4));
        r->SetInt64(m.get(), field("created_unix_ms"), kEpochMs + i * 3600000LL + random.below(3600000));
        const int items = 1 + random.below(4);
        for (int k = 0; k < items; ++k) {
            pb::Message* item = r->AddMessage(m.get(), field("items"));
            const pb::Reflection* ir = item->GetReflection();
            const pb::Descriptor* id2 = item->GetDescriptor();
            ir->SetString(item, id2->FindFieldByName("sku"), kSkus[random.below(8)]);
            ir->SetUInt32(item, id2->FindFieldByName("quantity"), 1 + static_cast<std::uint32_t>(random.below(5)));
            ir->SetInt64(item, id2->FindFieldByName("price_cents"), 499 + random.below(50000));
        }
        pb::Message* address = r->MutableMessage(m.get(), field("shipping"));
        address->GetReflection()->SetString(address, address->GetDescriptor()->FindFieldByName("city"),
                                            kCities[random.below(8)]);
        address->GetReflection()->SetString(address, address->GetDescriptor()->FindFieldByName("postcode"),
                                            std::to_string(10000 + random.below(89999)));
        if (random.below(3) == 0) r->AddString(m.get(), field("tags"), "gift");
        if (random.below(4) == 0) r->AddString(m.get(), field("tags"), "express");
        r->SetBool(m.get(), field("paid"), random.below(5) != 0);
        std::string bytes;
        m->SerializeToString(&bytes);
        if (auto s = storage.put("pb:order:" + be(tenant, 4) + be(id, 8), bytes); !s.ok()) return s;
    }
    return {};
}

storage::Status writeSessions(storage::Storage& storage) {
    Random random{23};
    for (int i = 0; i < kSessions; ++i) {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack_map(5);
        pk.pack(std::string("user"));
        pk.pack(std::string(kNames[random.below(10)]));
        pk.pack(std::string("started"));  // the timestamp extension, 32-bit seconds
        pk.pack_ext(4, -1);
        const std::string seconds = be(static_cast<std::uint64_t>(kEpochMs / 1000 + i * 600), 4);
        pk.pack_ext_body(seconds.data(), 4);
        pk.pack(std::string("pages"));
        const int pages = 1 + random.below(5);
        pk.pack_array(static_cast<std::uint32_t>(pages));
        for (int p = 0; p < pages; ++p) pk.pack(std::string("/docs/") + kSkus[random.below(8)]);
        pk.pack(std::string("score"));
        pk.pack(static_cast<double>(random.below(1000)) / 10.0);
        pk.pack(std::string("flags"));
        pk.pack_map(2);
        pk.pack(std::string("beta"));
        pk.pack(random.below(2) == 0);
        pk.pack(std::string("retries"));
        pk.pack(random.below(4));
        const std::uint64_t id = 7000000000ULL + static_cast<std::uint64_t>(i) * 7919;
        if (auto s = storage.put("mp:session:" + be(id, 8), std::string(buffer.data(), buffer.size())); !s.ok())
            return s;
    }
    return {};
}

// CBOR by hand, as RFC 8949 spells it: a map of five entries.
void cborHead(std::string& out, int major, std::uint64_t n) {
    const auto m = static_cast<char>(major << 5);
    if (n < 24) {
        out += static_cast<char>(m | static_cast<char>(n));
    } else if (n <= 0xff) {
        out += static_cast<char>(m | 24);
        out += be(n, 1);
    } else if (n <= 0xffff) {
        out += static_cast<char>(m | 25);
        out += be(n, 2);
    } else if (n <= 0xffffffffULL) {
        out += static_cast<char>(m | 26);
        out += be(n, 4);
    } else {
        out += static_cast<char>(m | 27);
        out += be(n, 8);
    }
}

void cborText(std::string& out, const std::string& text) {
    cborHead(out, 3, text.size());
    out += text;
}

storage::Status writeReadings(storage::Storage& storage) {
    Random random{31};
    for (int i = 0; i < kReadings; ++i) {
        const std::uint32_t sensor = 1 + static_cast<std::uint32_t>(i % 6);
        const std::int64_t at = kEpochMs + (i / 6) * 60000LL;
        std::string v;
        cborHead(v, 5, 5);
        cborText(v, "sensor");
        cborHead(v, 0, sensor);
        cborText(v, "at");
        cborHead(v, 6, 1);  // epoch time
        cborHead(v, 0, static_cast<std::uint64_t>(at / 1000));
        cborText(v, "celsius");
        const double celsius = 18.0 + random.below(120) / 10.0;
        std::uint64_t bits;
        std::memcpy(&bits, &celsius, 8);
        v += static_cast<char>(0xfb);
        v += be(bits, 8);
        cborText(v, "raw");
        cborHead(v, 2, 4);
        v += be(random.next(), 4);
        cborText(v, "ok");
        v += static_cast<char>(random.below(10) == 0 ? 0xf4 : 0xf5);
        if (auto s = storage.put("cbor:reading:" + be(sensor, 4) + be(static_cast<std::uint64_t>(at), 8), v); !s.ok())
            return s;
    }
    return {};
}

storage::Status writeDocuments(storage::Storage& storage) {
    Random random{41};
    for (int i = 0; i < kDocuments; ++i) {
        bson_oid_t oid;
        std::string oidBytes = be(static_cast<std::uint64_t>(kEpochMs / 1000 + i), 4) + be(random.next(), 8);
        bson_oid_init_from_data(&oid, reinterpret_cast<const std::uint8_t*>(oidBytes.data()));
        bson_t* doc = bson_new();
        BSON_APPEND_OID(doc, "_id", &oid);
        BSON_APPEND_UTF8(doc, "title", (std::string("Report ") + std::to_string(i + 1)).c_str());
        BSON_APPEND_INT32(doc, "pages", 1 + random.below(300));
        bson_t tags;
        BSON_APPEND_ARRAY_BEGIN(doc, "tags", &tags);
        BSON_APPEND_UTF8(&tags, "0", kCities[random.below(8)]);
        BSON_APPEND_UTF8(&tags, "1", "archived");
        bson_append_array_end(doc, &tags);
        BSON_APPEND_DATE_TIME(doc, "created", kEpochMs + i * 86400000LL);
        BSON_APPEND_DOUBLE(doc, "rating", random.below(50) / 10.0);
        std::string bytes(reinterpret_cast<const char*>(bson_get_data(doc)), doc->len);
        bson_destroy(doc);
        if (auto s = storage.put("bson:doc:" + oidBytes, bytes); !s.ok()) return s;
    }
    return {};
}

}  // namespace

const char* demoProtoFileName() { return "meridian_demo.proto"; }

const char* demoProtoText() {
    return R"(// The schema of the Meridian Inspector demo's pb:order: values.
syntax = "proto3";

package meridian.demo;

message Order {
  enum Status {
    PENDING = 0;
    PAID = 1;
    SHIPPED = 2;
    CANCELLED = 3;
  }
  message Item {
    string sku = 1;
    uint32 quantity = 2;
    int64 price_cents = 3;
  }
  message Address {
    string city = 1;
    string postcode = 2;
  }
  uint64 id = 1;
  string customer = 2;
  Status status = 3;
  int64 created_unix_ms = 4;
  repeated Item items = 5;
  Address shipping = 6;
  repeated string tags = 7;
  bool paid = 8;
}
)";
}

std::vector<DemoPrefix> demoDecoderPrefixes(const std::string& protoPath) {
    return {
        {"pb:order:", "protobuf:" + protoPath + ":meridian.demo.Order", "pb:order:{u32be:tenant}{u64be:order}"},
        {"mp:session:", "msgpack", "mp:session:{u64be:session}"},
        {"cbor:reading:", "cbor", "cbor:reading:{u32be:sensor}{u64be:at_ms}"},
        {"bson:doc:", "bson", "bson:doc:{bytes:12:id}"},
    };
}

std::string demoDecoderMarkerKey() { return "pb:order:" + be(1, 4) + be(100000, 8); }

storage::Status writeDecoderDemo(storage::Storage& storage) {
    if (auto s = writeOrders(storage); !s.ok()) return s;
    if (auto s = writeSessions(storage); !s.ok()) return s;
    if (auto s = writeReadings(storage); !s.ok()) return s;
    return writeDocuments(storage);
}

}  // namespace meridian::decode
