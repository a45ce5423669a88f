#include "decode/bson.h"

#include <bson/bson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "storage/bytes.h"

namespace meridian::decode {

namespace {

constexpr const char* kFormat = "BSON";

const char* typeName(std::uint8_t type) {
    switch (type) {
    case BSON_TYPE_DOUBLE: return "double";
    case BSON_TYPE_UTF8: return "string";
    case BSON_TYPE_DOCUMENT: return "document";
    case BSON_TYPE_ARRAY: return "array";
    case BSON_TYPE_BINARY: return "binary";
    case BSON_TYPE_UNDEFINED: return "undefined";
    case BSON_TYPE_OID: return "ObjectId";
    case BSON_TYPE_BOOL: return "bool";
    case BSON_TYPE_DATE_TIME: return "date";
    case BSON_TYPE_NULL: return "null";
    case BSON_TYPE_REGEX: return "regex";
    case BSON_TYPE_DBPOINTER: return "DBPointer";
    case BSON_TYPE_CODE: return "code";
    case BSON_TYPE_SYMBOL: return "symbol";
    case BSON_TYPE_CODEWSCOPE: return "code with scope";
    case BSON_TYPE_INT32: return "int32";
    case BSON_TYPE_TIMESTAMP: return "timestamp";
    case BSON_TYPE_INT64: return "int64";
    case BSON_TYPE_DECIMAL128: return "decimal128";
    case BSON_TYPE_MAXKEY: return "MaxKey";
    case BSON_TYPE_MINKEY: return "MinKey";
    default: return nullptr;
    }
}

std::string floatText(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

// Milliseconds since 1970 as "2024-01-31T12:00:00.250Z" (proleptic
// Gregorian, UTC); outside years 0..9999, "<n> ms since 1970".
std::string isoDate(std::int64_t ms) {
    constexpr std::int64_t kMsPerDay = 86400000;
    std::int64_t days = ms / kMsPerDay;
    std::int64_t rest = ms % kMsPerDay;
    if (rest < 0) {
        rest += kMsPerDay;
        --days;
    }
    // civil_from_days (H. Hinnant).
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) return std::to_string(ms) + " ms since 1970";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", static_cast<int>(year),
                  static_cast<int>(month), static_cast<int>(day), static_cast<int>(rest / 3600000),
                  static_cast<int>(rest / 60000 % 60), static_cast<int>(rest / 1000 % 60),
                  static_cast<int>(rest % 1000));
    return buffer;
}

std::string oidText(const bson_oid_t* oid) {
    char buffer[25];
    bson_oid_to_string(oid, buffer);
    return buffer;
}

// A key or string as it goes into a failure message: escaped, short.
std::string quoted(std::string_view text) {
    std::string shown = storage::escapeBytes(text.substr(0, 40));
    if (text.size() > 40) shown += "...";
    return "\"" + shown + "\"";
}

std::int32_t readInt32(std::string_view bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[i])) << (8 * i);
    return static_cast<std::int32_t>(v);
}

// Walks a document with libbson's iterator, checking what libbson checks
// plus the depth and strict UTF-8, and builds the tree while the node
// budget lasts (`build`), validating to the end either way.
class Walker {
public:
    Walker(const Limits& limits, bool build) : limits_(limits), build_(build) {}

    // The document (or array) `data` of `len` bytes at `base` in the input,
    // at nesting `depth` (the root 0). Its nodes go to `node` when not null.
    bool document(const std::uint8_t* data, std::uint32_t len, std::size_t base, std::size_t depth, Node* node,
                  bool isArray) {
        bson_iter_t it;
        if (!bson_iter_init_from_data(&it, data, len))
            return fail(base, "the embedded " + std::string(isArray ? "array" : "document") +
                                  "'s length does not match its bytes");
        std::uint32_t elementStart = 4;
        while (bson_iter_next(&it)) {
            const std::size_t start = base + bson_iter_offset(&it);
            const std::size_t end = base + it.next_off;
            const std::string_view key(bson_iter_key(&it), bson_iter_key_len(&it));
            if (!storage::isValidUtf8(key)) return fail(start + 1, "the key " + quoted(key) + " is not valid UTF-8");
            Node child;
            Node* target = node && take() ? &child : nullptr;
            if (!element(it, data, base, start, key, depth, target)) {
                if (target) keep(*node, std::move(child), isArray, key, start, end);
                return false;
            }
            if (target) keep(*node, std::move(child), isArray, key, start, end);
            elementStart = it.next_off;
        }
        if (it.err_off != 0) return corrupt(data, len, base, elementStart, it.err_off);
        if (elementStart != len - 1)
            return fail(base + elementStart, "a 0x00 byte ends the " + std::string(isArray ? "array" : "document") +
                                                 " before the length it claims");
        return true;
    }

