// What the fuzz targets share. A target is a function libFuzzer calls with
// one input at a time (LLVMFuzzerTestOneInput); it returns 0, and stops the
// run with FUZZ_CHECK when a property the code promises does not hold.
// Crashes, sanitizer reports and exceptions that escape stop it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(condition)                                                                   \
    do {                                                                                        \
        if (!(condition)) {                                                                     \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                       \
        }                                                                                       \
    } while (false)

namespace meridian::fuzz {

inline std::string_view bytesOf(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace meridian::fuzz
