#include "decode/messagepack.h"

#include <msgpack.hpp>

#include "decode/number_text.h"
#include "decode/tree_builder.h"
#include "storage/bytes.h"

namespace meridian::decode {

namespace {

const std::string kFormat = "MessagePack";

std::uint64_t bigEndian(const char* p, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// msgpack-cxx's parser reports values, not where they are: strings, binary
// and extensions point into the input, which gives their place; the rest
// have no offset (size 0).
class Visitor : public msgpack::null_visitor {
public:
    Visitor(std::string_view input, const Limits& limits) : tree_(limits), input_(input) {}

    bool visit_nil() { return scalar(NodeKind::Null, "nil", "null"); }
    bool visit_boolean(bool v) { return scalar(NodeKind::Bool, "bool", v ? "true" : "false"); }
    bool visit_positive_integer(std::uint64_t v) { return scalar(NodeKind::Integer, "uint", std::to_string(v)); }
    bool visit_negative_integer(std::int64_t v) { return scalar(NodeKind::Integer, "int", std::to_string(v)); }
    bool visit_float32(float v) { return scalar(NodeKind::Float, "float32", floatText(v)); }
    bool visit_float64(double v) { return scalar(NodeKind::Float, "float64", floatText(v)); }
    bool visit_str(const char* v, std::uint32_t size) {
        std::string_view text(v, size);
        if (storage::isValidUtf8(text))
            tree_.value(NodeKind::String, "str", std::string(text), offsetOf(v, size), size);
        else  // MessagePack says str is UTF-8; show what it holds rather than fail
            tree_.value(NodeKind::Bytes, "str (not UTF-8)", storage::toHex(text), offsetOf(v, size), size);
        return true;
    }
    bool visit_bin(const char* v, std::uint32_t size) {
        tree_.value(NodeKind::Bytes, "bin", storage::toHex(std::string_view(v, size)), offsetOf(v, size), size);
        return true;
    }
    bool visit_ext(const char* v, std::uint32_t size) {
        // v[0] is the extension type, the data follows.
        const int type = static_cast<signed char>(v[0]);
        std::string_view data(v + 1, size - 1);
        if (type == -1) {
            if (auto time = timestamp(data); !time.empty()) {
                tree_.value(NodeKind::Other, "timestamp", time, offsetOf(v, size), size);
                return true;
            }
        }
        tree_.value(NodeKind::Other, "ext " + std::to_string(type), storage::toHex(data), offsetOf(v, size), size);
        return true;
    }
    bool start_array(std::uint32_t) { return open(NodeKind::Array, "array"); }
    bool end_array() { return close(); }
    bool start_map(std::uint32_t) { return open(NodeKind::Map, "map"); }
    bool end_map() { return close(); }
    void parse_error(std::size_t, std::size_t errorOffset) {
        failure_ = failureAt(kFormat, errorOffset, "0xC1 is not a MessagePack type");
    }
    void insufficient_bytes(std::size_t, std::size_t errorOffset) {
        failure_ = failureAt(kFormat, errorOffset, "the value ends early (" + std::to_string(input_.size()) +
                                                      " bytes; more were announced)");
    }

    std::optional<Failure> failure_;
    std::optional<std::size_t> tooDeepAt_;
    TreeBuilder tree_;

private:
    // msgpack-cxx passes no meaningful pointer for an empty string or binary:
    // those get no place (size 0, as the other values).
    std::size_t offsetOf(const char* p, std::uint32_t size) const {
        return size == 0 ? 0 : static_cast<std::size_t>(p - input_.data());
    }
    bool scalar(NodeKind kind, const char* type, std::string text) {
        tree_.value(kind, type, std::move(text), 0, 0);
        return true;
    }
    bool open(NodeKind kind, const char* type) {
        if (!tree_.open(kind, type, 0)) {
            tooDeepAt_ = tree_.depth();
            return false;  // stops the parser
        }
        return true;
    }
    bool close() {
        tree_.close(0);
        return true;
    }
    // The timestamp extension: 4 bytes of seconds; 8 bytes of 30-bit
    // nanoseconds and 34-bit seconds; 12 bytes of 32-bit nanoseconds and
    // 64-bit signed seconds.
    static std::string timestamp(std::string_view d) {
        if (d.size() == 4) return isoTime(static_cast<std::int64_t>(bigEndian(d.data(), 4)));
        if (d.size() == 8) {
            const std::uint64_t v = bigEndian(d.data(), 8);
            return isoTime(static_cast<std::int64_t>(v & 0x3ffffffffULL), static_cast<std::uint32_t>(v >> 34));
        }
        if (d.size() == 12)
            return isoTime(static_cast<std::int64_t>(bigEndian(d.data() + 4, 8)),
                           static_cast<std::uint32_t>(bigEndian(d.data(), 4)));
        return {};
    }

    std::string_view input_;
};

}  // namespace

Decoded decodeMessagePack(std::string_view bytes, const Limits& limits) {
    Decoded out;
    out.format = kFormat;
    if (bytes.empty()) {
        out.failure = failureAt(kFormat, 0, "no bytes");
        return out;
    }
    Visitor visitor(bytes, limits);
    std::size_t offset = 0;
    bool parsed = false;
    try {
        parsed = msgpack::parse(bytes.data(), bytes.size(), offset, visitor);
    } catch (const std::bad_alloc&) {
        throw;  // out of memory is not a property of the bytes
    } catch (const std::exception& e) {  // msgpack-cxx throws on sizes it cannot hold
        out.failure = failureAt(kFormat, offset, e.what());
    }
    out.root = visitor.tree_.takeRoot();
    out.cut = visitor.tree_.cut();
    if (out.cut) out.note = cutNote(limits.maxNodes);
    if (out.failure) return out;
    if (visitor.tooDeepAt_) {
        out.failure = failureAt(kFormat, offset, "nested deeper than " + std::to_string(limits.maxDepth) + " levels");
    } else if (visitor.failure_) {
        out.failure = visitor.failure_;
    } else if (!parsed) {
        out.failure = failureAt(kFormat, offset, "the value ends early");
    } else if (offset < bytes.size()) {
        out.failure = failureAt(kFormat, offset,
                                byteCount(bytes.size() - offset) + " after the value");
    }
    // The notation of a value too big to show in full would be as big.
    if (!out.failure && !out.cut) out.text = messagePackNotation(bytes);
    return out;
}

}  // namespace meridian::decode