    bool cut() const { return cut_; }
    const Failure& failure() const { return failure_; }

private:
    bool fail(std::size_t offset, const std::string& reason) {
        failure_ = failureAt(kFormat, offset, reason);
        return false;
    }

    bool take() {
        if (!build_ || cut_) return false;
        if (nodes_ >= limits_.maxNodes) {
            cut_ = true;
            return false;
        }
        ++nodes_;
        return true;
    }

    static void keep(Node& parent, Node&& child, bool isArray, std::string_view key, std::size_t start,
                     std::size_t end) {
        child.name = isArray ? std::string() : std::string(key);
        child.offset = start;
        child.size = end - start;
        parent.children.push_back(std::move(child));
    }

    // Why libbson's iterator stopped at `errOff` (relative to `data`).
    bool corrupt(const std::uint8_t* data, std::uint32_t len, std::size_t base, std::uint32_t elementStart,
                 std::uint32_t errOff) {
        const std::size_t at = base + std::min(errOff, len - 1);
        if (elementStart >= len - 1) return fail(at, "corrupt (libbson stops here)");
        const std::uint8_t type = data[elementStart];
        if (type == 0)
            return fail(base + elementStart, "a 0x00 byte ends the document before the length it claims");
        const char* name = typeName(type);
        if (!name) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", type);
            return fail(base + elementStart, std::string("unknown element type ") + hex);
        }
        std::uint32_t keyEnd = elementStart + 1;
        while (keyEnd < len - 1 && data[keyEnd] != 0) ++keyEnd;
        if (keyEnd >= len - 1)
            return fail(base + elementStart + 1, "a key runs past the end of its document");
        const std::string_view key(reinterpret_cast<const char*>(data) + elementStart + 1, keyEnd - elementStart - 1);
        return fail(at, std::string("the ") + name + " " + quoted(key) +
                            " is corrupt or runs past the end of its document");
    }

    bool utf8(std::string_view text, std::size_t start, std::string_view key, const char* what) {
        if (storage::isValidUtf8(text)) return true;
        return fail(start, std::string("the ") + what + " " + quoted(key) + " is not valid UTF-8");
    }

    bool nested(const std::uint8_t* sub, std::uint32_t subLen, const std::uint8_t* data, std::size_t base,
                std::size_t start, std::size_t depth, Node* node, bool isArray) {
        if (depth + 1 > limits_.maxDepth)
            return fail(start, "documents are nested more than " + std::to_string(limits_.maxDepth) + " levels deep");
        if (!sub) return fail(start, "the embedded document is corrupt");
        return document(sub, subLen, base + static_cast<std::size_t>(sub - data), depth + 1, node, isArray);
    }

    // One element's value into `node` (when not null), nested ones walked.
    bool element(const bson_iter_t& it, const std::uint8_t* data, std::size_t base, std::size_t start,
                 std::string_view key, std::size_t depth, Node* node) {
        const bson_type_t type = bson_iter_type(&it);
        Node scratch;
        Node& n = node ? *node : scratch;
        const char* name = typeName(static_cast<std::uint8_t>(type));
        n.type = name ? name : "unknown";
        switch (type) {
        case BSON_TYPE_DOUBLE:
            n.kind = NodeKind::Float;
            n.value = floatText(bson_iter_double(&it));
            return true;
        case BSON_TYPE_UTF8: {
            std::uint32_t len = 0;
            const char* s = bson_iter_utf8(&it, &len);
            if (!utf8(std::string_view(s, len), start, key, "string")) return false;
            n.kind = NodeKind::String;
            n.value.assign(s, len);
            return true;
        }
        case BSON_TYPE_DOCUMENT:
        case BSON_TYPE_ARRAY: {
            const bool isArray = type == BSON_TYPE_ARRAY;
            std::uint32_t len = 0;
            const std::uint8_t* sub = nullptr;
            if (isArray)
                bson_iter_array(&it, &len, &sub);
            else
                bson_iter_document(&it, &len, &sub);
            n.kind = isArray ? NodeKind::Array : NodeKind::Map;
            return nested(sub, len, data, base, start, depth, node, isArray);
        }
        case BSON_TYPE_BINARY: {
            bson_subtype_t subtype = BSON_SUBTYPE_BINARY;
            std::uint32_t len = 0;
            const std::uint8_t* bytes = nullptr;
            bson_iter_binary(&it, &subtype, &len, &bytes);
            n.kind = NodeKind::Bytes;
            n.type = "binary subtype " + std::to_string(static_cast<unsigned>(subtype));
            if (node && bytes) n.value = storage::toHex(std::string_view(reinterpret_cast<const char*>(bytes), len));
            return true;
        }
        case BSON_TYPE_UNDEFINED:
            n.kind = NodeKind::Other;
            n.value = "undefined";
            return true;
        case BSON_TYPE_OID:
            n.kind = NodeKind::Other;
            n.value = oidText(bson_iter_oid(&it));
            return true;
        case BSON_TYPE_BOOL:
            n.kind = NodeKind::Bool;
            n.value = bson_iter_bool(&it) ? "true" : "false";
            return true;
        case BSON_TYPE_DATE_TIME:
            n.kind = NodeKind::Other;
            n.value = isoDate(bson_iter_date_time(&it));
            return true;
        case BSON_TYPE_NULL: n.kind = NodeKind::Null; return true;
        case BSON_TYPE_REGEX: {
            const char* options = nullptr;
            const char* pattern = bson_iter_regex(&it, &options);
            if (!pattern || !options) return fail(start, "the regex " + quoted(key) + " is corrupt");
            if (!utf8(pattern, start, key, "regex") || !utf8(options, start, key, "regex")) return false;
            n.kind = NodeKind::Other;
            n.value = "/" + std::string(pattern) + "/" + options;
            return true;
        }
        case BSON_TYPE_DBPOINTER: {
            std::uint32_t len = 0;
            const char* collection = nullptr;
            const bson_oid_t* oid = nullptr;
            bson_iter_dbpointer(&it, &len, &collection, &oid);
            if (!collection || !oid) return fail(start, "the DBPointer " + quoted(key) + " is corrupt");
            if (!utf8(std::string_view(collection, len), start, key, "DBPointer")) return false;
            n.kind = NodeKind::Other;
            n.value = std::string(collection, len) + ", " + oidText(oid);
            return true;
        }
        case BSON_TYPE_CODE:
        case BSON_TYPE_SYMBOL: {
            std::uint32_t len = 0;
            const char* s = type == BSON_TYPE_CODE ? bson_iter_code(&it, &len) : bson_iter_symbol(&it, &len);
            if (!s) return fail(start, std::string("the ") + n.type + " " + quoted(key) + " is corrupt");
            if (!utf8(std::string_view(s, len), start, key, n.type.c_str())) return false;
            n.kind = NodeKind::Other;
            n.value.assign(s, len);
            return true;
        }
        case BSON_TYPE_CODEWSCOPE: {
            std::uint32_t len = 0;
            std::uint32_t scopeLen = 0;
            const std::uint8_t* scope = nullptr;
            const char* code = bson_iter_codewscope(&it, &len, &scopeLen, &scope);
            if (!code || !scope) return fail(start, "the code with scope " + quoted(key) + " is corrupt");
            if (!utf8(std::string_view(code, len), start, key, "code")) return false;
            n.kind = NodeKind::Map;
            Node codeNode;
            Node* codeTarget = node && take() ? &codeNode : nullptr;
            if (codeTarget) {
                codeNode.name = "$code";
                codeNode.type = "code";
                codeNode.kind = NodeKind::String;
                codeNode.value.assign(code, len);
                n.children.push_back(std::move(codeNode));
            }
            Node scopeNode;
            Node* scopeTarget = node && take() ? &scopeNode : nullptr;
            const bool ok = nested(scope, scopeLen, data, base, start, depth, scopeTarget, false);
            if (scopeTarget) {
                scopeNode.name = "$scope";
                scopeNode.type = "document";
                scopeNode.kind = NodeKind::Map;
                scopeNode.offset = base + static_cast<std::size_t>(scope - data);
                scopeNode.size = scopeLen;
                n.children.push_back(std::move(scopeNode));
            }
            return ok;
        }
        case BSON_TYPE_INT32:
            n.kind = NodeKind::Integer;
            n.value = std::to_string(bson_iter_int32(&it));
            return true;
        case BSON_TYPE_TIMESTAMP: {
            std::uint32_t t = 0;
            std::uint32_t i = 0;
            bson_iter_timestamp(&it, &t, &i);
            n.kind = NodeKind::Other;
            n.value = "Timestamp(" + std::to_string(t) + ", " + std::to_string(i) + ")";
            return true;
        }
        case BSON_TYPE_INT64:
            n.kind = NodeKind::Integer;
            n.value = std::to_string(bson_iter_int64(&it));
            return true;
        case BSON_TYPE_DECIMAL128: {
            bson_decimal128_t dec;
            if (!bson_iter_decimal128(&it, &dec)) return fail(start, "the decimal128 " + quoted(key) + " is corrupt");
            char text[BSON_DECIMAL128_STRING];
            bson_decimal128_to_string(&dec, text);
            n.kind = NodeKind::Other;
            n.value = text;
            return true;
        }
        case BSON_TYPE_MAXKEY:
        case BSON_TYPE_MINKEY:
            n.kind = NodeKind::Other;
            n.value = n.type;
            return true;
        case BSON_TYPE_EOD:
        default: return fail(start, "unknown element type");
        }
    }

    const Limits& limits_;
    bool build_;
    std::size_t nodes_ = 1;  // the root
    bool cut_ = false;
    Failure failure_;
};

