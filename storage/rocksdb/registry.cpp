#include "storage/rocksdb/registry.h"

#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>

namespace meridian::storage::detail {

namespace {

struct Registry {
    std::mutex mutex;
    std::condition_variable closed;
    // Entries stay until the handle has finished closing, so a racing open
    // can tell "closing" (expired, still listed) from "not open" (absent).
    std::map<std::string, std::weak_ptr<RocksDbHandle>> open;
};

Registry& registry() {
    static Registry instance;  // never destroyed before the handles: leaked on purpose
    return instance;
}

bool compatible(OpenMode have, OpenMode want) {
    if (have == OpenMode::ReadWrite) return true;
    return want != OpenMode::ReadWrite;
}

std::string canonicalKey(const std::string& path) {
    std::error_code ec;
    auto canonical = std::filesystem::canonical(path, ec);
    return ec ? std::filesystem::weakly_canonical(path, ec).string() : canonical.string();
}

}  // namespace

Result<Acquired> acquire(const std::string& path, const RocksDbOpenRequest& request) {
    Registry& reg = registry();
    std::shared_ptr<RocksDbHandle> existing;  // released after the lock below: it may be the last reference
    std::unique_lock lock(reg.mutex);
    std::string key = canonicalKey(path);
    for (;;) {
        auto it = reg.open.find(key);
        if (it == reg.open.end()) break;
        existing = it->second.lock();
        if (existing) break;
        reg.closed.wait(lock);  // being closed by its last user: wait for the close to finish
    }
    if (existing) {
        if (!compatible(existing->mode, request.mode))
            return Status::lockHeld("'" + key + "' is already open " + openModeName(existing->mode) +
                                    " in this program; close it before opening it " +
                                    openModeName(request.mode));
        return Acquired{std::move(existing), true};
    }

    // Opening under the registry lock serialises opens, so two threads opening
    // the same path cannot both reach RocksDB.
    auto opened = openHandle(path, request);
    if (!opened.ok()) return opened.status();
    key = opened.value()->path;  // preflight may have created the folder: canonical now
    RocksDbHandle* raw = opened.value().release();
    std::shared_ptr<RocksDbHandle> handle(raw, [key](RocksDbHandle* h) {
        delete h;  // closes the database, outside the registry lock
        Registry& r = registry();
        {
            std::lock_guard guard(r.mutex);
            auto it = r.open.find(key);
            if (it != r.open.end() && it->second.expired()) r.open.erase(it);
        }
        r.closed.notify_all();
    });
    reg.open[key] = handle;
    return Acquired{std::move(handle), false};
}

void withOpensPaused(const std::string& path, const std::function<void(std::optional<OpenMode>)>& work) {
    Registry& reg = registry();
    std::shared_ptr<RocksDbHandle> handle;  // released after the lock: it may be the last reference
    std::unique_lock lock(reg.mutex);
    const std::string key = canonicalKey(path);
    for (;;) {
        auto it = reg.open.find(key);
        if (it == reg.open.end()) break;
        handle = it->second.lock();
        if (handle) break;
        reg.closed.wait(lock);  // a close in progress still holds the lock: let it finish
    }
    work(handle ? std::optional<OpenMode>(handle->mode) : std::nullopt);
}

std::optional<OpenMode> openModeInProcess(const std::string& canonicalPath) {
    Registry& reg = registry();
    std::shared_ptr<RocksDbHandle> handle;
    std::lock_guard lock(reg.mutex);
    auto it = reg.open.find(canonicalKey(canonicalPath));
    if (it == reg.open.end()) return std::nullopt;
    handle = it->second.lock();
    if (!handle) return std::nullopt;
    return handle->mode;
}

}  // namespace meridian::storage::detail
