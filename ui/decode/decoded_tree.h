// A decoded value ready for a tree view: the Decoded itself plus its nodes
// numbered breadth first, so a node's children are consecutive numbers and
// the model answers index() and parent() in constant time, with no per-node
// work on the UI thread.
//
// Built by buildDecodedTree() on a worker thread; immutable afterwards, so it
// may be shared between threads (std::shared_ptr<const DecodedTree>). A big
// tree whose last reference goes on the UI thread is freed on a background
// thread instead (freeing 200,000 nodes is a visible stall), whoever drops it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoded.h"
#include "decode/value_decoder.h"

namespace meridian::ui {

struct DecodedTree {
    decode::Decoded decoded;
    std::vector<const decode::Node*> nodes;  // nodes[0] is the root
    std::vector<int> parent;                 // parent[0] == -1
    std::vector<int> firstChild;             // the number of children[0] of each node

    // The value as text, for the Text tab: to edit (when `writer` is set,
    // decode::ValueDecoder::editableText), or the format's own text, CBOR's
    // and MessagePack's indented as they are for editing.
    std::string text;
    // The decoder that writes `text` back, when it encodes to exactly the
    // bytes decoded; else none, and why not.
    std::optional<decode::ValueDecoder> writer;
    std::string readOnlyReason;
};

using DecodedTreePtr = std::shared_ptr<const DecodedTree>;

// `decoder` and `bytes`: what was decoded with what, to find out whether it
// can be edited as text (none: it cannot, as an external command's output).
// Text longer than kEditableTextBytes is not offered for editing (encoding
// it again on each pause in typing would be felt).
constexpr std::size_t kEditableTextBytes = 256 * 1024;
DecodedTreePtr buildDecodedTree(decode::Decoded decoded, const decode::ValueDecoder* decoder = nullptr,
                                std::string_view bytes = {});

}  // namespace meridian::ui
