// Internal: the loggers RocksDB writes its LOG through, for every open mode.
//
// RocksDB's own file logger asserts (and so aborts the process in builds with
// assertions, Debian's among them) when a write to LOG fails on a full disk,
// and it rotates LOG on every open, even one that then fails. Ours:
//  - never aborts and never reports an error: a line that cannot be written
//    is dropped (a full disk must not take the database down with it);
//  - writes nothing until the open has succeeded: lines logged before attach()
//    wait in memory (at most kPendingBytes), so a refused or failed open
//    leaves LOG as it was;
//  - appends to LOG, and moves it aside to LOG.old.<microseconds> (RocksDB's
//    own naming) only once it has grown past kRotateBytes.
// Read-only and secondary opens use silentLog(): they write nothing to the
// database folder at all.
//
// Thread safety: RocksDB logs from any thread; every member is safe to call
// concurrently.
#pragma once

#include <rocksdb/env.h>

#include <cstdarg>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

namespace meridian::storage::detail {

class DatabaseLog final : public rocksdb::Logger {
public:
    static constexpr std::size_t kPendingBytes = 1u << 20;
    static constexpr std::size_t kRotateBytes = 16u << 20;

    DatabaseLog() = default;
    ~DatabaseLog() override;
    DatabaseLog(const DatabaseLog&) = delete;
    DatabaseLog& operator=(const DatabaseLog&) = delete;

    using rocksdb::Logger::Logv;
    void Logv(const char* format, va_list ap) override;
    size_t GetLogFileSize() const override;

    // Starts writing to `folder`/LOG, the lines held so far first. Once only.
    void attach(const std::string& folder);

private:
    rocksdb::Status CloseImpl() override;

    mutable std::mutex mutex_;
    std::string pending_;  // lines logged before attach()
    int fd_ = -1;
    std::size_t size_ = 0;
};

// A logger that drops every line.
std::shared_ptr<rocksdb::Logger> silentLog();

}  // namespace meridian::storage::detail
