#include "storage/rocksdb/preflight.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>

#include "storage/rocksdb/database_log.h"
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

bool namesManifest(std::string_view text) {
    constexpr std::string_view kPrefix = "MANIFEST-";
    if (!text.starts_with(kPrefix) || !text.ends_with('\n')) return false;
    const std::string_view number = text.substr(kPrefix.size(), text.size() - kPrefix.size() - 1);
    return !number.empty() && number.size() <= 20 &&
           std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status checkCurrent(const fs::path& dir) {
    const fs::path current = dir / "CURRENT";
    std::error_code ec;
    if (!fs::is_regular_file(current, ec))
        return Status::corruption(quoted(dir) + ": CURRENT is not a regular file");
    std::ifstream in(current, std::ios::binary);
    if (!in) return Status::ioError(quoted(current) + " cannot be read (check its permissions)");
    // "MANIFEST-<number>\n" and nothing else; a longer file is damaged, and
    // is not read whole.
    std::string text(64, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (!namesManifest(text))
        return Status::corruption(quoted(dir) +
                                  ": CURRENT is damaged (it should name a MANIFEST file on one line); "
                                  "the database cannot be opened as it is");
    const std::string manifest = text.substr(0, text.size() - 1);
    if (!fs::is_regular_file(dir / manifest, ec))
        return Status::corruption(quoted(dir) + ": CURRENT names " + manifest + ", which is missing");
    return {};
}

// A folder this user may not list is not "a folder without CURRENT": say
// why it cannot be opened (a mode-700 folder of another user, mode 000/300).
Status checkListable(const fs::path& given, const fs::path& dir) {
    DIR* listing = ::opendir(dir.c_str());
    if (listing) {
        ::closedir(listing);
        return {};
    }
    const int error = errno;
    if (error == EACCES || error == EPERM)
        return Status::ioError(quoted(given) + ": permission denied: this user may not read the folder (list its "
                               "files), so it cannot be opened; run as a user who may, or change its permissions");
    return Status::ioError(quoted(given) + " cannot be read: " + std::strerror(error));
}

// RocksDB opens LOCK with O_CREAT and follows a symlink there, creating or
// locking its target wherever it points; a folder or a FIFO cannot be
// locked. A read-write open refuses all of them before RocksDB starts.
Status checkLockFile(const fs::path& given, const fs::path& dir) {
    const fs::path lock = dir / "LOCK";
    struct stat st {};
    if (::lstat(lock.c_str(), &st) != 0) {
        const int error = errno;
        if (error == ENOENT) return {};
        return Status::ioError(quoted(lock) + " cannot be examined: " + std::strerror(error));
    }
    if (S_ISREG(st.st_mode)) return {};
    std::string what;
    if (S_ISLNK(st.st_mode)) {
        std::error_code ec;
        const fs::path target = fs::read_symlink(lock, ec);
        what = "a symbolic link" + (ec ? std::string() : " to " + quoted(target)) +
               ", not the file RocksDB creates: opening for writing would create or lock what it points to";
    } else {
        what = std::string(S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)" : "not a regular file") +
               ", not the file RocksDB creates, so RocksDB cannot lock the database";
    }
    return Status::unsupported(quoted(given) + ": its LOCK is " + what +
                               ". It was not opened for writing, and nothing was changed; remove LOCK yourself if it "
                               "is a mistake, or open the database read-only");
}

bool isBytewise(const std::string& comparator) { return comparator.empty() || comparator == kBytewise; }

bool hasMergeOperator(const std::string& mergeOperator) {
    return !mergeOperator.empty() && mergeOperator != "nullptr";
}

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
    if (Status s = checkListable(path, dir); !s.ok()) return s;
    const bool hasCurrent = fs::exists(dir / "CURRENT", ec);
    if (ec) return Status::ioError(quoted(path) + ": cannot look for its CURRENT file: " + ec.message());
    if (!hasCurrent) {
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
    if (mode == OpenMode::ReadWrite) {
        if (Status s = checkLockFile(path, dir); !s.ok()) return s;
    }
    return result;
}

Status customComparator(const std::string& path, const std::string& family, const std::string& comparator) {
    const std::string which = family.empty() ? "its keys" : "the keys of column family '" + family + "'";
    return Status::unsupported("'" + path + "' orders " + which + " with the custom comparator '" + comparator +
                               "'; this tool only reads bytewise-ordered databases and refuses rather than "
                               "show keys in the wrong order or corrupt the database");
}

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

Result<LoadedOptions> fromOptionsFile(const std::string& canonicalPath, const OptionsFileInfo& declared) {
    LoadedOptions loaded;
    for (const auto& family : declared.families)
        if (!isBytewise(family.comparator)) return customComparator(canonicalPath, family.name, family.comparator);
    rocksdb::ConfigOptions config;
    // RocksDB ignores unknown options only in a file a newer release wrote
    // (options_parser.cc); those are the ones a user's newer program set.
    config.ignore_unknown_options = true;
    config.ignore_unsupported_options = true;
    config.input_strings_escaped = true;
    config.env = rocksdb::Env::Default();
    rocksdb::Status s = rocksdb::LoadLatestOptions(config, canonicalPath, &loaded.db, &loaded.families);
    if (!s.ok())
        return Status::unsupported("cannot read the database's options file " + declared.path + ": " + s.ToString());
    for (const auto& family : declared.families) {
        if (!hasMergeOperator(family.mergeOperator)) continue;
        for (const auto& desc : loaded.families) {
            if (desc.name == family.name && !desc.options.merge_operator)
                return Status::unsupported("'" + canonicalPath + "' column family '" + family.name +
                                           "' uses the merge operator '" + family.mergeOperator +
                                           "', which this tool cannot apply; values would read wrong");
        }
    }
    for (const auto& desc : loaded.families)
        if (desc.options.comparator && !isBytewise(desc.options.comparator->Name()))
            return customComparator(canonicalPath, desc.name, desc.options.comparator->Name());
    const std::string file = fs::path(declared.path).filename().string();
    loaded.fromOptionsFile = true;
    loaded.notes.push_back("options read from " + file +
                           (declared.writtenBy ? " (written by RocksDB " + declared.writtenBy->text() + ")" : ""));
    if (const int format = declared.newestFormatVersion(); format > 0)
        loaded.notes.push_back("writing keeps the database's own table format " + std::to_string(format) +
                               " and compression, whatever this engine's defaults");
    if (!declared.unknownOptions.empty())
        loaded.notes.push_back(file + " has options this RocksDB (" + compat::engineVersion().text() +
                               ") does not know, ignored: " + joined(declared.unknownOptions));
    return loaded;
}

// Every column family's table options with `format` as their format_version.
void keepTableFormat(std::vector<rocksdb::ColumnFamilyDescriptor>& families, int format) {
    for (auto& desc : families) {
        rocksdb::BlockBasedTableOptions table;
        table.format_version = static_cast<std::uint32_t>(format);
        desc.options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    }
}

}  // namespace

Result<LoadedOptions> loadOptions(const std::string& canonicalPath, bool createNew, const FolderVersions& versions) {
    if (createNew) {
        LoadedOptions loaded;
        loaded.db.create_if_missing = true;
        loaded.families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
        loaded.notes.push_back("creating a new database");
        return loaded;
    }
    if (versions.options) return fromOptionsFile(canonicalPath, *versions.options);
    // No OPTIONS file (very old databases, or written with options persistence off):
    // the column family list is in the MANIFEST, which ListColumnFamilies reads without writing.
    LoadedOptions loaded;
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), canonicalPath, &names);
    if (!s.ok()) return fromRocks(s, canonicalPath);
    for (const auto& name : names) loaded.families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    loaded.notes.push_back("no OPTIONS file: opening with default options");
    if (versions.tables.newest >= 0) {
        keepTableFormat(loaded.families, versions.tables.newest);
        loaded.notes.push_back("writing keeps table format " + std::to_string(versions.tables.newest) +
                               ", the format of its newest table files");
    }
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
        options.info_log = silentLog();  // write nothing into the folder, not even LOG
    } else {
        options.info_log = std::make_shared<DatabaseLog>();  // never aborts; see database_log.h
    }
}

void startLog(const rocksdb::DBOptions& options, const std::string& folder) {
    if (auto* log = dynamic_cast<DatabaseLog*>(options.info_log.get())) log->attach(folder);
}

}  // namespace meridian::storage::detail
