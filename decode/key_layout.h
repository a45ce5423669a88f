// Key layouts: a small template language that says how a composite key is
// built, so keys can be shown as columns and typed as fields.
//
//   user:{u64be}:{utf8}            "user:", an 8-byte big-endian number, ":", text to the end
//   {u32be:tenant}{bytes:16:id}    a named 4-byte number, then 16 named raw bytes
//   order\x00{u64le:id}            a NUL byte in the literal part
//
// The language:
//  - Text outside braces is literal bytes. "\xNN" is any byte, "\\" a
//    backslash, "{{" and "}}" a brace.
//  - {TYPE}, {TYPE:NAME} or {TYPE:COUNT:NAME} is a field; TYPE is one of
//    decode/field_type.h's names (u8 ... f64le, varint, zigzag, uuid, utf8,
//    bytes). COUNT (utf8 and bytes only) fixes its length. NAME is letters,
//    digits and '_'; unnamed fields are called by their place: field1, ...
//  - A utf8 or bytes field without a count runs to the next literal, or to
//    the end of the key when it is last; two such fields may not follow one
//    another without a literal between (where one ends would be a guess).
//
// Typed keys (Go to Key, prefixes) are written the same way, each field's
// value in braces: "user:{42}:{alice}", "{7}{00112233445566778899aabbccddeeff}".
// Text may stop anywhere, which gives a prefix: "user:{42}:" is every key
// of user 42.
//
// Pure values and functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decode/field_type.h"
#include "storage/status.h"

namespace meridian::decode {

struct LayoutItem {
    bool literal = true;
    std::string bytes;  // literal: its bytes
    FieldType type;     // field: its type
    std::string name;   // field: its name ("field2" when the template has none)
};

struct KeyField {
    std::string name;
    FieldType type;
    FieldValue value;
    std::size_t offset = 0;  // where in the key
};

struct KeyMatch {
    std::vector<KeyField> fields;  // in key order; as far as they matched
    std::optional<std::size_t> mismatchAt;  // set when the key does not follow the layout
    std::string why;                        // "expected \":\" at byte 13", ...

    bool matches() const { return !mismatchAt; }
};

class KeyLayout {
public:
    // InvalidArgument with the place and reason for a template that is not
    // the language above ("at 7: unknown type u63be").
    static storage::Result<KeyLayout> parse(std::string_view layoutTemplate);

    const std::string& text() const { return text_; }
    const std::vector<LayoutItem>& items() const { return items_; }
    // The literal bytes every key of this layout starts with ("user:"; "" when it starts with a field).
    std::string fixedPrefix() const;
    // The fields' names, in order (a key list's columns).
    std::vector<std::string> fieldNames() const;

    KeyMatch match(std::string_view key) const;
    // The typed form of a key that matches: "user:{42}:{alice}". Its
    // encodeTyped() gives the key's bytes back exactly; nullopt when no typed
    // form would (a varint written longer than needed, a NaN with a payload).
    std::optional<std::string> typedText(std::string_view key) const;
    // The bytes a typed key stands for (see the header comment). A typed
    // key that stops early is the prefix so far. InvalidArgument saying
    // where the text and the layout part ways.
    storage::Result<std::string> encodeTyped(std::string_view typed) const;

private:
    std::string text_;
    std::vector<LayoutItem> items_;
};

// Literal text as bytes: "\xNN", "\\", "{{", "}}" (the layout's escapes).
// nullopt on a lone brace or a bad escape.
std::optional<std::string> unescapeLiteral(std::string_view text);
// Bytes as literal text that unescapeLiteral reads back.
std::string escapeLiteral(std::string_view bytes);

}  // namespace meridian::decode
