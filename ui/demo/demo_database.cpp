#include "ui/demo/demo_database.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "storage/demo_data.h"
#include "storage/factory.h"
#include "ui/common/async.h"

namespace meridian::ui {

QString demoDatabasePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("demo.rocksdb");
}

QFuture<storage::Status> ensureDemoDatabase(const QString& path) {
    const std::string p = path.toStdString();
    const bool exists = QFileInfo::exists(QDir(path).filePath("CURRENT"));
    return runOn(backgroundPool(), [p, exists]() -> storage::Status {
        if (exists) return {};
        // The demo is always real RocksDB data on disk, whatever the environment says.
        auto opened = storage::createStorage(
            p, storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        if (!opened.ok()) return opened.status;
        auto written = storage::writeDemoData(*opened.storage);
        return written.ok() ? storage::Status{} : written.status();
    });
}

}  // namespace meridian::ui
