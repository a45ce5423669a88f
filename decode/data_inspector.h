// The data inspector hex editors have: what the bytes at one offset read as,
// in every width, byte order and meaning at once (integers, floats, varints,
// Unix times in s / ms / µs / ns, a UUID), for the hex view's cursor.
//
// Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::decode {

struct Reading {
    std::string label;  // "uint32 BE", "Unix time ms (int64 LE)", "UUID"
    std::string value;  // "" when there are too few bytes (or no date: a time outside years 1..9999)
    std::size_t size = 0;  // bytes it reads (0 when value is "")
};

// The readings at `offset` of `bytes`; always the same rows in the same order.
std::vector<Reading> inspectBytes(std::string_view bytes, std::size_t offset);

}  // namespace meridian::decode
