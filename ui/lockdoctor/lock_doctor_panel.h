// LockDoctorPanel: a database's LOCK as a person wants to see it (the file,
// who holds it, what that means) and the actions that are safe right now.
// Unsafe actions stay visible but disabled, with the reason in their tooltip
// and in a line of text under them.
//
// It keeps itself current while shown, through a LockWatcher (lock_watcher.h):
// the folder watched and a 1 s poll, probes off the UI thread, applied from
// the event loop (never inside the call that started them), never
// overlapping, and those of a path no longer shown dropped.
//
// The panel opens nothing itself: the open actions emit openRequested, which
// MainWindow turns into MainWindow::openDatabase(); it then hides. Clearing
// a stale lock asks for confirmation and runs storage::clearStaleLock() off
// the UI thread, which refuses (touching nothing) unless the lock is free.
#pragma once

#include <QDialog>

#include <optional>

#include "storage/lock/lock_probe.h"
#include "storage/storage.h"
#include "ui/lockdoctor/lock_doctor_presenter.h"
#include "ui/lockdoctor/lock_watcher.h"

class QLabel;
class QPushButton;

namespace meridian::ui {

class LockDoctorPanel : public QDialog {
    Q_OBJECT
public:
    explicit LockDoctorPanel(QWidget* parent = nullptr);
    ~LockDoctorPanel() override;

    // Shows the panel for `path` and probes it. `retryMode` is what Retry
    // opens in; `openError` the failed open's message, if one led here;
    // `known` a diagnosis already made (shown at once, then probed again).
    void inspect(const QString& path, storage::OpenMode retryMode = storage::OpenMode::ReadWrite,
                 const QString& openError = {}, const std::optional<storage::LockDiagnosis>& known = {});

    QString path() const { return path_; }
    // The diagnosis shown, if any yet.
    const std::optional<storage::LockDiagnosis>& diagnosis() const { return diagnosis_; }
    const LockDoctorView& view() const { return view_; }
    bool isProbing() const { return watcher_.isProbing(); }
    int pollInterval() const { return watcher_.pollInterval(); }

    // Probes again now (coalesced with a probe in flight).
    void probe();

signals:
    // An open action: MainWindow::openDatabase(path, mode, inMemory ? forceMemory : {}).
    void openRequested(const QString& path, storage::OpenMode mode, bool inMemory);
    // A diagnosis for path() was applied.
    void refreshed();
    // Something worth a line in the log (a lock cleared, or refused).
    void message(const QString& text, bool error);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    // The result of the clear started at `generation`.
    void cleared(quint64 generation, const storage::Result<std::string>& result);
    void apply(const storage::LockDiagnosis& diagnosis);
    void showChecking();
    void fitToContents();
    void requestOpen(storage::OpenMode mode, bool inMemory);
    void confirmClear();
    void clear();
    void chooseFolder();
    QPushButton* button(LockDoctorAction action) const { return buttons_[static_cast<std::size_t>(action)]; }

    QString path_;
    storage::OpenMode retryMode_ = storage::OpenMode::ReadWrite;
    std::optional<storage::LockDiagnosis> diagnosis_;
    LockDoctorView view_;
    quint64 generation_ = 0;  // bumped per inspect(): a clear or confirmation for an older one is not shown
    QString clearPath_;
    bool clearing_ = false;

    LockWatcher watcher_;
    QLabel* pathLabel_;
    QLabel* openError_;
    QLabel* headline_;
    QLabel* lockFile_;
    QLabel* holder_;
    QLabel* explanation_;
    QLabel* advice_;
    QLabel* unavailable_;
    QLabel* result_;
    QLabel* checked_;
    std::array<QPushButton*, kLockDoctorActionCount> buttons_{};
};

}  // namespace meridian::ui
