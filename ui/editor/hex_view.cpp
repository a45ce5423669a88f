// HexView: layout, painting, scrolling, mouse and cursor movement.
// Editing, clipboard and the local history are in hex_view_edit.cpp.
#include "ui/editor/hex_view.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QtMath>
#include <QScrollBar>
#include <QStyle>

#include <climits>

namespace meridian::ui {

namespace {

constexpr int kPad = 6;  // pixels left of the offsets and right of the ASCII column
const char kHexDigits[] = "0123456789ABCDEF";

bool isPrintableAscii(char c) { return c >= 0x20 && c < 0x7F; }

}  // namespace

HexView::HexView(QWidget* parent) : QAbstractScrollArea(parent) {
    setObjectName(QStringLiteral("hexView"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    updateMetrics();
}

void HexView::setData(const QByteArray& bytes) {
    const bool wasModified = isModified();
    data_ = bytes;
    cursor_ = anchor_ = 0;
    pressPosition_ = -1;
    lowNibble_ = false;
    history_.clear();
    undoIndex_ = cleanIndex_ = 0;
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
    if (wasModified) emit modifiedChanged(false);
    emit cursorMoved(cursor_);
    emit selectionChanged();
}

void HexView::setModified(bool modified) {
    const bool before = isModified();
    cleanIndex_ = modified ? SIZE_MAX : undoIndex_;
    setModifiedState(before);
}

void HexView::setReadOnly(bool readOnly) {
    readOnly_ = readOnly;
    viewport()->update();
}

void HexView::setOverwriteMode(bool overwrite) {
    if (overwrite_ == overwrite) return;
    overwrite_ = overwrite;
    viewport()->update();
    emit overwriteModeChanged(overwrite);
}

void HexView::setCursorPosition(qsizetype position, bool extendSelection) { moveCursor(position, extendSelection); }

void HexView::setActiveColumn(Column column) {
    column_ = column;
    lowNibble_ = false;
    viewport()->update();
}

void HexView::select(qsizetype from, qsizetype to) {
    anchor_ = qBound<qsizetype>(0, from, data_.size());
    moveCursor(to, true);
}

void HexView::selectAll() { select(0, data_.size()); }

QByteArray HexView::selectedBytes() const { return data_.mid(selectionStart(), selectionEnd() - selectionStart()); }

QSize HexView::sizeHint() const {
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    return {contentWidth() + scrollBar + 2 * frameWidth(), 16 * lineHeight_ + 2 * frameWidth()};
}

QSize HexView::minimumSizeHint() const { return {qCeil(24 * charWidth_), 4 * lineHeight_}; }

int HexView::rowCount() const {
    // One row more when the end position starts a row: the cursor can sit there.
    return static_cast<int>(qMin<qsizetype>(data_.size() / kBytesPerRow + 1, INT_MAX));
}

int HexView::visibleRows() const { return qMax(1, viewport()->height() / lineHeight_); }

int HexView::firstVisibleRow() const { return verticalScrollBar()->value(); }

void HexView::ensureVisible(qsizetype position) {
    const int row = static_cast<int>(qMin<qsizetype>(position / kBytesPerRow, INT_MAX));
    const int first = firstVisibleRow();
    if (row < first) verticalScrollBar()->setValue(row);
    else if (row >= first + visibleRows()) verticalScrollBar()->setValue(row - visibleRows() + 1);
}

void HexView::updateMetrics() {
    const QFontMetricsF metrics(font());
    // The advance of a long run, as drawText() will lay it out (fractional
    // advances add up: 48 digits at 7.2 px are not 48 at 7 px).
    charWidth_ = qMax(qreal(1), metrics.horizontalAdvance(QString(64, QLatin1Char('0'))) / 64);
    lineHeight_ = qMax(1, qCeil(metrics.height()));
    ascent_ = qRound(metrics.ascent());
    updateScrollBars();
}

void HexView::updateScrollBars() {
    const int visible = visibleRows();
    verticalScrollBar()->setRange(0, qMax(0, rowCount() - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setRange(0, qMax(0, contentWidth() - kPad - viewport()->width()));  // the right pad may go
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(qCeil(charWidth_));
}

int HexView::offsetDigits() const {
    int digits = 8;
    while (digits < 16 && (static_cast<quint64>(data_.size()) >> (4 * digits)) != 0) ++digits;
    return digits;
}

// Byte i of a row in the hex column: "00 11 22 33 44 55 66 77  88 ..."
qreal HexView::hexX(int i) const {
    return kPad + (offsetDigits() + 2 + i * 3 + (i >= 8 ? 1 : 0)) * charWidth_ - horizontalScrollBar()->value();
}

qreal HexView::asciiX(int i) const {
    return kPad + (offsetDigits() + 2 + kBytesPerRow * 3 + 2 + i) * charWidth_ - horizontalScrollBar()->value();
}

int HexView::contentWidth() const { return qCeil((offsetDigits() + 2 + kBytesPerRow * 4 + 2) * charWidth_) + 2 * kPad; }

QRectF HexView::byteRect(qsizetype position, Column column) const {
    const int inRow = static_cast<int>(position % kBytesPerRow);
    const qreal y = static_cast<qreal>(position / kBytesPerRow - firstVisibleRow()) * lineHeight_;
    if (column == Column::Ascii) return {asciiX(inRow), y, charWidth_, static_cast<qreal>(lineHeight_)};
    return {hexX(inRow), y, 2 * charWidth_, static_cast<qreal>(lineHeight_)};
}

HexView::Hit HexView::hitTest(const QPoint& point) const {
    Hit hit;
    const qsizetype row = firstVisibleRow() + qMax(0, point.y()) / lineHeight_;
    int inRow = 0;
    if (point.x() >= asciiX(0) - charWidth_) {
        hit.column = Column::Ascii;
        inRow = static_cast<int>((point.x() - asciiX(0)) / charWidth_);
    } else {
        hit.column = Column::Hex;
        // Each byte owns its two digits and the space after them.
        for (inRow = 0; inRow < kBytesPerRow - 1; ++inRow)
            if (point.x() < hexX(inRow + 1) - (inRow == 7 ? charWidth_ : 0)) break;
    }
    inRow = qBound(0, inRow, kBytesPerRow - 1);
    hit.position = qMin<qsizetype>(row * kBytesPerRow + inRow, data_.size());
    return hit;
}

void HexView::moveCursor(qsizetype position, bool extend) {
    const qsizetype oldCursor = cursor_, oldAnchor = anchor_;
    cursor_ = qBound<qsizetype>(0, position, data_.size());
    if (!extend) anchor_ = cursor_;
    lowNibble_ = false;
    ensureVisible(cursor_);
    viewport()->update();
    if (cursor_ != oldCursor) emit cursorMoved(cursor_);
    if (cursor_ != oldCursor || anchor_ != oldAnchor) emit selectionChanged();
}

bool HexView::navigate(QKeyEvent* event) {
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const bool control = event->modifiers() & Qt::ControlModifier;
    const qsizetype page = static_cast<qsizetype>(visibleRows()) * kBytesPerRow;
    qsizetype target = cursor_;
    switch (event->key()) {
    case Qt::Key_Left: target = cursor_ - 1; break;
    case Qt::Key_Right: target = cursor_ + 1; break;
    case Qt::Key_Up: target = cursor_ >= kBytesPerRow ? cursor_ - kBytesPerRow : cursor_; break;
    case Qt::Key_Down: target = cursor_ + kBytesPerRow <= data_.size() ? cursor_ + kBytesPerRow : cursor_; break;
    case Qt::Key_PageUp: target = qMax<qsizetype>(cursor_ % kBytesPerRow, cursor_ - page); break;
    case Qt::Key_PageDown: target = cursor_ + page <= data_.size() ? cursor_ + page : data_.size(); break;
    case Qt::Key_Home: target = control ? 0 : cursor_ - cursor_ % kBytesPerRow; break;
    case Qt::Key_End:
        target = control ? data_.size() : qMin<qsizetype>(cursor_ - cursor_ % kBytesPerRow + kBytesPerRow - 1, data_.size());
        break;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        setActiveColumn(column_ == Column::Hex ? Column::Ascii : Column::Hex);
        return true;
    default: return false;
    }
    moveCursor(target, extend);
    return true;
}

bool HexView::event(QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride && isEditingShortcut(static_cast<QKeyEvent*>(event))) {
        // Keys this view handles itself win over window shortcuts (Delete, Ctrl+Z, ...).
        event->accept();
        return true;
    }
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) {
            keyPressEvent(key);  // Tab switches columns instead of moving focus
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

void HexView::keyPressEvent(QKeyEvent* event) {
    if (navigate(event) || edit(event)) {
        event->accept();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HexView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const Hit hit = hitTest(event->position().toPoint());
    if (hit.column != column_) setActiveColumn(hit.column);
    pressPosition_ = hit.position;
    moveCursor(hit.position, event->modifiers() & Qt::ShiftModifier);
}

void HexView::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton) || pressPosition_ < 0) return;
    QPoint point = event->position().toPoint();
    if (point.y() < 0) verticalScrollBar()->setValue(firstVisibleRow() - 1);
    else if (point.y() > viewport()->height()) verticalScrollBar()->setValue(firstVisibleRow() + 1);
    const Hit hit = hitTest(point);
    // Both the byte pressed and the byte under the mouse are in the selection.
    if (hit.position >= pressPosition_) {
        anchor_ = pressPosition_;
        moveCursor(qMin(hit.position + 1, data_.size()), true);
    } else {
        anchor_ = qMin(pressPosition_ + 1, data_.size());
        moveCursor(hit.position, true);
    }
}

void HexView::mouseDoubleClickEvent(QMouseEvent* event) {
    const Hit hit = hitTest(event->position().toPoint());
    select(hit.position, qMin(hit.position + 1, data_.size()));
}

void HexView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) updateMetrics();
    QAbstractScrollArea::changeEvent(event);
}

void HexView::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    const QPalette& pal = palette();
    painter.fillRect(viewport()->rect(), pal.base());
    painter.setFont(font());

