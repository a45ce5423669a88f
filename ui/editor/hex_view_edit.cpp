// HexView: editing by keyboard, clipboard, the local history, context menu.
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QRegularExpression>

#include <climits>
#include <optional>

#include "storage/bytes.h"
#include "ui/editor/hex_view.h"

namespace meridian::ui {

namespace {

constexpr std::size_t kMaxSteps = 1000;
const QString kOctetStream = QStringLiteral("application/octet-stream");

int hexDigit(QChar c) {
    const char l = c.toLatin1();
    if (l >= '0' && l <= '9') return l - '0';
    if (l >= 'a' && l <= 'f') return l - 'a' + 10;
    if (l >= 'A' && l <= 'F') return l - 'A' + 10;
    return -1;
}

// "4B 65 79" or "0x4b6579" -> bytes; nullopt when it is not hex.
std::optional<QByteArray> parseHex(const QString& text) {
    QString digits = text;
    digits.remove(QRegularExpression(QStringLiteral("\\s")));
    if (digits.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) digits = digits.mid(2);
    if (digits.isEmpty()) return std::nullopt;
    auto bytes = storage::fromHex(digits.toStdString());
    if (!bytes) return std::nullopt;
    return QByteArray::fromStdString(*bytes);
}

QString spacedHex(const QByteArray& bytes) { return QString::fromLatin1(bytes.toHex(' ').toUpper()); }

}  // namespace

void HexView::setModifiedState(bool before) {
    if (isModified() != before) emit modifiedChanged(isModified());
}

void HexView::applyStep(const Step& step, bool forward) {
    const QByteArray& out = forward ? step.removed : step.inserted;
    const QByteArray& in = forward ? step.inserted : step.removed;
    data_.replace(step.position, out.size(), in);
}

void HexView::pushStep(Step step) {
    const bool before = isModified();
    if (undoIndex_ < history_.size()) {
        history_.erase(history_.begin() + static_cast<std::ptrdiff_t>(undoIndex_), history_.end());
        if (cleanIndex_ != SIZE_MAX && cleanIndex_ > undoIndex_) cleanIndex_ = SIZE_MAX;  // clean state gone
    }
    history_.push_back(std::move(step));
    ++undoIndex_;
    if (history_.size() > kMaxSteps) {
        history_.erase(history_.begin());
        --undoIndex_;
        cleanIndex_ = (cleanIndex_ == SIZE_MAX || cleanIndex_ == 0) ? SIZE_MAX : cleanIndex_ - 1;
    }
    setModifiedState(before);
}

void HexView::replaceRange(qsizetype position, qsizetype removeCount, const QByteArray& insert) {
    if (readOnly_) return;
    position = qBound<qsizetype>(0, position, data_.size());
    removeCount = qBound<qsizetype>(0, removeCount, data_.size() - position);
    if (removeCount == 0 && insert.isEmpty()) return;
    Step step{position, data_.mid(position, removeCount), insert, cursor_};
    applyStep(step, true);
    pushStep(std::move(step));
    updateScrollBars();
    moveCursor(position + insert.size(), false);
    emit edited();
}

void HexView::overwriteBytes(qsizetype position, const QByteArray& bytes) {
    position = qBound<qsizetype>(0, position, data_.size());
    replaceRange(position, qMin(bytes.size(), data_.size() - position), bytes);
}

void HexView::undo() {
    if (!canUndo()) return;
    const bool before = isModified();
    const Step& step = history_[--undoIndex_];
    applyStep(step, false);
    updateScrollBars();
    moveCursor(step.cursorBefore, false);
    setModifiedState(before);
    emit edited();
}

void HexView::redo() {
    if (!canRedo()) return;
    const bool before = isModified();
    const Step& step = history_[undoIndex_++];
    applyStep(step, true);
    updateScrollBars();
    moveCursor(step.position + step.inserted.size(), false);
    setModifiedState(before);
    emit edited();
}

void HexView::typeHexDigit(int digit) {
    if (hasSelection()) {
        const qsizetype at = selectionStart();
        replaceRange(at, selectionEnd() - at, QByteArray(1, static_cast<char>(digit << 4)));
        moveCursor(at, false);
        lowNibble_ = true;
        return;
    }
    const qsizetype at = cursor_;
    if (lowNibble_ && at < data_.size()) {
        const auto byte = static_cast<unsigned char>(data_.at(at));
        replaceRange(at, 1, QByteArray(1, static_cast<char>((byte & 0xF0) | digit)));  // cursor moves past it
        return;
    }
    if (!overwrite_ || at == data_.size()) {
        replaceRange(at, 0, QByteArray(1, static_cast<char>(digit << 4)));
    } else {
        const auto byte = static_cast<unsigned char>(data_.at(at));
        replaceRange(at, 1, QByteArray(1, static_cast<char>((digit << 4) | (byte & 0x0F))));
    }
    moveCursor(at, false);  // stay on the byte for its low half
    lowNibble_ = true;
    viewport()->update();
}

void HexView::typeByte(char byte) {
    if (hasSelection()) replaceRange(selectionStart(), selectionEnd() - selectionStart(), QByteArray(1, byte));
    else if (overwrite_) overwriteBytes(cursor_, QByteArray(1, byte));
    else insertBytes(cursor_, QByteArray(1, byte));
}

bool HexView::isEditingShortcut(QKeyEvent* event) const {
    if (event->matches(QKeySequence::Copy) || event->matches(QKeySequence::SelectAll)) return true;
    if (event->matches(QKeySequence::Undo)) return canUndo();
    if (event->matches(QKeySequence::Redo)) return canRedo();
    if (readOnly_) return false;
    if (event->matches(QKeySequence::Paste) || event->matches(QKeySequence::Cut)) return true;
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
    case Qt::Key_Insert: return true;
    default: break;
    }
    const auto modifiers = event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    return modifiers == Qt::NoModifier && !event->text().isEmpty() && event->text().at(0).isPrint();
}

