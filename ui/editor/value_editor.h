// ValueEditor: the selected key's value, shown and edited byte-exactly.
//
// showKey() reads the whole value on the session's pool (the UI never
// waits) and shows it in the view that fits (Text, Hex, JSON, or Decoded when
// a decoder is set for the key's prefix or the bytes look like a format
// decode/ reads; the choice and why are shown, and the user can switch). The Hex view shows any size at
// once; the Text and JSON views show the first kQuickLookBytes of a larger
// value, read-only, until "Load all". The key has the same Text / Hex choice.
//
// Editing: the views keep their own edits; switching views carries them over
// as bytes (ValueDocument). save() writes exactly the bytes of the current
// view, or the stored bytes when nothing was edited, through EditController
// (undoable, sync). A view that cannot represent an edit refuses it with an
// explanation; a JSON edit that does not parse is not saved and the error
// names the line and column. Unsaved edits are flagged (isDirty());
// askToLeave() asks before they would be lost. Read-only sessions disable
// editing, with the reason as tooltip and note.
//
// When a write (save, undo, redo, rename, delete) touches the key shown, the
// editor shows the bytes written, or keeps unsaved edits and says the stored
// value changed. UI thread only. Implementation: value_editor.cpp (layout and
// display), value_editor_edit.cpp (load, save, revert, replace, ask).
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

#include "ui/editor/value_format.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace meridian::ui {

class EditController;
struct EditChange;
class DecodedValueView;
class DecoderSettings;
class HexValueView;
class HexView;
class JsonValueView;
class StorageSession;
class TextValueView;
class ValueDocument;
class ValuePane;

class ValueEditor : public QWidget {
    Q_OBJECT
public:
    explicit ValueEditor(EditController* edits, QWidget* parent = nullptr);

    void setSession(StorageSession* session);
    // Loads `key` in the session's current column family. Drops unsaved
    // edits: call askToLeave() first.
    void showKey(const QByteArray& key);
    // Reads the value shown again (after a refresh) and shows it only if it
    // changed, in the same view; nothing when there are unsaved edits.
    void reload();
    void clear();

    ValueDocument* document() const { return doc_; }
    QByteArray key() const;
    QString family() const { return family_; }
    bool isLoading() const { return loading_; }
    bool isSaving() const { return saving_ > 0; }
    bool hasValue() const;
    bool isDirty() const;
    // A value is loaded and the session can be written.
    bool isEditable() const;

    ValueView view() const { return view_; }
    ValueView autoView() const { return autoChoice_.view; }
    void setView(ValueView view);
    ValueView keyView() const { return keyView_; }
    void setKeyView(ValueView view);
    bool isShowingAll() const { return showAll_; }
    void loadAll();

    // The bytes the editor holds now, unsaved edits included (not validated).
    QByteArray currentBytes() const;
    // What save() would write now, or nullopt and why not.
    std::optional<QByteArray> bytesToSave(QString* problem);
    // Starts saving; false (and the reason shown) when it refuses. `done`
    // gets whether the bytes were written.
    bool save(std::function<void(bool written)> done = {});
    void revert();
    // Replaces the whole value with `bytes` as an unsaved edit (paste, file).
    bool replaceValue(const QByteArray& bytes);
    // Asks whether to save or discard unsaved edits (a window-modal box,
    // "unsavedChangesBox"), then calls `then` with whether to go ahead. Calls
    // it at once when there is nothing unsaved.
    void askToLeave(std::function<void(bool proceed)> then);

    QString lastError() const { return lastError_; }
    TextValueView* textView() const { return text_; }
    HexValueView* hexPane() const { return hex_; }
    HexView* hexView() const;
    JsonValueView* jsonView() const { return json_; }
    DecodedValueView* decodedView() const { return decoded_; }
    // What the user set for this database's bytes: decoders per prefix, key layouts.
    DecoderSettings* decoderSettings() const { return decoderSettings_; }

signals:
    void dirtyChanged(bool dirty);
    void valueLoaded(const QByteArray& key);
    void saved(const QByteArray& key);
    // The user typed into a value the database will not let them change
    // (read-only, say): a chance to offer a way to edit.
    void editAttempted();
    void message(const QString& text);

private:
    // value_editor.cpp
    void buildLayout();
    QList<ValuePane*> panes() const;
    ValuePane* pane(ValueView view) const;
    ValuePane* activePane() const;
    void refreshPane();
    void refreshHeader();
    void refreshState();
    void showError(const QString& text);
    void clearError();

    // value_editor_edit.cpp
    // Reads `key` on the pool; `again`: a reload of the value shown.
    void read(const QByteArray& key, bool again);
    void onApplied(const EditChange& change);

    QPointer<StorageSession> session_;
    EditController* edits_;
    ValueDocument* doc_;
    QString family_;
    ViewChoice autoChoice_;
    ValueView view_ = ValueView::Text;
    ValueView keyView_ = ValueView::Text;
    bool showAll_ = false;
    bool loading_ = false;
    int saving_ = 0;
    bool lastDirty_ = false;
    quint64 generation_ = 0;
    QString lastError_;
    QString storedChangedNote_;

    QLineEdit* keyField_;
    QComboBox* keyViewCombo_;
    QLabel* info_;
    QButtonGroup* viewButtons_;
    QLabel* note_;
    QPushButton* loadAll_;
    QLabel* error_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    TextValueView* text_;
    HexValueView* hex_;
    JsonValueView* json_;
    DecodedValueView* decoded_;
    DecoderSettings* decoderSettings_ = nullptr;
    QLabel* dirtyLabel_;
    QPushButton* revertButton_;
    QPushButton* saveButton_;
    QTimer headerTimer_;  // refreshes the size in the header while the user edits
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace meridian::ui
