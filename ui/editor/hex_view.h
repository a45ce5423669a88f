// HexView: a hex editor for one byte buffer. Offset, hex and ASCII columns,
// 16 bytes a row; painted row by row from the QByteArray, only the rows in
// view, so a 16 MiB value costs no more to show or scroll than a small one.
//
// Editing (when not read-only): type hex digits in the hex column or
// characters in the ASCII column; Insert toggles overwrite / insert; Delete
// and Backspace remove bytes (the selection, or one byte). Selection with
// the mouse or Shift+arrows; Ctrl+C copies (hex text in the hex column, the
// text in the ASCII column; always the raw bytes as application/octet-stream
// too), Ctrl+V pastes raw bytes, hex text or text. Ctrl+Z / Ctrl+Shift+Z
// undo the view's own edits (a local history; saving is the editor's job).
//
// The cursor is a byte position in [0, size()]: size() is the position after
// the last byte, where typing appends. The selection is [selectionStart,
// selectionEnd); empty when they are equal.
//
// Implementation: hex_view.cpp (layout, painting, mouse, navigation) and
// hex_view_edit.cpp (editing, clipboard, local undo, context menu).
#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

#include <vector>

namespace meridian::ui {

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    enum class Column { Hex, Ascii };
    static constexpr int kBytesPerRow = 16;

    explicit HexView(QWidget* parent = nullptr);

    // Replaces the buffer: cursor at 0, no selection, no local history, not modified.
    void setData(const QByteArray& bytes);
    const QByteArray& data() const { return data_; }
    qsizetype size() const { return data_.size(); }

    bool isModified() const { return undoIndex_ != cleanIndex_; }
    void setModified(bool modified);
    bool isReadOnly() const { return readOnly_; }
    void setReadOnly(bool readOnly);
    bool overwriteMode() const { return overwrite_; }
    void setOverwriteMode(bool overwrite);

    qsizetype cursorPosition() const { return cursor_; }
    void setCursorPosition(qsizetype position, bool extendSelection = false);
    Column activeColumn() const { return column_; }
    void setActiveColumn(Column column);
    void select(qsizetype from, qsizetype to);  // [from, to); the cursor goes to `to`
    void selectAll();
    qsizetype selectionStart() const { return qMin(anchor_, cursor_); }
    qsizetype selectionEnd() const { return qMax(anchor_, cursor_); }
    bool hasSelection() const { return anchor_ != cursor_; }
    QByteArray selectedBytes() const;

    // Edits, each one step of the local history; ignored when read-only.
    // Positions are clamped to the buffer.
    void replaceRange(qsizetype position, qsizetype removeCount, const QByteArray& insert);
    void insertBytes(qsizetype position, const QByteArray& bytes) { replaceRange(position, 0, bytes); }
    void removeBytes(qsizetype position, qsizetype count) { replaceRange(position, count, {}); }
    void overwriteBytes(qsizetype position, const QByteArray& bytes);

    void copyHex() const;
    void copyBytes() const;
    void paste();
    bool canUndo() const { return undoIndex_ > 0; }
    bool canRedo() const { return undoIndex_ < history_.size(); }
    void undo();
    void redo();

    // Wide enough for all three columns; it can be made narrower (then it scrolls sideways).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Where the byte at `position` is drawn in `column`, in viewport coordinates.
    QRectF byteRect(qsizetype position, Column column) const;

    int rowCount() const;
    int visibleRows() const;
    int firstVisibleRow() const;
    void ensureVisible(qsizetype position);

signals:
    void modifiedChanged(bool modified);
    void cursorMoved(qsizetype position);
    void selectionChanged();
    void edited();
    void overwriteModeChanged(bool overwrite);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Hit {
        qsizetype position = 0;
        Column column = Column::Hex;
    };
    struct Step {
        qsizetype position;
        QByteArray removed;
        QByteArray inserted;
        qsizetype cursorBefore;
    };

    // hex_view.cpp
    void updateMetrics();
    void updateScrollBars();
    int offsetDigits() const;
    qreal hexX(int byteInRow) const;
    qreal asciiX(int byteInRow) const;
    int contentWidth() const;
    Hit hitTest(const QPoint& point) const;
    bool navigate(QKeyEvent* event);
    void moveCursor(qsizetype position, bool extend);

    // hex_view_edit.cpp
    bool edit(QKeyEvent* event);
    bool isEditingShortcut(QKeyEvent* event) const;
    void typeHexDigit(int digit);
    void typeByte(char byte);
    void applyStep(const Step& step, bool forward);
    void pushStep(Step step);
    void setModifiedState(bool before);

    QByteArray data_;
    bool readOnly_ = false;
    bool overwrite_ = true;
    qsizetype cursor_ = 0;
    qsizetype anchor_ = 0;
    qsizetype pressPosition_ = -1;  // where a mouse selection started
    bool lowNibble_ = false;        // the next hex digit sets the low half of the byte at the cursor
    Column column_ = Column::Hex;
    std::vector<Step> history_;
    std::size_t undoIndex_ = 0;
    std::size_t cleanIndex_ = 0;
    // Metrics, from the font.
    qreal charWidth_ = 8;  // fractional: text is drawn a row at a time, so positions must add up exactly
    int lineHeight_ = 16;
    int ascent_ = 12;
};

}  // namespace meridian::ui