bool HexView::edit(QKeyEvent* event) {
    if (event->matches(QKeySequence::Copy)) {
        column_ == Column::Hex ? copyHex() : copyBytes();
        return true;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return true;
    }
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return true;
    }
    if (event->matches(QKeySequence::Redo)) {
        redo();
        return true;
    }
    if (readOnly_) return false;
    if (event->matches(QKeySequence::Paste)) {
        paste();
        return true;
    }
    if (event->matches(QKeySequence::Cut)) {
        copyBytes();
        removeBytes(selectionStart(), selectionEnd() - selectionStart());
        return true;
    }
    switch (event->key()) {
    case Qt::Key_Insert:
        setOverwriteMode(!overwrite_);
        return true;
    case Qt::Key_Delete:
        if (hasSelection()) removeBytes(selectionStart(), selectionEnd() - selectionStart());
        else removeBytes(cursor_, 1);
        return true;
    case Qt::Key_Backspace:
        if (hasSelection()) removeBytes(selectionStart(), selectionEnd() - selectionStart());
        else if (cursor_ > 0) removeBytes(cursor_ - 1, 1);
        return true;
    default: break;
    }
    const auto modifiers = event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    const QString text = event->text();
    if (modifiers != Qt::NoModifier || text.size() != 1 || !text.at(0).isPrint()) return false;
    if (column_ == Column::Hex) {
        const int digit = hexDigit(text.at(0));
        if (digit >= 0) typeHexDigit(digit);
        return true;  // other characters are swallowed, not typed
    }
    if (text.at(0).unicode() < 0x7F) typeByte(static_cast<char>(text.at(0).unicode()));
    return true;
}

void HexView::copyHex() const {
    if (!hasSelection()) return;
    auto* mime = new QMimeData;
    const QByteArray bytes = selectedBytes();
    mime->setText(spacedHex(bytes));
    mime->setData(kOctetStream, bytes);
    QApplication::clipboard()->setMimeData(mime);
}

void HexView::copyBytes() const {
    if (!hasSelection()) return;
    auto* mime = new QMimeData;
    const QByteArray bytes = selectedBytes();
    const std::string raw = bytes.toStdString();
    // Text only as far as it is exact: valid UTF-8 as is, anything else escaped.
    mime->setText(QString::fromStdString(storage::isValidUtf8(raw) ? raw : storage::escapeBytes(raw)));
    mime->setData(kOctetStream, bytes);
    QApplication::clipboard()->setMimeData(mime);
}

void HexView::paste() {
    if (readOnly_) return;
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime) return;
    QByteArray bytes;
    if (mime->hasFormat(kOctetStream)) {
        bytes = mime->data(kOctetStream);
    } else if (mime->hasText()) {
        const auto hex = column_ == Column::Hex ? parseHex(mime->text()) : std::nullopt;
        bytes = hex ? *hex : mime->text().toUtf8();
    }
    if (bytes.isEmpty()) return;
    if (hasSelection()) replaceRange(selectionStart(), selectionEnd() - selectionStart(), bytes);
    else if (overwrite_) overwriteBytes(cursor_, bytes);
    else insertBytes(cursor_, bytes);
}

void HexView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    menu.addAction(tr("Copy as &Hex"), this, &HexView::copyHex)->setEnabled(hasSelection());
    menu.addAction(tr("Copy &Bytes"), this, &HexView::copyBytes)->setEnabled(hasSelection());
    menu.addAction(tr("&Paste"), this, &HexView::paste)->setEnabled(!readOnly_);
    menu.addAction(tr("Select &All"), this, &HexView::selectAll);
    menu.addSeparator();
    menu.addAction(tr("&Undo Typing"), this, &HexView::undo)->setEnabled(canUndo());
    menu.addAction(tr("&Redo Typing"), this, &HexView::redo)->setEnabled(canRedo());
    QAction* overwrite = menu.addAction(tr("&Overwrite Mode (Insert toggles)"));
    overwrite->setCheckable(true);
    overwrite->setChecked(overwrite_);
    overwrite->setEnabled(!readOnly_);
    connect(overwrite, &QAction::toggled, this, &HexView::setOverwriteMode);
    menu.exec(event->globalPos());
}

}  // namespace meridian::ui