// The checks before libbson sees the bytes; the failure, or nullopt.
std::optional<Failure> checkFrame(std::string_view bytes) {
    if (bytes.size() < 5)
        return failureAt(kFormat, 0,
                         "a document is at least 5 bytes, this has " + std::to_string(bytes.size()));
    const std::int32_t claimed = readInt32(bytes);
    if (claimed < 0 || static_cast<std::size_t>(claimed) != bytes.size())
        return failureAt(kFormat, 0,
                         "the document claims " + std::to_string(claimed) + " bytes and has " +
                             std::to_string(bytes.size()));
    if (bytes.back() != 0) return failureAt(kFormat, bytes.size() - 1, "the document does not end with a 0x00 byte");
    return std::nullopt;
}

const std::uint8_t* dataOf(std::string_view bytes) { return reinterpret_cast<const std::uint8_t*>(bytes.data()); }

// bson_validate's verdict (after Walker: never on a document deeper than
// the limit). Its offsets are relative to the innermost document, so the
// failure names no better place than the start.
std::optional<Failure> libbsonVerdict(const bson_t& document) {
    std::size_t offset = 0;
    if (bson_validate(&document, static_cast<bson_validate_flags_t>(BSON_VALIDATE_UTF8 | BSON_VALIDATE_UTF8_ALLOW_NULL),
                      &offset))
        return std::nullopt;
    return failureAt(kFormat, 0, "libbson's validation rejects the document (near byte " + std::to_string(offset) +
                                     " of a document in it)");
}

}  // namespace

