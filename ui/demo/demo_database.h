// The demo database: created once in the app's data folder, then reused.
#pragma once

#include <QFuture>
#include <QString>

#include "storage/status.h"

namespace meridian::ui {

// <AppDataLocation>/demo.rocksdb
QString demoDatabasePath();

// Creates the demo database at `path` unless it already holds one, on a
// worker thread; adds the decoders section (decode/demo_values.h) to one
// made before it existed; saves that section's .proto schema beside it and
// sets its decoders and key layouts, unless the user set their own. The
// result says what went wrong, if anything.
QFuture<storage::Status> ensureDemoDatabase(const QString& path);

}  // namespace meridian::ui
