#include "app/cli/json_line.h"

#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::cli {

namespace {

// meridian-db's --json has always written \b and \f in their short forms.
std::string jsonString(std::string_view text) {
    return storage::jsonString(text, storage::JsonShortEscapes::WithBackspaceFormFeed);
}

// Text fields (paths, messages) that are not valid UTF-8 are shown escaped
// rather than breaking the JSON. Keys and values go through bytes() instead.
std::string textLiteral(std::string_view text) {
    return jsonString(storage::isValidUtf8(text) ? std::string(text) : storage::escapeBytes(text));
}

}  // namespace

JsonLine& JsonLine::add(std::string_view name, std::string_view json) {
    if (!body_.empty()) body_.push_back(',');
    body_ += jsonString(name);
    body_.push_back(':');
    body_ += json;
    return *this;
}

JsonLine& JsonLine::string(std::string_view name, std::string_view utf8) { return add(name, textLiteral(utf8)); }

JsonLine& JsonLine::number(std::string_view name, std::uint64_t value) { return add(name, std::to_string(value)); }

JsonLine& JsonLine::number(std::string_view name, std::int64_t value) { return add(name, std::to_string(value)); }

JsonLine& JsonLine::boolean(std::string_view name, bool value) { return add(name, value ? "true" : "false"); }

JsonLine& JsonLine::null(std::string_view name) { return add(name, "null"); }

JsonLine& JsonLine::strings(std::string_view name, const std::vector<std::string>& utf8) {
    std::string array = "[";
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (i) array.push_back(',');
        array += textLiteral(utf8[i]);
    }
    array.push_back(']');
    return add(name, array);
}

JsonLine& JsonLine::raw(std::string_view name, std::string_view json) { return add(name, json); }

JsonLine& JsonLine::bytes(std::string_view name, std::string_view bytes, bool forceHex) {
    if (!forceHex && storage::isValidUtf8(bytes)) return add(name, jsonString(bytes));
    return add(std::string(name) + "_hex", jsonString(storage::toHex(bytes)));
}

std::string JsonLine::str() const { return "{" + body_ + "}"; }

}  // namespace meridian::cli
