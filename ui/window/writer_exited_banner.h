// WriterExitedBanner: the strip above the key list when the program whose
// database this window follows live has exited (or was killed):
// "db_bench (PID 4242) has exited. The database is free." with
// [Open for Editing] and [Keep Following]. Open for Editing asks the window
// to reopen the database read-write (openForEditing()); Keep Following only
// hides the strip. Hidden otherwise.
//
// UI thread only.
#pragma once

#include "ui/common/banner.h"

class QPushButton;

namespace meridian::ui {

class WriterExitedBanner : public Banner {
    Q_OBJECT
public:
    explicit WriterExitedBanner(QWidget* parent = nullptr);
    // Shows the strip for the database at `path`, whose writer `writer`
    // ("db_bench (PID 4242)") has exited.
    void showExited(const QString& path, const QString& writer);
    QString path() const { return path_; }
    QPushButton* openForEditingButton() const { return edit_; }
    QPushButton* keepFollowingButton() const { return keep_; }

signals:
    void openForEditing(const QString& path);

private:
    QString path_;
    QPushButton* edit_;
    QPushButton* keep_;
};

}  // namespace meridian::ui
