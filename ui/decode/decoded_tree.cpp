#include "ui/decode/decoded_tree.h"

#include <QCoreApplication>
#include <QThread>

#include "decode/notation.h"
#include "ui/common/async.h"

namespace meridian::ui {

namespace {

constexpr std::size_t kFreeElsewhere = 10000;  // nodes: smaller trees are freed where they are dropped
constexpr std::size_t kIndentedTextBytes = 1024 * 1024;  // the Text tab shows the first MiB

struct FreeOffUiThread {
    void operator()(DecodedTree* tree) const {
        const QCoreApplication* app = QCoreApplication::instance();
        if (app && QThread::currentThread() == app->thread() && tree->nodes.size() > kFreeElsewhere)
            runOn(backgroundPool(), [tree] { delete tree; });
        else
            delete tree;
    }
};

}  // namespace

DecodedTreePtr buildDecodedTree(decode::Decoded decoded, const decode::ValueDecoder* decoder, std::string_view bytes) {
    std::shared_ptr<DecodedTree> tree(new DecodedTree, FreeOffUiThread{});
    tree->decoded = std::move(decoded);
    if (decoder) {
        auto text = decoder->editableText(bytes, tree->decoded, kEditableTextBytes);
        if (text.ok()) {
            tree->writer = *decoder;
            tree->text = std::move(text.value());
        } else {
            tree->readOnlyReason = text.status().message();
            const auto format = decoder->spec().format;
            const bool notation = format == decode::ValueFormat::Cbor || format == decode::ValueFormat::MessagePack;
            // Indented as for editing, unless it is only shown in part anyway.
            tree->text = notation && tree->decoded.text.size() <= kIndentedTextBytes ? decode::indentNotation(tree->decoded.text)
                                                                                     : tree->decoded.text;
        }
    } else {
        tree->readOnlyReason = tree->decoded.ok() ? "an external decoder's output cannot be written back"
                                                  : "the bytes are not decoded";
        tree->text = tree->decoded.text;
    }
    const std::size_t count = decode::nodeCount(tree->decoded.root);
    tree->nodes.reserve(count);
    tree->parent.reserve(count);
    tree->firstChild.reserve(count);
    tree->nodes.push_back(&tree->decoded.root);
    tree->parent.push_back(-1);
    // Breadth first: when node i is visited, its children get the next numbers.
    for (std::size_t i = 0; i < tree->nodes.size(); ++i) {
        tree->firstChild.push_back(static_cast<int>(tree->nodes.size()));
        for (const decode::Node& child : tree->nodes[i]->children) {
            tree->nodes.push_back(&child);
            tree->parent.push_back(static_cast<int>(i));
        }
    }
    return tree;
}

}  // namespace meridian::ui
