// Builds a Node tree from a stream of "value", "open container", "close
// container" events, within Limits: the part every streaming decoder
// (MessagePack, CBOR) shares. In a Map, items come as key, value, key,
// value...: each value is named after the key before it (keyName) and the
// key node itself is not kept.
//
// Past Limits::maxNodes it drops what follows but keeps counting nesting, so
// the tree stays well-formed and the caller can still check the whole input.
// Nesting deeper than Limits::maxDepth is reported by open() returning
// false. Not thread-safe; one per decode.
#pragma once

#include <string>
#include <vector>

#include "decode/decoded.h"

namespace meridian::decode {

class TreeBuilder {
public:
    explicit TreeBuilder(const Limits& limits) : limits_(limits) {}

    // A scalar in the current container (or as the root). Returns the node,
    // or nullptr once the tree is full.
    Node* value(NodeKind kind, std::string type, std::string value, std::size_t offset, std::size_t size);
    // Opens an Array or Map; false when that nests deeper than maxDepth.
    bool open(NodeKind kind, std::string type, std::size_t offset);
    // Closes the innermost container; `end` is the offset just past it.
    void close(std::size_t end);

    std::size_t depth() const { return stack_.size(); }
    bool cut() const { return cut_; }
    Node takeRoot() { return std::move(root_); }

private:
    Node* add(Node node);

    Limits limits_;
    Node root_;
    bool hasRoot_ = false;
    bool cut_ = false;
    std::size_t nodes_ = 0;
    struct Frame {
        Node* node = nullptr;  // nullptr: a container dropped past maxNodes
        bool map = false;
        bool keyPending = false;  // a Map's last child is a key waiting for its value
    };
    std::vector<Frame> stack_;
};

// How a Map key reads as a name: a string as itself, anything else as its
// JSON; a container's JSON cut at kMaxKeyName bytes (then "…").
constexpr std::size_t kMaxKeyName = 256;
std::string keyName(const Node& key);

}  // namespace meridian::decode
