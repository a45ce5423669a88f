// Dump files: one key-value record per line, in the formats `ldb dump` writes
// and `ldb load` reads (RocksDB 7.8 tools/ldb_cmd.cc, checked against the real
// ldb), and JSON Lines.
//
//   LdbHex     "0x6B31 ==> 0x7631"  (ldb dump --hex / ldb load --hex)
//              Upper-case hex on output; "0x" (lower-case x, as ldb demands)
//              then hex digits of either case on input; "0x" alone is the
//              empty string. Carries every byte string.
//   LdbText    "k1 ==> v1"          (ldb dump / ldb load)
//              The bytes themselves; a line splits at the FIRST " ==> ". It
//              cannot carry a newline in a key or value, nor " ==> " in a key
//              (or " ==>" at its end, which would split the line early):
//              encoding such a record fails rather than write a line that
//              would load as something else. (ldb dump itself also stops a
//              line at the first NUL; we write NUL bytes as they are, and
//              ldb load reads them back exactly.)
//   JsonLines  {"key":"k1","value":"v1"}
//              A field holds the bytes as a JSON string when they are valid
//              UTF-8 (control characters escaped), otherwise it is named
//              "key_base64" / "value_base64" and holds standard base64 with
//              padding. Input: exactly one key field and one value field, in
//              any order, nothing else; \uXXXX escapes (surrogate pairs
//              joined) must spell valid UTF-8.
//
// Lines end with '\n'; a last line without it is still read (as ldb does).
// Lines that are not records: both ldb formats end a dump with the summary
// "Keys in range: <n>" (written on export, skipped on import, as ldb load
// skips it and ldb's "Created bg thread 0x..." noise). JSON Lines skips blank
// lines. Anything else is malformed: parseLine says why, and the importer
// stops there (where ldb load would skip the line and warn).
//
// Pure functions over byte strings; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/codec.h"  // toBase64 / fromBase64, the "_base64" fields' codec
#include "storage/status.h"

namespace meridian::storage {

enum class DumpFormat { LdbText, LdbHex, JsonLines };

// "ldb", "ldb --hex", "jsonl".
const char* dumpFormatName(DumpFormat format);

// Appends one record, '\n' included. InvalidArgument (naming the problem,
// not the key) when LdbText cannot carry it; nothing is appended then.
Status appendRecord(std::string& out, DumpFormat format, std::string_view key, std::string_view value);
// What ends a dump of `keys` records: "Keys in range: <keys>\n" for the ldb
// formats (as ldb dump prints it), "" for JSON Lines.
std::string dumpTrailer(DumpFormat format, std::uint64_t keys);

enum class LineKind { Record, Skipped };
// Parses one line (without its '\n'). On Record, `key` and `value` hold the
// bytes (their old contents are replaced; their capacity is reused). On a
// malformed line, InvalidArgument with the reason ("no ' ==> ' separator").
Result<LineKind> parseLine(DumpFormat format, std::string_view line, std::string& key, std::string& value);

// The format of a file that starts with `head` (its first bytes): JsonLines
// when the first non-blank character is '{', otherwise an ldb format, LdbHex
// when `hex` is set (the caller's --hex, as with ldb load).
DumpFormat detectFormat(std::string_view head, bool hex);

}  // namespace meridian::storage
