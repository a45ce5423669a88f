// JSON for the value editor's JSON view, without QJsonDocument's losses.
//
// QJsonDocument validates and says where a parse broke, and we use it for
// exactly that. It is not used to show or write a value: it sorts object
// keys, merges duplicate keys and rounds integers beyond 2^53, so a value
// re-serialised through it is not the value the user had. Instead:
//
//  - prettyJson() re-indents by changing whitespace between tokens only:
//    strings, numbers and literals are copied byte for byte, keys keep their
//    order and duplicates. (Whitespace inside strings is never touched.)
//  - parseJsonTree() lists the nodes in document order for the tree, with
//    numbers exactly as written.
//
// Both expect JSON that QJsonDocument accepted; on anything else they do
// their best without crashing (prettyJson copies what it does not
// understand; parseJsonTree returns no nodes). Pure functions, any thread.
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace meridian::ui {

// Indented with `indent` spaces per level, "key": value, one element per
// line, empty containers as {} and [], no trailing newline.
QByteArray prettyJson(const QByteArray& json, int indent = 4);

enum class JsonKind { Object, Array, String, Number, Bool, Null };

struct JsonNode {
    JsonKind kind = JsonKind::Null;
    QString name;               // object member name (unescaped), "[i]" in arrays, "" for the root
    QString value;              // scalars as written (strings unescaped); "{n}" / "[n]" for containers
    std::vector<int> children;  // indices into the node list
};

// Node 0 is the root. Empty when `json` is not a JSON document.
std::vector<JsonNode> parseJsonTree(const QByteArray& json);

// "line 3, column 7" for a byte offset into `text` (QJsonParseError::offset).
// Columns count characters, not bytes.
QString jsonLocation(const QByteArray& text, qsizetype offset);

}  // namespace meridian::ui
