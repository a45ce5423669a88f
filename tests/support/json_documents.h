// Realistic JSON values for benchmarks and tests: user profiles and
// analytics events of about 100 to 2,000 bytes, as a service keeps them one
// per key.
// Deterministic: the same seed always gives the same documents.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace meridian::test {

struct JsonDocument {
    std::string key;    // "user:000042" or "event:00001234"
    std::string value;  // one JSON object
};

// `count` documents, profiles and events interleaved (about one in three a
// profile), each 100 to 2,000 bytes.
std::vector<JsonDocument> makeJsonDocuments(std::size_t count, std::uint64_t seed = 20260214);

}  // namespace meridian::test
