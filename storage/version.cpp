#include "storage/version.h"

#include <rocksdb/version.h>

namespace meridian::storage {

std::string rocksdbVersion() { return rocksdb::GetRocksVersionAsString(true); }

}  // namespace meridian::storage
