#include "storage/rocksdb/database_log.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace meridian::storage::detail {

namespace {

class SilentLog final : public rocksdb::Logger {
public:
    using rocksdb::Logger::Logv;
    void Logv(const char*, va_list) override {}
};

// "2026/12/06-10:03:00.123456 7f0c2a1fe6c0 <message>\n", as RocksDB writes.
std::string formatLine(const char* format, va_list ap) {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t seconds = system_clock::to_time_t(now);
    const auto micros = duration_cast<microseconds>(now.time_since_epoch()).count() % 1000000;
    std::tm local{};
    ::localtime_r(&seconds, &local);
    char head[64];
    const int headLength = std::snprintf(head, sizeof head, "%04d/%02d/%02d-%02d:%02d:%02d.%06lld %llx ",
                                         local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour,
                                         local.tm_min, local.tm_sec, static_cast<long long>(micros),
                                         static_cast<unsigned long long>(::pthread_self()));
    std::string line(head, static_cast<std::size_t>(headLength > 0 ? headLength : 0));
    va_list copy;
    va_copy(copy, ap);
    char body[512];
    const int n = std::vsnprintf(body, sizeof body, format, copy);
    va_end(copy);
    if (n < 0) return line + "(unprintable log line)\n";
    if (static_cast<std::size_t>(n) < sizeof body) {
        line.append(body, static_cast<std::size_t>(n));
    } else {
        std::string big(static_cast<std::size_t>(n) + 1, '\0');
        va_copy(copy, ap);
        std::vsnprintf(big.data(), big.size(), format, copy);
        va_end(copy);
        big.pop_back();
        line += big;
    }
    if (line.empty() || line.back() != '\n') line.push_back('\n');
    return line;
}

// Writes what it can; a failure (a full disk, an I/O error) drops the rest.
void writeSome(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

DatabaseLog::~DatabaseLog() { CloseImpl(); }

void DatabaseLog::Logv(const char* format, va_list ap) {
    const std::string line = formatLine(format, ap);
    std::lock_guard lock(mutex_);
    if (fd_ < 0) {
        if (pending_.size() + line.size() <= kPendingBytes) pending_ += line;
        return;
    }
    writeSome(fd_, line);
    size_ += line.size();
}

size_t DatabaseLog::GetLogFileSize() const {
    std::lock_guard lock(mutex_);
    return size_;
}

void DatabaseLog::attach(const std::string& folder) {
    namespace fs = std::filesystem;
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) return;
    const fs::path log = fs::path(folder) / "LOG";
    struct stat st{};
    if (::lstat(log.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {  // never write through a symlink or into a device
            pending_.clear();
            return;
        }
        if (static_cast<std::size_t>(st.st_size) > kRotateBytes) {
            const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
            std::error_code ec;
            fs::rename(log, fs::path(folder) / ("LOG.old." + std::to_string(micros)), ec);
        }
    }
    fd_ = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0) {
        pending_.clear();
        return;
    }
    struct stat opened{};
    size_ = ::fstat(fd_, &opened) == 0 ? static_cast<std::size_t>(opened.st_size) : 0;
    writeSome(fd_, pending_);
    size_ += pending_.size();
    pending_.clear();
    pending_.shrink_to_fit();
}

rocksdb::Status DatabaseLog::CloseImpl() {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) {
        ::fsync(fd_);  // best effort: a LOG line is never worth an error
        ::close(fd_);
        fd_ = -1;
    }
    return rocksdb::Status::OK();
}

std::shared_ptr<rocksdb::Logger> silentLog() { return std::make_shared<SilentLog>(); }

}  // namespace meridian::storage::detail
