#include "ui/transfer/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "storage/bytes.h"
#include "ui/common/text.h"
#include "ui/editor/edit_commands.h"
#include "ui/session/storage_session.h"
#include "ui/transfer/transfer_runner.h"

namespace meridian::ui {

ExportDialog::ExportDialog(TransferRunner* runner, const QByteArray& prefix, QWidget* parent)
    : TransferDialog(runner, true, QStringLiteral("export"), tr("Export…"), parent),
      format_(new QComboBox(this)),
      prefix_(new QLineEdit(this)),
      source_(new QLabel(this)),
      file_(new QLineEdit(this)),
      choose_(new QPushButton(tr("Choose…"), this)) {
    setWindowTitle(tr("Export Keys"));
    format_->setObjectName(QStringLiteral("exportFormat"));
    format_->addItem(tr("ldb dump --hex (loads with ldb load --hex; any bytes)"), int(storage::DumpFormat::LdbHex));
    format_->addItem(tr("ldb dump, text (loads with ldb load; no newlines in keys or values)"),
                     int(storage::DumpFormat::LdbText));
    format_->addItem(tr("JSON Lines (one {\"key\", \"value\"} object a line; base64 for binary)"),
                     int(storage::DumpFormat::JsonLines));
    prefix_->setObjectName(QStringLiteral("exportPrefix"));
    prefix_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    prefix_->setPlaceholderText(tr("(all keys)"));
    prefix_->setToolTip(tr("Only keys starting with these bytes: text as the key list shows it, "
                           "\\xNN for any byte, \\\\ for a backslash"));
    prefix_->setText(QString::fromStdString(storage::escapeBytes(prefix.toStdString())));
    source_->setObjectName(QStringLiteral("exportSource"));
    source_->setWordWrap(true);
    file_->setObjectName(QStringLiteral("exportFile"));
    file_->setReadOnly(true);
    file_->setPlaceholderText(tr("(chosen when you export)"));
    choose_->setObjectName(QStringLiteral("exportChoose"));
    choose_->setAutoDefault(false);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(choose_);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);  // wrapped labels get the full width
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Prefix:"), prefix_);
    form->addRow(tr("To file:"), fileRow);
    auto* top = new QVBoxLayout;
    top->addLayout(form);
    top->addWidget(source_);
    finishLayout(top);

    connect(format_, &QComboBox::currentIndexChanged, this, [this] {
        // A chosen name follows the format's extension.
        const QFileInfo chosen(file_->text());
        const QString suffix = chosen.suffix().toLower();
        if (!file_->text().isEmpty() && (suffix == QLatin1String("txt") || suffix == QLatin1String("jsonl")))
            file_->setText(chosen.dir().filePath(chosen.completeBaseName() + '.' + TransferRunner::extension(format())));
        updateState();
    });
    connect(prefix_, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(choose_, &QPushButton::clicked, this, [this] { chooseFile(false); });
    connect(start_, &QPushButton::clicked, this, [this] { start(); });
    updateState();
}

storage::DumpFormat ExportDialog::format() const {
    return static_cast<storage::DumpFormat>(format_->currentData().toInt());
}

void ExportDialog::setFormat(storage::DumpFormat format) {
    format_->setCurrentIndex(format_->findData(int(format)));
}

QByteArray ExportDialog::prefix(bool* ok) const {
    const auto bytes = storage::unescapeBytes(prefix_->text().toStdString());
    if (ok) *ok = bytes.has_value();
    return bytes ? QByteArray::fromStdString(*bytes) : QByteArray();
}

QString ExportDialog::filePath() const { return file_->text(); }

void ExportDialog::setFilePath(const QString& path) {
    file_->setText(path);
    file_->setCursorPosition(path.size());  // the name, not the folders, when it is long
    start_->setDefault(true);  // a new file: Return runs it
    updateState();
}

QString ExportDialog::suggestedFileName() const {
    QString base = tr("keys");
    QString family;
    if (StorageSession* session = runner_ ? runner_->session() : nullptr) {
        const QString name = QFileInfo(QString::fromStdString(session->info().path)).fileName();
        if (!name.isEmpty()) base = name;
        family = session->columnFamily();
    }
    if (!family.isEmpty()) base += '-' + family;
    base.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|]")), QStringLiteral("_"));
    return base + '.' + TransferRunner::extension(format());
}

void ExportDialog::chooseFile(bool thenStart) {
    auto* dialog = new QFileDialog(this, tr("Export Keys To"));
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);  // asks before replacing a file
    const QString ext = TransferRunner::extension(format());
    dialog->setNameFilters({ext == QLatin1String("jsonl") ? tr("JSON Lines (*.jsonl)") : tr("ldb dumps (*.txt)"),
                            tr("All files (*)")});
    dialog->setDefaultSuffix(ext);
    const QFileInfo current(file_->text());
    dialog->setDirectory(file_->text().isEmpty() ? lastFolder() : current.absolutePath());
    dialog->selectFile(file_->text().isEmpty() ? suggestedFileName() : current.fileName());
    connect(dialog, &QFileDialog::fileSelected, this, [this, thenStart](const QString& path) {
        rememberFolderOf(path);
        setFilePath(path);
        if (thenStart) start(path);
    });
    dialog->open();
}

void ExportDialog::start(const QString& path) {
    if (running_ || !runner_) return;
    if (!path.isEmpty()) setFilePath(path);
    bool ok = false;
    const QByteArray bytes = prefix(&ok);
    if (!ok) return updateState();
    if (file_->text().isEmpty()) return chooseFile(true);
    running_ = true;
    setStatus(tr("Exporting…"));
    runner_->startExport(ExportRequest{file_->text(), format(), bytes});
    updateState();
}

void ExportDialog::updateState() {
    StorageSession* session = runner_ ? runner_->session() : nullptr;
    bool prefixOk = false;
    const QByteArray bytes = prefix(&prefixOk);
    if (!session) {
        source_->setText(tr("No database is open."));
    } else {
        const QString family = session->columnFamily();
        const QString what = bytes.isEmpty() ? tr("Exports every key of column family “%1”").arg(family)
                                             : tr("Exports the keys under %1 in column family “%2”").arg(shortKey(bytes, 60), family);
        const QString when = session->isViewingSnapshot()
                                 ? tr("as of snapshot “%1”").arg(session->readViewName())
                                 : tr("live data (as of the moment the export starts)");
        source_->setText(tr("%1, %2.").arg(what, when));
    }
    const QString refusal = runner_ ? runner_->exportRefusal() : tr("Open a database first.");
    const bool busyElsewhere = !running_ && !refusal.isEmpty();
    // A problem with the form shows in the status line until it is solved.
    const QString problem = !prefixOk ? tr("The prefix does not parse: use \\xNN for a byte and \\\\ for a backslash.")
                            : busyElsewhere ? refusal
                                            : QString();
    if (!problem.isEmpty()) setStatus(problem);
    else if (!problem_.isEmpty() && status_->text() == problem_) setStatus(QString());
    problem_ = problem;
    format_->setEnabled(!running_);
    prefix_->setEnabled(!running_);
    choose_->setEnabled(!running_);
    updateSharedState(prefixOk && refusal.isEmpty(), busyElsewhere ? refusal : QString());
}

}  // namespace meridian::ui
