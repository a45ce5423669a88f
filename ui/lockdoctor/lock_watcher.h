// LockWatcher: keeps the diagnosis of one database's LOCK current. It
// watches the folder (QFileSystemWatcher) and, while started, probes every
// second as well: a lock is released when its holder exits, which changes
// nothing in the folder. Probes run off the UI thread (ui/common/async.h)
// and never overlap: a probe asked for while one runs follows it. The result
// of a probe of a previous path is dropped, never announced.
//
// The Lock Doctor panel shows what it finds; the main window uses one to
// notice that the writer it follows has exited.
//
// Thread safety: UI thread only. Errors: none of its own; a probe that fails
// is a diagnosis (storage::LockState::Unknown, with the reason).
#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include "storage/lock/lock_probe.h"

namespace meridian::ui {

class LockWatcher : public QObject {
    Q_OBJECT
public:
    explicit LockWatcher(QObject* parent = nullptr);

    // Watches `path` (a database folder; "" for none) from now on.
    void setPath(const QString& path);
    QString path() const { return path_; }
    // The 1 s poll: on while started.
    void start();
    void stop();
    int pollInterval() const { return poll_.interval(); }
    // Probes now (coalesced with a probe in flight).
    void probe();
    bool isProbing() const { return probing_; }
    // While held, nothing is probed (the lock doctor clearing the lock).
    // Releasing drops any probe from before and probes afresh.
    void hold();
    void release();

signals:
    void diagnosed(const storage::LockDiagnosis& diagnosis);

private:
    void probed(quint64 generation, const storage::LockDiagnosis& diagnosis);
    void watchFolder();

    QString path_;
    quint64 generation_ = 0;  // bumped per path: results of older probes are dropped
    bool probing_ = false;
    bool probeAgain_ = false;
    bool held_ = false;
    QFileSystemWatcher watcher_;
    QTimer poll_;
};

}  // namespace meridian::ui
