#include "ui/common/banner.h"

#include <QBoxLayout>
#include <QEvent>
#include <QLabel>

#include "ui/common/theme.h"

namespace meridian::ui {

Banner::Banner(Tone tone, const QString& objectName, QWidget* parent)
    : QFrame(parent), tone_(tone), label_(new QLabel(this)) {
    setObjectName(objectName);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    label_->setObjectName(objectName + QStringLiteral("Text"));
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::PlainText);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(label_, 1);
    applyColours();
    hide();
}

void Banner::showMessage(const QString& text) {
    label_->setText(text);
    show();
}

QString Banner::text() const { return isVisible() ? label_->text() : QString(); }

void Banner::addLeading(QWidget* widget) { static_cast<QBoxLayout*>(layout())->insertWidget(0, widget); }

void Banner::addTrailing(QWidget* widget) { layout()->addWidget(widget); }

void Banner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !applying_) applyColours();
}

void Banner::applyColours() {
    const bool dark = paletteIsDark();
    QPalette p = palette();
    if (tone_ == Tone::Notice) {
        p.setColor(QPalette::Window, dark ? QColor(0x4a, 0x3b, 0x12) : QColor(0xff, 0xf1, 0xc2));
        p.setColor(QPalette::WindowText, dark ? QColor(0xf5, 0xe6, 0xb8) : QColor(0x4a, 0x36, 0x00));
    } else {
        p.setColor(QPalette::Window, dark ? QColor(0x5c, 0x1f, 0x1f) : QColor(0xfd, 0xe2, 0xe1));
        p.setColor(QPalette::WindowText, dark ? QColor(0xf8, 0xd7, 0xd5) : QColor(0x5f, 0x10, 0x10));
    }
    applying_ = true;
    setPalette(p);
    applying_ = false;
}

}  // namespace meridian::ui
