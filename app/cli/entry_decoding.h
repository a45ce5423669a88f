// --decode and --key-layout: what get and scan print for an entry when the
// user asked for its bytes' meaning, as JSON Lines:
//
//   {"key":"user:\u0000...","fields":{"id":42,"name":"email"},
//    "format":"MessagePack","value":{"a":1}}
//
// "fields" is the key read with the layout (null, with "key_error", for a key
// that does not follow it); "value" is the decoded value as decode/decoded.h's
// toJson writes it. A value its decoder cannot read is printed as its bytes
// ("value" or "value_hex") with "error": "not valid MessagePack at byte 7: ...",
// and the scan goes on. With --decode auto the format is guessed per value
// (decode/value_decoder.h: guessFormat); a value that fits none is printed as
// its bytes, without "format".
//
// Not thread-safe; one per command run.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/cli/arguments.h"
#include "app/cli/json_line.h"
#include "decode/key_layout.h"
#include "decode/value_decoder.h"
#include "storage/status.h"

namespace meridian::cli {

class EntryDecoding {
public:
    // Loads --decode's schema and parses --key-layout; InvalidArgument naming
    // the option on anything wrong with them.
    static storage::Result<EntryDecoding> fromArguments(const Arguments& args);

    // A key (or --prefix, --from, --after) from the command line: with
    // --key-layout and a '{' in it, typed fields ("user:{42}:"); otherwise as
    // parseBytes reads it (--hex).
    storage::Result<std::string> keyArgument(std::string_view argument, std::string_view what) const;

    // One entry's record; `value` is absent for --keys-only.
    std::string record(std::string_view key, std::optional<std::string_view> value) const;

private:
    bool hex_ = false;
    bool guess_ = false;  // --decode auto
    std::optional<decode::ValueDecoder> decoder_;
    std::optional<decode::KeyLayout> layout_;
};

}  // namespace meridian::cli
