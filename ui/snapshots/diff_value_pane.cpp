#include "ui/snapshots/diff_value_pane.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#include "ui/editor/value_format.h"
#include "ui/snapshots/diff_run.h"

namespace meridian::ui {

DiffValuePane::DiffValuePane(const QString& objectBaseName, QWidget* parent)
    : QWidget(parent), heading_(new QLabel(this)), view_(new QPlainTextEdit(this)), note_(new QLabel(this)) {
    heading_->setObjectName(objectBaseName + QStringLiteral("Heading"));
    view_->setObjectName(objectBaseName);
    note_->setObjectName(objectBaseName + QStringLiteral("Note"));

    QFont bold = heading_->font();
    bold.setBold(true);
    heading_->setFont(bold);
    heading_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    view_->setReadOnly(true);
    view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    note_->setForegroundRole(QPalette::PlaceholderText);
    note_->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(heading_);
    layout->addWidget(view_, 1);
    layout->addWidget(note_);
}

void DiffValuePane::setHeading(const QString& heading, const QString& toolTip) {
    heading_->setText(heading);
    heading_->setToolTip(toolTip);
}

QString DiffValuePane::heading() const { return heading_->text(); }
QString DiffValuePane::note() const { return note_->text(); }

void DiffValuePane::setText(const QString& text, bool dim) {
    view_->setExtraSelections({});
    QPalette palette = view_->palette();
    palette.setColor(QPalette::Text, QWidget::palette().color(dim ? QPalette::PlaceholderText : QPalette::Text));
    view_->setPalette(palette);
    view_->setPlainText(text);
}

void DiffValuePane::showValue(const DiffValue& value) {
    if (!value.error.isEmpty()) {
        view_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        setText(value.error, true);
        note_->setText(tr("Could not read this value."));
        return;
    }
    if (!value.present) {
        view_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        setText(tr("(absent)"), true);
        note_->setText(tr("The key does not exist on this side."));
        return;
    }
    // A hex dump keeps its columns. Word wrapping a very long line takes time
    // that grows with the square of its length; wrapping anywhere is linear.
    view_->setLineWrapMode(value.form == DiffValue::Form::Hex ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    view_->setWordWrapMode(value.longLines ? QTextOption::WrapAnywhere : QTextOption::WrapAtWordBoundaryOrAnywhere);
    setText(value.text, false);
    const QString kind = value.form == DiffValue::Form::Text      ? tr("text")
                         : value.form == DiffValue::Form::Escaped ? tr("not text, shown escaped")
                                                                  : tr("hex");
    if (value.shownBytes < value.size)
        note_->setText(tr("Showing the first %1 KiB of %2 bytes (%3).")
                           .arg(value.shownBytes / 1024)
                           .arg(QLocale().toString(static_cast<qlonglong>(value.size)), kind));
    else
        note_->setText(tr("%1 (%2).").arg(byteCountText(value.size), kind));
}

void DiffValuePane::showMessage(const QString& message) {
    view_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setText(message, true);
    note_->clear();
}

void DiffValuePane::highlight(qsizetype from, qsizetype to) {
    if (from >= to) {
        view_->setExtraSelections({});
        return;
    }
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(view_->document());
    selection.cursor.setPosition(static_cast<int>(from));
    selection.cursor.setPosition(static_cast<int>(to), QTextCursor::KeepAnchor);
    QColor mark = palette().color(QPalette::Highlight);
    mark.setAlpha(70);
    selection.format.setBackground(mark);
    view_->setExtraSelections({selection});
}

}  // namespace meridian::ui
