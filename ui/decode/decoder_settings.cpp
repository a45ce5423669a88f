#include "ui/decode/decoder_settings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

#include <algorithm>

#include "storage/bytes.h"

namespace meridian::ui {

namespace {

QString prefixText(const QByteArray& prefix) {
    return QString::fromStdString(storage::escapeBytes(prefix.toStdString()));
}

// An external decoder's time limit as a file may give it: 100 ms to 10 minutes.
int clampedTimeout(int ms) { return std::clamp(ms, 100, 600000); }

std::optional<QByteArray> prefixBytes(const QString& text) {
    auto bytes = storage::unescapeBytes(text.toStdString());
    if (!bytes) return std::nullopt;
    return QByteArray::fromStdString(*bytes);
}

}  // namespace

DecoderSettings::DecoderSettings(const QString& databasePath, QObject* parent) : QObject(parent) {
    if (!databasePath.isEmpty()) {
        const QString canonical = QDir(databasePath).canonicalPath();
        const QByteArray hash = QCryptographicHash::hash((canonical.isEmpty() ? databasePath : canonical).toUtf8(),
                                                         QCryptographicHash::Sha1);
        settingsKey_ = QStringLiteral("decoders/") + QString::fromLatin1(hash.toHex());
    }
    load();
}

std::optional<PrefixDecoder> DecoderSettings::decoderFor(const QByteArray& key) const {
    const PrefixDecoder* best = nullptr;
    for (const PrefixDecoder& d : decoders_)
        if (key.startsWith(d.prefix) && (!best || d.prefix.size() > best->prefix.size())) best = &d;
    if (!best) return std::nullopt;
    return *best;
}

void DecoderSettings::setDecoder(const PrefixDecoder& decoder) {
    removeDecoder(decoder.prefix);
    decoders_.append(decoder);
    save();
    emit changed();
}

void DecoderSettings::removeDecoder(const QByteArray& prefix) {
    const auto removed = decoders_.removeIf([&](const PrefixDecoder& d) { return d.prefix == prefix; });
    if (removed > 0) {
        save();
        emit changed();
    }
}

bool DecoderSettings::setLayouts(const QStringList& templates, QString* error) {
    std::vector<decode::KeyLayout> parsed;
    for (const QString& text : templates) {
        auto layout = decode::KeyLayout::parse(text.toStdString());
        if (!layout.ok()) {
            if (error) *error = QString::fromStdString(layout.status().message());
            return false;
        }
        parsed.push_back(std::move(layout.value()));
    }
    layouts_ = templates;
    parsed_ = std::move(parsed);
    save();
    emit changed();
    return true;
}

std::optional<decode::KeyLayout> DecoderSettings::layoutFor(const QByteArray& key) const {
    std::vector<const decode::KeyLayout*> candidates;
    const std::string k = key.toStdString();
    for (const decode::KeyLayout& l : parsed_)
        if (k.starts_with(l.fixedPrefix())) candidates.push_back(&l);
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto* a, const auto* b) {
        return a->fixedPrefix().size() > b->fixedPrefix().size();
    });
    for (const decode::KeyLayout* l : candidates)
        if (l->match(k).matches()) return *l;
    return std::nullopt;
}

std::optional<decode::KeyLayout> DecoderSettings::layoutUnder(const QByteArray& prefix) const {
    const std::string p = prefix.toStdString();
    const decode::KeyLayout* best = nullptr;
    for (const decode::KeyLayout& l : parsed_)
        if (p.starts_with(l.fixedPrefix()) && (!best || l.fixedPrefix().size() > best->fixedPrefix().size())) best = &l;
    if (best) return *best;
    const decode::KeyLayout* only = nullptr;
    for (const decode::KeyLayout& l : parsed_) {
        if (!l.fixedPrefix().starts_with(p)) continue;
        if (only) return std::nullopt;  // several: no one set of columns
        only = &l;
    }
    if (only) return *only;
    return std::nullopt;
}

