// BackendBadge: the permanent status-bar badge that says which backend is
// live ("RocksDB · read-write", "RocksDB · following live", "In memory · not
// saved" in a warning colour) and why. Clicking it shows the open report.
#pragma once

#include <QToolButton>

#include "storage/factory.h"
#include "storage/storage.h"

namespace meridian::ui {

class BackendBadge : public QToolButton {
    Q_OBJECT
public:
    explicit BackendBadge(QWidget* parent = nullptr);
    void setReport(const storage::OpenReport& report, const storage::StorageInfo& info);
    void clear();
    bool isWarning() const { return warning_; }
    // The report as shown in the details dialog.
    QString details() const { return details_; }
    static QString reasonText(const storage::OpenReport& report);

signals:
    void detailsRequested();

private:
    void applyStyle();
    bool warning_ = false;
    QString details_;
};

}  // namespace meridian::ui
