// storage_memory_compression_test: compressed memory stores (memory_storage.h)
// beyond the interface suite, which storage_test runs on them too. Reads
// return the exact bytes in every form a value can be held in, through get,
// scan, snapshots and versions, after overwrites and deletes; the figures in
// stats() agree with what was written; nothing is held bigger than written;
// small values are held as written; a pack of small values counts while any
// of them is live; a dictionary trained midway leaves the values held before
// it readable.
#include <QtTest>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "storage/memory/memory_storage.h"
#include "test_support.h"
#include "tests/support/json_documents.h"

using namespace meridian::storage;
using namespace meridian::test;

namespace {

std::uint64_t figure(const Storage& store, const char* name) {
    const auto properties = store.stats().properties;
    const auto it = properties.find(name);
    return it == properties.end() ? ~std::uint64_t(0) : std::stoull(it->second);
}

std::string randomBytes(std::mt19937_64& rng, std::size_t size) {
    std::string out(size, '\0');
    for (auto& c : out) c = static_cast<char>(rng() & 0xFF);
    return out;
}

// Values of many sizes and kinds: random bytes (any byte, NUL included),
// repeated text, JSON; sizes around the thresholds and up to 1 MiB.
std::string valueFor(std::mt19937_64& rng, std::size_t i) {
    static const std::size_t sizes[] = {0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 1000, 4096, 65536, 1 << 20};
    const std::size_t size = sizes[i % std::size(sizes)];
    switch (rng() % 3) {
    case 0: return randomBytes(rng, size);
    case 1: return std::string(size, static_cast<char>('a' + rng() % 26));
    default: {
        std::string json;
        while (json.size() < size)
            json += "{\"id\": " + std::to_string(rng() % 100000) + ", \"name\": \"n\\u00e9\", \"ok\": true}";
        json.resize(size);
        return json;
    }
    }
}

MemoryOptions options(Compression compression, int level = 0, std::size_t minValueSize = 16) {
    return MemoryOptions{.compression = compression, .level = level, .minValueSize = minValueSize};
}

using Model = std::map<std::string, std::string>;

// Everything `store` shows at `read` is exactly `model`: each get, and a scan.
void checkMatches(const Storage& store, const Model& model, const ReadOptions& read = {}) {
    for (const auto& [key, value] : model) {
        auto got = store.get(key, read);
        CHECK_OK(got);
        QVERIFY2(got.value() == value, qPrintable(QStringLiteral("value of %1 differs").arg(qs(key))));
    }
    auto all = store.prefix("", read);
    CHECK_OK(all);
    QCOMPARE(all->size(), model.size());
    auto expected = model.begin();
    for (const auto& entry : all.value()) {
        QCOMPARE(bytes(entry.key), bytes(expected->first));
        QVERIFY2(entry.value == expected->second, qPrintable(QStringLiteral("scanned %1 differs").arg(qs(entry.key))));
        ++expected;
    }
}

std::uint64_t valueBytes(const Model& model) {
    std::uint64_t n = 0;
    for (const auto& [key, value] : model) n += value.size();
    return n;
}

}  // namespace

class MemoryCompressionTest : public QObject {
    Q_OBJECT

private slots:
    void valuesReadBackExactly_data() {
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("level");
        QTest::newRow("zstd") << int(Compression::Zstd) << 0;
        QTest::newRow("zstd 1") << int(Compression::Zstd) << 1;
        QTest::newRow("zstd 19") << int(Compression::Zstd) << 19;
        QTest::newRow("lz4") << int(Compression::Lz4) << 0;
        QTest::newRow("lz4 1") << int(Compression::Lz4) << 1;
        QTest::newRow("lz4 12") << int(Compression::Lz4) << 12;
    }

