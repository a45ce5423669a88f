// Numbers as text, the same way in every decoder: integers in decimal,
// floating point as the shortest text that reads back as the same value.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace meridian::decode {

// Shortest round-trip text with a decimal point or exponent, so it reads as
// floating point: "1.0", "0.1", "1e+300", "-0.0"; "NaN", "Infinity",
// "-Infinity" for the special values. The float overload is shortest for
// float ("0.1" for 0.1f, not 0.10000000149011612).
std::string floatText(double value);
std::string floatText(float value);

// IEEE 754 binary16 (CBOR's half precision) as a double, exactly.
double halfToDouble(std::uint16_t half);

// Unix time (seconds since 1970-01-01 UTC, with a fraction in nanoseconds) as
// ISO 8601 UTC, "2023-11-14T22:13:20Z" or "...:20.123Z" / ".123456789Z" when
// the fraction is not zero (trailing zeros in threes). Years outside
// 0001..9999 give "" (not a date a person means).
std::string isoTime(std::int64_t seconds, std::uint32_t nanoseconds = 0);

// The inverse: "YYYY-MM-DDTHH:MM:SS[.fraction of 1 to 9 digits]Z" to Unix
// seconds and nanoseconds. nullopt for any other text or an impossible date.
std::optional<std::pair<std::int64_t, std::uint32_t>> parseIsoTime(std::string_view text);

}  // namespace meridian::decode
