#include "storage/rocksdb/secondary_dir.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string_view>

namespace meridian::storage::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "meridian-secondary-";

// The PID in "meridian-secondary-<pid>-<suffix>"; 0 when the name has none.
pid_t ownerPid(std::string_view name) {
    if (!name.starts_with(kPrefix)) return 0;
    name.remove_prefix(kPrefix.size());
    const auto dash = name.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == name.size()) return 0;
    long long pid = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + dash, pid);
    if (ec != std::errc() || end != name.data() + dash || pid <= 0 || pid != static_cast<pid_t>(pid)) return 0;
    return static_cast<pid_t>(pid);
}

bool processIsGone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

fs::path temporaryFolder() {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    return ec ? fs::path("/tmp") : dir;
}

}  // namespace

std::size_t removeStaleSecondaryDirs(const fs::path& tempDir) {
    std::size_t removed = 0;
    std::error_code ec;
    fs::directory_iterator it(tempDir, fs::directory_options::skip_permission_denied, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        const fs::path path = it->path();
        const pid_t pid = ownerPid(path.filename().native());
        if (pid == 0 || pid == ::getpid()) continue;
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) continue;
        if (!processIsGone(pid)) continue;  // alive (or another user's: EPERM)
        std::error_code removeError;
        if (fs::remove_all(path, removeError) > 0 && !removeError) ++removed;
    }
    return removed;
}

Result<std::string> makeSecondaryDir() {
    const fs::path temp = temporaryFolder();
    removeStaleSecondaryDirs(temp);
    std::string pattern = (temp / (std::string(kPrefix) + std::to_string(::getpid()) + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data()))
        return Status::ioError("cannot create a scratch folder for following live in '" + temp.string() +
                               "': " + std::strerror(errno));
    return pattern;
}

}  // namespace meridian::storage::detail
