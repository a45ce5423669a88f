#include "ui/editor/hex_pane.h"

#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/editor/data_inspector_panel.h"
#include "ui/editor/hex_view.h"

namespace meridian::ui {

HexValueView::HexValueView(QWidget* parent)
    : ValuePane(parent), hex_(new HexView(this)), status_(new QLabel(this)), inspector_(new DataInspectorPanel(this)) {
    setObjectName(QStringLiteral("hexValueView"));
    status_->setObjectName(QStringLiteral("hexStatus"));
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("hexSplitter"));
    split->addWidget(hex_);
    split->addWidget(inspector_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split, 1);
    layout->addWidget(status_);
    connect(hex_, &HexView::modifiedChanged, this, &ValuePane::modifiedChanged);
    connect(hex_, &HexView::cursorMoved, this, &HexValueView::updateStatus);
    connect(hex_, &HexView::selectionChanged, this, &HexValueView::updateStatus);
    connect(hex_, &HexView::overwriteModeChanged, this, &HexValueView::updateStatus);
    connect(hex_, &HexView::edited, this, &HexValueView::updateStatus);
    connect(hex_, &HexView::edited, this, &ValuePane::contentEdited);
    updateStatus();
}

void HexValueView::showBytes(const QByteArray& bytes, bool writable, qsizetype) {
    hex_->setReadOnly(!writable);
    hex_->setData(bytes);
    updateStatus();
}

bool HexValueView::isModified() const { return hex_->isModified(); }

void HexValueView::setUnmodified() { hex_->setModified(false); }

QByteArray HexValueView::bytes() const { return hex_->data(); }

QWidget* HexValueView::editorWidget() { return hex_; }

void HexValueView::updateStatus() {
    const QLocale locale;
    const qsizetype at = hex_->cursorPosition();
    inspector_->showAt(hex_->data(), hex_->hasSelection() ? hex_->selectionStart() : at);
    QStringList parts;
    parts << tr("Offset 0x%1 (%2)").arg(at, 0, 16).arg(locale.toString(static_cast<qlonglong>(at)));
    if (hex_->hasSelection())
        parts << tr("%1 bytes selected").arg(locale.toString(static_cast<qlonglong>(hex_->selectionEnd() - hex_->selectionStart())));
    if (hex_->isReadOnly()) parts << tr("read-only");
    else parts << (hex_->overwriteMode() ? tr("Overwrite (Insert key: insert)") : tr("Insert (Insert key: overwrite)"));
    status_->setText(parts.join(QStringLiteral(" · ")));
}

}  // namespace meridian::ui
