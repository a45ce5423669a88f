#include "ui/window/backend_badge.h"

#include <QEvent>

namespace meridian::ui {

BackendBadge::BackendBadge(QWidget* parent) : QToolButton(parent) {
    setObjectName("backendBadge");
    setAutoRaise(true);
    setCursor(Qt::PointingHandCursor);
    connect(this, &QToolButton::clicked, this, &BackendBadge::detailsRequested);
    clear();
}

QString BackendBadge::reasonText(const storage::OpenReport& report) {
    using storage::OpenReason;
    switch (report.reason) {
    case OpenReason::Requested: return tr("opened as requested");
    case OpenReason::ForcedByConfig: return tr("in-memory storage was requested");
    case OpenReason::ForcedByEnvironment: return tr("forced by MERIDIAN_USE_MEMORY_STORAGE=1");
    case OpenReason::Fallback:
        return tr("fallback after RocksDB failed: %1").arg(QString::fromStdString(report.cause.message()));
    case OpenReason::Failed: return tr("not open: %1").arg(QString::fromStdString(report.cause.message()));
    }
    return {};
}

void BackendBadge::setReport(const storage::OpenReport& report, const storage::StorageInfo& info) {
    warning_ = report.backend == storage::Backend::Memory;
    const QString reason = reasonText(report);
    QString summary = QString::fromStdString(report.summary());
    if (info.hybrid) {
        // A hybrid store is saved either way: a warning only when its move into RocksDB failed.
        const storage::HybridState& h = *info.hybrid;
        warning_ = !h.lastSpillError.empty();
        summary = h.spilled ? tr("Hybrid · RocksDB") : tr("Hybrid · in memory");
    }
    setText(summary);
    setToolTip(tr("%1\n%2\nClick for the full open report.")
                   .arg(info.hybrid ? QString::fromStdString(info.hybrid->summary) : summary, reason));
    // Each thing said once: the summary heads the report box (not repeated
    // here), and the explanation of a plain open ("RocksDB read-only at …")
    // is the summary and the path again, as is its line among the decisions.
    QStringList lines;
    lines << tr("Why: %1").arg(reason);
    if (info.hybrid) lines << tr("Hybrid: %1").arg(QString::fromStdString(info.hybrid->summary));
    if (!info.path.empty()) lines << tr("Path: %1").arg(QString::fromStdString(info.path));
    lines << tr("Tuning profile: %1").arg(QString::fromLatin1(storage::profileName(info.profile)));
    lines << tr("Persistent: %1").arg(info.persistent ? tr("yes") : tr("NO, nothing is saved to disk"));
    const bool plainOpen = report.reason == storage::OpenReason::Requested;
    if (!report.explanation.empty() && !plainOpen) lines << QString() << QString::fromStdString(report.explanation);
    if (!report.advice.empty()) lines << QString() << tr("What you can do: %1").arg(QString::fromStdString(report.advice));
    for (const auto& w : info.warnings) lines << QString() << QString::fromStdString(w);
    QStringList decisions;
    for (const auto& d : report.decisions)
        if (d != report.explanation) decisions << QStringLiteral("  • ") + QString::fromStdString(d);
    if (!decisions.isEmpty()) lines << QString() << tr("Decisions:") << decisions;
    details_ = lines.join('\n');
    applyStyle();
    show();
}

void BackendBadge::clear() {
    warning_ = false;
    details_.clear();
    setText(tr("No database"));
    setToolTip(tr("Open a database with File > Open"));
    applyStyle();
}

void BackendBadge::applyStyle() {
    // Warning amber that reads on light and dark palettes alike.
    setStyleSheet(warning_ ? QStringLiteral("QToolButton { background: #c77700; color: white; font-weight: bold;"
                                            " border-radius: 3px; padding: 1px 8px; }")
                           : QStringLiteral("QToolButton { font-weight: bold; padding: 1px 8px; }"));
}

}  // namespace meridian::ui
