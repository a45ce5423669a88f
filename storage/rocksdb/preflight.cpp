#include "storage/rocksdb/preflight.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/utilities/options_util.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>

#include "storage/rocksdb/status_mapping.h"

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBytewise = "leveldb.BytewiseComparator";

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

bool isEmptyDirectory(const fs::path& p) {
    std::error_code ec;
    return fs::is_empty(p, ec) && !ec;
}

Status checkCurrent(const fs::path& dir) {
    const fs::path current = dir / "CURRENT";
    std::error_code ec;
    if (!fs::is_regular_file(current, ec))
        return Status::corruption(quoted(dir) + ": CURRENT is not a regular file");
    std::ifstream in(current, std::ios::binary);
    if (!in) return Status::ioError(quoted(current) + " cannot be read (check its permissions)");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    static const std::regex kManifest("MANIFEST-[0-9]+\n");
    if (!std::regex_match(text, kManifest))
        return Status::corruption(quoted(dir) +
                                  ": CURRENT is damaged (it should name a MANIFEST file on one line); "
                                  "the database cannot be opened as it is");
    const std::string manifest = text.substr(0, text.size() - 1);
    if (!fs::is_regular_file(dir / manifest, ec))
        return Status::corruption(quoted(dir) + ": CURRENT names " + manifest + ", which is missing");
    return {};
}

std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

bool isBytewise(const std::string& comparator) { return comparator.empty() || comparator == kBytewise; }

bool hasMergeOperator(const std::string& mergeOperator) {
    return !mergeOperator.empty() && mergeOperator != "nullptr";
}

// A null logger: read-only and secondary opens must write nothing into the
// database folder, and RocksDB would otherwise create (and rotate) LOG there.
class SilentLogger final : public rocksdb::Logger {
public:
    using rocksdb::Logger::Logv;
    void Logv(const char*, va_list) override {}
};

}  // namespace

Result<Preflight> preflight(const fs::path& path, OpenMode mode, bool createIfMissing) {
    if (path.empty()) return Status::invalidArgument("no database path was given");
    const bool mayCreate = createIfMissing && mode == OpenMode::ReadWrite;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    Preflight result;
    if (st.type() == fs::file_type::not_found) {
        if (!mayCreate) return Status::notFound(quoted(path) + " does not exist");
        fs::create_directories(path, ec);
        if (ec) return Status::ioError("cannot create " + quoted(path) + ": " + ec.message());
        result.createNew = true;
    } else if (ec) {
        return Status::ioError(quoted(path) + ": " + ec.message());
    } else if (st.type() != fs::file_type::directory) {
        return Status::notADatabase(quoted(path) + " is a file, not a database folder");
    }
    result.canonicalPath = fs::canonical(path, ec).string();
    if (ec) return Status::ioError(quoted(path) + ": " + ec.message());
    if (result.createNew) return result;

    const fs::path dir(result.canonicalPath);
    if (!fs::exists(dir / "CURRENT", ec)) {
        if (isEmptyDirectory(dir)) {
            if (mayCreate) {
                result.createNew = true;
                return result;
            }
            return Status::notADatabase(quoted(path) + " is an empty folder, not a RocksDB database");
        }
        return Status::notADatabase(quoted(path) +
                                    " has no CURRENT file: it is not a RocksDB database");
    }
    if (Status s = checkCurrent(dir); !s.ok()) return s;
    return result;
}

std::string latestOptionsFile(const fs::path& dbPath) {
    static const std::regex kOptions("OPTIONS-([0-9]+)");
    std::string best;
    unsigned long long bestNumber = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dbPath, ec)) {
        std::smatch m;
        const std::string name = entry.path().filename().string();
        if (!std::regex_match(name, m, kOptions)) continue;
        const unsigned long long n = std::stoull(m[1].str());
        if (best.empty() || n > bestNumber) {
            best = entry.path().string();
            bestNumber = n;
        }
    }
    return best;
}

