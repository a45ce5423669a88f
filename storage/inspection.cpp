#include "storage/inspection.h"

#include <algorithm>
#include <map>

namespace meridian::storage {

const char* versionTypeName(VersionType type) {
    switch (type) {
    case VersionType::Value: return "value";
    case VersionType::Deletion: return "deletion";
    case VersionType::SingleDeletion: return "single deletion";
    case VersionType::Merge: return "merge operand";
    case VersionType::RangeDeletion: return "range deletion";
    case VersionType::BlobIndex: return "blob reference";
    case VersionType::Other: break;
    }
    return "other";
}

std::vector<TableFile> filesHolding(const FilesReport& files, std::string_view key) {
    std::vector<TableFile> out;
    for (const auto& f : files.tables)
        if (f.smallestKey <= key && key <= f.largestKey) out.push_back(f);
    return out;
}

std::uint64_t compactedSizeEstimate(const std::vector<TableFile>& tables) {
    std::vector<const TableFile*> order;
    order.reserve(tables.size());
    for (const auto& t : tables) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const TableFile* a, const TableFile* b) {
        if (a->level != b->level) return a->level > b->level;
        return a->largestSequence < b->largestSequence;
    });
    std::map<std::string_view, std::string_view> counted;  // disjoint [smallest, largest] ranges
    std::uint64_t bytes = 0;
    for (const TableFile* t : order) {
        // The first counted range starting after this file ends; the one
        // before it is the only one that can overlap.
        auto next = counted.upper_bound(t->largestKey);
        if (next != counted.begin() && std::prev(next)->second >= t->smallestKey) continue;
        counted.emplace(t->smallestKey, t->largestKey);
        bytes += t->size;
    }
    return bytes;
}

}  // namespace meridian::storage