    void valuesReadBackExactly() {
        QFETCH(int, compression);
        QFETCH(int, level);
        StoragePtr store = createMemoryStorage({}, options(Compression(compression), level));
        std::mt19937_64 rng(7);
        Model model;
        for (std::size_t i = 0; i < 200; ++i) {
            const std::string key = "k" + std::to_string(i % 97);  // overwrites from the 98th on
            model[key] = valueFor(rng, i);
            CHECK_OK(store->put(key, model[key]));
        }
        checkMatches(*store, model);
        const Model then = model;
        SnapshotPtr snapshot = store->snapshot();
        // Overwrites, deletes and new keys while the snapshot is alive.
        WriteBatch batch;
        for (std::size_t i = 0; i < 97; i += 3) {
            const std::string key = "k" + std::to_string(i);
            if (i % 2) {
                batch.remove(key);
                model.erase(key);
            } else {
                model[key] = valueFor(rng, i + 5);
                batch.put(key, model[key]);
            }
        }
        batch.put("new", model["new"] = randomBytes(rng, 3000));
        CHECK_OK(store->write(batch));
        checkMatches(*store, model);
        checkMatches(*store, then, at(snapshot));
        // keyVersions: the newest first, each value exact.
        auto versions = store->keyVersions("k0");
        CHECK_OK(versions);
        QCOMPARE(versions->size(), std::size_t(2));
        QVERIFY(versions->at(0).value == model.at("k0"));
        QVERIFY(versions->at(1).value == then.at("k0"));
        QCOMPARE(versions->at(1).valueSize, then.at("k0").size());
        snapshot.reset();
        checkMatches(*store, model);
        QCOMPARE(figure(*store, "memory.raw-bytes"), valueBytes(model));
    }

    void statsAgreeWithWhatWasWritten_data() {
        QTest::addColumn<int>("compression");
        QTest::newRow("none") << int(Compression::None);
        QTest::newRow("zstd") << int(Compression::Zstd);
        QTest::newRow("lz4") << int(Compression::Lz4);
    }

    void statsAgreeWithWhatWasWritten() {
        QFETCH(int, compression);
        const MemoryOptions chosen = options(Compression(compression));
        StoragePtr store = createMemoryStorage({}, chosen);
        QCOMPARE(store->stats().properties.at("memory.compression-ratio"), std::string("n/a"));
        Model model;
        std::uint64_t keyBytes = 0;
        for (const auto& document : makeJsonDocuments(2000)) {
            model[document.key] = document.value;
            keyBytes += document.key.size();
            CHECK_OK(store->put(document.key, document.value));
        }
        SnapshotPtr snapshot = store->snapshot();
        for (int i = 0; i < 100; ++i) {  // older versions are not counted, as in memory.bytes
            const std::string key = model.begin()->first;
            keyBytes -= key.size();
            model.erase(key);
            CHECK_OK(store->remove(key));
        }
        const Stats stats = store->stats();
        const auto& p = stats.properties;
        const std::uint64_t raw = valueBytes(model);
        const std::uint64_t stored = std::stoull(p.at("memory.stored-bytes"));
        const std::uint64_t dictionary = std::stoull(p.at("memory.dictionary-bytes"));
        QCOMPARE(std::stoull(p.at("memory.raw-bytes")), raw);
        QCOMPARE(std::stoull(p.at("memory.bytes")), raw + keyBytes);  // unchanged meaning: keys and values as written
        QCOMPARE(stats.liveDataBytes, raw + keyBytes);
        QCOMPARE(p.at("memory.compression"), describeCompression(chosen));
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.2f", double(stored) / double(raw));
        QCOMPARE(p.at("memory.compression-ratio"), std::string(ratio));
        if (chosen.compression == Compression::None) {
            QCOMPARE(stored, raw);
            QCOMPARE(dictionary, std::uint64_t(0));
            QCOMPARE(p.at("memory.compression"), std::string("none"));
        } else {
            QVERIFY2(stored * 2 < raw, qPrintable(QStringLiteral("stored %1 of %2").arg(stored).arg(raw)));
            QVERIFY(stored > dictionary);
        }
        snapshot.reset();
        QCOMPARE(figure(*store, "memory.raw-bytes"), raw);
        CHECK_OK(store->write([&] {
            WriteBatch wipe;
            for (const auto& [key, value] : model) wipe.remove(key);
            return wipe;
        }()));
        QCOMPARE(figure(*store, "memory.raw-bytes"), std::uint64_t(0));
        QCOMPARE(figure(*store, "memory.stored-bytes"), figure(*store, "memory.dictionary-bytes"));
    }

    void incompressibleValuesAreNotHeldBigger_data() {
        QTest::addColumn<int>("compression");
        QTest::newRow("zstd") << int(Compression::Zstd);
        QTest::newRow("lz4") << int(Compression::Lz4);
    }

    void incompressibleValuesAreNotHeldBigger() {
        QFETCH(int, compression);
        StoragePtr store = createMemoryStorage({}, options(Compression(compression), 0, 1));
        std::mt19937_64 rng(11);
        Model model;
        for (std::size_t size = 1; size <= 4096; size = size * 3 / 2 + 1) {
            const std::string key = "r" + std::to_string(size);
            CHECK_OK(store->put(key, model[key] = randomBytes(rng, size)));
        }
        QCOMPARE(figure(*store, "memory.raw-bytes"), valueBytes(model));
        QCOMPARE(figure(*store, "memory.stored-bytes"), valueBytes(model));
        checkMatches(*store, model);
    }

