// A JSON object written as one line: the unit of meridian-db's --json output.
//
// Text fields (string(), strings()) that are not valid UTF-8 are written
// escaped (storage::escapeBytes), so the line always parses; keys and values
// go through bytes(), which is lossless. Fields appear in the order added.
// Strings are written by storage::jsonString (\b and \f in their short forms).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::cli {

class JsonLine {
public:
    JsonLine& string(std::string_view name, std::string_view utf8);
    JsonLine& number(std::string_view name, std::uint64_t value);
    JsonLine& number(std::string_view name, std::int64_t value);
    JsonLine& boolean(std::string_view name, bool value);
    JsonLine& null(std::string_view name);
    JsonLine& strings(std::string_view name, const std::vector<std::string>& utf8);
    // `raw` is already JSON (an object or array built elsewhere).
    JsonLine& raw(std::string_view name, std::string_view json);
    // Lossless bytes: "<name>" when the bytes are valid UTF-8 and hex is not
    // forced, otherwise "<name>_hex" with upper-case hex digits (no "0x").
    JsonLine& bytes(std::string_view name, std::string_view bytes, bool forceHex);

    // "{...}" without a newline.
    std::string str() const;

private:
    JsonLine& add(std::string_view name, std::string_view json);
    std::string body_;
};

}  // namespace meridian::cli
