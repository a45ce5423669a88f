// The crash test's victim: writes to a RocksDB database through the storage
// library and says on stdout, one line each, what has landed:
//   "put <n>"            the synced put of putKey(run, n) returned ok
//   "import-start <m>"   the import of file m begins
//   "import-done <m>"    it returned ok
// until it is killed. Usage: crash_writer <db> <scratch-folder> <run>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "crash_workload.h"
#include "storage/factory.h"
#include "storage/transfer/dump_format.h"
#include "storage/transfer/export_import.h"

using namespace meridian;
using namespace meridian::test::crash;

namespace {

int fail(const std::string& what) {
    std::fprintf(stderr, "crash_writer: %s\n", what.c_str());
    return 1;
}

// Import m: every other one in reverse key order, so both import paths run.
bool writeImportFile(const std::string& path, int run, int import) {
    std::string text;
    for (std::uint64_t k = 0; k < kImportRecords; ++k) {
        const std::uint64_t i = import % 2 ? kImportRecords - 1 - k : k;
        if (!storage::appendRecord(text, storage::DumpFormat::LdbHex, importKey(run, import, i),
                                   importValue(run, import, i))
                 .ok())
            return false;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return static_cast<bool>(out.flush());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) return fail("usage: crash_writer <db> <scratch-folder> <run>");
    const std::string db = argv[1];
    const std::string scratch = argv[2];
    const int run = std::atoi(argv[3]);
    auto opened = storage::createStorage(db, storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
    if (!opened.ok()) return fail("cannot open: " + opened.status.toString());
    const storage::StoragePtr store = opened.storage;
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    std::uint64_t n = 0;
    for (int import = 0;; ++import) {
        for (int k = 0; k < 25; ++k, ++n) {
            storage::WriteBatch batch;
            batch.put(putKey(run, n), putValue(run, n));
            storage::WriteOptions synced;
            synced.sync = true;
            if (auto s = store->write(batch, synced); !s.ok()) return fail("put: " + s.toString());
            std::printf("put %llu\n", static_cast<unsigned long long>(n));
        }
        const std::string file = scratch + "/import-" + std::to_string(run) + "-" + std::to_string(import);
        if (!writeImportFile(file, run, import)) return fail("cannot write " + file);
        std::printf("import-start %d\n", import);
        storage::ImportOptions options;
        options.format = storage::DumpFormat::LdbHex;
        // Small batches: an import written batch by batch would show up here
        // half-applied (one 4 MiB batch would hide it).
        options.batchBytes = 64 * 1024;
        auto report = storage::importDumpFile(store, file, options);
        if (!report.ok()) return fail("import: " + report.status.toString());
        std::printf("import-done %d\n", import);
        std::remove(file.c_str());
    }
}