    void smallValuesAreHeldAsWritten_data() { incompressibleValuesAreNotHeldBigger_data(); }

    void smallValuesAreHeldAsWritten() {
        QFETCH(int, compression);
        StoragePtr store = createMemoryStorage({}, options(Compression(compression), 0, 64));
        CHECK_OK(store->put("small", std::string(63, 'a')));
        QCOMPARE(figure(*store, "memory.stored-bytes"), std::uint64_t(63));
        CHECK_OK(store->put("large", std::string(64, 'a')));
        QCOMPARE(figure(*store, "memory.raw-bytes"), std::uint64_t(127));
        QVERIFY(figure(*store, "memory.stored-bytes") < 63 + 64);
        QCOMPARE(bytes(store->get("small").value()), QByteArray(63, 'a'));
        QCOMPARE(bytes(store->get("large").value()), QByteArray(64, 'a'));
    }

    void aPackCountsWhileAnyValueInItIsLive_data() { incompressibleValuesAreNotHeldBigger_data(); }

    void aPackCountsWhileAnyValueInItIsLive() {
        QFETCH(int, compression);
        StoragePtr store = createMemoryStorage({}, options(Compression(compression)));
        WriteBatch batch;  // small values written together are compressed together
        for (int i = 0; i < 10; ++i) batch.put("k" + std::to_string(i), "{\"name\": \"value number " + std::to_string(i) + "\"}");
        CHECK_OK(store->write(batch));
        const std::uint64_t pack = figure(*store, "memory.stored-bytes");
        QVERIFY2(pack < figure(*store, "memory.raw-bytes") / 2, qPrintable(QString::number(pack)));
        SnapshotPtr snapshot = store->snapshot();
        for (int i = 0; i < 9; ++i) CHECK_OK(store->put("k" + std::to_string(i), "small"));  // held as written
        QCOMPARE(figure(*store, "memory.stored-bytes"), pack + 9 * 5);
        CHECK_OK(store->remove("k9"));  // the pack's last live value
        QCOMPARE(figure(*store, "memory.stored-bytes"), std::uint64_t(9 * 5));
        QCOMPARE(figure(*store, "memory.raw-bytes"), std::uint64_t(9 * 5));
        for (int i = 0; i < 10; ++i) {  // the snapshot still reads them from the pack
            auto then = store->get("k" + std::to_string(i), at(snapshot));
            CHECK_OK(then);
            QCOMPARE(bytes(then.value()), bytes("{\"name\": \"value number " + std::to_string(i) + "\"}"));
        }
        auto versions = store->keyVersions("k3");
        CHECK_OK(versions);
        QCOMPARE(bytes(versions->at(1).value), QByteArray("{\"name\": \"value number 3\"}"));
    }

    void aDictionaryTrainedMidwayKeepsEarlierValuesReadable_data() { incompressibleValuesAreNotHeldBigger_data(); }

    void aDictionaryTrainedMidwayKeepsEarlierValuesReadable() {
        QFETCH(int, compression);
        StoragePtr store = createMemoryStorage({}, options(Compression(compression)));
        const auto documents = makeJsonDocuments(3000);
        Model model;
        std::size_t next = 0;
        std::uint64_t storedBefore = 0;
        std::uint64_t rawBefore = 0;
        // One document a write until a dictionary appears.
        while (figure(*store, "memory.dictionary-bytes") == 0) {
            QVERIFY2(next < documents.size(), "no dictionary was trained");
            storedBefore = figure(*store, "memory.stored-bytes");
            rawBefore = figure(*store, "memory.raw-bytes");
            const auto& d = documents[next++];
            CHECK_OK(store->put(d.key, model[d.key] = d.value));
        }
        const Model before = model;
        SnapshotPtr snapshot = store->snapshot();
        const std::uint64_t dictionary = figure(*store, "memory.dictionary-bytes");
        const std::uint64_t storedAtTraining = figure(*store, "memory.stored-bytes") - dictionary;
        const std::uint64_t rawAtTraining = figure(*store, "memory.raw-bytes");
        for (; next < 2 * (documents.size() / 3); ++next)
            CHECK_OK(store->put(documents[next].key, model[documents[next].key] = documents[next].value));
        // The values after the dictionary are held much smaller than those before it.
        const double ratioBefore = double(storedBefore) / double(rawBefore);
        const double ratioAfter = double(figure(*store, "memory.stored-bytes") - dictionary - storedAtTraining) /
                                  double(figure(*store, "memory.raw-bytes") - rawAtTraining);
        QVERIFY2(ratioAfter < ratioBefore * 0.8,
                 qPrintable(QStringLiteral("before the dictionary %1, after %2").arg(ratioBefore).arg(ratioAfter)));
        // The earliest values, overwritten and deleted under a snapshot, still read back.
        WriteBatch batch;
        for (std::size_t i = 0; i < 50; ++i) {
            const auto& d = documents[i];
            if (i % 2) {
                batch.remove(d.key);
                model.erase(d.key);
            } else {
                batch.put(d.key, model[d.key] = documents[documents.size() - 1 - i].value);
            }
        }
        CHECK_OK(store->write(batch));
        checkMatches(*store, model);
        checkMatches(*store, before, at(snapshot));
        auto versions = store->keyVersions(documents[0].key);
        CHECK_OK(versions);
        QCOMPARE(versions->size(), std::size_t(2));
        QVERIFY(versions->at(1).value == before.at(documents[0].key));
        QCOMPARE(figure(*store, "memory.dictionary-bytes"), dictionary);  // trained once
        // Each column family trains its own.
        CHECK_OK(store->createColumnFamily("other"));
        QCOMPARE(figure(*store->columnFamily("other").value(), "memory.dictionary-bytes"), std::uint64_t(0));
    }

