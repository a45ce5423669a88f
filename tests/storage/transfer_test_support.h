// Helpers for the snapshot / diff / dump / copy tests: a fresh store of
// either backend, random binary data, whole-store pictures to compare, and a
// storage wrapper that fails writes on demand.
#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QtTest>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "storage/bytes.h"
#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "storage/storage.h"
#include "test_support.h"
#include "tests/support/temp_paths.h"

namespace meridian::test {

using Model = std::map<std::string, std::string>;

// A fresh, empty, read-write store: "rocksdb" (a new database under `root`)
// or "memory".
inline storage::StoragePtr makeStore(const QString& backend, TempPaths& root) {
    if (backend == QLatin1String("memory")) return storage::createMemoryStorage();
    const QString dir = root.freshPath();
    auto opened = storage::createStorage(
        dir.toStdString(), storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
    if (!opened.ok()) qWarning("cannot create %s: %s", qPrintable(dir), opened.status.toString().c_str());
    return opened.storage;
}

inline void addBackendRows() {
    QTest::addColumn<QString>("backend");
    QTest::newRow("rocksdb") << QStringLiteral("rocksdb");
    QTest::newRow("memory") << QStringLiteral("memory");
}

// Up to `maxLength` bytes drawn from a small alphabet that includes the
// awkward ones (NUL, 0xFF, newline, '=' '>' ' ' for " ==> ", invalid UTF-8),
// so random keys collide and share prefixes.
inline std::string randomBytes(QRandomGenerator& rng, int maxLength, bool nonEmpty = false) {
    static const char alphabet[] = {'\0', '\xFF', '\n', 'a', 'b', '=', '>', ' ', '\xC3', '\x80', '{', '"'};
    const int length = static_cast<int>(rng.bounded(maxLength + 1));
    std::string out;
    for (int i = 0; i < std::max(length, nonEmpty ? 1 : 0); ++i)
        out.push_back(alphabet[rng.bounded(static_cast<quint32>(sizeof alphabet))]);
    return out;
}

inline std::string escapeForTest(const std::string& s) { return storage::escapeBytes(s); }

// Everything the store holds (read at `read`), as a map.
inline Model contents(const storage::Storage& store, const storage::ReadOptions& read = {}) {
    Model model;
    auto all = store.prefix("", read);
    if (!all.ok()) {
        model["<error>"] = all.status().toString();
        return model;
    }
    for (auto& e : all.value()) model.emplace(std::move(e.key), std::move(e.value));
    return model;
}

// "" when equal; otherwise the first few differences, keys escaped.
inline QString describeModelDifference(const Model& expected, const Model& actual) {
    QStringList lines;
    for (const auto& [k, v] : expected) {
        auto it = actual.find(k);
        if (it == actual.end()) lines << QStringLiteral("missing %1").arg(qs(escapeForTest(k)));
        else if (it->second != v) lines << QStringLiteral("wrong value for %1").arg(qs(escapeForTest(k)));
        if (lines.size() > 5) break;
    }
    for (const auto& [k, v] : actual) {
        if (lines.size() > 5) break;
        if (!expected.count(k)) lines << QStringLiteral("unexpected %1").arg(qs(escapeForTest(k)));
    }
    if (lines.isEmpty() && expected.size() != actual.size()) lines << QStringLiteral("sizes differ");
    return lines.join(QStringLiteral("; "));
}

#define CHECK_MODEL(expected, actual)                                                              \
    do {                                                                                           \
        const QString modelDiff_ = ::meridian::test::describeModelDifference((expected), (actual)); \
        QVERIFY2(modelDiff_.isEmpty(), qPrintable(modelDiff_));                                    \
    } while (false)

// Forwards everything to `inner`, but write() number `failAt` (1-based,
// counting from construction) fails with an I/O error; with `persistent`,
// every later one fails too.
class FailingStorage final : public storage::Storage {
public:
    FailingStorage(storage::StoragePtr inner, int failAt, bool persistent = false)
        : inner_(std::move(inner)), failAt_(failAt), persistent_(persistent) {}

    storage::StorageInfo info() const override { return inner_->info(); }
    storage::Result<std::string> get(std::string_view key, const storage::ReadOptions& read) const override {
        return inner_->get(key, read);
    }
    storage::Status write(const storage::WriteBatch& batch, const storage::WriteOptions& options) override {
        const int n = ++writes_;
        if (n == failAt_ || (persistent_ && n > failAt_)) return storage::Status::ioError("disk full (simulated)");
        return inner_->write(batch, options);
    }
    storage::Result<storage::ScanPage> scan(const storage::ScanRequest& request) const override {
        return inner_->scan(request);
    }
    storage::Result<std::uint64_t> count(std::string_view prefix, const storage::ReadOptions& read,
                                         const storage::Progress& progress) const override {
        return inner_->count(prefix, read, progress);
    }
    storage::SnapshotPtr snapshot() const override { return inner_->snapshot(); }
    storage::Stats stats() const override { return inner_->stats(); }
    std::vector<std::string> columnFamilies() const override { return inner_->columnFamilies(); }
    storage::Result<std::shared_ptr<storage::Storage>> columnFamily(std::string_view name) const override {
        return inner_->columnFamily(name);
    }
    storage::Status createColumnFamily(std::string_view name) override { return inner_->createColumnFamily(name); }
    storage::Status catchUp() override { return inner_->catchUp(); }

    int writes() const { return writes_; }

private:
    storage::StoragePtr inner_;
    int failAt_;
    bool persistent_;
    std::atomic<int> writes_{0};
};

}  // namespace meridian::test
