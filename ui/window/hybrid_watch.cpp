#include "ui/window/hybrid_watch.h"

#include "ui/common/async.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

HybridWatch::HybridWatch(QObject* parent) : QObject(parent) {
    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &HybridWatch::poll);
}

void HybridWatch::setSession(StorageSession* session) {
    session_ = session;
    timer_.stop();
    lastSummary_.clear();
    if (!session) return;
    const storage::StorageInfo info = session->info();
    if (!info.hybrid || info.hybrid->spilled) return;
    lastSummary_ = info.hybrid->summary;
    timer_.start();
}

void HybridWatch::poll() {
    if (!session_ || polling_) return;
    polling_ = true;
    StorageSession* asked = session_;
    onResult(session_->run([](storage::Storage& s) { return s.info(); }), this, [this, asked](storage::StorageInfo info) {
        polling_ = false;
        if (asked != session_) return;  // another database meanwhile
        if (!info.hybrid || info.hybrid->summary == lastSummary_) return;
        lastSummary_ = info.hybrid->summary;
        emit changed(info);
        if (info.hybrid->spilled) {
            timer_.stop();
            emit spilled(info);
        }
    });
}

}  // namespace meridian::ui
