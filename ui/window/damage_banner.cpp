#include "ui/window/damage_banner.h"

#include <QLabel>
#include <QStyle>

namespace meridian::ui {

DamageBanner::DamageBanner(QWidget* parent) : Banner(Tone::Danger, QStringLiteral("damageBanner"), parent) {
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    addLeading(icon);
}

void DamageBanner::showWarnings(const QStringList& warnings) {
    if (warnings.isEmpty()) {
        hide();
        return;
    }
    QStringList paragraphs;
    for (const QString& w : warnings)
        paragraphs << w.left(1).toUpper() + w.mid(1) + (w.endsWith(QLatin1Char('.')) ? QString() : QStringLiteral("."));
    showMessage(tr("Opened read-only. %1").arg(paragraphs.join(QLatin1Char('\n'))));
}

}  // namespace meridian::ui
