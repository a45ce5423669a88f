// How the value editor decides to show bytes: which view fits a value (Text,
// Hex, JSON, or Decoded for bytes in a format decode/ reads), where a long value may be cut for a quick first look, and how
// big a value is in words.
//
// Pure functions over QByteArray (Qt Core only, no widgets): safe on any
// thread, so the classification of a large value runs on the worker that
// read it.
#pragma once

#include <QByteArray>
#include <QString>

#include <limits>

namespace meridian::ui {

enum class ValueView { Text, Hex, Json, Decoded };

QString viewName(ValueView view);  // "Text", "Hex", "JSON", "Decoded"

struct ViewChoice {
    ValueView view = ValueView::Hex;
    QString reason;  // "valid JSON", "printable UTF-8 text", "binary (not valid UTF-8)", ...
    // Decoded: the decoder the bytes were found to fit ("msgpack", "cbor",
    // "bson", "protobuf"), so the view need not read them a second time to guess.
    QString decoder;
};

// The view that fits: JSON for a well-formed JSON object or array, Text for
// printable UTF-8 (tabs and line breaks allowed; empty counts as text),
// Decoded for other bytes that look like MessagePack, CBOR, BSON or Protobuf
// (decode::guessFormat), Hex for everything else.
ViewChoice chooseView(const QByteArray& bytes);

// Keys: Text when printable UTF-8, otherwise Hex.
ValueView chooseKeyView(const QByteArray& key);

// True when `bytes` parses as a JSON object or array (QJsonDocument).
bool isJsonDocument(const QByteArray& bytes);

// The longest prefix of `bytes` no longer than `limit` that does not end in
// the middle of a UTF-8 sequence (for valid UTF-8; otherwise just `limit`).
qsizetype utf8CutPoint(const QByteArray& bytes, qsizetype limit);

// A value's or key's size, exact to the byte as the editor is: "0 bytes",
// "1 byte", "1,234 bytes", "4.0 MiB (4,194,304 bytes)" (from 1 MiB on, the
// common sizeText() first).
QString byteCountText(qsizetype bytes);

// How much of a value the Text and JSON views show before "Load all".
// The Hex view paints only visible rows and always shows everything.
constexpr qsizetype kQuickLookBytes = 1024 * 1024;
// A text editor lays out a whole line at once, and word-wrapping a long one
// takes time that grows with the square of its length (a 256 KiB line: 7 s
// in QPlainTextEdit). Text with lines longer than kLongLine is wrapped
// anywhere instead (linear), and its quick look is kQuickLookLongLines.
constexpr qsizetype kLongLine = 16 * 1024;
constexpr qsizetype kQuickLookLongLines = 128 * 1024;
constexpr qsizetype kShowAll = std::numeric_limits<qsizetype>::max();

// The longest run of bytes without a line feed in bytes[0, upTo).
qsizetype longestLine(const QByteArray& bytes, qsizetype upTo);
// How many bytes of `bytes` a text view shows for `limit` (kShowAll: all of
// them): at most `limit`, at most kQuickLookLongLines when lines are long,
// never in the middle of a UTF-8 character.
qsizetype quickLookCut(const QByteArray& bytes, qsizetype limit);
// Bytes that are not valid UTF-8, for reading: storage::escapeBytes() line by
// line, each line feed shown as \n and kept as a line break.
QString escapedForDisplay(const QByteArray& bytes);

}  // namespace meridian::ui
