#include "ui/health/verify_dialog.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/common/async.h"
#include "ui/common/text.h"
#include "ui/session/keys_progress.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {

using Verified = storage::Result<storage::VerifyReport>;

}  // namespace

VerifyDialog::VerifyDialog(StorageSession* session, QWidget* parent)
    : QDialog(parent),
      session_(session),
      summary_(new QLabel),
      progress_(new QProgressBar),
      results_(new QTableWidget(0, 3)),
      start_(new QPushButton(tr("Verify"))),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Close)) {
    setObjectName(QStringLiteral("verifyDialog"));
    setWindowTitle(tr("Verify Checksums"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* intro = new QLabel(tr("Reads every table file of the column family and checks each block's checksum. "
                                "Nothing is written: the folder stays exactly as it is."));
    intro->setWordWrap(true);
    summary_->setObjectName(QStringLiteral("verifySummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_->hide();
    results_->setObjectName(QStringLiteral("verifyResults"));
    results_->setHorizontalHeaderLabels({tr("File"), tr("Size"), tr("Result")});
    results_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    results_->verticalHeader()->hide();
    results_->verticalHeader()->setDefaultSectionSize(results_->fontMetrics().height() + 6);
    results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    results_->setSelectionBehavior(QAbstractItemView::SelectRows);
    start_->setObjectName(QStringLiteral("verifyStart"));
    start_->setDefault(true);
    buttons_->addButton(start_, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(progress_);
    layout->addWidget(summary_);
    layout->addWidget(results_, 1);
    layout->addWidget(buttons_);
    resize(640, 420);
    connect(start_, &QPushButton::clicked, this, &VerifyDialog::start);
    connect(buttons_, &QDialogButtonBox::rejected, this, &VerifyDialog::reject);
    if (!session_) {
        start_->setEnabled(false);
        summary_->setText(tr("No database is open."));
    }
}

VerifyDialog::~VerifyDialog() {
    if (running_.isRunning()) running_.cancel();
}

bool VerifyDialog::isRunning() const { return running_.isRunning(); }

QString VerifyDialog::summary() const { return summary_->text(); }

void VerifyDialog::reject() {
    // Close cancels: the check stops at the next file.
    if (running_.isRunning()) running_.cancel();
    QDialog::reject();
}

void VerifyDialog::start() {
    if (!session_ || running_.isRunning()) return;
    results_->setRowCount(0);
    start_->setEnabled(false);
    buttons_->button(QDialogButtonBox::Close)->setText(tr("Cancel"));
    progress_->show();
    summary_->setText(tr("Counting the files…"));
    // The number of files first (metadata only), for a bar that fills.
    onResult(session_->run([](storage::Storage& s) { return s.files(storage::FileDetail::Metadata); }), this,
             [this](storage::Result<storage::FilesReport> files) {
                 if (!session_) return;
                 const int total = files.ok() ? int(files->tables.size()) : 0;
                 progress_->setRange(0, total);
                 progress_->setValue(0);
                 auto timer = std::make_shared<QElapsedTimer>();
                 timer->start();
                 running_ = session_->runLong<Verified>([](QPromise<Verified>& promise, storage::Storage& s) {
                     promise.addResult(s.verifyChecksums(KeysProgress(promise)));
                 });
                 summary_->setText(tr("Checking %1…").arg(countText(quint64(total), tr("1 file"), tr("%1 files"))));
                 onProgress(running_, this, [this](int, const QString& done) {
                     if (!done.isEmpty()) progress_->setValue(done.toInt());
                 });
                 onResult(
                     running_, this, [this, timer](Verified result) { showResult(std::move(result), timer->elapsed()); },
                     [this] { showResult(storage::Status::cancelled(), 0); });
             });
}

void VerifyDialog::showResult(Verified result, qint64 ms) {
    progress_->hide();
    start_->setEnabled(true);
    start_->setText(tr("Verify Again"));
    buttons_->button(QDialogButtonBox::Close)->setText(tr("Close"));
    if (!result.ok()) {
        switch (result.status().code()) {
        case storage::Status::Code::Cancelled: summary_->setText(tr("Cancelled: not every file was checked.")); break;
        case storage::Status::Code::Unsupported:
            summary_->setText(tr("This storage keeps its data in memory: it has no files to verify."));
            break;
        default: summary_->setText(QString::fromStdString(result.status().message()));
        }
        emit verified();
        return;
    }
    const storage::VerifyReport& report = result.value();
    QStringList damaged;
    // Damaged files first, then the rest in the report's order (by level).
    std::vector<const storage::FileCheck*> order;
    for (const auto& f : report.files)
        if (!f.ok) order.push_back(&f);
    for (const auto& f : report.files)
        if (f.ok) order.push_back(&f);
    for (const storage::FileCheck* f : order) {
        const int row = results_->rowCount();
        results_->insertRow(row);
        results_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(f->name)));
        auto* size = new QTableWidgetItem(sizeText(f->size));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        results_->setItem(row, 1, size);
        auto* verdict = new QTableWidgetItem(f->ok ? tr("intact") : tr("DAMAGED: %1").arg(QString::fromStdString(f->error)));
        if (!f->ok) {
            verdict->setForeground(QColor(0xC0, 0x30, 0x30));
            verdict->setToolTip(QString::fromStdString(f->error));
            damaged << QString::fromStdString(f->name);
        }
        results_->setItem(row, 2, verdict);
    }
    results_->resizeColumnToContents(0);
    results_->resizeColumnToContents(1);
    const QLocale locale;
    const QString took = ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    const QString files = countText(report.files.size(), tr("1 table file"), tr("%1 table files"));
    if (damaged.isEmpty())
        summary_->setText(tr("All %1 are intact: %2 read in %3.").arg(files, sizeText(report.bytes), took));
    else
        summary_->setText(tr("%1 of %2 damaged: %3. Nothing was changed; copy the folder before any repair.")
                              .arg(countText(quint64(damaged.size()), tr("1 file is"), tr("%1 files are")), files,
                                   damaged.join(QStringLiteral(", "))));
    emit verified();
}

}  // namespace meridian::ui
