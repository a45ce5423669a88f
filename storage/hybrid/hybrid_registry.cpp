#include "storage/hybrid/hybrid_registry.h"

#include <filesystem>

namespace meridian::storage::hybrid {

namespace {
thread_local int ownOpens = 0;
}  // namespace

OwnOpen::OwnOpen() { ++ownOpens; }
OwnOpen::~OwnOpen() { --ownOpens; }
bool OwnOpen::active() { return ownOpens > 0; }

std::string registryKey(const std::string& path) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(path, ec);
    if (ec) p = path;
    auto canonical = std::filesystem::weakly_canonical(p, ec);
    if (!ec) p = canonical;
    std::string key = p.lexically_normal().string();
    while (key.size() > 1 && key.back() == '/') key.pop_back();
    return key;
}

Registry& Registry::instance() {
    static Registry registry;
    return registry;
}

bool Registry::busy(const std::string& key) const {
    if (closing_.count(key)) return true;
    const auto it = open_.find(key);
    // Being opened, or its last reference gone and its close not yet begun.
    return it != open_.end() && (it->second.opening || it->second.core.expired());
}

std::shared_ptr<Core> Registry::claim(const std::string& key) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !busy(key); });
    if (auto it = open_.find(key); it != open_.end())
        if (auto core = it->second.core.lock()) return core;
    open_[key] = Entry{{}, true};
    return nullptr;
}

void Registry::opened(const std::string& key, const std::shared_ptr<Core>& core) {
    {
        std::lock_guard lock(mutex_);
        open_[key] = Entry{core, false};
    }
    changed_.notify_all();
}

void Registry::abandoned(const std::string& key) {
    {
        std::lock_guard lock(mutex_);
        open_.erase(key);
    }
    changed_.notify_all();
}

void Registry::closing(const std::string& key) {
    std::lock_guard lock(mutex_);
    ++closing_[key];
}

void Registry::closed(const std::string& key) {
    {
        std::lock_guard lock(mutex_);
        if (--closing_[key] == 0) closing_.erase(key);
        if (auto it = open_.find(key); it != open_.end() && !it->second.opening && it->second.core.expired())
            open_.erase(it);
    }
    changed_.notify_all();
}

bool Registry::settledOpen(const std::string& key) {
    if (OwnOpen::active()) return false;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !busy(key); });
    return open_.count(key) != 0;
}

}  // namespace meridian::storage::hybrid
