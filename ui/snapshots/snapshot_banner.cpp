#include "ui/snapshots/snapshot_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

#include "ui/common/theme.h"
#include "ui/snapshots/named_snapshot.h"

namespace meridian::ui {

SnapshotBanner::SnapshotBanner(QAction* backToLive, QWidget* parent) : QFrame(parent), label_(new QLabel(this)) {
    setObjectName(QStringLiteral("snapshotBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    label_->setObjectName(QStringLiteral("snapshotBannerText"));
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::PlainText);
    auto* live = new QToolButton(this);
    live->setObjectName(QStringLiteral("snapshotBannerLive"));
    live->setDefaultAction(backToLive);
    live->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(label_, 1);
    layout->addWidget(live);
    applyColours();
    hide();
}

void SnapshotBanner::showSnapshot(const NamedSnapshot* snapshot) {
    if (!snapshot) {
        hide();
        return;
    }
    label_->setText(tr("Viewing snapshot “%1”, taken %2. Read-only: the live database keeps changing.")
                        .arg(snapshot->name, QLocale().toString(snapshot->takenAt, QLocale::ShortFormat)));
    show();
}

QString SnapshotBanner::text() const { return isVisible() ? label_->text() : QString(); }

void SnapshotBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !applying_) applyColours();
}

void SnapshotBanner::applyColours() {
    // An amber strip that reads on both light and dark palettes.
    const bool dark = paletteIsDark();
    QPalette p = palette();
    p.setColor(QPalette::Window, dark ? QColor(0x4a, 0x3b, 0x12) : QColor(0xff, 0xf1, 0xc2));
    p.setColor(QPalette::WindowText, dark ? QColor(0xf5, 0xe6, 0xb8) : QColor(0x4a, 0x36, 0x00));
    applying_ = true;
    setPalette(p);
    applying_ = false;
}

}  // namespace meridian::ui
