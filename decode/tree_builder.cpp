#include "decode/tree_builder.h"

namespace meridian::decode {

Node* TreeBuilder::add(Node node) {
    Frame* top = stack_.empty() ? nullptr : &stack_.back();
    if (top && top->node == nullptr) return nullptr;
    if (nodes_ >= limits_.maxNodes) {
        cut_ = true;
        if (top && top->keyPending) {  // a key whose value will not be kept
            top->node->children.pop_back();
            top->keyPending = false;
        }
        return nullptr;
    }
    ++nodes_;
    if (!top) {
        if (hasRoot_) return nullptr;  // a second top-level value: the decoder reports it
        hasRoot_ = true;
        root_ = std::move(node);
        return &root_;
    }
    auto& children = top->node->children;
    if (top->map) {
        if (!top->keyPending) {
            top->keyPending = true;
        } else {
            node.name = keyName(children.back());
            children.pop_back();
            --nodes_;
            top->keyPending = false;
        }
    }
    children.push_back(std::move(node));
    return &children.back();
}

Node* TreeBuilder::value(NodeKind kind, std::string type, std::string text, std::size_t offset, std::size_t size) {
    Node node;
    node.kind = kind;
    node.type = std::move(type);
    node.value = std::move(text);
    node.offset = offset;
    node.size = size;
    return add(std::move(node));
}

bool TreeBuilder::open(NodeKind kind, std::string type, std::size_t offset) {
    if (stack_.size() >= limits_.maxDepth) return false;
    Node node;
    node.kind = kind;
    node.type = std::move(type);
    node.offset = offset;
    Node* added = add(std::move(node));
    stack_.push_back(Frame{added, kind == NodeKind::Map, false});
    return true;
}

void TreeBuilder::close(std::size_t end) {
    if (stack_.empty()) return;
    if (Node* node = stack_.back().node) node->size = end - node->offset;
    stack_.pop_back();
}

std::string keyName(const Node& key) {
    if (key.kind == NodeKind::String) return key.value;
    // A container as a key: its JSON, cut short. Uncut, a key whose key is a
    // container escapes the text inside again at every level, doubling it:
    // 60 bytes of nested keys would be named in gigabytes.
    if (key.kind != NodeKind::Array && key.kind != NodeKind::Map) return toJson(key);
    std::string json = toJson(key);
    if (json.size() > kMaxKeyName) {
        std::size_t cut = kMaxKeyName;
        while (cut > 0 && (static_cast<unsigned char>(json[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        json.resize(cut);
        json += "…";
    }
    return json;
}

}  // namespace meridian::decode
