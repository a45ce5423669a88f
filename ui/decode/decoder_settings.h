// DecoderSettings: what the user told the inspector about one database's
// bytes, remembered for the next time it is opened: a decoder per key
// prefix (a name decode/value_decoder.h reads, or an external command) and
// the key layouts (decode/key_layout.h).
//
// Stored in QSettings ("decoders/<hash of the database's folder>") as JSON,
// and exported / imported as a JSON file (toJson / fromJson):
//   {"prefixes": [{"prefix": "pb:order:", "decoder": "protobuf:/p/order.proto:shop.Order"},
//                 {"prefix": "img:", "decoder": "external", "command": "mydecoder --json",
//                  "timeout_ms": 5000}],
//    "layouts": ["pb:order:{u32be:tenant}{u64be:order}"]}
// Prefixes are written as storage::escapeBytes writes bytes (\xNN for the
// rest), so any byte survives the file.
//
// An external command is only ever one the user typed here; nothing else
// starts a program. UI thread only.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

#include "decode/key_layout.h"
#include "decode/value_decoder.h"

namespace meridian::ui {

struct PrefixDecoder {
    QByteArray prefix;
    QString decoder;         // a decoder's name, or "external"
    QString command;         // external: the command line (QProcess::splitCommand)
    int timeoutMs = 5000;    // external: killed after this long
};

class DecoderSettings : public QObject {
    Q_OBJECT
public:
    // `databasePath` "" keeps the settings in memory only (a memory store).
    explicit DecoderSettings(const QString& databasePath, QObject* parent = nullptr);

    // The decoder for `key`: the one whose prefix is the longest that `key` starts with.
    std::optional<PrefixDecoder> decoderFor(const QByteArray& key) const;
    QList<PrefixDecoder> decoders() const { return decoders_; }
    // Adds or replaces the decoder for `decoder.prefix`.
    void setDecoder(const PrefixDecoder& decoder);
    void removeDecoder(const QByteArray& prefix);

    QStringList layouts() const { return layouts_; }
    // Replaces the layouts; InvalidArgument-style message (and nothing
    // changed) when one does not parse.
    bool setLayouts(const QStringList& templates, QString* error = nullptr);
    // The layout for `key`: of those whose fixed prefix `key` starts with, the
    // longest prefix first, the first that matches the key wholly.
    std::optional<decode::KeyLayout> layoutFor(const QByteArray& key) const;
    // The layout for keys under `prefix`: the one with the longest fixed
    // prefix that `prefix` starts with, or that starts with `prefix`
    // when only one does (columns for a list of keys under a prefix).
    std::optional<decode::KeyLayout> layoutUnder(const QByteArray& prefix) const;
    // Typed fields ("user:{42}:") read with the first layout that reads them
    // (the longest fixed prefix first); nullopt when `text` has no field in
    // braces or no layout reads it.
    std::optional<std::string> encodeTyped(const QString& text) const;

    QJsonObject toJson() const;
    // Replaces everything with `json` (an export); false with the reason when it is not one.
    bool fromJson(const QJsonObject& json, QString* error);

signals:
    void changed();

private:
    void save() const;
    void load();

    QString settingsKey_;
    QList<PrefixDecoder> decoders_;
    QStringList layouts_;
    std::vector<decode::KeyLayout> parsed_;
};

}  // namespace meridian::ui
