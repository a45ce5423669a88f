// memory_compression_bench: compressed memory stores (zstd and LZ4 at their
// lowest, default and highest levels) beside the uncompressed memory backend
// doing the same work in the same run, on two data sets:
//  - the demo database (storage/demo_data.h: JSON of tens of bytes, binary
//    postings, random blobs; two column families), and
//  - JSON documents (tests/support/json_documents.h: user profiles and
//    events of 100 to 2,000 bytes; MERIDIAN_COMPRESSION_BENCH_DOCS of them,
//    default 50,000).
// For each: the values' bytes as written and as held (the dictionaries
// included), their ratio (the goal is <= 0.5), keys and values together, the
// time to write them all, and random gets per second beside the
// uncompressed store's (the median of alternating rounds: ours, plain,
// plain, ours, ...; ratio ours / plain).
//
// Nothing here asserts a timing or a ratio. It fails (exit 1) when results
// are WRONG: a compressed store that does not read back every value exactly
// as the uncompressed one holds it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "storage/demo_data.h"
#include "storage/memory/memory_storage.h"
#include "tests/support/json_documents.h"

using namespace meridian::storage;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRounds = 3;              // alternating rounds per get figure
constexpr std::size_t kGetsPerRound = 200000;

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "memory_compression_bench: FAILED: %s\n", why.c_str());
    std::exit(1);
}

double seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// A data set: how to fill a store, and then every (column family, key) of it.
struct DataSet {
    const char* name;
    std::function<void(Storage&)> fill;
};

struct Filled {
    StoragePtr store;
    std::vector<StoragePtr> families;
    double fillSeconds = 0;
    std::uint64_t raw = 0, stored = 0, dictionaries = 0, keysAndValues = 0, keyBytes = 0;
};

std::uint64_t property(const Storage& store, const char* name) {
    return std::stoull(store.stats().properties.at(name));
}

Filled fill(const DataSet& data, const MemoryOptions& options) {
    Filled f;
    f.store = createMemoryStorage({}, options);
    const auto start = Clock::now();
    data.fill(*f.store);
    f.fillSeconds = seconds(start);
    for (const auto& name : f.store->columnFamilies()) {
        auto family = f.store->columnFamily(name);
        if (!family.ok()) die(family.status().message());
        const Storage& s = *family.value();
        f.raw += property(s, "memory.raw-bytes");
        f.stored += property(s, "memory.stored-bytes");
        f.dictionaries += property(s, "memory.dictionary-bytes");
        f.keysAndValues += property(s, "memory.bytes");
        f.families.push_back(family.value());
    }
    f.keyBytes = f.keysAndValues - f.raw;
    return f;
}

// Every key of every family, shuffled, as (family index, key).
std::vector<std::pair<std::size_t, std::string>> keysOf(const Filled& f) {
    std::vector<std::pair<std::size_t, std::string>> keys;
    for (std::size_t i = 0; i < f.families.size(); ++i) {
        auto all = f.families[i]->prefix("");
        if (!all.ok()) die(all.status().message());
        for (auto& e : all.value()) keys.emplace_back(i, std::move(e.key));
    }
    std::shuffle(keys.begin(), keys.end(), std::mt19937_64(42));
    return keys;
}

void checkSame(const Filled& plain, const Filled& ours, const char* what) {
    for (std::size_t i = 0; i < plain.families.size(); ++i) {
        auto a = plain.families[i]->prefix("");
        auto b = ours.families[i]->prefix("");
        if (!a.ok() || !b.ok()) die("a scan failed");
        if (a.value() != b.value()) die(std::string(what) + " does not read back what was written");
    }
}

// Gets per second over `keys` (round-robin from the shuffled list).
double getsPerSecond(const Filled& f, const std::vector<std::pair<std::size_t, std::string>>& keys) {
    const auto start = Clock::now();
    std::size_t found = 0;
    for (std::size_t i = 0; i < kGetsPerRound; ++i) {
        const auto& [family, key] = keys[i % keys.size()];
        found += f.families[family]->get(key).ok();
    }
    const double s = seconds(start);
    if (found != kGetsPerRound) die("a get failed");
    return kGetsPerRound / s;
}

