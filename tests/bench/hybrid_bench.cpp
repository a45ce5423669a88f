// hybrid_bench: hybrid storage (storage/hybrid) beside the backends it stands
// for, in the same run (the machine is shared and noisy: medians of
// alternating runs, printed with the ratio hybrid / plain; the goal is >= 0.9).
//
// Figures:
//  1. Below the threshold: puts and random gets, hybrid (in memory) vs the
//     plain memory backend.
//  2. Above it: the same, hybrid (RocksDB live) vs the plain RocksDB backend
//     (our factory's, as every caller gets it).
//  3. The spill of 64 MiB (MERIDIAN_HYBRID_BENCH_MIB changes it) while a
//     writer keeps writing 1 KiB values (compressible, then random): how long the copy and the drain of
//     the log took, how long every call was stopped at the switch, the
//     longest single write, the time writers spent blocked in all (writes
//     slower than 1 ms, added up) and paced (the store's own count of its
//     short waits), and the writer's pace during the spill beside the same
//     writer on plain RocksDB; beside the time RocksDB takes to take the same
//     data in one go, which is what a spill that stopped the writers would
//     cost them.
// MERIDIAN_HYBRID_BENCH_DEBUG=1 also lists the slowest writes during the spill.
// It fails (exit 1) only when results are wrong (a value read back differs,
// a write fails, the spill does not happen), never on a timing.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/factory.h"
#include "storage/memory/memory_storage.h"

using namespace meridian::storage;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRuns = 4;  // even: each side goes first (on memory fresh from the system) as often

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "hybrid_bench: WRONG: %s\n", what.c_str());
    std::exit(1);
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::string key(std::uint64_t i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "user:%016llx", static_cast<unsigned long long>(i * 0x9E3779B97F4A7C15ull));
    return buffer;
}
std::string value(std::uint64_t i, std::size_t size) {
    std::string v(size, 'v');
    for (std::size_t k = 0; k < size && k < 16; ++k) v[k] = static_cast<char>('a' + (i >> (k * 4)) % 26);
    return v;
}

struct Rates {
    double putsPerSecond;
    double getsPerSecond;
};

