// typedBytes: what the user typed in a key or prefix box, read as bytes in
// the syntax the key list shows keys in:
//   - Hex: hex digits, "0x" first optional, spaces between bytes allowed
//     ("00 ff 61", "00ff61", "0x00FF61");
//   - Escaped: UTF-8 text, \xNN for any byte, \\ for a backslash, \t \n \r;
//   - Auto: as Escaped, but text whose escapes do not parse is taken as it
//     is (Auto shows printable keys as they are, backslashes included).
// nullopt when the text is not valid in that syntax (an odd number of hex
// digits, a dangling or unknown escape in Escaped mode).
//
// typedBytesHint() says what the syntax is, for a placeholder and tooltip.
// Thread safety: pure functions.
#pragma once

#include <QString>

#include <optional>
#include <string>

#include "storage/bytes.h"

namespace meridian::ui {

std::optional<std::string> typedBytes(const QString& text, storage::ByteDisplay display);

// The text that typedBytes() reads back as `bytes` in that syntax.
QString typedText(const std::string& bytes, storage::ByteDisplay display);

// What the syntax is, for a placeholder and tooltip.
QString typedBytesHint(storage::ByteDisplay display);

}  // namespace meridian::ui