void run(const DataSet& data, const std::vector<MemoryOptions>& configs) {
    std::printf("\n== %s ==\n", data.name);
    const Filled plain = fill(data, {});
    const auto keys = keysOf(plain);
    std::printf("%zu keys; values %.2f MiB, keys %.2f MiB; written uncompressed in %.2f s\n", keys.size(),
                plain.raw / 1048576.0, plain.keyBytes / 1048576.0, plain.fillSeconds);
    std::printf("%-14s %11s %11s %6s %6s %9s %9s %12s %12s %6s\n", "compression", "values", "held", "ratio",
                "k+v", "dict", "write s", "gets/s", "plain gets/s", "ratio");
    for (const auto& options : configs) {
        const Filled ours = fill(data, options);
        checkSame(plain, ours, describeCompression(options).c_str());
        std::vector<double> oursRuns, plainRuns;
        for (int r = 0; r < kRounds; ++r) {
            if (r % 2 == 0) {
                oursRuns.push_back(getsPerSecond(ours, keys));
                plainRuns.push_back(getsPerSecond(plain, keys));
            } else {
                plainRuns.push_back(getsPerSecond(plain, keys));
                oursRuns.push_back(getsPerSecond(ours, keys));
            }
        }
        const double oursGets = median(oursRuns), plainGets = median(plainRuns);
        const double ratio = double(ours.stored) / double(ours.raw);
        const double total = double(ours.keyBytes + ours.stored) / double(plain.keysAndValues);
        std::printf("%-14s %11llu %11llu %6.3f %6.3f %9llu %9.2f %12.0f %12.0f %6.2f  %s\n",
                    describeCompression(options).c_str(), static_cast<unsigned long long>(ours.raw),
                    static_cast<unsigned long long>(ours.stored), ratio, total,
                    static_cast<unsigned long long>(ours.dictionaries), ours.fillSeconds, oursGets, plainGets,
                    oursGets / plainGets, ratio <= 0.5 ? "(values <= 0.5: met)" : "(values <= 0.5: NOT met)");
    }
}

}  // namespace

int main() {
    std::size_t documents = 50000;
    if (const char* env = std::getenv("MERIDIAN_COMPRESSION_BENCH_DOCS"); env && *env) documents = std::stoull(env);
    std::printf("memory_compression_bench: values held compressed vs as written, same run.\n"
                "values/held: bytes of the live values as written / as held (dictionaries included);\n"
                "ratio: held / values (goal <= 0.5); k+v: keys and held values / keys and values as written;\n"
                "gets/s: random gets, median of %d rounds alternating with the uncompressed store (plain);\n"
                "last ratio: ours / plain.\n",
                kRounds);
    std::vector<MemoryOptions> configs;
    for (Compression c : {Compression::Zstd, Compression::Lz4})
        for (int level : {1, 0, c == Compression::Zstd ? 19 : 12})
            configs.push_back(MemoryOptions{.compression = c, .level = level});

    const DataSet demo{"demo data (storage/demo_data.h)", [](Storage& s) {
                           auto written = writeDemoData(s);
                           if (!written.ok()) die(written.status().message());
                       }};
    const auto docs = meridian::test::makeJsonDocuments(documents);
    const DataSet json{"JSON documents (user profiles and events, 100-2,000 bytes)", [&docs](Storage& s) {
                           WriteBatch batch;
                           for (const auto& d : docs) {
                               batch.put(d.key, d.value);
                               if (batch.size() == 1000) {
                                   if (!s.write(batch).ok()) die("a write failed");
                                   batch.clear();
                               }
                           }
                           if (!s.write(batch).ok()) die("a write failed");
                       }};
    run(demo, configs);
    run(json, configs);
    return 0;
}
