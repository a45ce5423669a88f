// The RocksDB library this program runs with, for About boxes and bug
// reports. Front ends call this instead of including RocksDB's headers
// (ui/ never does). Thread-safe.
#pragma once

#include <string>

namespace meridian::storage {

// "7.8.3": the version the loaded RocksDB library reports, which can be newer
// than the headers it was built against.
std::string rocksdbVersion();

}  // namespace meridian::storage
