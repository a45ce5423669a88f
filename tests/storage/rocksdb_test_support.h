// Helpers for the RocksDB-specific tests: databases made with RocksDB itself
// (not through our storage layer), and what the newest OPTIONS file says.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/convenience.h>

#include <QDir>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "storage/factory.h"
#include "storage/rocksdb/compat.h"  // DB::Open on every RocksDB we build with

namespace meridian::test {

// Creates (or opens) `path` with RocksDB directly, writes `data` to the default
// family and closes it again. `tweak` may change the options first.
// Returns RocksDB's status text ("OK" on success).
inline std::string makeRawDatabase(const QString& path, const std::map<std::string, std::string>& data,
                                   const std::function<void(rocksdb::Options&)>& tweak = {}) {
    rocksdb::Options options;
    options.create_if_missing = true;
    if (tweak) tweak(options);
    std::unique_ptr<rocksdb::DB> db;
    rocksdb::Status s = storage::detail::compat::open(options, path.toStdString(), &db);
    if (!s.ok()) return s.ToString();
    for (const auto& [k, v] : data) {
        s = db->Put(rocksdb::WriteOptions(), k, v);
        if (!s.ok()) return s.ToString();
    }
    s = db->Close();
    return s.ToString();
}

// The options the newest OPTIONS-* file records.
struct RecordedOptions {
    bool ok = false;
    std::string error;
    rocksdb::DBOptions db;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
};

inline RecordedOptions readLatestOptions(const QString& path) {
    RecordedOptions out;
    rocksdb::ConfigOptions config;
    config.ignore_unknown_options = true;
    config.env = rocksdb::Env::Default();
    rocksdb::Status s = rocksdb::LoadLatestOptions(config, path.toStdString(), &out.db, &out.families);
    out.ok = s.ok();
    out.error = s.ToString();
    return out;
}

// Removes RocksDB's info logs so a test can tell whether an open writes one.
inline void removeInfoLogs(const QString& path) {
    QDir dir(path);
    for (const QString& name : dir.entryList({QStringLiteral("LOG*")}, QDir::Files)) dir.remove(name);
}

// The factory with the environment ignored (a developer's MERIDIAN_* variables
// must not change what these tests open).
inline storage::StorageConfig plainConfig() { return storage::StorageConfig{}.withEnvironment(false); }

inline storage::OpenResult open(const QString& path, storage::StorageConfig config = plainConfig()) {
    return storage::createStorage(path.toStdString(), config);
}

}  // namespace meridian::test
