#include "decode/decoded.h"

#include "storage/codec.h"

namespace meridian::decode {

namespace {

// 200000 -> "200,000".
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

void appendString(std::string& out, const std::string& text) {
    storage::appendJsonString(out, text, storage::JsonShortEscapes::WithBackspaceFormFeed);
}

// indent < 0: one line.
void appendJson(std::string& out, const Node& node, int indent) {
    switch (node.kind) {
    case NodeKind::Null: out += "null"; return;
    case NodeKind::Bool: out += node.value == "true" ? "true" : "false"; return;
    case NodeKind::Integer: out += node.value; return;
    case NodeKind::Float:
        if (node.value == "NaN" || node.value == "Infinity" || node.value == "-Infinity")
            appendString(out, node.value);
        else
            out += node.value;
        return;
    case NodeKind::String: appendString(out, node.value); return;
    case NodeKind::Bytes:
        out += "{\"$hex\":";
        appendString(out, node.value);
        out += '}';
        return;
    case NodeKind::Other:
        out += '{';
        appendString(out, "$" + node.type);
        out += ':';
        appendString(out, node.value);
        out += '}';
        return;
    case NodeKind::Array:
    case NodeKind::Map: {
        const bool map = node.kind == NodeKind::Map;
        out += map ? '{' : '[';
        bool first = true;
        auto newline = [&](int level) {
            if (indent < 0) return;
            out += '\n';
            out.append(static_cast<std::size_t>(level) * 2, ' ');
        };
        for (const Node& child : node.children) {
            if (!first) out += ',';
            first = false;
            newline(indent + 1);
            if (map) {
                appendString(out, child.name);
                out += indent < 0 ? ":" : ": ";
            }
            appendJson(out, child, indent < 0 ? -1 : indent + 1);
        }
        if (!node.children.empty()) newline(indent);
        out += map ? '}' : ']';
        return;
    }
    }
}

}  // namespace

Failure failureAt(const std::string& format, std::size_t offset, const std::string& reason) {
    return Failure{offset, "not valid " + format + " at byte " + std::to_string(offset) + ": " + reason};
}

std::string byteCount(std::size_t n) { return n == 1 ? "1 byte" : std::to_string(n) + " bytes"; }

std::string cutNote(std::size_t maxNodes) {
    return "too large to decode in full: showing the first " + grouped(maxNodes) + " items";
}

std::string toJson(const Node& node) {
    std::string out;
    appendJson(out, node, -1);
    return out;
}

std::string toIndentedJson(const Node& node) {
    std::string out;
    appendJson(out, node, 0);
    return out;
}

std::size_t nodeCount(const Node& node) {
    std::size_t n = 1;
    for (const Node& child : node.children) n += nodeCount(child);
    return n;
}

}  // namespace meridian::decode
