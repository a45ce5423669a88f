// Namespace listing: the immediate children of a key prefix when keys are
// grouped by a delimiter ("project:42:file:7" under "project:" with ':' gives
// the child "42:"). One seek per child, never a scan of everything under the
// prefix: after finding a child it jumps past all keys that share it.
//
// Thread safety: as the Storage it reads.
#pragma once

#include <string>
#include <vector>

#include "storage/storage.h"

namespace meridian::storage {

struct NamespaceChild {
    std::string prefix;  // the full prefix of the child (parent + segment)
    std::string segment; // the part after the parent, including the delimiter for groups
    bool isGroup = false;  // keys continue below it (segment ends with the delimiter)
    bool isKey = false;    // a key with no delimiter after the parent (a leaf); "a" and "a:" are two children
};

struct NamespaceListing {
    std::vector<NamespaceChild> children;
    bool truncated = false;  // more children than `limit`
};

// Children of `parent`, in key order, at most `limit` of them; with `after`
// (a child a previous listing ended with), the ones after it.
Result<NamespaceListing> listNamespace(const Storage& storage, const std::string& parent, char delimiter,
                                       std::size_t limit, const ReadOptions& options = {},
                                       const NamespaceChild* after = nullptr);

}  // namespace meridian::storage
