#include "storage/namespaces.h"

namespace meridian::storage {

Result<NamespaceListing> listNamespace(const Storage& storage, const std::string& parent, char delimiter,
                                       std::size_t limit, const ReadOptions& options, const NamespaceChild* after) {
    NamespaceListing listing;
    ScanRequest request;
    request.prefix = parent;
    request.limit = 1;
    request.keysOnly = true;
    request.read = options;
    // One seek per child, all at one moment: without a snapshot a batch that
    // moves a key from one group to another between two seeks would show the
    // key in both groups or in neither.
    if (!request.read.snapshot) request.read.snapshot = storage.snapshot();
    if (after && after->isGroup) {
        auto next = prefixUpperBound(after->prefix);
        if (!next) return listing;  // the group runs to the end of the key space
        request.startAt = *next;
    } else if (after) {
        request.after = after->prefix;
    }
    for (;;) {
        auto page = storage.scan(request);
        if (!page.ok()) return page.status();
        if (page->entries.empty()) break;
        const std::string& key = page->entries.front().key;
        const auto cut = key.find(delimiter, parent.size());
        NamespaceChild child;
        if (cut == std::string::npos) {
            child.segment = key.substr(parent.size());
            child.isKey = true;
        } else {
            child.segment = key.substr(parent.size(), cut - parent.size() + 1);
            child.isGroup = true;
        }
        child.prefix = parent + child.segment;
        if (listing.children.size() == limit) {
            listing.truncated = true;
            break;
        }
        listing.children.push_back(child);
        if (child.isKey) {
            request.after = key;
            request.startAt.reset();
        } else {
            auto next = prefixUpperBound(child.prefix);
            if (!next) break;
            request.after.reset();
            request.startAt = *next;
        }
    }
    return listing;
}

}  // namespace meridian::storage