std::optional<std::string> DecoderSettings::encodeTyped(const QString& text) const {
    if (!text.contains(QLatin1Char('{')) || !text.contains(QLatin1Char('}'))) return std::nullopt;
    std::vector<const decode::KeyLayout*> order;
    for (const decode::KeyLayout& l : parsed_) order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
        return a->fixedPrefix().size() > b->fixedPrefix().size();
    });
    const std::string typed = text.toStdString();
    for (const decode::KeyLayout* l : order)
        if (auto bytes = l->encodeTyped(typed); bytes.ok()) return std::move(bytes.value());
    return std::nullopt;
}

QJsonObject DecoderSettings::toJson() const {
    QJsonArray prefixes;
    for (const PrefixDecoder& d : decoders_) {
        QJsonObject entry{{QStringLiteral("prefix"), prefixText(d.prefix)}, {QStringLiteral("decoder"), d.decoder}};
        if (d.decoder == QLatin1String("external")) {
            entry.insert(QStringLiteral("command"), d.command);
            entry.insert(QStringLiteral("timeout_ms"), d.timeoutMs);
        }
        prefixes.append(entry);
    }
    return {{QStringLiteral("prefixes"), prefixes}, {QStringLiteral("layouts"), QJsonArray::fromStringList(layouts_)}};
}

bool DecoderSettings::fromJson(const QJsonObject& json, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!json.value(QStringLiteral("prefixes")).isArray() && !json.value(QStringLiteral("layouts")).isArray())
        return fail(tr("not a decoder settings file (no \"prefixes\" or \"layouts\")"));
    QList<PrefixDecoder> decoders;
    for (const QJsonValue& v : json.value(QStringLiteral("prefixes")).toArray()) {
        const QJsonObject o = v.toObject();
        auto prefix = prefixBytes(o.value(QStringLiteral("prefix")).toString());
        const QString decoder = o.value(QStringLiteral("decoder")).toString();
        if (!prefix || decoder.isEmpty()) return fail(tr("a prefix entry without a readable prefix and decoder"));
        PrefixDecoder d{*prefix, decoder, o.value(QStringLiteral("command")).toString(),
                        clampedTimeout(o.value(QStringLiteral("timeout_ms")).toInt(5000))};
        if (d.decoder == QLatin1String("external") && d.command.trimmed().isEmpty())
            return fail(tr("an external decoder without a command"));
        if (d.decoder != QLatin1String("external") && !decode::parseDecoderSpec(d.decoder.toStdString()).ok())
            return fail(tr("unknown decoder %1").arg(d.decoder));
        decoders.append(d);
    }
    QStringList layouts;
    for (const QJsonValue& v : json.value(QStringLiteral("layouts")).toArray()) layouts << v.toString();
    QString layoutError;
    const QList<PrefixDecoder> before = decoders_;
    decoders_ = decoders;
    if (!setLayouts(layouts, &layoutError)) {
        decoders_ = before;
        return fail(layoutError);
    }
    return true;
}

void DecoderSettings::save() const {
    if (settingsKey_.isEmpty()) return;
    QSettings().setValue(settingsKey_, QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact)));
}

void DecoderSettings::load() {
    if (settingsKey_.isEmpty()) return;
    const QString stored = QSettings().value(settingsKey_).toString();
    if (stored.isEmpty()) return;
    const QJsonObject json = QJsonDocument::fromJson(stored.toUtf8()).object();
    QList<PrefixDecoder> decoders;
    for (const QJsonValue& v : json.value(QStringLiteral("prefixes")).toArray()) {
        const QJsonObject o = v.toObject();
        if (auto prefix = prefixBytes(o.value(QStringLiteral("prefix")).toString()))
            decoders.append({*prefix, o.value(QStringLiteral("decoder")).toString(),
                             o.value(QStringLiteral("command")).toString(), clampedTimeout(o.value(QStringLiteral("timeout_ms")).toInt(5000))});
    }
    decoders_ = decoders;
    for (const QJsonValue& v : json.value(QStringLiteral("layouts")).toArray()) {
        auto layout = decode::KeyLayout::parse(v.toString().toStdString());
        if (!layout.ok()) continue;  // written by a version that knew more types: skip, keep the rest
        layouts_ << v.toString();
        parsed_.push_back(std::move(layout.value()));
    }
}

}  // namespace meridian::ui
