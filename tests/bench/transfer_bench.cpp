// transfer_bench: export and import beside RocksDB's own ldb doing the same
// work in the same run, and what a memory-backend snapshot costs at 10 and
// at 1,000,000 keys.
//
// The machine is shared and noisy: each figure is the median of alternating
// runs (ours, ldb, ldb, ours, ...), printed with its ldb counterpart and the
// ratio ldb time / our time (>= 1.0: we are at least as fast; the goal is
// >= 0.8). Nothing here asserts a timing. It fails (exit 1) when results are
// WRONG: an export that differs from `ldb dump --hex` byte for byte, an
// import whose database differs from the one `ldb load` makes, a program
// that fails.
//
// Figures:
//  1. export: `meridian-db export --hex DB FILE` vs `ldb --db=DB dump --hex > FILE`
//     (both processes; ours includes its fsync and rename), plus the JSON Lines
//     export and the library call exportDumpToFile() on their own.
//  2. import: `meridian-db import --hex --create-if-missing NEW FILE` vs
//     `ldb --db=NEW --create_if_missing --hex load < FILE`, both into a new
//     database (ours checks the file first, then writes table files that the
//     database takes in one step; ldb puts key by key). Afterwards both
//     databases are compared key by key. Then the library's two ways of
//     writing an import, in process: that one step, and write batches.
//  3. memory snapshots: taking (and dropping) one, at 10 keys and at 1M keys.
//
// Database: `db_bench --benchmarks=fillseq --num=N --compression_type=none`
// (N = MERIDIAN_TRANSFER_BENCH_KEYS, default 1,000,000), made in a temporary
// folder, or MERIDIAN_BENCH_DB_1M (a database made that way; only read).
// MERIDIAN_DB_BENCH names db_bench when it is not on PATH.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/transfer/export_import.h"
#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "storage/rocksdb/compat.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace meridian::storage;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRounds = 3;  // alternating runs per figure

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "transfer_bench: FAILED: %s\n", why.c_str());
    std::exit(1);
}

std::string findProgram(const char* envName, std::initializer_list<const char*> names) {
    if (const char* env = std::getenv(envName); env && *env) return env;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (const char* name : names) {
        std::size_t start = 0;
        while (start <= dirs.size()) {
            const std::size_t end = std::min(dirs.find(':', start), dirs.size());
            const fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
            if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
            start = end + 1;
        }
    }
    die(std::string(names.begin()[0]) + " not found (Debian: rocksdb-tools)");
}

struct Timing {
    double wall = 0;  // seconds
    double cpu = 0;   // user + system seconds of the child
};

// Runs argv with stdin/stdout/stderr redirected to files ("" = inherit); dies when it fails.
Timing run(const std::vector<std::string>& argv, const std::string& in = {}, const std::string& out = {},
           const std::string& err = {}) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!in.empty()) posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    if (!out.empty()) posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!err.empty()) posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto start = Clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) die("cannot start " + argv[0]);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) < 0) die("wait4 failed");
    Timing t;
    t.wall = std::chrono::duration<double>(Clock::now() - start).count();
    t.cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string line;
        for (const auto& a : argv) line += a + " ";
        die("failed: " + line);
    }
    return t;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Pair {
    std::vector<double> ours, theirs, oursCpu, theirsCpu;
};

// Alternates ours and theirs kRounds times each (ours, theirs, theirs, ours, ...).
Pair alternate(const std::function<Timing(int)>& ours, const std::function<Timing(int)>& theirs) {
    Pair p;
    for (int round = 0; round < kRounds; ++round) {
        const bool oursFirst = round % 2 == 0;
        for (int k = 0; k < 2; ++k) {
            if ((k == 0) == oursFirst) {
                const Timing t = ours(round);
                p.ours.push_back(t.wall);
                p.oursCpu.push_back(t.cpu);
            } else {
                const Timing t = theirs(round);
                p.theirs.push_back(t.wall);
                p.theirsCpu.push_back(t.cpu);
            }
        }
    }
    return p;
}