Result<std::vector<FamilyOptionsInfo>> readFamilyOptions(const fs::path& optionsFile) {
    std::ifstream in(optionsFile);
    if (!in) return Status::ioError(quoted(optionsFile) + " cannot be read");
    static const std::regex kSection(R"re(\s*\[CFOptions\s+"(.*)"\s*\]\s*)re");
    std::vector<FamilyOptionsInfo> families;
    bool inFamily = false;
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, kSection)) {
            families.push_back({m[1].str(), {}, {}});
            inFamily = true;
            continue;
        }
        if (!line.empty() && trim(line).starts_with("[")) {
            inFamily = false;
            continue;
        }
        if (!inFamily) continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = trim(line.substr(0, eq));
        const std::string value = trim(line.substr(eq + 1));
        if (key == "comparator") families.back().comparator = value;
        if (key == "merge_operator") families.back().mergeOperator = value;
    }
    return families;
}

Result<LoadedOptions> loadOptions(const std::string& canonicalPath, bool createNew) {
    LoadedOptions loaded;
    if (createNew) {
        loaded.db.create_if_missing = true;
        loaded.families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
        loaded.notes.push_back("creating a new database");
        return loaded;
    }
    const std::string optionsFile = latestOptionsFile(canonicalPath);
    if (!optionsFile.empty()) {
        auto declared = readFamilyOptions(optionsFile);
        if (!declared.ok()) return declared.status();
        for (const auto& family : declared.value()) {
            if (!isBytewise(family.comparator))
                return Status::unsupported(
                    "'" + canonicalPath + "' orders the keys of column family '" + family.name +
                    "' with the custom comparator '" + family.comparator +
                    "'; this tool only reads bytewise-ordered databases and refuses rather than "
                    "show keys in the wrong order or corrupt the database");
        }
        rocksdb::ConfigOptions config;
        config.ignore_unknown_options = true;
        config.ignore_unsupported_options = true;
        config.input_strings_escaped = true;
        config.env = rocksdb::Env::Default();
        rocksdb::Status s = rocksdb::LoadLatestOptions(config, canonicalPath, &loaded.db, &loaded.families);
        if (!s.ok()) return Status::unsupported("cannot read the database's options file " + optionsFile + ": " + s.ToString());
        for (const auto& family : declared.value()) {
            if (!hasMergeOperator(family.mergeOperator)) continue;
            for (const auto& desc : loaded.families) {
                if (desc.name == family.name && !desc.options.merge_operator)
                    return Status::unsupported(
                        "'" + canonicalPath + "' column family '" + family.name + "' uses the merge operator '" +
                        family.mergeOperator + "', which this tool cannot apply; values would read wrong");
            }
        }
        for (const auto& desc : loaded.families)
            if (desc.options.comparator && !isBytewise(desc.options.comparator->Name()))
                return Status::unsupported("'" + canonicalPath + "' uses the comparator '" +
                                           std::string(desc.options.comparator->Name()) + "'");
        loaded.fromOptionsFile = true;
        loaded.notes.push_back("options read from " + fs::path(optionsFile).filename().string());
        return loaded;
    }
    // No OPTIONS file (very old databases, or written with options persistence off):
    // the column family list is in the MANIFEST, which ListColumnFamilies reads without writing.
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), canonicalPath, &names);
    if (!s.ok()) return fromRocks(s, canonicalPath);
    for (const auto& name : names) loaded.families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    loaded.notes.push_back("no OPTIONS file: opening with default options");
    return loaded;
}

TuningProfile resolveProfile(TuningProfile profile) {
    if (profile != TuningProfile::Auto) return profile;
#ifdef __APPLE__
    return TuningProfile::MacOS;
#else
    return TuningProfile::Default;
#endif
}

void applyProfile(rocksdb::DBOptions& options, TuningProfile resolved, OpenMode mode) {
    if (resolved == TuningProfile::MacOS) {
        options.use_adaptive_mutex = false;
        options.allow_mmap_reads = false;
        options.allow_mmap_writes = false;
        options.use_direct_reads = false;
        options.use_direct_io_for_flush_and_compaction = false;
    }
    options.max_open_files = mode == OpenMode::Secondary ? -1 : 256;
    options.IncreaseParallelism(2);
    options.create_missing_column_families = false;
    options.error_if_exists = false;
    if (mode != OpenMode::ReadWrite) {
        options.create_if_missing = false;
        options.info_log = std::make_shared<SilentLogger>();
    }
}

}  // namespace meridian::storage::detail