Decoded decodeBson(std::string_view bytes, const Limits& limits) {
    Decoded decoded;
    decoded.format = kFormat;
    decoded.root.type = "document";
    decoded.root.kind = NodeKind::Map;
    decoded.root.offset = 0;
    decoded.root.size = bytes.size();
    if (auto frame = checkFrame(bytes)) {
        decoded.failure = std::move(frame);
        return decoded;
    }
    Walker walker(limits, /*build=*/true);
    const bool walked =
        walker.document(dataOf(bytes), static_cast<std::uint32_t>(bytes.size()), 0, 0, &decoded.root, false);
    if (walker.cut()) {
        decoded.cut = true;
        decoded.note = cutNote(limits.maxNodes);
    }
    if (!walked) {
        decoded.failure = walker.failure();
        return decoded;
    }
    bson_t document;
    if (!bson_init_static(&document, dataOf(bytes), bytes.size())) {
        decoded.failure = failureAt(kFormat, 0, "libbson does not accept the document's frame");
        return decoded;
    }
    if (auto verdict = libbsonVerdict(document)) {
        decoded.failure = std::move(verdict);
        return decoded;
    }
    if (!decoded.cut) {
        std::size_t length = 0;
        char* json = bson_as_relaxed_extended_json(&document, &length);
        if (json) {
            decoded.text.assign(json, length);
            bson_free(json);
        }
    }
    return decoded;
}

bool looksLikeBson(std::string_view bytes) {
    if (checkFrame(bytes)) return false;
    const Limits limits;
    Walker walker(limits, /*build=*/false);
    if (!walker.document(dataOf(bytes), static_cast<std::uint32_t>(bytes.size()), 0, 0, nullptr, false)) return false;
    bson_t document;
    return bson_init_static(&document, dataOf(bytes), bytes.size()) && !libbsonVerdict(document);
}

}  // namespace meridian::decode
