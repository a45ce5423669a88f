#include "ui/demo/demo_database.h"

#include <QDir>
#include <QSaveFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "decode/demo_values.h"
#include "storage/demo_data.h"
#include "storage/factory.h"
#include "ui/common/async.h"
#include "ui/decode/decoder_settings.h"

namespace meridian::ui {

QString demoDatabasePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("demo.rocksdb");
}

namespace {

// The demo's schema beside it, and its decoders and key layouts set, unless
// the user has set some of their own for it already.
storage::Status presetDecoders(const QString& path) {
    const QString protoPath = QFileInfo(path).dir().filePath(QString::fromLatin1(decode::demoProtoFileName()));
    QSaveFile proto(protoPath);
    if (!proto.open(QIODevice::WriteOnly | QIODevice::Truncate) || proto.write(decode::demoProtoText()) < 0 || !proto.commit())
        return storage::Status::ioError("cannot write " + protoPath.toStdString() + ": " + proto.errorString().toStdString());
    DecoderSettings settings(path);
    if (!settings.decoders().isEmpty() || !settings.layouts().isEmpty()) return {};
    QStringList layouts;
    for (const decode::DemoPrefix& d : decode::demoDecoderPrefixes(protoPath.toStdString())) {
        settings.setDecoder({QByteArray::fromStdString(d.prefix), QString::fromStdString(d.decoder), {}, 5000});
        layouts << QString::fromStdString(d.keyLayout);
    }
    settings.setLayouts(layouts);
    return {};
}

}  // namespace

QFuture<storage::Status> ensureDemoDatabase(const QString& path) {
    const std::string p = path.toStdString();
    const bool exists = QFileInfo::exists(QDir(path).filePath("CURRENT"));
    return runOn(backgroundPool(), [path, p, exists]() -> storage::Status {
        // The demo is always real RocksDB data on disk, whatever the environment says.
        auto opened = storage::createStorage(
            p, storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        if (!opened.ok()) return exists ? storage::Status{} : opened.status;  // in use: it is there already
        if (!exists) {
            auto written = storage::writeDemoData(*opened.storage);
            if (!written.ok()) return written.status();
        }
        // A demo made before the decoders section gains it.
        if (!opened.storage->get(decode::demoDecoderMarkerKey()).ok()) {
            if (auto s = decode::writeDecoderDemo(*opened.storage); !s.ok()) return s;
        }
        opened.storage.reset();
        return presetDecoders(path);
    });
}

}  // namespace meridian::ui
