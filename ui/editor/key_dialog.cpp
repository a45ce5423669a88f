#include "ui/editor/key_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>

#include "storage/bytes.h"

namespace meridian::ui {

namespace {

// A "Paste" button for a field: the clipboard's raw bytes when it has them
// (Copy Key and Copy Value put them there), else its text as typed.
QToolButton* pasteButton(QWidget* parent, const QString& name, QLineEdit* field, QComboBox* format) {
    auto* button = new QToolButton(parent);
    button->setObjectName(name);
    button->setText(QObject::tr("Paste"));
    button->setToolTip(QObject::tr("Paste the exact bytes of a copied key or value"));
    QObject::connect(button, &QToolButton::clicked, parent, [field, format] {
        const QMimeData* mime = QApplication::clipboard()->mimeData();
        if (!mime) return;
        if (mime->hasFormat(QStringLiteral("application/octet-stream"))) {
            bool hex = false;
            const QString text = KeyDialog::format(mime->data(QStringLiteral("application/octet-stream")), &hex);
            format->setCurrentIndex(hex ? 1 : 0);
            field->setText(text);
        } else if (mime->hasText()) {
            field->setText(mime->text());
        }
    });
    return button;
}

QComboBox* formatCombo(QWidget* parent, const QString& name) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->addItems({QObject::tr("Text"), QObject::tr("Hex")});
    combo->setToolTip(QObject::tr("Text: UTF-8, with \\xNN for other bytes and \\\\ for a backslash. Hex: two digits a byte."));
    return combo;
}

}  // namespace

KeyDialog::KeyDialog(Purpose purpose, const QByteArray& initialKey, QWidget* parent)
    : QDialog(parent),
      purpose_(purpose),
      key_(new QLineEdit(this)),
      keyFormat_(formatCombo(this, QStringLiteral("keyDialogKeyFormat"))),
      problem_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("keyDialog"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    key_->setObjectName(QStringLiteral("keyDialogKeyField"));
    key_->setFont(mono);
    problem_->setObjectName(QStringLiteral("keyDialogProblem"));
    problem_->setWordWrap(true);

    auto* form = new QFormLayout;
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(key_, 1);
    keyRow->addWidget(keyFormat_);
    keyRow->addWidget(pasteButton(this, QStringLiteral("keyDialogPasteKey"), key_, keyFormat_));
    switch (purpose) {
    case Purpose::AddKey:
        setWindowTitle(tr("Add Key"));
        buttons_->button(QDialogButtonBox::Ok)->setText(tr("Add"));
        break;
    case Purpose::RenameKey:
        setWindowTitle(tr("Rename Key"));
        buttons_->button(QDialogButtonBox::Ok)->setText(tr("Rename"));
        break;
    case Purpose::Prefix:
        setWindowTitle(tr("Delete Keys Under Prefix"));
        buttons_->button(QDialogButtonBox::Ok)->setText(tr("Count Keys…"));
        break;
    }
    form->addRow(purpose == Purpose::Prefix ? tr("Prefix:") : purpose == Purpose::RenameKey ? tr("New name:") : tr("Key:"),
                 keyRow);
    if (purpose == Purpose::AddKey) {
        value_ = new QLineEdit(this);
        value_->setObjectName(QStringLiteral("keyDialogValueField"));
        value_->setFont(mono);
        value_->setPlaceholderText(tr("(empty; edit it in the value editor afterwards)"));
        valueFormat_ = formatCombo(this, QStringLiteral("keyDialogValueFormat"));
        auto* valueRow = new QHBoxLayout;
        valueRow->addWidget(value_, 1);
        valueRow->addWidget(valueFormat_);
        valueRow->addWidget(pasteButton(this, QStringLiteral("keyDialogPasteValue"), value_, valueFormat_));
        form->addRow(tr("Value:"), valueRow);
        connect(value_, &QLineEdit::textChanged, this, &KeyDialog::validate);
        connect(valueFormat_, &QComboBox::currentIndexChanged, this, &KeyDialog::validate);
    }
    if (purpose == Purpose::Prefix)
        problem_->setText(tr("The keys under the prefix are counted first; nothing is deleted before you confirm."));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);
    resize(520, sizeHint().height());

    bool hex = false;
    key_->setText(format(initialKey, &hex));
    keyFormat_->setCurrentIndex(hex ? 1 : 0);
    key_->selectAll();
    connect(key_, &QLineEdit::textChanged, this, &KeyDialog::validate);
    connect(keyFormat_, &QComboBox::currentIndexChanged, this, &KeyDialog::validate);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

std::optional<QByteArray> KeyDialog::parse(const QString& text, bool hex) {
    if (hex) {
        QString digits = text;
        digits.remove(QRegularExpression(QStringLiteral("\\s")));
        if (digits.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) digits = digits.mid(2);
        auto bytes = storage::fromHex(digits.toStdString());
        if (!bytes) return std::nullopt;
        return QByteArray::fromStdString(*bytes);
    }
    auto bytes = storage::unescapeBytes(text.toStdString());
    if (!bytes) return std::nullopt;
    return QByteArray::fromStdString(*bytes);
}

QString KeyDialog::format(const QByteArray& bytes, bool* hex) {
    const std::string raw = bytes.toStdString();
    *hex = !storage::isPrintableUtf8(raw);
    return *hex ? QString::fromLatin1(bytes.toHex(' ').toUpper()) : QString::fromStdString(storage::escapeBytes(raw));
}

QByteArray KeyDialog::key() const { return parse(key_->text(), keyFormat_->currentIndex() == 1).value_or(QByteArray()); }

QByteArray KeyDialog::value() const {
    if (!value_) return {};
    return parse(value_->text(), valueFormat_->currentIndex() == 1).value_or(QByteArray());
}

void KeyDialog::setKeyText(const QString& text, bool hex) {
    keyFormat_->setCurrentIndex(hex ? 1 : 0);
    key_->setText(text);
}

void KeyDialog::setValueText(const QString& text, bool hex) {
    if (!value_) return;
    valueFormat_->setCurrentIndex(hex ? 1 : 0);
    value_->setText(text);
}

void KeyDialog::validate() {
    QString problem;
    const bool keyHex = keyFormat_->currentIndex() == 1;
    if (!parse(key_->text(), keyHex))
        problem = keyHex ? tr("The key is not hex: two digits 0-9, A-F a byte.")
                         : tr("The key has an unknown escape: use \\xNN, \\t, \\n, \\r or \\\\.");
    else if (purpose_ != Purpose::Prefix && key_->text().isEmpty())
        problem = tr("A key needs at least one byte.");
    else if (value_ && !parse(value_->text(), valueFormat_->currentIndex() == 1))
        problem = tr("The value does not parse in the format chosen.");
    if (!problem.isEmpty() || purpose_ != Purpose::Prefix) problem_->setText(problem);
    problem_->setVisible(!problem_->text().isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

}  // namespace meridian::ui
