#include "ui/editor/text_view.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "storage/bytes.h"
#include "ui/editor/value_format.h"

namespace meridian::ui {

namespace {

bool validUtf8(const QByteArray& bytes) {
    return storage::isValidUtf8(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

}  // namespace

void setDisplayText(QPlainTextEdit* edit, const QString& text) {
    qsizetype longest = 0, start = 0;
    while (start < text.size() && longest <= kLongLine) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0) end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    // Before the text goes in, so that it is laid out once, the fast way.
    edit->setWordWrapMode(longest > kLongLine ? QTextOption::WrapAnywhere : QTextOption::WrapAtWordBoundaryOrAnywhere);
    edit->setPlainText(text);
}

bool setTextExactly(QPlainTextEdit* edit, const QByteArray& utf8) {
    setDisplayText(edit, QString::fromUtf8(utf8));
    return edit->toPlainText().toUtf8() == utf8;
}

TextValueView::TextValueView(QWidget* parent) : ValuePane(parent), edit_(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("textValueView"));
    edit_->setObjectName(QStringLiteral("textValueEdit"));
    edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit_->setTabChangesFocus(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit_);
    connect(edit_->document(), &QTextDocument::modificationChanged, this, &ValuePane::modifiedChanged);
    connect(edit_->document(), &QTextDocument::contentsChange, this, [this](int, int removed, int added) {
        if ((removed || added) && edit_->document()->isModified()) emit contentEdited();
    });
}

void TextValueView::showBytes(const QByteArray& bytes, bool writable, qsizetype limit) {
    const qsizetype cut = quickLookCut(bytes, limit);
    partial_ = cut < bytes.size();
    const QByteArray shown = partial_ ? bytes.left(cut) : bytes;
    bool editable = writable && !partial_;
    const QSignalBlocker block(edit_->document());
    if (validUtf8(shown)) {
        if (setTextExactly(edit_, shown)) {
            note_.clear();
        } else {
            editable = false;
            note_ = tr("This text holds characters a text editor would change (carriage returns, non-breaking "
                       "spaces, line or paragraph separators), so it is read-only here. Edit it in the Hex view.");
        }
    } else {
        editable = false;
        setDisplayText(edit_, escapedForDisplay(shown));
        note_ = tr("Not valid UTF-8: shown with \\xNN escapes, read-only, because text editing would change the "
                   "bytes. Edit it in the Hex view.");
    }
    if (partial_)
        note_ = tr("Showing the first %1 of %2, read-only. Load all to see and edit the whole value.")
                    .arg(byteCountText(shown.size()), byteCountText(bytes.size()));
    edit_->setReadOnly(!editable);
    edit_->document()->setModified(false);
    edit_->moveCursor(QTextCursor::Start);
}

bool TextValueView::isModified() const { return edit_->document()->isModified(); }

void TextValueView::setUnmodified() { edit_->document()->setModified(false); }

QByteArray TextValueView::bytes() const { return edit_->toPlainText().toUtf8(); }

QWidget* TextValueView::editorWidget() { return edit_; }

}  // namespace meridian::ui
