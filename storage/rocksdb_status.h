// Internal: turns RocksDB's statuses into ours. Not part of the public API.
#pragma once

#include <rocksdb/status.h>

#include <string>

#include "storage/status.h"

namespace meridian::storage::detail {

// Classifies by RocksDB's code and, for I/O errors about LOCK, by its text:
//   "lock hold by current process"          -> LockHeld (this process has it open)
//   "While lock file: ... temporarily unavailable" / "... Resource busy"
//                                            -> LockHeld (another process holds it)
//   "... No locks available" / "not supported" on LOCK
//                                            -> Unsupported (no locking on this filesystem)
// `context` (usually the database path) prefixes the message.
Status fromRocks(const rocksdb::Status& status, const std::string& context = {});

}  // namespace meridian::storage::detail
