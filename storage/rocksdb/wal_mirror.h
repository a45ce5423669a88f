// Internal: the write-ahead logs a following-live (secondary) instance sees.
//
// RocksDB's secondary replays every log in its wal_dir, under its database
// mutex, inside DB::OpenAsSecondary and again in each TryCatchUpWithPrimary.
// Beside a busy writer that is tens of megabytes of log at open: seconds
// before a first page, with no way to show progress or cancel. So a secondary
// of ours gets a wal_dir of its own, a folder of symbolic links to the
// writer's logs that starts empty: the open reads only the MANIFEST and the
// table files (the data as of the writer's last flush, a consistent state),
// and a catch-up first links the logs that appeared since, then replays them.
// Linking is what RocksDB would see listing the writer's folder at that
// moment, so a catch-up sees exactly what it would have without the mirror.
//
// Thread safety: none; the handle serialises catch-ups (handle.h).
// Errors: IOError with the folder and the system's reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "storage/status.h"

namespace meridian::storage::detail {

struct WalMirror {
    std::filesystem::path source;  // the writer's wal folder (the database folder unless wal_dir says otherwise)
    std::filesystem::path folder;  // ours: the secondary's wal_dir
};

// Makes `folder` (empty) for the logs of `source`.
Result<WalMirror> makeWalMirror(const std::filesystem::path& source, const std::filesystem::path& folder);

// The size of the writer's logs now (what a first catch-up replays at most).
std::uintmax_t logBytes(const WalMirror& mirror);

// Links every log of the source not linked yet, and removes the links whose
// log the writer has deleted (its data is in a table file by then).
Status linkNewLogs(const WalMirror& mirror);

}  // namespace meridian::storage::detail
