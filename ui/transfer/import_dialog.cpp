#include "ui/transfer/import_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "ui/editor/edit_controller.h"
#include "ui/session/storage_session.h"
#include "ui/transfer/transfer_runner.h"

namespace meridian::ui {

namespace {

constexpr qint64 kHeadBytes = 16 * 1024;  // enough to see the first record of a usual dump

}  // namespace

ImportDialog::ImportDialog(TransferRunner* runner, QWidget* parent)
    : TransferDialog(runner, false, QStringLiteral("import"), tr("Import…"), parent),
      file_(new QLineEdit(this)),
      choose_(new QPushButton(tr("Choose…"), this)),
      format_(new QLabel(this)),
      hex_(new QCheckBox(tr("Hex (ldb dump --hex)"), this)),
      target_(new QLabel(this)),
      reason_(new QLabel(this)) {
    setWindowTitle(tr("Import Keys"));
    file_->setObjectName(QStringLiteral("importFile"));
    file_->setReadOnly(true);
    file_->setPlaceholderText(tr("(chosen when you import)"));
    choose_->setObjectName(QStringLiteral("importChoose"));
    choose_->setAutoDefault(false);
    format_->setObjectName(QStringLiteral("importFormat"));
    hex_->setObjectName(QStringLiteral("importHex"));
    hex_->setToolTip(tr("Keys and values are written as 0x and hex digits, as ldb dump --hex writes them "
                        "(ldb load --hex reads them the same way)"));
    target_->setObjectName(QStringLiteral("importTarget"));
    target_->setWordWrap(true);
    reason_->setObjectName(QStringLiteral("importReason"));
    reason_->setWordWrap(true);
    reason_->setForegroundRole(QPalette::HighlightedText);
    reason_->setBackgroundRole(QPalette::Highlight);
    reason_->setAutoFillBackground(true);
    reason_->setMargin(6);
    reason_->hide();
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(choose_);
    auto* formatRow = new QHBoxLayout;
    formatRow->addWidget(format_, 1);
    formatRow->addWidget(hex_);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);  // wrapped labels get the full width
    form->addRow(tr("From file:"), fileRow);
    form->addRow(tr("Format:"), formatRow);
    form->addRow(tr("Into:"), target_);
    auto* note = new QLabel(tr("Keys in the file replace keys of the same name. Every line is checked before "
                               "anything is written, and Edit > Undo takes the whole import back."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);  // secondary text
    auto* top = new QVBoxLayout;
    top->addLayout(form);
    top->addWidget(note);
    top->addWidget(reason_);
    finishLayout(top);

    connect(hex_, &QCheckBox::toggled, this, &ImportDialog::updateState);
    connect(choose_, &QPushButton::clicked, this, [this] { chooseFile(false); });
    connect(start_, &QPushButton::clicked, this, [this] { start(); });
    if (runner_) {
        if (EditController* edits = runner_->edits()) connect(edits, &EditController::busyChanged, this, &ImportDialog::updateState);
        if (StorageSession* session = runner_->session()) {
            connect(session, &StorageSession::readViewChanged, this, &ImportDialog::updateState);
            connect(session, &StorageSession::columnFamilyChanged, this, &ImportDialog::updateState);
        }
    }
    updateState();
}

QString ImportDialog::filePath() const { return file_->text(); }

void ImportDialog::setFilePath(const QString& path) {
    file_->setText(path);
    file_->setCursorPosition(path.size());
    start_->setDefault(true);  // a new file: Return runs it
    detected_.reset();
    fileProblem_.clear();
    // A few KiB of a local file: read here, like any file dialog's preview.
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        fileProblem_ = tr("%1 is a folder; choose a dump file.").arg(QFileInfo(path).fileName());
    } else if (!file.open(QIODevice::ReadOnly)) {
        fileProblem_ = tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    } else {
        const QByteArray head = file.read(kHeadBytes);
        const bool complete = file.atEnd();
        const std::string_view view(head.constData(), static_cast<std::size_t>(head.size()));
        detected_ = storage::detectFormat(view, false);
        hex_->setChecked(*detected_ != storage::DumpFormat::JsonLines && looksLikeHexDump(head, complete));
    }
    setStatus(fileProblem_);
    updateState();
}

