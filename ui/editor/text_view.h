// TextValueView: a value as UTF-8 text in a plain-text editor.
//
// Editable only when the text round-trips through the editor byte for byte
// (QPlainTextEdit turns "\r\n" into "\n" and U+00A0 into a space, for
// example): that is checked on every value, against the widget itself.
// Bytes that are not valid UTF-8 are shown with \xNN escapes, read-only.
// Values over the quick-look limit show their first part, read-only.
#pragma once

#include "ui/editor/value_pane.h"

class QPlainTextEdit;

namespace meridian::ui {

// Puts `utf8` into `edit` and tells whether toPlainText() gives it back exactly.
bool setTextExactly(QPlainTextEdit* edit, const QByteArray& utf8);
// Puts `text` into `edit`, wrapping long lines anywhere (see kLongLine).
void setDisplayText(QPlainTextEdit* edit, const QString& text);

class TextValueView : public ValuePane {
    Q_OBJECT
public:
    explicit TextValueView(QWidget* parent = nullptr);

    void showBytes(const QByteArray& bytes, bool writable, qsizetype limit) override;
    bool isModified() const override;
    void setUnmodified() override;
    QByteArray bytes() const override;
    QString note() const override { return note_; }
    bool isPartial() const override { return partial_; }
    QWidget* editorWidget() override;
    QPlainTextEdit* edit() const { return edit_; }

private:
    QPlainTextEdit* edit_;
    QString note_;
    bool partial_ = false;
};

}  // namespace meridian::ui
