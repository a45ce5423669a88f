#include "ui/editor/decoded_view.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

#include "decode/value_decoder.h"
#include "storage/bytes.h"
#include "ui/decode/decoded_tree_model.h"
#include "ui/decode/value_decoding.h"
#include "ui/editor/value_format.h"

namespace meridian::ui {

namespace {

// The Decoder box: fixed entries, then the one in use when it is none of them.
struct BoxEntry {
    const char* label;
    const char* decoder;  // "" automatic; "?protobuf", "?number", "?external": ask first
};
const BoxEntry kEntries[] = {
    {QT_TRANSLATE_NOOP("DecodedValueView", "Automatic"), ""},
    {QT_TRANSLATE_NOOP("DecodedValueView", "MessagePack"), "msgpack"},
    {QT_TRANSLATE_NOOP("DecodedValueView", "CBOR"), "cbor"},
    {QT_TRANSLATE_NOOP("DecodedValueView", "BSON"), "bson"},
    {QT_TRANSLATE_NOOP("DecodedValueView", "Protobuf, no schema"), "protobuf"},
    {QT_TRANSLATE_NOOP("DecodedValueView", "Protobuf with a schema…"), "?protobuf"},
    {QT_TRANSLATE_NOOP("DecodedValueView", "Number…"), "?number"},
    {QT_TRANSLATE_NOOP("DecodedValueView", "External command…"), "?external"},
};
constexpr int kFixedEntries = static_cast<int>(std::size(kEntries));

// The key's first namespace ("user:" of "user:42:name"), else the whole key.
QByteArray defaultPrefix(const QByteArray& key) {
    const qsizetype colon = key.indexOf(':');
    return colon >= 0 ? key.left(colon + 1) : key;
}

QString limitedText(const std::string& text) {
    if (static_cast<qsizetype>(text.size()) <= kQuickLookBytes) return QString::fromStdString(text);
    const QByteArray bytes = QByteArray::fromStdString(text);
    return QString::fromUtf8(bytes.left(utf8CutPoint(bytes, kQuickLookBytes))) +
           QObject::tr("\n… (the first %1 of %2)").arg(byteCountText(kQuickLookBytes), byteCountText(bytes.size()));
}

}  // namespace

DecodedValueView::DecodedValueView(QWidget* parent)
    : ValuePane(parent),
      decoderBox_(new QComboBox(this)),
      prefixField_(new QLineEdit(this)),
      status_(new QLabel(this)),
      tabs_(new QTabWidget(this)),
      tree_(new QTreeView(this)),
      model_(new DecodedTreeModel(this)),
      formatText_(new QPlainTextEdit(this)),
      jsonText_(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("decodedValueView"));
    decoderBox_->setObjectName(QStringLiteral("decoderBox"));
    for (const BoxEntry& e : kEntries) decoderBox_->addItem(tr(e.label), QString::fromLatin1(e.decoder));
    decoderBox_->insertSeparator(5);
    decoderBox_->setToolTip(tr("How to read this value. The choice is remembered for keys starting with the prefix beside it."));
    prefixField_->setObjectName(QStringLiteral("decoderPrefixField"));
    prefixField_->setToolTip(tr("The keys the decoder is remembered for (\\xNN for bytes that are not text)"));
    prefixField_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    status_->setObjectName(QStringLiteral("decodedStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tree_->setObjectName(QStringLiteral("decodedTree"));
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true);  // rows laid out without measuring each
    tree_->setAlternatingRowColors(true);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setResizeContentsPrecision(100);  // fitting the Name column measures the first rows only
    tree_->header()->setSectionResizeMode(DecodedTreeModel::ValueColumn, QHeaderView::Stretch);
    for (QPlainTextEdit* text : {formatText_, jsonText_}) {
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    formatText_->setObjectName(QStringLiteral("decodedFormatText"));
    jsonText_->setObjectName(QStringLiteral("decodedJsonText"));
    tabs_->setObjectName(QStringLiteral("decodedTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(tree_, tr("Tree"));
    tabs_->addTab(formatText_, tr("Text"));
    tabs_->addTab(jsonText_, tr("JSON"));

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Decoder"), this));
    row->addWidget(decoderBox_);
    row->addWidget(new QLabel(tr("for keys starting with"), this));
    row->addWidget(prefixField_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(status_);
    layout->addWidget(tabs_, 1);

    connect(decoderBox_, &QComboBox::activated, this, &DecodedValueView::pickFromBox);
    connect(formatText_->document(), &QTextDocument::modificationChanged, this, [this](bool) { onTextEdited(); });
    connect(formatText_, &QPlainTextEdit::textChanged, this, [this] {
        if (!filling_) emit contentEdited();
    });
    // The text tabs are filled when first looked at: a big value's text is not for every click.
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (index > 0) fillTextTabs();
    });
}

void DecodedValueView::setSettings(DecoderSettings* settings) { settings_ = settings; }

void DecodedValueView::setKey(const QByteArray& key, const QString& guessed) {
    key_ = key;
    guessed_ = guessed;
    const auto set = settings_ ? settings_->decoderFor(key) : std::nullopt;
    const QByteArray prefix = set ? set->prefix : defaultPrefix(key);
    prefixField_->setText(QString::fromStdString(storage::escapeBytes(prefix.toStdString())));
}

QString DecodedValueView::prefixText() const { return prefixField_->text(); }

const DecodedTreePtr& DecodedValueView::tree() const { return model_->tree(); }

QWidget* DecodedValueView::editorWidget() { return tree_; }

bool DecodedValueView::isEditable() const { return shown_ && shown_->writer && writable_ && textExact_; }

QString DecodedValueView::note() const {
    if (!shown_) return {};
    const QString format = QString::fromStdString(shown_->decoded.format);
    if (isEditable())
        return tr("Edit the value in the Text tab: Save writes the %1 that text stands for, and everything you did "
                  "not change stays byte for byte as it was.").arg(format);
    if (!writable_) return {};  // the editor says why the database is read-only
    if (shown_->writer)
        return tr("The decoded view is read-only for this value: its text holds characters a text editor would "
                  "change (line or paragraph separators, no-break spaces). Edit the bytes in Hex.");
    return tr("The decoded view is read-only for this value: %1. Edit the bytes in Text, Hex or JSON.")
        .arg(QString::fromStdString(shown_->readOnlyReason));
}

bool DecodedValueView::isModified() const { return isEditable() && formatText_->document()->isModified(); }

const storage::Result<std::string>& DecodedValueView::encodeEdit() const {
    // Asked for again and again (the header's size, Save, the save's end): encoded once per text.
    const QString text = formatText_->toPlainText();
    if (!encoded_ || text != encodedText_) {
        encoded_ = shown_->writer->encode(text.toStdString());
        encodedText_ = text;
    }
    return *encoded_;
}

QByteArray DecodedValueView::bytes() const {
    if (!isModified()) return bytes_;
    const auto& encoded = encodeEdit();
    // Text that does not encode has no bytes: bytesProblem() says so, and nothing takes these.
    return encoded.ok() ? QByteArray::fromStdString(encoded.value()) : bytes_;
}

QString DecodedValueView::bytesProblem() { return textProblem(); }

QString DecodedValueView::saveProblem() {
    const QString problem = textProblem();
    return problem.isEmpty() ? problem : tr("Not saved: %1").arg(problem);
}

QString DecodedValueView::textProblem() {
    if (!isModified()) return {};
    const auto& encoded = encodeEdit();
    if (encoded.ok()) return {};
    const QString message = QString::fromStdString(encoded.status().message());
    // "line L, column C: ..." puts the cursor there (the column counts characters, not UTF-16 units).
    static const QRegularExpression place(QStringLiteral("^line (\\d+), column (\\d+)"));
    if (const auto match = place.match(message); match.hasMatch()) {
        const QTextBlock block = formatText_->document()->findBlockByNumber(match.captured(1).toInt() - 1);
        if (block.isValid()) {
            const QString line = block.text();
            qsizetype unit = 0;
            for (int column = 1; column < match.captured(2).toInt() && unit < line.size(); ++column)
                unit += line.at(unit).isHighSurrogate() && unit + 1 < line.size() ? 2 : 1;
            QTextCursor cursor(block);
            cursor.setPosition(block.position() + static_cast<int>(unit));
            formatText_->setTextCursor(cursor);
        }
        tabs_->setCurrentWidget(formatText_);
        formatText_->setFocus();
    }
    return tr("the %1 text, %2").arg(QString::fromStdString(shown_->decoded.format), message);
}

void DecodedValueView::setUnmodified() {
    if (!isModified()) return;
    bytes_ = bytes();  // what was saved: shown decoded afresh
    decode();
}

void DecodedValueView::onTextEdited() {
    if (filling_) return;
    const bool edited = isModified();
    decoderBox_->setEnabled(!edited);  // another decoder would drop the edit
    if (edited)
        status_->setText(tr("%1 · edited: Save writes the text; the tree and JSON show the value before the edit")
                             .arg(QString::fromStdString(shown_->decoded.format)));
    emit modifiedChanged(edited);
}

QString DecodedValueView::statusText() const { return status_->text(); }

void DecodedValueView::showBytes(const QByteArray& bytes, bool writable, qsizetype) {
    bytes_ = bytes;
    writable_ = writable;
    decode();
}

void DecodedValueView::decode() {
    DecodeChoice choice;
    if (settings_) {
        if (auto set = settings_->decoderFor(key_)) {
            choice.decoder = *set;
            choice.reason = tr("set for keys starting with %1")
                                .arg(QString::fromStdString(storage::escapeBytes(set->prefix.toStdString())));
        }
    }
    syncBox(boxName(settings_ ? settings_->decoderFor(key_) : std::nullopt));
    // Guessed already (reading a big value a second time to guess is not free): decode with that.
    if (choice.decoder.decoder.isEmpty()) choice.decoder.decoder = guessed_;
    decoding_ = true;
    status_->setText(tr("Decoding…"));
    status_->setStyleSheet(QString());
    model_->setTree(nullptr);
    shown_.reset();
    encoded_.reset();
    textExact_ = false;
    filling_ = true;
    formatText_->clear();
    formatText_->setReadOnly(true);
    formatText_->document()->setModified(false);
    filling_ = false;
    decoderBox_->setEnabled(true);
    jsonText_->clear();
    textsFilled_ = false;
    const QByteArray bytes = bytes_;
    latest_.watch(runOn(backgroundPool(), [bytes, choice] { return decodeValue(bytes, choice); }), this,
                  [this, reason = choice.reason](DecodedTreePtr tree) { showTree(tree, reason); });
}

void DecodedValueView::showTree(const DecodedTreePtr& tree, const QString& reason) {
    decoding_ = false;
    shown_ = tree;
    const decode::Decoded& d = tree->decoded;
    QString text;
    if (!d.ok()) {
        text = QString::fromStdString(d.failure->message);
    } else {
        text = QString::fromStdString(d.format);
        if (!reason.isEmpty()) text += QStringLiteral(" (%1)").arg(reason);
        else text += tr(" (guessed from the bytes)");
        if (!d.note.empty()) text += QStringLiteral(" · ") + QString::fromStdString(d.note);
    }
    status_->setText(text);
    status_->setStyleSheet(d.ok() ? QString() : QStringLiteral("color: #c62828;"));
    model_->setTree(d.ok() || !d.root.children.empty() ? tree : nullptr);
    if (d.ok()) {
        // The value's first rows at once, not when the view next lays itself out.
        const QModelIndex root = model_->index(0, 0);
        tree_->expand(root);
        if (model_->rowCount(root) == 0 && model_->canFetchMore(root)) model_->fetchMore(root);
    }
    for (int column : {DecodedTreeModel::NameColumn, DecodedTreeModel::TypeColumn}) {
        tree_->resizeColumnToContents(column);
        tree_->setColumnWidth(column, std::min(tree_->columnWidth(column), 280));
    }
    // Text to edit is in the box at once (at most kEditableTextBytes), and
    // editable only if the box gives back exactly that text.
    if (tree->writer && writable_) fillTextTabs();
    if (tabs_->currentIndex() > 0) fillTextTabs();
    emit decoded();
}

void DecodedValueView::fillTextTabs() {
    const DecodedTreePtr& tree = model_->tree();
    if (textsFilled_ || !tree) return;
    textsFilled_ = true;
    const decode::Decoded& d = tree->decoded;
    filling_ = true;
    if (tree->writer && writable_) {
        const QString text = QString::fromStdString(tree->text);
        formatText_->setPlainText(text);
        textExact_ = formatText_->toPlainText() == text;
        formatText_->setReadOnly(!textExact_);
    } else {
        formatText_->setPlainText(tree->text.empty() ? tr("(%1 has no text form of its own; see JSON)").arg(QString::fromStdString(d.format))
                                                     : limitedText(tree->text));
    }
    formatText_->document()->setModified(false);
    filling_ = false;
    jsonText_->setPlainText(limitedText(decode::toIndentedJson(d.root)));
}

QString DecodedValueView::boxName(const std::optional<PrefixDecoder>& decoder) {
    if (!decoder) return {};
    if (decoder->decoder == QLatin1String("external")) return QStringLiteral("external:") + decoder->command;
    return decoder->decoder;
}

void DecodedValueView::syncBox(const QString& name) {
    // Another spelling of a box entry ("messagepack", "protobuf-raw") selects that entry.
    QString decoder = name;
    if (auto spec = decode::parseDecoderSpec(name.toStdString()); spec.ok())
        decoder = QString::fromStdString(spec->name());
    for (int i = 0; i < decoderBox_->count(); ++i) {
        if (decoderBox_->itemData(i).toString() == decoder) {
            decoderBox_->setCurrentIndex(i);
            return;
        }
    }
    // One of the asked-for kinds: shown as an extra entry at the end.
    while (decoderBox_->count() > kFixedEntries + 1) decoderBox_->removeItem(decoderBox_->count() - 1);
    QString label = decoder;
    if (decoder.startsWith(QLatin1String("protobuf:")))
        label = tr("Protobuf: %1").arg(decoder.section(QLatin1Char(':'), -1));
    else if (decoder.startsWith(QLatin1String("external:")))
        label = tr("External: %1").arg(decoder.mid(9));
    decoderBox_->addItem(label, decoder);
    decoderBox_->setCurrentIndex(decoderBox_->count() - 1);
}

void DecodedValueView::pickFromBox(int index) {
    const QString chosen = decoderBox_->itemData(index).toString();
    PrefixDecoder decoder;
    if (chosen == QLatin1String("?protobuf")) {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a .proto Schema"), QString(),
                                                          tr("Protobuf schemas (*.proto);;All files (*)"));
        if (file.isEmpty()) return decode();  // puts the box back
        QString error;
        const QStringList types = protobufMessageTypes(file, &error);
        if (types.isEmpty()) {
            syncBox(boxName(settings_ ? settings_->decoderFor(key_) : std::nullopt));  // the decoder in use, unchanged
            status_->setText(tr("Not changed: %1").arg(error.isEmpty() ? tr("%1 defines no message types").arg(file) : error));
            status_->setStyleSheet(QStringLiteral("color: #c62828;"));
            return;
        }
        bool ok = false;
        const QString type = QInputDialog::getItem(this, tr("Message Type"), tr("The message this value holds:"), types, 0, false, &ok);
        if (!ok) return decode();
        decoder.decoder = QStringLiteral("protobuf:%1:%2").arg(file, type);
    } else if (chosen == QLatin1String("?number")) {
        const QStringList types = {QStringLiteral("u64be"), QStringLiteral("u64le"), QStringLiteral("i64be"),
                                   QStringLiteral("i64le"), QStringLiteral("u32be"), QStringLiteral("u32le"),
                                   QStringLiteral("i32be"), QStringLiteral("i32le"), QStringLiteral("u16be"),
                                   QStringLiteral("u16le"), QStringLiteral("u8"),    QStringLiteral("f64be"),
                                   QStringLiteral("f64le"), QStringLiteral("f32be"), QStringLiteral("f32le"),
                                   QStringLiteral("varint"), QStringLiteral("zigzag"), QStringLiteral("uuid")};
        bool ok = false;
        const QString type = QInputDialog::getItem(this, tr("Number"), tr("The whole value is one:"), types, 0, false, &ok);
        if (!ok) return decode();
        decoder.decoder = type;
    } else if (chosen == QLatin1String("?external")) {
        bool ok = false;
        const QString command = QInputDialog::getText(
            this, tr("External Decoder"),
            tr("A command that reads the value on its standard input and prints JSON or text.\n"
               "It runs for every value shown under this prefix, for at most 5 seconds each.\n"
               "Arguments are split at spaces; \"double quotes\" keep one together."),
            QLineEdit::Normal, QString(), &ok);
        if (!ok || command.trimmed().isEmpty()) return decode();
        decoder.decoder = QStringLiteral("external");
        decoder.command = command.trimmed();
    } else {
        decoder.decoder = chosen.startsWith(QLatin1String("external:")) ? QString() : chosen;
        if (chosen.startsWith(QLatin1String("external:"))) return;  // already in use
    }
    useDecoder(decoder);
}

void DecodedValueView::useDecoder(PrefixDecoder decoder) {
    if (decoder.prefix.isEmpty()) {
        auto prefix = storage::unescapeBytes(prefixField_->text().toStdString());
        decoder.prefix = QByteArray::fromStdString(prefix.value_or(prefixField_->text().toStdString()));
    }
    if (settings_) {
        // Automatic: forget what was set for this prefix (and any longer one that set this key's decoder).
        if (decoder.decoder.isEmpty()) {
            settings_->removeDecoder(decoder.prefix);
            if (auto set = settings_->decoderFor(key_)) settings_->removeDecoder(set->prefix);
        } else {
            settings_->setDecoder(decoder);
        }
    }
    decode();
}

}  // namespace meridian::ui
