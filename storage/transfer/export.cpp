// Export (export_import.h): a dump streamed from one point in time, and the
// file it goes to, replaced only once complete.
#include "storage/transfer/export_import.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "storage/codec.h"
#include "storage/transfer/dump_files.h"

namespace meridian::storage {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kProgressEvery = 4096;
constexpr std::size_t kChunkBytes = 1u << 20;      // hand the sink about this much at a time
constexpr std::size_t kPageBytes = 8u << 20;       // aim for scan pages of about this size

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Status ioError(const std::string& what, const std::string& path, int error) {
    const std::string text = what + " '" + path + "': " + std::strerror(error);
    if (error == ENOENT) return Status::notFound(text);
    return Status::ioError(text);
}

Status writeAll(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return ioError("cannot write", path, errno);
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

}  // namespace

Result<TransferSummary> exportDump(const Storage& storage, const ExportOptions& options, const DumpSink& sink) {
    const auto start = Clock::now();
    ScanRequest request;
    request.prefix = options.prefix;
    request.read = options.read;
    // Every page reads the same moment (see Storage::prefix).
    if (!request.read.snapshot) request.read.snapshot = storage.snapshot();
    request.limit = 1024;

    TransferSummary summary;
    std::string chunk;
    chunk.reserve(kChunkBytes + 4096);
    auto flush = [&]() -> Status {
        if (chunk.empty()) return {};
        summary.fileBytes += chunk.size();
        Status s = sink(chunk);
        chunk.clear();
        return s;
    };

    for (;;) {
        auto page = storage.scan(request);
        if (!page.ok()) return page.status();
        std::size_t pageBytes = 0;
        for (const Entry& e : page->entries) {
            if (Status s = appendRecord(chunk, options.format, e.key, e.value); !s.ok())
                return Status::invalidArgument("key 0x" + toHex(e.key) + ": " + s.message() +
                                               "; export in the ldb hex or JSON Lines format instead");
            ++summary.keys;
            summary.bytes += e.key.size() + e.value.size();
            pageBytes += e.key.size() + e.value.size();
            if (chunk.size() >= kChunkBytes)
                if (Status s = flush(); !s.ok()) return s;
            if (summary.keys % kProgressEvery == 0 && options.progress && !options.progress(summary.keys))
                return Status::cancelled("export cancelled");
        }
        if (!page->nextCursor) break;
        request.after = std::move(page->nextCursor);
        // Pages of about kPageBytes, whatever the value sizes: 16 to 4096 entries.
        const std::size_t average = std::max<std::size_t>(1, pageBytes / std::max<std::size_t>(1, page->entries.size()));
        request.limit = std::clamp<std::size_t>(kPageBytes / average, 16, 4096);
    }
    if (options.trailer) chunk += dumpTrailer(options.format, summary.keys);
    if (Status s = flush(); !s.ok()) return s;
    if (options.progress && !options.progress(summary.keys)) return Status::cancelled("export cancelled");
    summary.seconds = secondsSince(start);
    return summary;
}

Result<TransferSummary> exportDumpToFile(const Storage& storage, const std::string& path,
                                         const ExportOptions& options) {
    const auto start = Clock::now();
    if (path.empty()) return Status::invalidArgument("no file name given for the export");
    const fs::path target(path);
    // Never follow or replace what is not a regular file (a FIFO, a device, a
    // symlink): checked now, and again right before the rename.
    if (Status s = checkExportDestination(path); !s.ok()) return s;
    if (target.filename().empty()) return Status::invalidArgument("'" + path + "' does not name a file");

    // A sibling temporary file, renamed over `path` once complete.
    static std::atomic<unsigned> counter{0};
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temp;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        temp = (dir / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" +
                       std::to_string(counter++)))
                   .string();
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) return ioError("cannot create a file in", dir.string(), errno);
    }
    if (fd < 0) return Status::ioError("cannot create a temporary file in '" + dir.string() + "'");

    auto result = exportDump(storage, options, [&](std::string_view chunk) { return writeAll(fd, chunk, temp); });
    Status s = result.ok() ? Status() : result.status();
    if (s.ok() && options.sync && ::fsync(fd) != 0) s = ioError("cannot flush", temp, errno);
    if (::close(fd) != 0 && s.ok()) s = ioError("cannot close", temp, errno);
    if (s.ok()) s = checkExportDestination(path);
    if (s.ok() && ::rename(temp.c_str(), path.c_str()) != 0) s = ioError("cannot rename the finished export to", path, errno);
    if (!s.ok()) {
        ::unlink(temp.c_str());
        return s;
    }
    if (options.sync) {
        const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd >= 0) {
            ::fsync(dirFd);
            ::close(dirFd);
        }
    }
    TransferSummary summary = result.value();
    summary.seconds = secondsSince(start);  // the fsync and rename included
    return summary;
}
}  // namespace meridian::storage