std::optional<storage::DumpFormat> ImportDialog::format() const {
    if (!detected_) return std::nullopt;
    if (*detected_ == storage::DumpFormat::JsonLines) return detected_;
    return hex_->isChecked() ? storage::DumpFormat::LdbHex : storage::DumpFormat::LdbText;
}

bool ImportDialog::looksLikeHexDump(const QByteArray& head, bool complete) {
    static const QRegularExpression record(QStringLiteral("^0x[0-9A-Fa-f]* ==> 0x[0-9A-Fa-f]*$"));
    // The first bytes may end inside the first record.
    static const QRegularExpression cut(QStringLiteral("^0x[0-9A-Fa-f]*( ==> 0x[0-9A-Fa-f]*| ?=?=?>? ?0?)$"));
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r')) line.chop(1);
        // Not records: blank lines and ldb's own noise.
        if (line.trimmed().isEmpty() || line.startsWith("Created bg thread")) continue;
        const bool whole = complete || i + 1 < lines.size();
        return (whole ? record : cut).match(QString::fromLatin1(line)).hasMatch();
    }
    return false;
}

void ImportDialog::chooseFile(bool thenStart) {
    auto* dialog = new QFileDialog(this, tr("Import Keys From"));
    dialog->setObjectName(QStringLiteral("importFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Dumps (*.txt *.jsonl *.json *.dump)"), tr("All files (*)")});
    dialog->setDirectory(file_->text().isEmpty() ? lastFolder() : QFileInfo(file_->text()).absolutePath());
    connect(dialog, &QFileDialog::fileSelected, this, [this, thenStart](const QString& path) {
        rememberFolderOf(path);
        setFilePath(path);
        if (thenStart) start();
    });
    dialog->open();
}

void ImportDialog::start(const QString& path) {
    if (running_ || !runner_) return;
    if (!path.isEmpty()) setFilePath(path);
    if (file_->text().isEmpty()) return chooseFile(true);
    const auto chosen = format();
    if (!chosen) return updateState();
    if (const QString why = runner_->importRefusal(); !why.isEmpty()) {
        setStatus(why);  // the button is disabled; this is for a caller that did not look
        return updateState();
    }
    running_ = true;
    setStatus(tr("Checking every line first…"));
    runner_->startImport(ImportRequest{file_->text(), *chosen});
    updateState();
}

void ImportDialog::updateState() {
    StorageSession* session = runner_ ? runner_->session() : nullptr;
    if (!session) {
        target_->setText(tr("No database is open."));
    } else {
        const QString path = QString::fromStdString(session->info().path);
        const QString name = path.isEmpty() ? tr("the in-memory database") : QFileInfo(path).fileName();
        const storage::StorageInfo info = session->info();
        target_->setText(tr("Column family “%1” of %2 (%3, %4)")
                             .arg(session->columnFamily(), name, QString::fromStdString(storage::backendLabel(info)),
                                  QString::fromLatin1(storage::openModeName(info.mode))));
    }
    const auto chosen = format();
    if (chosen) {
        const bool json = *chosen == storage::DumpFormat::JsonLines;
        format_->setText(json ? TransferRunner::formatName(*chosen) + tr(" (detected)") : tr("ldb dump (detected)"));
    } else {
        format_->setText(file_->text().isEmpty() ? tr("(detected when the file is chosen)") : tr("(unreadable)"));
    }
    hex_->setEnabled(!running_ && chosen && *chosen != storage::DumpFormat::JsonLines);
    const QString refusal = running_ || !runner_ ? QString() : runner_->importRefusal();
    reason_->setText(refusal);
    reason_->setVisible(!refusal.isEmpty());
    const bool fileOk = file_->text().isEmpty() || chosen.has_value();
    choose_->setEnabled(!running_);
    updateSharedState(refusal.isEmpty() && fileOk, refusal);
}

}  // namespace meridian::ui
