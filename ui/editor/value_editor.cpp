// ValueEditor: layout and what it shows. Loading, saving and the questions
// are in value_editor_edit.cpp.
#include "ui/editor/value_editor.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

#include "storage/bytes.h"
#include "ui/common/text.h"
#include "ui/editor/decoded_view.h"
#include "ui/decode/decoder_settings.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/hex_pane.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/json_view.h"
#include "ui/editor/text_view.h"
#include "ui/editor/value_document.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

ValueEditor::ValueEditor(EditController* edits, QWidget* parent)
    : QWidget(parent),
      edits_(edits),
      doc_(new ValueDocument(this)),
      keyField_(new QLineEdit(this)),
      keyViewCombo_(new QComboBox(this)),
      info_(new QLabel(this)),
      viewButtons_(new QButtonGroup(this)),
      note_(new QLabel(this)),
      loadAll_(new QPushButton(tr("Load All"), this)),
      error_(new QLabel(this)),
      stack_(new QStackedWidget(this)),
      placeholder_(new QLabel(this)),
      text_(new TextValueView(this)),
      hex_(new HexValueView(this)),
      json_(new JsonValueView(this)),
      decoded_(new DecodedValueView(this)),
      dirtyLabel_(new QLabel(this)),
      revertButton_(new QPushButton(tr("Revert"), this)),
      saveButton_(new QPushButton(tr("Save Value"), this)) {
    setObjectName(QStringLiteral("valueEditor"));
    buildLayout();
    for (ValuePane* p : panes()) {
        connect(p, &ValuePane::modifiedChanged, this, [this] {
            clearError();
            refreshState();
            refreshHeader();
        });
        // The size in the header follows the edit, a moment after typing stops.
        connect(p, &ValuePane::contentEdited, &headerTimer_, qOverload<>(&QTimer::start));
    }
    for (ValuePane* p : panes()) p->editorWidget()->installEventFilter(this);
    // The decoded view knows whether a value can be edited as text once it is decoded.
    connect(decoded_, &DecodedValueView::decoded, this, [this] { refreshState(); });
    headerTimer_.setSingleShot(true);
    headerTimer_.setInterval(150);
    connect(&headerTimer_, &QTimer::timeout, this, &ValueEditor::refreshHeader);
    connect(doc_, &ValueDocument::pendingChanged, this, [this] { refreshState(); });
    connect(keyViewCombo_, &QComboBox::activated, this,
            [this](int index) { setKeyView(index == 0 ? ValueView::Text : ValueView::Hex); });
    connect(viewButtons_, &QButtonGroup::idClicked, this, [this](int id) { setView(static_cast<ValueView>(id)); });
    connect(loadAll_, &QPushButton::clicked, this, &ValueEditor::loadAll);
    connect(saveButton_, &QPushButton::clicked, this, [this] { save(); });
    connect(revertButton_, &QPushButton::clicked, this, &ValueEditor::revert);
    connect(edits_, &EditController::applied, this, &ValueEditor::onApplied);
    clear();
}

