#include "decode/number_text.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace meridian::decode {

namespace {

template <class F>
std::string shortest(F value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, ec == std::errc{} ? end : buffer);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

}  // namespace

std::string floatText(double value) { return shortest(value); }
std::string floatText(float value) { return shortest(value); }

double halfToDouble(std::uint16_t half) {
    const int exponent = (half >> 10) & 0x1f;
    const int mantissa = half & 0x3ff;
    double value;
    if (exponent == 0)
        value = std::ldexp(mantissa, -24);
    else if (exponent != 31)
        value = std::ldexp(mantissa + 1024, exponent - 25);
    else
        value = mantissa == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    return (half & 0x8000) ? -value : value;
}

std::string isoTime(std::int64_t seconds, std::uint32_t nanoseconds) {
    using namespace std::chrono;
    // 0001-01-01 and 9999-12-31T23:59:59 in Unix seconds.
    constexpr std::int64_t kFirst = -62135596800LL;
    constexpr std::int64_t kLast = 253402300799LL;
    if (seconds < kFirst || seconds > kLast || nanoseconds >= 1000000000u) return {};
    const std::int64_t dayNumber = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    const std::int64_t inDay = seconds - dayNumber * 86400;
    const year_month_day date{sys_days{days{dayNumber}}};
    char buffer[64];
    int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                          static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                          static_cast<int>(inDay / 3600), static_cast<int>(inDay / 60 % 60), static_cast<int>(inDay % 60));
    std::string text(buffer, static_cast<std::size_t>(n));
    if (nanoseconds != 0) {
        if (nanoseconds % 1000000 == 0)
            n = std::snprintf(buffer, sizeof buffer, ".%03u", nanoseconds / 1000000);
        else if (nanoseconds % 1000 == 0)
            n = std::snprintf(buffer, sizeof buffer, ".%06u", nanoseconds / 1000);
        else
            n = std::snprintf(buffer, sizeof buffer, ".%09u", nanoseconds);
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return text + "Z";
}

std::optional<std::pair<std::int64_t, std::uint32_t>> parseIsoTime(std::string_view text) {
    using namespace std::chrono;
    // Digits at [at, at + n) as a number, or -1.
    auto field = [&text](std::size_t at, std::size_t n) -> int {
        if (at + n > text.size()) return -1;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text.back() != 'Z')
        return std::nullopt;
    const int y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2), s = field(17, 2);
    if (y < 1 || mo < 1 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    std::uint32_t nanoseconds = 0;
    const std::size_t fractionAt = 19;
    if (text.size() > 20) {
        const std::size_t digits = text.size() - 21;  // between '.' and 'Z'
        if (text[fractionAt] != '.' || digits < 1 || digits > 9) return std::nullopt;
        const int fraction = field(20, digits);
        if (fraction < 0) return std::nullopt;
        nanoseconds = static_cast<std::uint32_t>(fraction);
        for (std::size_t i = digits; i < 9; ++i) nanoseconds *= 10;
    }
    const std::int64_t days = sys_days{date}.time_since_epoch().count();
    return std::pair{days * 86400 + h * 3600 + mi * 60 + s, nanoseconds};
}

}  // namespace meridian::decode
