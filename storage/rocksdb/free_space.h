// Internal: refuse a write that clearly will not fit on the disk, before any
// of it is written.
//
// RocksDB on a full disk fails part-way (a WAL record or a table file cut
// short), and what happens next depends on the release. We would rather say
// up front: "needs about 120.0 MiB free on the disk holding '<db>', which has
// 80.0 MiB free". The estimate is the caller's; this only compares it with
// what statvfs says is free for an unprivileged user.
//
// Thread safety: free functions, no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/status.h"

namespace meridian::storage::detail {

// Bytes free for ordinary users on the filesystem holding `path`; unset
// when the system will not say.
std::optional<std::uint64_t> freeBytes(const std::string& path);

// IOError "<what> needs about X free on the disk holding '<path>', which has
// Y free; nothing was written" when `needed` exceeds the free space; ok when
// it fits or the free space cannot be known.
Status checkFreeSpace(const std::string& path, std::uint64_t needed, const std::string& what);

// "120.0 MiB": one decimal, IEC units, as the rest of the tool prints sizes.
std::string byteSize(std::uint64_t bytes);

}  // namespace meridian::storage::detail