void ValueEditor::buildLayout() {
    keyField_->setObjectName(QStringLiteral("valueKeyField"));
    keyField_->setReadOnly(true);
    keyField_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    keyViewCombo_->setObjectName(QStringLiteral("keyViewCombo"));
    keyViewCombo_->addItems({tr("Text"), tr("Hex")});
    keyViewCombo_->setToolTip(tr("Show the key as text (\\xNN for other bytes) or as hex"));
    info_->setObjectName(QStringLiteral("valueInfo"));
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info_->setWordWrap(true);  // the editor shares the width with the key list
    note_->setObjectName(QStringLiteral("valueNote"));
    note_->setWordWrap(true);
    loadAll_->setObjectName(QStringLiteral("loadAllButton"));
    loadAll_->setToolTip(tr("Show the whole value in this view (the Hex view always shows all of it)"));
    error_->setObjectName(QStringLiteral("valueError"));
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->hide();
    placeholder_->setObjectName(QStringLiteral("valuePlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setEnabled(false);
    dirtyLabel_->setObjectName(QStringLiteral("valueDirtyLabel"));
    revertButton_->setObjectName(QStringLiteral("revertValueButton"));
    revertButton_->setToolTip(tr("Drop unsaved edits and show the stored value"));
    saveButton_->setObjectName(QStringLiteral("saveValueButton"));

    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(new QLabel(tr("Key"), this));
    keyRow->addWidget(keyField_, 1);
    keyRow->addWidget(keyViewCombo_);

    auto* viewRow = new QHBoxLayout;
    viewRow->addWidget(info_, 1);
    const std::pair<ValueView, const char*> views[] = {
        {ValueView::Text, "viewTextButton"},
        {ValueView::Hex, "viewHexButton"},
        {ValueView::Json, "viewJsonButton"},
        {ValueView::Decoded, "viewDecodedButton"}};
    for (const auto& [v, name] : views) {
        auto* button = new QToolButton(this);
        button->setObjectName(QLatin1String(name));
        button->setText(viewName(v));
        button->setCheckable(true);
        button->setToolTip(v == ValueView::Decoded
                               ? tr("Show what the bytes mean: MessagePack, CBOR, BSON, Protobuf, numbers, or your own decoder")
                               : tr("Show the value as %1").arg(viewName(v)));
        viewButtons_->addButton(button, static_cast<int>(v));
        viewRow->addWidget(button);
    }

    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(note_, 1);
    noteRow->addWidget(loadAll_);

    stack_->addWidget(placeholder_);
    stack_->addWidget(text_);
    stack_->addWidget(hex_);
    stack_->addWidget(json_);
    stack_->addWidget(decoded_);

    auto* footer = new QHBoxLayout;
    footer->addWidget(dirtyLabel_, 1);
    footer->addWidget(revertButton_);
    footer->addWidget(saveButton_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addLayout(keyRow);
    layout->addLayout(viewRow);
    layout->addLayout(noteRow);
    layout->addWidget(error_);
    layout->addWidget(stack_, 1);
    layout->addLayout(footer);
}

QList<ValuePane*> ValueEditor::panes() const { return {text_, hex_, json_, decoded_}; }

HexView* ValueEditor::hexView() const { return hex_->hex(); }

QByteArray ValueEditor::key() const { return doc_->key(); }

bool ValueEditor::hasValue() const { return doc_->hasValue(); }

bool ValueEditor::isEditable() const { return hasValue() && edits_->isWritable(); }

bool ValueEditor::isDirty() const {
    if (!hasValue()) return false;
    return doc_->hasPendingEdit() || activePane()->isModified();
}

QByteArray ValueEditor::currentBytes() const {
    if (!hasValue()) return {};
    return activePane()->isModified() ? activePane()->bytes() : doc_->pending();
}

ValuePane* ValueEditor::pane(ValueView v) const {
    switch (v) {
    case ValueView::Text: return text_;
    case ValueView::Hex: return hex_;
    case ValueView::Json: return json_;
    case ValueView::Decoded: return decoded_;
    }
    return hex_;
}

ValuePane* ValueEditor::activePane() const { return pane(view_); }

void ValueEditor::setView(ValueView v) {
    if (v == view_ && hasValue()) {
        refreshHeader();
        return;
    }
    // Unsaved edits travel to the next view as bytes; an edit that has none
    // (decoded text that does not encode) stays, saying why.
    if (hasValue() && activePane()->isModified()) {
        if (const QString why = activePane()->bytesProblem(); !why.isEmpty()) {
            showError(tr("Not switched to %1: %2").arg(viewName(v), why));
            refreshHeader();
            return;
        }
        doc_->setPending(activePane()->bytes());
    }
    view_ = v;
    refreshPane();
}

void ValueEditor::setKeyView(ValueView v) {
    keyView_ = v == ValueView::Hex ? ValueView::Hex : ValueView::Text;
    refreshHeader();
}

void ValueEditor::loadAll() {
    if (showAll_ || !hasValue()) return;
    if (activePane()->isModified()) return;  // a partial view is never modified; nothing to lose anyway
    showAll_ = true;
    refreshPane();
}

void ValueEditor::refreshPane() {
    if (hasValue()) {
        ValuePane* p = activePane();
        const qsizetype limit = showAll_ ? std::numeric_limits<qsizetype>::max() : kQuickLookBytes;
        // The guess was made on the stored bytes; an edit is guessed afresh.
        if (p == decoded_)
            decoded_->setKey(doc_->key(), doc_->pending() == doc_->stored() ? autoChoice_.decoder : QString());
        p->showBytes(doc_->pending(), isEditable(), limit);
        stack_->setCurrentWidget(p);
    } else {
        stack_->setCurrentWidget(placeholder_);
    }
    refreshHeader();
    refreshState();
}

void ValueEditor::refreshHeader() {
    const QByteArray k = doc_->key();
    const std::string raw = k.toStdString();
    keyField_->setText(keyView_ == ValueView::Hex ? QString::fromLatin1(k.toHex(' ').toUpper())
                                                  : QString::fromStdString(storage::escapeBytes(raw)));
    keyField_->setCursorPosition(0);  // the start of a long key, not its end
    keyField_->setToolTip(k.isEmpty() && doc_->state() == ValueDocument::State::Empty
                              ? QString()
                              : tr("%1 · %2 in column family %3").arg(shortKey(k, 80), byteCountText(k.size()), family_));
    keyViewCombo_->setCurrentIndex(keyView_ == ValueView::Hex ? 1 : 0);
    for (auto* button : viewButtons_->buttons()) {
        button->setEnabled(hasValue());
        button->setChecked(hasValue() && viewButtons_->id(button) == static_cast<int>(view_));
    }
    switch (doc_->state()) {
    case ValueDocument::State::Empty:
        info_->clear();
        placeholder_->setText(tr("Select a key to see its value."));
        break;
    case ValueDocument::State::Loading:
        info_->setText(tr("Loading…"));
        placeholder_->setText(tr("Loading…"));
        break;
    case ValueDocument::State::Missing:
        info_->setText(tr("No value"));
        placeholder_->setText(tr("This key does not exist (any more)."));
        break;
    case ValueDocument::State::Failed:
        info_->setText(tr("Not loaded"));
        placeholder_->setText(tr("The value could not be read."));
        break;
    case ValueDocument::State::Loaded: {
        // What Save would write: the edit when there is one, else what is stored.
        const bool edited = activePane()->isModified();
        const QString size = edited ? tr("%1 (edited)").arg(byteCountText(activePane()->bytes().size()))
                                    : byteCountText(doc_->pending().size());
        const QString picked = view_ == autoChoice_.view
                                   ? tr("%1 view, picked: %2").arg(viewName(view_), autoChoice_.reason)
                                   : tr("%1 view (picked was %2: %3)")
                                         .arg(viewName(view_), viewName(autoChoice_.view), autoChoice_.reason);
        info_->setText(QStringLiteral("%1 · %2").arg(size, picked));
        break;
    }
    }
}

bool ValueEditor::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress && hasValue() && !edits_->isWritable()) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool typing = (!key->text().isEmpty() && key->text().at(0).isPrint() &&
                             !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) ||
                            key->key() == Qt::Key_Backspace || key->key() == Qt::Key_Delete;
        if (typing) emit editAttempted();
    }
    return QWidget::eventFilter(watched, event);
}

