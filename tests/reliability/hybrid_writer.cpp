// The hybrid kill test's victim: a hybrid store (storage/hybrid) with a small
// threshold, written with synced puts, saying on stdout one line each:
//   "put <n>"   the synced put of key n returned ok
//   "spilled"   the store has moved into RocksDB (said once)
// until it is killed. Usage: hybrid_writer <db> <threshold-bytes>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "storage/factory.h"

using namespace meridian;

namespace {

int fail(const std::string& what) {
    std::fprintf(stderr, "hybrid_writer: %s\n", what.c_str());
    return 1;
}

}  // namespace

std::string hybridKey(std::uint64_t n) { return "h:" + std::to_string(1000000000 + n); }
std::string hybridValue(std::uint64_t n) { return std::string(1000, static_cast<char>('a' + n % 26)) + std::to_string(n); }

int main(int argc, char** argv) {
    if (argc != 3) return fail("usage: hybrid_writer <db> <threshold-bytes>");
    const std::uint64_t threshold = std::strtoull(argv[2], nullptr, 10);
    auto opened = storage::createStorage(argv[1], storage::StorageConfig{}.withHybrid(threshold).withEnvironment(false));
    if (!opened.ok()) return fail("cannot open: " + opened.status.toString());
    const storage::StoragePtr store = opened.storage;
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    bool spilled = false;
    storage::WriteOptions synced;
    synced.sync = true;
    for (std::uint64_t n = 0;; ++n) {
        if (auto s = store->put(hybridKey(n), hybridValue(n), synced); !s.ok()) return fail("put: " + s.toString());
        std::printf("put %llu\n", static_cast<unsigned long long>(n));
        if (!spilled && n % 8 == 0) {
            const auto info = store->info();
            if (info.hybrid && info.hybrid->spilled) {
                spilled = true;
                std::printf("spilled\n");
            }
        }
    }
}
