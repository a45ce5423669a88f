#include "ui/snapshots/snapshot_banner.h"

#include <QLocale>
#include <QToolButton>

#include "ui/snapshots/named_snapshot.h"

namespace meridian::ui {

SnapshotBanner::SnapshotBanner(QAction* backToLive, QWidget* parent)
    : Banner(Tone::Notice, QStringLiteral("snapshotBanner"), parent) {
    auto* live = new QToolButton(this);
    live->setObjectName(QStringLiteral("snapshotBannerLive"));
    live->setDefaultAction(backToLive);
    live->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addTrailing(live);
}

void SnapshotBanner::showSnapshot(const NamedSnapshot* snapshot) {
    if (!snapshot) {
        hide();
        return;
    }
    showMessage(tr("Viewing snapshot “%1”, taken %2. Read-only: the live database keeps changing.")
                    .arg(snapshot->name, QLocale().toString(snapshot->takenAt, QLocale::ShortFormat)));
}

}  // namespace meridian::ui
