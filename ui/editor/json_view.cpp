#include "ui/editor/json_view.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "storage/bytes.h"
#include "ui/editor/text_view.h"
#include "ui/editor/value_format.h"

namespace meridian::ui {

namespace {

constexpr int kNodeRole = Qt::UserRole + 1;
constexpr int kShownChars = 300;  // longer strings are cut in the tree (full text in the tooltip)

bool validUtf8(const QByteArray& bytes) {
    return storage::isValidUtf8(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

}  // namespace

JsonValueView::JsonValueView(QWidget* parent)
    : ValuePane(parent),
      treeButton_(new QToolButton(this)),
      textButton_(new QToolButton(this)),
      status_(new QLabel(this)),
      stack_(new QStackedWidget(this)),
      tree_(new QTreeWidget(this)),
      edit_(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("jsonValueView"));
    treeButton_->setObjectName(QStringLiteral("jsonTreeButton"));
    textButton_->setObjectName(QStringLiteral("jsonTextButton"));
    treeButton_->setText(tr("Tree"));
    textButton_->setText(tr("Formatted Text"));
    treeButton_->setToolTip(tr("Browse the JSON as a collapsible tree"));
    textButton_->setToolTip(tr("Read and edit the JSON as indented text"));
    for (auto* button : {treeButton_, textButton_}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
    }
    status_->setObjectName(QStringLiteral("jsonStatus"));
    status_->setWordWrap(true);
    tree_->setObjectName(QStringLiteral("jsonTree"));
    tree_->setHeaderLabels({tr("Name"), tr("Value")});
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    edit_->setObjectName(QStringLiteral("jsonTextEdit"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    edit_->setFont(mono);
    tree_->setFont(mono);
    stack_->addWidget(tree_);
    stack_->addWidget(edit_);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(treeButton_);
    bar->addWidget(textButton_);
    bar->addWidget(status_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(stack_, 1);

    connect(treeButton_, &QToolButton::clicked, this, [this] { setMode(Mode::Tree); });
    connect(textButton_, &QToolButton::clicked, this, [this] { setMode(Mode::Text); });
    connect(tree_, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem* item) { addChildren(item); });
    connect(edit_->document(), &QTextDocument::modificationChanged, this, &ValuePane::modifiedChanged);
    connect(edit_->document(), &QTextDocument::contentsChange, this, [this](int, int removed, int added) {
        if ((removed || added) && edit_->document()->isModified()) emit contentEdited();
    });
    setMode(Mode::Tree);
}

void JsonValueView::showBytes(const QByteArray& bytes, bool writable, qsizetype limit) {
    const qsizetype cut = quickLookCut(bytes, limit);
    partial_ = cut < bytes.size();
    nodes_.clear();
    tree_->clear();
    treeSource_.clear();
    bool editable = false;
    const QSignalBlocker block(edit_->document());
    if (partial_) {
        const QByteArray shown = bytes.left(cut);
        valid_ = false;
        setDisplayText(edit_, validUtf8(shown) ? QString::fromUtf8(shown) : escapedForDisplay(shown));
        note_ = tr("Showing the first %1 of %2 as raw text, read-only. Load all to see it as JSON and edit it.")
                    .arg(byteCountText(shown.size()), byteCountText(bytes.size()));
    } else if ((valid_ = isJsonDocument(bytes))) {
        const bool exact = setTextExactly(edit_, prettyJson(bytes));
        editable = writable && exact;
        buildTree(bytes);
        note_ = exact ? QString()
                      : tr("This JSON holds characters a text editor would change (such as non-breaking spaces), "
                           "so it is read-only here. Edit it in the Hex view.");
    } else if (validUtf8(bytes)) {
        QJsonParseError error;
        QJsonDocument::fromJson(bytes, &error);
        const QString why = error.error == QJsonParseError::NoError
                                ? tr("not an object or an array")
                                : tr("%1 at %2").arg(error.errorString(), jsonLocation(bytes, error.offset));
        const bool exact = setTextExactly(edit_, bytes);
        editable = writable && exact;
        note_ = tr("Not valid JSON (%1): shown as is. It can be saved from this view only once it parses.").arg(why);
    } else {
        valid_ = false;
        setDisplayText(edit_, escapedForDisplay(bytes));
        note_ = tr("Not JSON: not even valid UTF-8. Shown with \\xNN escapes, read-only; use the Hex view.");
    }
    edit_->setReadOnly(!editable);
    edit_->document()->setModified(false);
    edit_->moveCursor(QTextCursor::Start);
    status_->setText(editable ? tr("Edit in Formatted Text; saving writes the text exactly as shown "
                                   "(only whitespace differs from the stored value until you edit).")
                              : QString());
    treeButton_->setEnabled(valid_);
    applyMode();
}

bool JsonValueView::isModified() const { return edit_->document()->isModified(); }

void JsonValueView::setUnmodified() {
    edit_->document()->setModified(false);
    if (shownMode() == Mode::Tree) buildTree(bytes());
}

QByteArray JsonValueView::bytes() const { return edit_->toPlainText().toUtf8(); }

QString JsonValueView::saveProblem() {
    if (!isModified()) return {};
    const QByteArray text = bytes();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray())) return {};
    setMode(Mode::Text);
    if (error.error == QJsonParseError::NoError)
        return tr("Not saved: the JSON view saves an object or an array, and this is neither.");
    QTextCursor cursor = edit_->textCursor();
    cursor.setPosition(static_cast<int>(QString::fromUtf8(text.left(error.offset)).size()));
    edit_->setTextCursor(cursor);
    edit_->setFocus();
    return tr("Not saved: the JSON does not parse: %1 at %2.").arg(error.errorString(), jsonLocation(text, error.offset));
}

QWidget* JsonValueView::editorWidget() { return shownMode() == Mode::Tree ? static_cast<QWidget*>(tree_) : edit_; }

void JsonValueView::setMode(Mode mode) {
    mode_ = mode;
    applyMode();
}

JsonValueView::Mode JsonValueView::shownMode() const { return valid_ ? mode_ : Mode::Text; }

void JsonValueView::applyMode() {
    const Mode mode = shownMode();
    if (mode == Mode::Tree && isModified()) {
        // The tree follows the edited text when it parses.
        const QByteArray text = bytes();
        if (isJsonDocument(text)) buildTree(text);
        else status_->setText(tr("The edited text does not parse: the tree shows the last version that did."));
    }
    stack_->setCurrentWidget(mode == Mode::Tree ? static_cast<QWidget*>(tree_) : edit_);
    treeButton_->setChecked(mode == Mode::Tree);
    textButton_->setChecked(mode == Mode::Text);
}

void JsonValueView::buildTree(const QByteArray& json) {
    if (json == treeSource_ && tree_->topLevelItemCount() > 0) return;
    tree_->clear();
    nodes_ = parseJsonTree(json);
    treeSource_ = json;
    if (nodes_.empty()) return;
    QTreeWidgetItem* root = makeItem(0);
    root->setText(0, tr("(root)"));
    tree_->addTopLevelItem(root);
    root->setExpanded(true);  // adds its children
}

QTreeWidgetItem* JsonValueView::makeItem(int index) {
    const JsonNode& node = nodes_[static_cast<std::size_t>(index)];
    auto* item = new QTreeWidgetItem;
    item->setData(0, kNodeRole, index);
    item->setText(0, node.name);
    QString value = node.value;
    if (node.kind == JsonKind::String) {
        item->setToolTip(1, value.left(4096));
        if (value.size() > kShownChars) value = value.left(kShownChars) + QChar(0x2026);
        value = QStringLiteral("\"%1\"").arg(value);
    }
    item->setText(1, value);
    if (node.kind == JsonKind::Object || node.kind == JsonKind::Array) {
        item->setForeground(1, palette().brush(QPalette::PlaceholderText));
        if (!node.children.empty()) item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    return item;
}

void JsonValueView::addChildren(QTreeWidgetItem* item) {
    if (item->childCount() > 0) return;
    const int index = item->data(0, kNodeRole).toInt();
    if (index < 0 || static_cast<std::size_t>(index) >= nodes_.size()) return;
    QList<QTreeWidgetItem*> children;
    for (const int child : nodes_[static_cast<std::size_t>(index)].children) children << makeItem(child);
    item->addChildren(children);
}

}  // namespace meridian::ui
