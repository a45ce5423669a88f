#include "app/cli/byte_format.h"

#include "storage/bytes.h"
#include "storage/codec.h"

namespace meridian::cli {

std::string formatBytes(std::string_view bytes, bool hex) {
    return hex ? "0x" + storage::toHex(bytes) : storage::escapeBytes(bytes);
}

storage::Result<std::string> parseBytes(std::string_view argument, bool hex, std::string_view what) {
    if (!hex) return std::string(argument);
    auto decoded = storage::fromHex(argument);
    if (!decoded)
        return storage::Status::invalidArgument(std::string(what) + " '" + storage::escapeBytes(argument) +
                                                "' is not hex (--hex expects pairs of hex digits, like 0x00FF)");
    return std::move(*decoded);
}

std::string oneLine(std::string_view text) {
    // escapeBytes keeps printable UTF-8 and writes \n, \t, \xNN for the rest;
    // backslashes stay single: doubled ones would only confuse a message.
    std::string out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = text.find('\\', start);
        out += storage::escapeBytes(text.substr(start, slash == std::string_view::npos ? slash : slash - start));
        if (slash == std::string_view::npos) return out;
        out.push_back('\\');
        start = slash + 1;
    }
}

}  // namespace meridian::cli
