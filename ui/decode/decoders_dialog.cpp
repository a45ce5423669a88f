#include "ui/decode/decoders_dialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

#include "decode/key_layout.h"
#include "storage/bytes.h"
#include "ui/decode/decoder_settings.h"

namespace meridian::ui {

DecodersDialog::DecodersDialog(DecoderSettings* settings, QWidget* parent)
    : QDialog(parent),
      settings_(settings),
      layouts_(new QPlainTextEdit(this)),
      problem_(new QLabel(this)),
      decoders_(new QTableWidget(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("decodersDialog"));
    setWindowTitle(tr("Key Layouts and Decoders"));
    layouts_->setObjectName(QStringLiteral("keyLayoutsEdit"));
    layouts_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layouts_->setPlaceholderText(QStringLiteral("user:{u64be:id}:{utf8:field}\n{u32be:tenant}{bytes:16:id}"));
    layouts_->setPlainText(settings ? settings->layouts().join(QLatin1Char('\n')) : QString());
    problem_->setObjectName(QStringLiteral("keyLayoutsProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #c62828;"));
    decoders_->setObjectName(QStringLiteral("prefixDecodersTable"));
    decoders_->setColumnCount(2);
    decoders_->setHorizontalHeaderLabels({tr("Keys starting with"), tr("Decoder")});
    decoders_->horizontalHeader()->setStretchLastSection(true);
    decoders_->verticalHeader()->hide();
    decoders_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    decoders_->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* help = new QLabel(
        tr("One key layout a line: text, and fields {TYPE}, {TYPE:NAME} or {TYPE:COUNT:NAME}, with TYPE one of "
           "u8, i8, u16be … i64le, f32be … f64le, varint, zigzag, uuid, utf8, bytes. \\xNN is any byte, {{ and }} a "
           "brace. The key list shows a column per field, and prefixes and Go to Key take fields in braces: "
           "user:{42}:"),
        this);
    help->setWordWrap(true);
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeDecoderButton"));
    auto* exportButton = buttons_->addButton(tr("Export…"), QDialogButtonBox::ActionRole);
    auto* importButton = buttons_->addButton(tr("Import…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("exportDecodersButton"));
    importButton->setObjectName(QStringLiteral("importDecodersButton"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Key layouts</b>"), this));
    layout->addWidget(help);
    layout->addWidget(layouts_, 1);
    layout->addWidget(problem_);
    layout->addWidget(new QLabel(tr("<b>Decoders</b> (set in the value's Decoded view)"), this));
    layout->addWidget(decoders_, 1);
    layout->addWidget(remove, 0, Qt::AlignLeft);
    layout->addWidget(buttons_);
    resize(640, 520);

    connect(layouts_, &QPlainTextEdit::textChanged, this, &DecodersDialog::check);
    connect(buttons_, &QDialogButtonBox::accepted, this, &DecodersDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &DecodersDialog::reject);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = decoders_->currentRow();
        if (row < 0 || !settings_) return;
        settings_->removeDecoder(decoders_->item(row, 0)->data(Qt::UserRole).toByteArray());
        fillDecoders();
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Key Layouts and Decoders"), tr("decoders.json"),
                                                          tr("JSON (*.json)"));
        if (!path.isEmpty()) exportTo(path);
    });
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Key Layouts and Decoders"), QString(),
                                                          tr("JSON (*.json);;All files (*)"));
        if (!path.isEmpty()) importFrom(path);
    });
    fillDecoders();
    check();
}

QString DecodersDialog::problem() const { return problem_->text(); }

void DecodersDialog::check() {
    // Numbered as the box shows them, blank lines included (and skipped).
    const QStringList lines = layouts_->toPlainText().split(QLatin1Char('\n'));
    QString problem;
    for (int i = 0; i < lines.size() && problem.isEmpty(); ++i) {
        if (lines[i].trimmed().isEmpty()) continue;
        auto parsed = decode::KeyLayout::parse(lines[i].trimmed().toStdString());
        if (!parsed.ok()) problem = tr("Line %1: %2").arg(i + 1).arg(QString::fromStdString(parsed.status().message()));
    }
    problem_->setText(problem);
    problem_->setVisible(!problem.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void DecodersDialog::fillDecoders() {
    const QList<PrefixDecoder> all = settings_ ? settings_->decoders() : QList<PrefixDecoder>();
    decoders_->setRowCount(static_cast<int>(all.size()));
    for (int row = 0; row < all.size(); ++row) {
        const PrefixDecoder& d = all[row];
        auto* prefix = new QTableWidgetItem(QString::fromStdString(storage::escapeBytes(d.prefix.toStdString())));
        prefix->setData(Qt::UserRole, d.prefix);
        decoders_->setItem(row, 0, prefix);
        decoders_->setItem(row, 1, new QTableWidgetItem(d.decoder == QLatin1String("external")
                                                            ? tr("external: %1").arg(d.command)
                                                            : d.decoder));
    }
}

void DecodersDialog::accept() {
    check();
    if (!problem().isEmpty() || !settings_) return;
    QStringList lines;
    for (const QString& line : layouts_->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty()) lines << line.trimmed();
    QString error;
    if (!settings_->setLayouts(lines, &error)) {
        problem_->setText(error);
        problem_->show();
        return;
    }
    QDialog::accept();
}

bool DecodersDialog::exportTo(const QString& path) {
    if (!settings_) return false;
    QJsonObject json = settings_->toJson();
    // What is in the box now, even before OK.
    QStringList lines;
    for (const QString& line : layouts_->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty()) lines << line.trimmed();
    json.insert(QStringLiteral("layouts"), QJsonArray::fromStringList(lines));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 || !file.commit()) {
        problem_->setText(tr("Could not write %1: %2").arg(path, file.errorString()));
        problem_->show();
        return false;
    }
    return true;
}

bool DecodersDialog::importFrom(const QString& path) {
    if (!settings_) return false;
    QFile file(path);
    QString error;
    if (!file.open(QIODevice::ReadOnly)) {
        error = file.errorString();
    } else {
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
        if (parse.error != QJsonParseError::NoError || !doc.isObject())
            error = tr("not JSON (%1)").arg(parse.errorString());
        else
            settings_->fromJson(doc.object(), &error);
    }
    if (!error.isEmpty()) {
        problem_->setText(tr("Could not import %1: %2").arg(path, error));
        problem_->show();
        return false;
    }
    layouts_->setPlainText(settings_->layouts().join(QLatin1Char('\n')));
    fillDecoders();
    return true;
}

}  // namespace meridian::ui
