// How meridian-db turns argv into key/value bytes and bytes into output text.
#pragma once

#include <string>
#include <string_view>

#include "storage/status.h"

namespace meridian::cli {

// Plain-text output of a key or value: "0x" + upper-case hex with --hex (as
// `ldb --hex` prints), otherwise storage::escapeBytes (printable UTF-8 as is,
// everything else as \xNN), so no byte can break a line.
std::string formatBytes(std::string_view bytes, bool hex);

// A key or value from the command line: with --hex, hex digits with or
// without "0x"; otherwise the argument's bytes unchanged. `what` names the
// argument in the error ("key", "--prefix", ...).
storage::Result<std::string> parseBytes(std::string_view argument, bool hex, std::string_view what);

// One printable line for stderr: newlines and control bytes escaped.
std::string oneLine(std::string_view text);

}  // namespace meridian::cli
