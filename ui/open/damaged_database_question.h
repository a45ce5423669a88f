// The answer to a read-write open the storage layer refused because the
// database looks damaged (storage/rocksdb/damage_check.h: table files the
// MANIFEST does not list, a WAL that does not replay cleanly): opening it for
// writing would make RocksDB delete data for good. The box says what was
// found and offers what is safe: open it read-only (the view may be
// incomplete, and says so), or cancel. Nothing in the folder has changed.
//
// UI thread only. The box is window-modal and deletes itself when answered.
#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace meridian::ui {

// Shows the refusal `message` and calls `answered(true)` when the user
// chooses Open Read-Only, `answered(false)` on Cancel. Returns the box
// (object name "damagedDatabaseBox"), already open.
QMessageBox* askOpenDamagedReadOnly(QWidget* parent, const QString& message, std::function<void(bool)> answered);

}  // namespace meridian::ui