    const int first = firstVisibleRow();
    const int last = qMin(rowCount(), first + visibleRows() + 1);
    const int digits = offsetDigits();
    const qsizetype selStart = selectionStart(), selEnd = selectionEnd();
    const bool focused = hasFocus();
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const QColor separator = pal.color(QPalette::Mid);
    const qreal hexLeft = hexX(0) - charWidth_ / 2;
    const qreal asciiLeft = asciiX(0) - charWidth_;

    painter.setPen(separator);
    painter.drawLine(QLineF(hexLeft, 0, hexLeft, viewport()->height()));
    painter.drawLine(QLineF(asciiLeft, 0, asciiLeft, viewport()->height()));

    QString hexText(kBytesPerRow * 3 + 1, QLatin1Char(' '));
    QString asciiText(kBytesPerRow, QLatin1Char(' '));
    for (int row = first; row < last; ++row) {
        const int y = (row - first) * lineHeight_;
        const qsizetype begin = static_cast<qsizetype>(row) * kBytesPerRow;
        const int count = static_cast<int>(qBound<qsizetype>(0, data_.size() - begin, qsizetype{kBytesPerRow}));

        // Offset.
        QString offset(digits, QLatin1Char('0'));
        for (int d = 0; d < digits; ++d) offset[digits - 1 - d] = QLatin1Char(kHexDigits[(begin >> (4 * d)) & 0xF]);
        painter.setPen(dim);
        painter.drawText(QPointF(kPad - horizontalScrollBar()->value(), y + ascent_), offset);

        // Selection behind the bytes of this row.
        const qsizetype rowSelStart = qMax(selStart, begin), rowSelEnd = qMin(selEnd, begin + count);
        if (rowSelStart < rowSelEnd) {
            const int a = static_cast<int>(rowSelStart - begin), b = static_cast<int>(rowSelEnd - begin) - 1;
            const QColor hexColor = pal.color(QPalette::Highlight);
            QColor other = hexColor;
            other.setAlpha(70);
            painter.fillRect(QRectF(hexX(a), y, hexX(b) + 2 * charWidth_ - hexX(a), lineHeight_),
                             column_ == Column::Hex ? hexColor : other);
            painter.fillRect(QRectF(asciiX(a), y, (b - a + 1) * charWidth_, lineHeight_),
                             column_ == Column::Ascii ? hexColor : other);
        }

        // Bytes: one string per column and row, then the selected ones again in the highlight text colour.
        hexText.fill(QLatin1Char(' '));
        asciiText.fill(QLatin1Char(' '));
        for (int i = 0; i < count; ++i) {
            const auto byte = static_cast<unsigned char>(data_.at(begin + i));
            const int at = i * 3 + (i >= 8 ? 1 : 0);
            hexText[at] = QLatin1Char(kHexDigits[byte >> 4]);
            hexText[at + 1] = QLatin1Char(kHexDigits[byte & 0xF]);
            asciiText[i] = isPrintableAscii(static_cast<char>(byte)) ? QLatin1Char(static_cast<char>(byte))
                                                                      : QLatin1Char('.');
        }
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QPointF(hexX(0), y + ascent_), hexText);
        painter.drawText(QPointF(asciiX(0), y + ascent_), asciiText);
        if (rowSelStart < rowSelEnd) {
            const int a = static_cast<int>(rowSelStart - begin), b = static_cast<int>(rowSelEnd - begin);
            const int hexFrom = a * 3 + (a >= 8 ? 1 : 0);
            const int hexTo = (b - 1) * 3 + (b - 1 >= 8 ? 1 : 0) + 2;
            // The active column's selection is solid (highlight text colour on
            // it); the other one's is pale, so its text stays in the text colour.
            const QColor on = pal.color(QPalette::HighlightedText), off = pal.color(QPalette::Text);
            painter.setPen(column_ == Column::Hex ? on : off);
            painter.drawText(QPointF(hexX(a), y + ascent_), hexText.mid(hexFrom, hexTo - hexFrom));
            painter.setPen(column_ == Column::Ascii ? on : off);
            painter.drawText(QPointF(asciiX(a), y + ascent_), asciiText.mid(a, b - a));
        }

