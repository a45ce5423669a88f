// OpenDialog: pick a database folder (native folder dialog) and the mode to
// open it in. The mode defaults to read-only, so that looking changes
// nothing, or to the mode the user chose for this database last time; the
// database's LOCK, probed off the UI thread as the path is typed, can narrow
// that: following live when another program holds it (read-only beside a
// live writer is undefined behaviour in RocksDB, so it is offered only when
// the lock is free), read-only when this user cannot write the folder
// (read-write is then off).
#pragma once

#include <QDialog>
#include <QTimer>

#include <functional>
#include <optional>

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
    // `remembered`: the mode the user last chose for a path, if any.
    using RememberedMode = std::function<std::optional<storage::OpenMode>(const QString& path)>;
    explicit OpenDialog(const QString& initialPath = {}, QWidget* parent = nullptr, RememberedMode remembered = {});

    QString path() const;
    storage::OpenMode mode() const;
    void setPath(const QString& path);

    // The mode to open in by default: read-only, or `remembered` when the
    // lock allows it, or following live when another program holds the lock.
    static storage::OpenMode defaultMode(const storage::LockDiagnosis& diagnosis,
                                         std::optional<storage::OpenMode> remembered = std::nullopt);

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
    QTimer typing_;                                 // probes once typing pauses
    RememberedMode remembered_;
};

}  // namespace meridian::ui