void printPair(const char* what, const Pair& p, std::uint64_t keys) {
    const double ours = median(p.ours), theirs = median(p.theirs);
    std::printf("%-34s ours %7.3f s (cpu %6.3f, %5.2f M keys/s)   ldb %7.3f s (cpu %6.3f)   ratio ldb/ours %.2f  %s\n",
                what, ours, median(p.oursCpu), double(keys) / ours / 1e6, theirs, median(p.theirsCpu), theirs / ours,
                theirs / ours >= 0.8 ? "(goal >= 0.8: met)" : "(goal >= 0.8: MISSED)");
}

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Dies unless the two databases hold the same keys and values.
void compareDatabases(const std::string& a, const std::string& b, std::uint64_t expectedKeys) {
    rocksdb::Options options;
    std::unique_ptr<rocksdb::DB> dbA, dbB;
    if (!meridian::storage::detail::compat::openForReadOnly(options, a, &dbA).ok() ||
        !meridian::storage::detail::compat::openForReadOnly(options, b, &dbB).ok())
        die("cannot open the imported databases to compare them");
    std::unique_ptr<rocksdb::Iterator> ia(dbA->NewIterator({})), ib(dbB->NewIterator({}));
    std::uint64_t n = 0;
    for (ia->SeekToFirst(), ib->SeekToFirst(); ia->Valid() && ib->Valid(); ia->Next(), ib->Next(), ++n)
        if (ia->key() != ib->key() || ia->value() != ib->value()) die("imported databases differ at key " + std::to_string(n));
    if (ia->Valid() || ib->Valid() || n != expectedKeys)
        die("imported databases differ in size: " + std::to_string(n) + " keys compared, " +
            std::to_string(expectedKeys) + " expected");
}

// Nanoseconds per snapshot taken and dropped, at `keys` keys.
double snapshotCost(std::uint64_t keys, int iterations) {
    StoragePtr store = createMemoryStorage();
    WriteBatch batch;
    for (std::uint64_t i = 0; i < keys; ++i) {
        batch.put("key" + std::to_string(10000000 + i), std::string(100, 'v'));
        if (batch.size() == 100000) {
            if (!store->write(batch).ok()) die("memory write failed");
            batch.clear();
        }
    }
    if (!store->write(batch).ok()) die("memory write failed");
    // One long-lived snapshot too, as a GUI panel would hold.
    const SnapshotPtr held = store->snapshot();
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        const auto start = Clock::now();
        for (int i = 0; i < iterations; ++i) {
            SnapshotPtr s = store->snapshot();
            if (!s) die("no snapshot");
        }
        runs.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() / iterations);
    }
    return median(runs);
}

}  // namespace

