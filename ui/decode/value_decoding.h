// Decoding one value off the UI thread, by whichever decoder applies:
// one the user set for the key's prefix (a decoder's name or an external
// command), or the format the bytes look like (decode::guessFormat).
//
// decodeValue() is meant for a worker thread (runOn(backgroundPool(), ...)):
// it may load a Protobuf schema (kept in a process-wide cache, by name, so
// each is parsed once) or run an external command (QProcess, waiting at most
// the configured timeout). Thread-safe. It never throws; every problem is in
// the result's failure.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "decode/decoded.h"
#include "ui/decode/decoded_tree.h"
#include "ui/decode/decoder_settings.h"

namespace meridian::ui {

struct DecodeChoice {
    // What to decode with: a decoder's name, "external" (with command and
    // timeout), or "" to guess from the bytes.
    PrefixDecoder decoder;
    // Why this decoder ("set for keys starting with pb:", "looks like CBOR").
    QString reason;
};

// The tree to show, or a Decoded with a failure; `reason` filled in when guessed.
DecodedTreePtr decodeValue(const QByteArray& bytes, const DecodeChoice& choice, const decode::Limits& limits = {});

// An external command's run: the value on its stdin; stdout that is JSON
// becomes the tree, other output is shown as text. A command that cannot
// start, exits with a failure or outlives `timeoutMs` (then killed) is a
// failure that says which, with the first line of its stderr.
decode::Decoded runExternalDecoder(const QString& command, const QByteArray& bytes, int timeoutMs);

// The message types of a .proto file or folder, for the user to pick one
// (loads and caches the schema; empty with `error` set when it does not load).
QStringList protobufMessageTypes(const QString& path, QString* error);

}  // namespace meridian::ui