        // Cursor: a box in the active column (the half being typed in the hex column), a frame in the other.
        if (cursor_ >= begin && cursor_ < begin + kBytesPerRow && (cursor_ < data_.size() || cursor_ == begin + count)) {
            const int i = static_cast<int>(cursor_ - begin);
            const QRectF hexBox(hexX(i) + (lowNibble_ ? charWidth_ : 0), y, lowNibble_ ? charWidth_ : 2 * charWidth_,
                                lineHeight_);
            const QRectF asciiBox(asciiX(i), y, charWidth_, lineHeight_);
            QColor caret = pal.color(QPalette::Text);
            painter.setPen(QPen(caret, 1));
            painter.setBrush(Qt::NoBrush);
            const QRectF active = column_ == Column::Hex ? hexBox : asciiBox;
            const QRectF passive = column_ == Column::Hex ? asciiBox : hexBox;
            painter.drawRect(passive.adjusted(0, 0, -1, -1));
            if (focused && !readOnly_) {
                if (overwrite_) {
                    caret.setAlpha(90);
                    painter.fillRect(active, caret);
                } else {
                    painter.fillRect(QRectF(active.left(), active.top(), 2, active.height()), caret);
                }
            } else {
                painter.setPen(QPen(caret, 1, Qt::DotLine));
                painter.drawRect(active.adjusted(0, 0, -1, -1));
            }
        }
    }
}

}  // namespace meridian::ui
