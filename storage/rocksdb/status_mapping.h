// Internal: turns RocksDB's statuses into ours. Not part of the public API.
#pragma once

#include <rocksdb/status.h>

#include <string>

#include "storage/status.h"

namespace meridian::storage::detail {

// Classifies by RocksDB's code and, for I/O errors about LOCK, by its text
// (RocksDB 7.8 env/fs_posix.cc; the exact texts are in rocksdb_status.cpp):
//   "lock hold by current process"          -> LockHeld (this process has it open)
//   "While lock file: ... temporarily unavailable" / "Resource busy" / "Permission denied"
//                                            -> LockHeld (another process holds it)
//   "While lock file: ... No locks available" / "... not supported"
//                                            -> Unsupported (no locking on this filesystem)
//   "while open a file for lock: ..."        -> IOError (LOCK cannot be opened: a folder, no permission)
// `context` (usually the database path) prefixes the message. RocksDB's own
// code ("Corruption: ", "IO error: ", ...) is left out of the message, which
// already has ours: a corruption reads "<context>: the database's files are
// damaged: <RocksDB's words>".
Status fromRocks(const rocksdb::Status& status, const std::string& context = {});

// `text` without the codes rocksdb::Status::ToString() puts in front of it
// (every one, when RocksDB wrapped a status in another).
std::string withoutRocksPrefix(std::string text);

}  // namespace meridian::storage::detail
