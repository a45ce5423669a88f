// The demo database: created once in the app's data folder, then reused.
#pragma once

#include <QFuture>
#include <QString>

#include "storage/status.h"

namespace meridian::ui {

// <AppDataLocation>/demo.rocksdb
QString demoDatabasePath();

// Creates the demo database at `path` unless it already holds one, on a
// worker thread. The result says what went wrong, if anything.
QFuture<storage::Status> ensureDemoDatabase(const QString& path);

}  // namespace meridian::ui
