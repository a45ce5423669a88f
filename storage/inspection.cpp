#include "storage/inspection.h"

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

}  // namespace meridian::storage
