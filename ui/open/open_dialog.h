// OpenDialog: pick a database folder (native folder dialog) and the mode to
// open it in. The mode defaults to what the database's LOCK allows, probed off
// the UI thread: read-write when the lock is free, following live when another
// program holds it (read-only beside a live writer is undefined behaviour in
// RocksDB, so it is offered only when the lock is free), read-only when this
// user cannot write the folder (read-write is then off).
#pragma once

#include <QDialog>

#include "storage/lock/lock_probe.h"
#include "storage/storage.h"
#include "ui/common/async.h"

class QButtonGroup;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace meridian::ui {

class OpenDialog : public QDialog {
    Q_OBJECT
public:
    explicit OpenDialog(const QString& initialPath = {}, QWidget* parent = nullptr);

    QString path() const;
    storage::OpenMode mode() const;
    void setPath(const QString& path);

    // The mode a lock state allows by default.
    static storage::OpenMode defaultMode(const storage::LockDiagnosis& diagnosis);

private:
    void probe();
    void applyDiagnosis(const storage::LockDiagnosis& diagnosis);

    QLineEdit* path_;
    QRadioButton* readWrite_;
    QRadioButton* readOnly_;
    QRadioButton* secondary_;
    QButtonGroup* modes_;
    QLabel* lockState_;
    LatestOnly<storage::LockDiagnosis> probing_;  // the path typed last
};

}  // namespace meridian::ui
