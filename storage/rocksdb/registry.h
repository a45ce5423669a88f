// The process-wide registry of open RocksDB databases (the notes'
// "GlobalStorage"): one open handle per canonical path.
//
// RocksDB refuses a second open of the same path inside one process ("IO
// error: lock hold by current process ... No locks available"). The registry
// makes that error unreachable: a second open of a database this process
// already has open gets the existing handle.
//
// Sharing rules, by the mode already open -> the mode asked for:
//   read-write -> anything: the same handle (a read-only view when asked for
//                 read-only or following live; writes through it are refused)
//   read-only  -> read-only: shared; following live: shared (read-only view)
//   following  -> following live, read-only: shared
//   read-only or following -> read-write: refused (LockHeld) until the
//                 other users close it; RocksDB cannot upgrade an open handle.
// A handle closes when its last user lets go; an open of the same path that
// races with that close waits for the close to finish instead of failing.
//
// Thread safety: all functions may be called from any thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "storage/rocksdb/handle.h"

namespace meridian::storage::detail {

struct Acquired {
    std::shared_ptr<RocksDbHandle> handle;
    bool shared = false;  // an already-open handle was reused
};

// Resolves `path` (symlinks, "..", trailing slashes) and returns the open
// handle for it, opening it with `request` when nobody has it open.
Result<Acquired> acquire(const std::string& path, const RocksDbOpenRequest& request);

// The mode this process has `canonicalPath` open in, if it has it open.
std::optional<OpenMode> openModeInProcess(const std::string& canonicalPath);

// Runs `work` with the mode this process has `path` open in (if any) while no
// open or close of any database in this process can start or finish. The
// lock doctor opens and closes LOCK inside it: closing a descriptor of LOCK
// would drop the lock of a read-write open that raced with it. `work` must
// not call back into the registry (it would deadlock).
void withOpensPaused(const std::string& path, const std::function<void(std::optional<OpenMode>)>& work);

}  // namespace meridian::storage::detail
