#include "ui/decode/value_decoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "decode/protobuf_schema.h"
#include "decode/value_decoder.h"

namespace meridian::ui {

namespace {

// Loaded decoders by name: a schema is parsed once per process.
class DecoderCache {
public:
    storage::Result<decode::ValueDecoder> get(const std::string& name) {
        {
            std::lock_guard lock(mutex_);
            if (auto it = decoders_.find(name); it != decoders_.end()) return it->second;
        }
        // Loaded without the lock: a slow schema does not hold up other values' decoding.
        auto spec = decode::parseDecoderSpec(name);
        if (!spec.ok()) return spec.status();
        auto decoder = decode::ValueDecoder::make(spec.value());
        if (!decoder.ok()) return decoder.status();
        std::lock_guard lock(mutex_);
        return decoders_.emplace(name, decoder.value()).first->second;  // a load that finished first wins
    }

private:
    std::mutex mutex_;
    std::map<std::string, decode::ValueDecoder> decoders_;
};

DecoderCache& cache() {
    static DecoderCache instance;
    return instance;
}

decode::Node fromJson(const QJsonValue& value, const std::string& name) {
    decode::Node node;
    node.name = name;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: node.kind = decode::NodeKind::Null; node.type = "null"; break;
    case QJsonValue::Bool:
        node.kind = decode::NodeKind::Bool;
        node.type = "bool";
        node.value = value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Whole numbers within a double's exact range as integers (checked before the cast, which is
        // undefined out of range).
        const bool integral = qAbs(d) < 9007199254740992.0 && d == static_cast<double>(static_cast<qint64>(d));
        node.kind = integral ? decode::NodeKind::Integer : decode::NodeKind::Float;
        node.type = "number";
        node.value = integral ? std::to_string(static_cast<qint64>(d)) : QString::number(d, 'g', 17).toStdString();
        break;
    }
    case QJsonValue::String:
        node.kind = decode::NodeKind::String;
        node.type = "string";
        node.value = value.toString().toStdString();
        break;
    case QJsonValue::Array: {
        node.kind = decode::NodeKind::Array;
        node.type = "array";
        for (const QJsonValue& item : value.toArray()) node.children.push_back(fromJson(item, {}));
        break;
    }
    case QJsonValue::Object: {
        node.kind = decode::NodeKind::Map;
        node.type = "object";
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) node.children.push_back(fromJson(it.value(), it.key().toStdString()));
        break;
    }
    }
    return node;
}

QString firstLine(const QByteArray& text) {
    const QString s = QString::fromUtf8(text).trimmed();
    return s.section(QLatin1Char('\n'), 0, 0).left(300);
}

}  // namespace

decode::Decoded runExternalDecoder(const QString& command, const QByteArray& bytes, int timeoutMs) {
    decode::Decoded out;
    out.format = QObject::tr("external: %1").arg(command).toStdString();
    auto fail = [&](const QString& why) {
        out.failure = decode::Failure{0, why.toStdString()};
        return out;
    };
    QStringList args = QProcess::splitCommand(command);
    if (args.isEmpty()) return fail(QObject::tr("no command given"));
    const QString program = args.takeFirst();
    QProcess process;
    process.start(program, args);
    // Starting is not the command's time: a loaded machine may take a while to start it.
    if (!process.waitForStarted(std::max(timeoutMs, 10000)))
        return fail(QObject::tr("%1 did not start: %2").arg(program, process.errorString()));
    process.write(bytes);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return fail(QObject::tr("%1 did not finish within %2 s, so it was stopped").arg(program).arg(timeoutMs / 1000.0));
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return fail(QObject::tr("%1 crashed").arg(program));
    const QByteArray stdErr = process.readAllStandardError();
    if (process.exitCode() != 0) {
        const QString said = firstLine(stdErr);
        return fail(said.isEmpty() ? QObject::tr("%1 exited with %2").arg(program).arg(process.exitCode())
                                   : QObject::tr("%1 exited with %2: %3").arg(program).arg(process.exitCode()).arg(said));
    }
    const QByteArray stdOut = process.readAllStandardOutput();
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(stdOut, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull()) {
        out.root = fromJson(json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()), {});
        out.text = stdOut.toStdString();
    } else {
        out.root.kind = decode::NodeKind::String;
        out.root.type = "text";
        out.root.value = QString::fromUtf8(stdOut).toStdString();
        out.text = out.root.value;
    }
    return out;
}

DecodedTreePtr decodeValue(const QByteArray& bytes, const DecodeChoice& choice, const decode::Limits& limits) {
    const std::string_view view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const QString& name = choice.decoder.decoder;
    if (name == QLatin1String("external"))
        return buildDecodedTree(runExternalDecoder(choice.decoder.command, bytes, choice.decoder.timeoutMs));
    if (name.isEmpty()) {
        auto format = decode::guessFormat(view);
        if (!format) {
            decode::Decoded none;
            none.failure = decode::Failure{0, QObject::tr("These bytes look like no format the inspector knows; pick one above.").toStdString()};
            return buildDecodedTree(std::move(none));
        }
        const auto decoder = decode::ValueDecoder::forFormat(*format);
        return buildDecodedTree(decoder.decode(view, limits), &decoder, view);
    }
    auto decoder = cache().get(name.toStdString());
    if (!decoder.ok()) {
        decode::Decoded failed;
        failed.format = name.toStdString();
        failed.failure = decode::Failure{0, decoder.status().message()};
        return buildDecodedTree(std::move(failed));
    }
    return buildDecodedTree(decoder->decode(view, limits), &decoder.value(), view);
}

QStringList protobufMessageTypes(const QString& path, QString* error) {
    auto schema = decode::ProtobufSchema::load({path.toStdString()});
    if (!schema.ok()) {
        if (error) *error = QString::fromStdString(schema.status().message());
        return {};
    }
    QStringList types;
    for (const std::string& t : schema.value()->messageTypes()) types << QString::fromStdString(t);
    return types;
}

}  // namespace meridian::ui