void ValueEditor::refreshState() {
    const bool dirty = isDirty();
    const bool editable = isEditable();
    const QString reason = edits_->readOnlyReason();
    QStringList notes;
    if (hasValue() && !edits_->isWritable()) notes << reason;
    if (hasValue() && !activePane()->note().isEmpty()) notes << activePane()->note();
    if (!storedChangedNote_.isEmpty()) notes << storedChangedNote_;
    note_->setText(notes.join(QLatin1Char('\n')));
    note_->setVisible(!notes.isEmpty());
    loadAll_->setVisible(hasValue() && activePane()->isPartial());

    saveButton_->setEnabled(editable && dirty && !isSaving());
    revertButton_->setEnabled(editable && dirty);
    const QString why = editable ? QString() : hasValue() ? reason : tr("Select a key first.");
    saveButton_->setToolTip(editable ? tr("Write this value to the database (Ctrl+S); undo with Edit > Undo") : why);
    for (ValuePane* p : panes())
        p->setToolTip(hasValue() && !edits_->isWritable() ? reason : QString());
    dirtyLabel_->setText(isSaving() ? tr("Saving…") : dirty ? tr("● Unsaved changes") : QString());
    if (dirty != lastDirty_) {
        lastDirty_ = dirty;
        emit dirtyChanged(dirty);
    }
}

void ValueEditor::showError(const QString& text) {
    lastError_ = text;
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
    if (!text.isEmpty()) emit message(text);
}

void ValueEditor::clearError() {
    if (lastError_.isEmpty()) return;
    lastError_.clear();
    error_->clear();
    error_->hide();
}

}  // namespace meridian::ui
