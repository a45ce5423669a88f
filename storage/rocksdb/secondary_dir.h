// Internal: the scratch folder of a following-live (secondary) open.
//
// RocksDB keeps a secondary instance's own files (its LOG, ...) in a folder
// apart from the database. Ours is "<temp>/meridian-secondary-<pid>-XXXXXX"
// (<temp>: TMPDIR, else /tmp), removed when the database closes. A process
// that is killed cannot remove its own, so every secondary open first removes
// the ones left behind: only folders (never a symlink) named with a PID whose
// process is gone (kill(pid, 0) fails with ESRCH), and owned by the current
// user. A live process's folder, another user's, and a name without a PID are
// never touched.
//
// Thread safety: both functions may be called from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "storage/status.h"

namespace meridian::storage::detail {

// Removes the stale scratch folders in the temporary folder, then makes a new
// one there for this process. IOError when it cannot be made.
Result<std::string> makeSecondaryDir();

// The stale scratch folders in `tempDir` removed (see above); how many.
std::size_t removeStaleSecondaryDirs(const std::filesystem::path& tempDir);

}  // namespace meridian::storage::detail
