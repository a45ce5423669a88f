#include "ui/window/damage_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

#include "ui/common/theme.h"

namespace meridian::ui {

DamageBanner::DamageBanner(QWidget* parent) : QFrame(parent), label_(new QLabel(this)) {
    setObjectName(QStringLiteral("damageBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    label_->setObjectName(QStringLiteral("damageBannerText"));
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::PlainText);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(label_, 1);
    applyColours();
    hide();
}

void DamageBanner::showWarnings(const QStringList& warnings) {
    if (warnings.isEmpty()) {
        hide();
        return;
    }
    QStringList paragraphs;
    for (const QString& w : warnings) paragraphs << (w.left(1).toUpper() + w.mid(1) + (w.endsWith('.') ? "" : "."));
    label_->setText(tr("Opened read-only. %1").arg(paragraphs.join(QStringLiteral("\n"))));
    show();
}

QString DamageBanner::text() const { return isVisible() ? label_->text() : QString(); }

void DamageBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !applying_) applyColours();
}

void DamageBanner::applyColours() {
    // A red strip that reads on both light and dark palettes.
    const bool dark = paletteIsDark();
    QPalette p = palette();
    p.setColor(QPalette::Window, dark ? QColor(0x5c, 0x1f, 0x1f) : QColor(0xfd, 0xe2, 0xe1));
    p.setColor(QPalette::WindowText, dark ? QColor(0xf8, 0xd7, 0xd5) : QColor(0x5f, 0x10, 0x10));
    applying_ = true;
    setPalette(p);
    applying_ = false;
}

}  // namespace meridian::ui