    void writersAndReadersAcrossTraining_data() { incompressibleValuesAreNotHeldBigger_data(); }

    void writersAndReadersAcrossTraining() {
        QFETCH(int, compression);
        StoragePtr store = createMemoryStorage({}, options(Compression(compression)));
        const auto documents = makeJsonDocuments(4000);
        constexpr std::size_t kWriters = 4;
        std::atomic<bool> done{false};
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (std::size_t w = 0; w < kWriters; ++w)
            threads.emplace_back([&, w] {
                for (std::size_t i = w; i < documents.size(); i += kWriters)
                    if (!store->put(documents[i].key, documents[i].value).ok()) ++wrong;
            });
        std::thread reader([&] {
            std::size_t i = 0;
            while (!done) {
                const auto& d = documents[i++ % documents.size()];
                auto got = store->get(d.key);
                if (got.ok() ? got.value() != d.value : got.status().code() != Status::Code::NotFound) ++wrong;
            }
        });
        for (auto& t : threads) t.join();
        done = true;
        reader.join();
        QCOMPARE(wrong.load(), 0);
        Model model;
        for (const auto& d : documents) model[d.key] = d.value;
        checkMatches(*store, model);
        QVERIFY(figure(*store, "memory.dictionary-bytes") > 0);
    }

    void compressionIsParsedAndNamed() {
        auto zstd = parseMemoryCompression("zstd:19");
        CHECK_OK(zstd);
        QVERIFY(zstd->compression == Compression::Zstd);
        QCOMPARE(zstd->level, 19);
        auto lz4 = parseMemoryCompression("LZ4", MemoryOptions{.minValueSize = 7});
        CHECK_OK(lz4);
        QVERIFY(lz4->compression == Compression::Lz4);
        QCOMPARE(lz4->level, 0);
        QCOMPARE(lz4->minValueSize, std::size_t(7));
        CHECK_OK(parseMemoryCompression("none"));
        for (const char* bad : {"", "gzip", "zstd:", "zstd:0", "zstd:20", "zstd:3x", "lz4:13", "lz4:-1", "none:1", ":3"})
            CHECK_CODE(parseMemoryCompression(bad), Status::Code::InvalidArgument);
        QVERIFY(parseCompression("Zstd") == Compression::Zstd);
        QVERIFY(!parseCompression("zstd:1"));
        QCOMPARE(describeCompression({}), std::string("none"));
        QCOMPARE(describeCompression({.compression = Compression::Zstd}), std::string("zstd level 3"));
        QCOMPARE(describeCompression({.compression = Compression::Lz4}), std::string("lz4 level 9"));
        QCOMPARE(describeCompression({.compression = Compression::Zstd, .level = 40}), std::string("zstd level 19"));
        QCOMPARE(qs(compressionName(Compression::Lz4)), QStringLiteral("lz4"));
        auto store = createMemoryStorage({}, {.compression = Compression::Lz4, .level = 12});
        QCOMPARE(store->stats().properties.at("memory.compression"), std::string("lz4 level 12"));
    }
};

QTEST_GUILESS_MAIN(MemoryCompressionTest)
#include "storage_memory_compression_test.moc"
