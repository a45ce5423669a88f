// What the crash test's writer writes, so that the test can check every byte
// it was told had landed: synced puts of generated binary values, and imports
// of generated files, some in key order and some not.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace meridian::test::crash {

inline constexpr std::uint64_t kImportRecords = 20000;

// "put/<run>/<n, 6 digits>"
inline std::string putKey(int run, std::uint64_t n) {
    char key[48];
    std::snprintf(key, sizeof key, "put/%03d/%06llu", run, static_cast<unsigned long long>(n));
    return key;
}

// 1 to 4000 bytes, any byte value, NUL included.
inline std::string putValue(int run, std::uint64_t n) {
    std::string value(1 + (n * 7919 + static_cast<std::uint64_t>(run)) % 4000, '\0');
    for (std::size_t j = 0; j < value.size(); ++j)
        value[j] = static_cast<char>((static_cast<std::uint64_t>(run) * 31 + n * 17 + j * 13) & 0xFF);
    return value;
}

// "imp/<run>/<import>/<i, 6 digits>"
inline std::string importPrefix(int run, int import) {
    char prefix[48];
    std::snprintf(prefix, sizeof prefix, "imp/%03d/%03d/", run, import);
    return prefix;
}

inline std::string importKey(int run, int import, std::uint64_t i) {
    char tail[16];
    std::snprintf(tail, sizeof tail, "%06llu", static_cast<unsigned long long>(i));
    return importPrefix(run, import) + tail;
}

inline std::string importValue(int run, int import, std::uint64_t i) {
    return "value " + std::to_string(run) + "/" + std::to_string(import) + "/" + std::to_string(i) +
           std::string(static_cast<std::size_t>(i % 64), static_cast<char>('a' + i % 26));
}

}  // namespace meridian::test::crash
