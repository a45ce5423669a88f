// MainWindow and the Lock Doctor: Tools > Lock Doctor, and the panel shown
// instead of a plain error box when an open fails on the database's LOCK.
#include <QStatusBar>

#include "ui/lockdoctor/lock_doctor_panel.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_databases.h"

namespace meridian::ui {

LockDoctorPanel* MainWindow::ensureLockDoctor() {
    if (lockDoctor_) return lockDoctor_;
    lockDoctor_ = new LockDoctorPanel(this);
    connect(lockDoctor_, &LockDoctorPanel::openRequested, this,
            [this](const QString& path, storage::OpenMode mode, bool inMemory) {
                openDatabase(path, mode, storage::StorageConfig{}.withForceMemory(inMemory));
            });
    connect(lockDoctor_, &LockDoctorPanel::message, this, [this](const QString& text, bool error) {
        log_->append(error ? storage::LogLevel::Error : storage::LogLevel::Warning, text);
        statusBar()->showMessage(text, 5000);
    });
    return lockDoctor_;
}

void MainWindow::showLockDoctor(const QString& path) {
    QString target = path;
    if (target.isEmpty() && session_) target = QString::fromStdString(session_->report().path);
    if (target.isEmpty() && lockDoctor_) target = lockDoctor_->path();
    if (target.isEmpty()) {
        const QStringList recent = RecentDatabases::load();
        if (!recent.isEmpty()) target = recent.first();
    }
    ensureLockDoctor()->inspect(target);
}

bool MainWindow::offerLockDoctor(const QString& path, storage::OpenMode mode, const storage::OpenResult& result) {
    const auto code = result.status.code();
    const bool aboutTheLock = code == storage::Status::Code::LockHeld ||
                              (code == storage::Status::Code::Unsupported && result.report.lock.has_value());
    if (!aboutTheLock) return false;
    const QString message = QString::fromStdString(result.status.message());
    log_->append(storage::LogLevel::Error, message);
    statusBar()->showMessage(tr("Could not open the database: see the Lock Doctor"), 5000);
    ensureLockDoctor()->inspect(path, mode, message, result.report.lock);
    return true;
}

}  // namespace meridian::ui
