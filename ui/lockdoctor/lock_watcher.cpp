#include "ui/lockdoctor/lock_watcher.h"

#include <QFileInfo>

#include "ui/common/async.h"

namespace meridian::ui {

LockWatcher::LockWatcher(QObject* parent) : QObject(parent) {
    poll_.setInterval(1000);
    connect(&poll_, &QTimer::timeout, this, &LockWatcher::probe);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, [this] {
        watchFolder();  // a folder removed and created again must be watched anew
        probe();
    });
}

void LockWatcher::setPath(const QString& path) {
    if (path != path_) {
        path_ = path;
        ++generation_;  // whatever is in flight is for the previous path: dropped
        probing_ = false;
        probeAgain_ = false;
    }
    watchFolder();
}

void LockWatcher::start() { poll_.start(); }

void LockWatcher::stop() { poll_.stop(); }

void LockWatcher::probe() {
    if (path_.isEmpty() || held_) return;
    if (probing_) {
        probeAgain_ = true;
        return;
    }
    probing_ = true;
    const quint64 generation = generation_;
    const std::string p = path_.toStdString();
    onResult(runOn(backgroundPool(), [p] { return storage::probeLock(p); }), this,
             [this, generation](const storage::LockDiagnosis& diagnosis) { probed(generation, diagnosis); });
}

void LockWatcher::probed(quint64 generation, const storage::LockDiagnosis& diagnosis) {
    if (generation != generation_) return;  // superseded: another path, or a probe from before a hold
    probing_ = false;
    emit diagnosed(diagnosis);
    if (probeAgain_) {
        probeAgain_ = false;
        probe();
    }
}

void LockWatcher::hold() { held_ = true; }

void LockWatcher::release() {
    held_ = false;
    ++generation_;
    probing_ = false;
    probeAgain_ = false;
    probe();
}

void LockWatcher::watchFolder() {
    const QStringList watched = watcher_.directories();
    if (watched.size() == 1 && watched.first() == path_) return;
    if (!watched.isEmpty()) watcher_.removePaths(watched);
    if (!path_.isEmpty() && QFileInfo(path_).isDir()) watcher_.addPath(path_);
}

}  // namespace meridian::ui