// n puts then n random gets (each value checked), one thread.
Rates measure(Storage& store, std::uint64_t n) {
    auto start = Clock::now();
    for (std::uint64_t i = 0; i < n; ++i)
        if (!store.put(key(i), value(i, 100)).ok()) fail("a put failed");
    const double puts = static_cast<double>(n) / seconds(Clock::now() - start);
    std::mt19937_64 random(7);
    start = Clock::now();
    for (std::uint64_t k = 0; k < n; ++k) {
        const std::uint64_t i = random() % n;
        auto got = store.get(key(i));
        if (!got.ok() || got.value() != value(i, 100)) fail("a get read another value");
    }
    return {puts, static_cast<double>(n) / seconds(Clock::now() - start)};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::filesystem::path scratch() {
    static std::filesystem::path root = [] {
        auto p = std::filesystem::temp_directory_path() / ("hybrid_bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(p);
        return p;
    }();
    static int made = 0;
    return root / ("db" + std::to_string(++made));
}

StoragePtr open(const StorageConfig& config) {
    auto opened = createStorage(scratch().string(), config.withCreateIfMissing().withEnvironment(false));
    if (!opened.ok()) fail("cannot open: " + opened.status.toString());
    return opened.storage;
}

// Alternating runs of `plain` and `hybrid` stores made fresh each time.
void compare(const char* title, std::uint64_t n, const std::function<StoragePtr()>& plain,
             const std::function<StoragePtr()>& hybrid) {
    std::vector<double> pp, pg, hp, hg;
    measure(*plain(), n / 4);  // a warm-up of both, not counted
    measure(*hybrid(), n / 4);
    for (int run = 0; run < kRuns; ++run) {
        for (bool first : {run % 2 == 0, run % 2 != 0}) {
            StoragePtr store = first ? plain() : hybrid();
            const Rates r = measure(*store, n);
            (first ? pp : hp).push_back(r.putsPerSecond);
            (first ? pg : hg).push_back(r.getsPerSecond);
        }
    }
    std::printf("%s (%llu keys, 100-byte values, median of %d)\n", title, static_cast<unsigned long long>(n), kRuns);
    std::printf("  puts: hybrid %9.0f/s   plain %9.0f/s   ratio %.2f\n", median(hp), median(pp), median(hp) / median(pp));
    std::printf("  gets: hybrid %9.0f/s   plain %9.0f/s   ratio %.2f\n", median(hg), median(pg), median(hg) / median(pg));
}

// 1 KiB values for the spill: compressible (one letter repeated after 16
// varied bytes), or not (random bytes, from a pool made beforehand so the
// writer's pace is not the generator's; the first bytes still vary).
std::string spillValue(std::uint64_t i, bool random) {
    if (!random) return value(i, 1000);
    static const std::vector<std::string> pool = [] {
        std::mt19937_64 bits(11);
        std::vector<std::string> out(257, std::string(1000, '\0'));
        for (auto& v : out)
            for (auto& c : v) c = static_cast<char>(bits());
        return out;
    }();
    std::string v = pool[i % pool.size()];
    for (std::size_t k = 0; k < 8; ++k) v[k] = static_cast<char>(i >> (k * 8));
    return v;
}

void spill(std::uint64_t mib, bool random) {
    const std::uint64_t threshold = mib << 20;
    StoragePtr store = open(StorageConfig{}.withHybrid(threshold));
    // A writer, timing every write, until the store has spilled and a second more.
    std::atomic<bool> stop{false};
    std::vector<std::pair<double, double>> writes;  // (start, latency) in seconds from t0
    writes.reserve(200000);
    const auto t0 = Clock::now();
    std::thread writer([&] {
        for (std::uint64_t i = 0; !stop; ++i) {
            const auto before = Clock::now();
            if (!store->put(key(i), spillValue(i, random)).ok()) fail("a write during the spill failed");
            writes.emplace_back(seconds(before - t0), seconds(Clock::now() - before));
        }
    });
    double crossed = 0, spilledAt = 0;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const auto info = store->info();
        if (crossed == 0 && info.hybrid->memoryBytes > threshold) crossed = seconds(Clock::now() - t0);
        if (info.hybrid->spilled) {
            spilledAt = seconds(Clock::now() - t0);
            break;
        }
        if (seconds(Clock::now() - t0) > 600) fail("no spill within 10 minutes");
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
    stop = true;
    writer.join();
    const auto stats = store->stats();
    const double pause = std::stod(stats.properties.at("hybrid.switch-pause-us")) / 1e6;
    const double copyTime = std::stod(stats.properties.at("hybrid.spill-copy-us")) / 1e6;
    const double drainTime = std::stod(stats.properties.at("hybrid.spill-drain-us")) / 1e6;
    const double paced = std::stod(stats.properties.at("hybrid.writers-paced-us")) / 1e6;
    double longest = 0, blocked = 0;
    std::vector<double> during;
    for (const auto& [start, latency] : writes) {
        if (start + latency < crossed - 0.05 || start > spilledAt + 0.05) continue;
        longest = std::max(longest, latency);
        if (latency > 0.001) blocked += latency;
        during.push_back(latency);
    }
    if (std::getenv("MERIDIAN_HYBRID_BENCH_DEBUG")) {
        std::vector<std::pair<double,double>> slow;
        for (const auto& [start, latency] : writes) if (latency > 0.001 && start > crossed - 0.05 && start < spilledAt + 0.05) slow.push_back({start - crossed, latency});
        std::printf("slow writes: %zu\n", slow.size());
        std::sort(slow.begin(), slow.end(), [](auto& a, auto& b){ return a.second > b.second; });
        for (std::size_t i = 0; i < slow.size() && i < 15; ++i) std::printf("  at %.3f s: %.1f ms\n", slow[i].first, slow[i].second * 1e3);
        double sum1 = 0; int n1 = 0; for (auto& w : slow) if (w.second < 0.005) { sum1 += w.second; ++n1; }
        std::printf("  %d writes of 1-5 ms: %.1f ms\n", n1, sum1 * 1e3);
    }
    // The writer's pace from crossing the threshold to RocksDB live.
    const double spillRate = static_cast<double>(during.size()) * 1030 / std::max(spilledAt - crossed, 1e-3) / 1e6;
    const std::uint64_t count = store->count("").value();
    if (count != writes.size()) fail("the store holds " + std::to_string(count) + " keys after " + std::to_string(writes.size()) + " puts");
    store.reset();

    // The same data into RocksDB in one go: what stopping writers for the copy would cost.
    StoragePtr rocks = open(StorageConfig{});
    const std::uint64_t items = threshold / 1030 + 1;
    const auto start = Clock::now();
    WriteBatch batch;
    std::uint64_t bytes = 0;
    for (std::uint64_t i = 0; i < items; ++i) {
        batch.put(key(i), spillValue(i, random));
        bytes += 1030;
        if (bytes >= (4u << 20) || i + 1 == items) {
            if (!rocks->write(batch).ok()) fail("a RocksDB write failed");
            batch.clear();
            bytes = 0;
        }
    }
    WriteOptions synced;
    synced.sync = true;
    if (!rocks->write(WriteBatch{}, synced).ok()) fail("the sync failed");
    const double oneGo = seconds(Clock::now() - start);
    rocks.reset();

    // The same writer on plain RocksDB for two seconds: the pace writers have once the store is RocksDB.
    StoragePtr plain = open(StorageConfig{});
    std::uint64_t plainWrites = 0;
    const auto plainStart = Clock::now();
    while (seconds(Clock::now() - plainStart) < 2.0)
        if (!plain->put(key(plainWrites), spillValue(plainWrites, random)).ok()) fail("a RocksDB write failed");
        else ++plainWrites;
    const double plainRate = static_cast<double>(plainWrites) * 1030 / seconds(Clock::now() - plainStart) / 1e6;
    plain.reset();

    std::printf("The spill of %llu MiB, a writer writing 1 KiB %s values throughout (%zu writes during it)\n",
                static_cast<unsigned long long>(mib), random ? "random (incompressible)" : "compressible", during.size());
    std::printf("  from crossing the threshold to RocksDB live: %.0f ms\n", (spilledAt - crossed) * 1e3);
    std::printf("  the copy: %.0f ms; the log applied while writes went on: %.0f ms\n", copyTime * 1e3, drainTime * 1e3);
    std::printf("  every call stopped at the switch for:        %.1f ms\n", pause * 1e3);
    std::printf("  longest single write during the spill:       %.1f ms\n", longest * 1e3);
    std::printf("  writers blocked in all (writes over 1 ms):   %.1f ms   (goal <= 500 ms)\n", blocked * 1e3);
    std::printf("  writers paced while the log was applied:     %.1f ms in all (waits of microseconds, counted by the store)\n", paced * 1e3);
    std::printf("  the writer's pace during the spill: %.0f MB/s; on plain RocksDB: %.0f MB/s; ratio %.2f\n", spillRate,
                plainRate, spillRate / plainRate);
    std::printf("  beside: RocksDB taking the same %llu MiB in one go: %.0f ms (a spill that stopped writers would block them that long)\n",
                static_cast<unsigned long long>(mib), oneGo * 1e3);
}

}  // namespace

int main() {
    const std::uint64_t n = 200000;
    compare("Hybrid below its threshold vs the memory backend", n, [] { return createMemoryStorage(); },
            [] { return open(StorageConfig{}.withHybrid(1ull << 40)); });
    compare("Hybrid above its threshold vs the RocksDB backend", n, [] { return open(StorageConfig{}); },
            [] { return open(StorageConfig{}.withHybrid(0)); });
    const char* mib = std::getenv("MERIDIAN_HYBRID_BENCH_MIB");
    for (bool random : {false, true}) spill(mib ? std::strtoull(mib, nullptr, 10) : 64, random);
    std::error_code ec;
    std::filesystem::remove_all(scratch().parent_path(), ec);
    return 0;
}
