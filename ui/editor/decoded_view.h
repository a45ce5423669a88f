// DecodedValueView: the Decoded view of the value editor, beside Text, Hex
// and JSON. Shows what the bytes mean (MessagePack, CBOR, BSON, Protobuf with
// or without a schema, a number, or an external command's output) as a tree,
// as the format's own text (CBOR diagnostic notation, Protobuf text format),
// and as JSON.
//
// Which decoder: the one set for the key's prefix in DecoderSettings, else
// the format the bytes look like. Picking another in the Decoder box sets it
// for the prefix in the box beside it (the key's first namespace by default),
// so the next key under it is shown the same way; "Automatic" forgets it.
//
// Decoding runs on a worker thread; only the newest value's result is shown,
// and a big tree's rows are handed to the view a thousand at a time, so a
// 16 MiB value never stalls the UI.
//
// Editing: the Text tab is editable when the value's text writes back to
// exactly its bytes (MessagePack and CBOR notation, Protobuf text format
// through its schema, a number; see decode::ValueDecoder::editableText), the
// database is writable and its text is at most kEditableTextBytes and
// survives the text box unchanged. An edit is saved as the
// bytes its text encodes to, and only when it encodes (saveProblem() names
// the line and column and puts the cursor there). Otherwise the view is
// read-only and note() says why. UI thread only.
#pragma once

#include <QByteArray>
#include <QPointer>

#include "storage/status.h"
#include "ui/common/async.h"
#include "ui/decode/decoded_tree.h"
#include "ui/decode/decoder_settings.h"
#include "ui/editor/value_pane.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTreeView;

namespace meridian::ui {

class DecodedTreeModel;

class DecodedValueView : public ValuePane {
    Q_OBJECT
public:
    explicit DecodedValueView(QWidget* parent = nullptr);

    // The settings of the database shown (null: nothing remembered).
    void setSettings(DecoderSettings* settings);
    // The key whose value showBytes() will show next, and the decoder its
    // bytes were already found to fit ("msgpack"; "" when not known), used
    // when none is set for the key's prefix.
    void setKey(const QByteArray& key, const QString& guessed = {});

    void showBytes(const QByteArray& bytes, bool writable, qsizetype limit) override;
    bool isModified() const override;
    void setUnmodified() override;
    QByteArray bytes() const override;
    QString saveProblem() override;
    QString bytesProblem() override;
    QString note() const override;
    QWidget* editorWidget() override;

    // Sets `decoder` for keys starting with the prefix box's text (or
    // `decoder.prefix` when not empty) and shows the value with it; an empty
    // decoder name goes back to guessing. What the Decoder box does after its dialogs.
    void useDecoder(PrefixDecoder decoder);
    QString prefixText() const;

    // What is shown: null while decoding.
    const DecodedTreePtr& tree() const;
    bool isDecoding() const { return decoding_; }
    QString statusText() const;
    QTreeView* treeView() const { return tree_; }
    QPlainTextEdit* formatText() const { return formatText_; }
    QTabWidget* tabs() const { return tabs_; }
    // The Text tab takes edits (see above).
    bool isEditable() const;
    QComboBox* decoderBox() const { return decoderBox_; }

signals:
    // A value's decoding finished and is shown.
    void decoded();

private:
    void decode();
    void showTree(const DecodedTreePtr& tree, const QString& reason);
    void fillTextTabs();
    void pickFromBox(int index);
    // The Decoder box's entry for a decoder (none: Automatic), and selecting it.
    static QString boxName(const std::optional<PrefixDecoder>& decoder);
    void syncBox(const QString& name);
    // The edited text's bytes, or why it does not encode.
    const storage::Result<std::string>& encodeEdit() const;
    void onTextEdited();
    // What is wrong with the edited text ("the CBOR text, line 2, column 1: ..."), or empty.
    QString textProblem();

    QPointer<DecoderSettings> settings_;
    QByteArray key_;
    QString guessed_;
    QByteArray bytes_;
    LatestOnly<DecodedTreePtr> latest_;
    bool decoding_ = false;
    bool textsFilled_ = false;
    bool writable_ = false;
    bool textExact_ = false;  // the Text tab gives back exactly the text put in it
    bool filling_ = false;    // the Text tab is being filled, not edited
    mutable QString encodedText_;  // what encoded_ was encoded from
    mutable std::optional<storage::Result<std::string>> encoded_;
    DecodedTreePtr shown_;  // the decoding shown (null while decoding)
    QString reason_;

    QComboBox* decoderBox_;
    QLineEdit* prefixField_;
    QLabel* status_;
    QTabWidget* tabs_;
    QTreeView* tree_;
    DecodedTreeModel* model_;
    QPlainTextEdit* formatText_;
    QPlainTextEdit* jsonText_;
};

}  // namespace meridian::ui