int main() {
    const std::string ldb = findProgram("MERIDIAN_LDB", {"ldb", "rocksdb_ldb"});
    const std::string meridianDb = MERIDIAN_DB_BINARY;
    const char* keysEnv = std::getenv("MERIDIAN_TRANSFER_BENCH_KEYS");
    const std::uint64_t keys = keysEnv && *keysEnv ? std::stoull(keysEnv) : 1000000;

    std::string pattern = (fs::temp_directory_path() / "transfer-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) die("cannot make a temporary folder");
    const fs::path tmp(pattern);
    std::string db;
    if (const char* given = std::getenv("MERIDIAN_BENCH_DB_1M"); given && *given && !keysEnv) {
        db = given;
    } else {
        db = (tmp / "source").string();
        const std::string dbBench = findProgram("MERIDIAN_DB_BENCH", {"db_bench", "rocksdb_db_bench"});
        std::printf("making %llu keys with db_bench...\n", static_cast<unsigned long long>(keys));
        std::fflush(stdout);
        run({dbBench, "--benchmarks=fillseq", "--num=" + std::to_string(keys), "--db=" + db,
             "--compression_type=none"}, {}, "/dev/null", "/dev/null");
    }
    std::printf("database: %s (db_bench fillseq: 16-byte keys, 100-byte values)\n\n", db.c_str());

    // 1. Export.
    const std::string ourFile = (tmp / "ours.txt").string();
    const std::string ldbFile = (tmp / "ldb.txt").string();
    run({meridianDb, "export", "--hex", db, ourFile}, {}, "/dev/null");  // warm the page cache
    run({ldb, "--db=" + db, "dump", "--hex"}, {}, ldbFile);
    const Pair exported = alternate([&](int) { return run({meridianDb, "export", "--hex", db, ourFile}, {}, "/dev/null"); },
                                    [&](int) { return run({ldb, "--db=" + db, "dump", "--hex"}, {}, ldbFile); });
    if (readWhole(ourFile) != readWhole(ldbFile)) die("export --hex differs from ldb dump --hex");
    std::printf("export --hex: %llu bytes, byte-identical to ldb dump --hex\n",
                static_cast<unsigned long long>(fs::file_size(ourFile)));
    printPair("export (meridian-db vs ldb dump)", exported, keys);

    std::vector<double> jsonl, library;
    for (int round = 0; round < kRounds; ++round) {
        jsonl.push_back(run({meridianDb, "export", "--format", "jsonl", db, (tmp / "ours.jsonl").string()}, {}, "/dev/null").wall);
        auto opened = createStorage(db, StorageConfig{}.withMode(OpenMode::ReadOnly).withEnvironment(false));
        if (!opened.ok()) die(opened.status.toString());
        auto result = exportDumpToFile(*opened.storage, (tmp / "library.txt").string(), {});
        if (!result.ok()) die(result.status().toString());
        library.push_back(result->seconds);
    }
    std::printf("%-34s %7.3f s   (library exportDumpToFile, hex, in process: %.3f s)\n\n",
                "export --format jsonl", median(jsonl), median(library));

    // 2. Import, into new databases.
    const Pair imported = alternate(
        [&](int round) {
            const fs::path target = tmp / ("ours-db-" + std::to_string(round));
            const Timing t = run({meridianDb, "import", "--hex", "--create-if-missing", target.string(), ldbFile}, {},
                                 "/dev/null");
            if (round > 0) fs::remove_all(target);
            return t;
        },
        [&](int round) {
            const fs::path target = tmp / ("ldb-db-" + std::to_string(round));
            const Timing t = run({ldb, "--db=" + target.string(), "--create_if_missing", "--hex", "load"}, ldbFile,
                                 "/dev/null");
            if (round > 0) fs::remove_all(target);
            return t;
        });
    compareDatabases((tmp / "ours-db-0").string(), (tmp / "ldb-db-0").string(), keys);
    std::printf("imports compared key by key: identical\n");
    printPair("import (meridian-db vs ldb load)", imported, keys);

    // 2b. The two ways the library can write an import, in process, into new
    // databases: table files added in one step (what import does: nothing or
    // everything, even across a crash) and write batches (undone on failure
    // only while the process lives).
    std::vector<double> atomicRuns, batchRuns;
    for (int round = 0; round < kRounds; ++round) {
        for (const bool atomic : {round % 2 == 0, round % 2 != 0}) {
            const fs::path target = tmp / ((atomic ? "lib-atomic-" : "lib-batches-") + std::to_string(round));
            auto opened = createStorage(target.string(), StorageConfig{}.withCreateIfMissing().withEnvironment(false));
            if (!opened.ok()) die(opened.status.toString());
            ImportOptions options;
            options.format = DumpFormat::LdbHex;
            options.atomicOnDisk = atomic;
            const ImportReport report = importDumpFile(opened.storage, ldbFile, options);
            if (!report.ok() || report.summary.keys != keys) die("library import failed: " + report.status.toString());
            (atomic ? atomicRuns : batchRuns).push_back(report.summary.seconds);
            opened.storage.reset();
            fs::remove_all(target);
        }
    }
    std::printf("%-34s one step %7.3f s   batches %7.3f s   ratio batches/one step %.2f\n",
                "import, library (in process)", median(atomicRuns), median(batchRuns),
                median(batchRuns) / median(atomicRuns));

    // 3. Memory snapshots.
    const double small = snapshotCost(10, 200000);
    const double large = snapshotCost(1000000, 200000);
    std::printf("\nmemory snapshot (take + drop): %.0f ns at 10 keys, %.0f ns at 1M keys (1M/10 = %.2f)\n", small,
                large, large / small);

    std::error_code ec;
    fs::remove_all(tmp, ec);
    return 0;
}
