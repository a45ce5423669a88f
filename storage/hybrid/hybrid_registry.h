// The hybrid stores open in this process, by path (internal to
// storage/hybrid): an open of a path whose store is open shares it, as the
// RocksDB registry shares handles; an open of a path whose store is being
// opened or closed waits for that to end, so nobody reads a database a store
// is about to replace; and a plain open of a path whose hybrid store is open
// is refused (it would write under the store's feet).
//
// Thread-safe. The store's own opens of its database (from its open, its
// spill and its close) do not wait: they run inside OwnOpen.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace meridian::storage::hybrid {

class Core;

class Registry {
public:
    static Registry& instance();

    // The store open at `key`, after waiting while one is being opened or
    // closed there; or null, and then `key` is the caller's to open: it must
    // call opened() or abandoned() next.
    std::shared_ptr<Core> claim(const std::string& key);
    void opened(const std::string& key, const std::shared_ptr<Core>& core);
    void abandoned(const std::string& key);

    // A store's close: begun (its save to come) and ended (its database closed).
    void closing(const std::string& key);
    void closed(const std::string& key);

    // For opens that are not hybrid: waits while a store at `key` is being
    // opened or closed, then says whether one is open there.
    bool settledOpen(const std::string& key);

private:
    struct Entry {
        std::weak_ptr<Core> core;
        bool opening = false;
    };
    bool busy(const std::string& key) const;  // mutex held

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, Entry> open_;
    std::map<std::string, int> closing_;
};

// The key the registry knows a path by: absolute, symlinks resolved as far
// as the path exists, no trailing separator.
std::string registryKey(const std::string& path);

// While one lives on a thread, that thread's opens do not wait for the
// registry (a store opening its own database).
class OwnOpen {
public:
    OwnOpen();
    ~OwnOpen();
    OwnOpen(const OwnOpen&) = delete;
    OwnOpen& operator=(const OwnOpen&) = delete;
    static bool active();
};

}  // namespace meridian::storage::hybrid
