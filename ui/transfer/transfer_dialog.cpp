#include "ui/transfer/transfer_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "ui/transfer/transfer_runner.h"

namespace meridian::ui {

TransferDialog::TransferDialog(TransferRunner* runner, bool exporting, const QString& name, const QString& startText,
                               QWidget* parent)
    : QDialog(parent), runner_(runner), progress_(new QProgressBar(this)), status_(new QLabel(this)),
      startText_(startText) {
    setObjectName(name + QStringLiteral("Dialog"));
    progress_->setObjectName(name + QStringLiteral("Progress"));
    progress_->setRange(0, 0);
    progress_->setTextVisible(false);
    progress_->hide();
    status_->setObjectName(name + QStringLiteral("Status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    start_ = new QPushButton(startText, this);
    start_->setObjectName(name + QStringLiteral("Start"));
    start_->setDefault(true);
    cancel_ = new QPushButton(tr("Close"), this);
    cancel_->setObjectName(name + QStringLiteral("Cancel"));
    connect(cancel_, &QPushButton::clicked, this, &TransferDialog::reject);
    if (runner_) {
        connect(runner_, exporting ? &TransferRunner::exportFinished : &TransferRunner::importFinished, this,
                &TransferDialog::finished);
        connect(runner_, &TransferRunner::progress, this, [this](const QString& text) {
            if (running_) setStatus(text);
        });
        connect(runner_, &TransferRunner::busyChanged, this, [this] { updateState(); });
    }
}

void TransferDialog::finishLayout(QLayout* top) {
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(start_, QDialogButtonBox::AcceptRole);
    buttons->addButton(cancel_, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    resize(600, sizeHint().height());
}

QString TransferDialog::statusText() const { return status_->text(); }

void TransferDialog::setStatus(const QString& text) {
    status_->setText(text);
    fitHeight();
}

void TransferDialog::fitHeight() {
    // Grow to show every line of the wrapped texts (a window does not by itself).
    if (!layout()) return;
    if (const int needed = layout()->totalHeightForWidth(width()); needed > height()) resize(width(), needed);
}

void TransferDialog::reject() {
    if (running_) {
        // Closing while it runs stops it; the dialog stays to say how it ended.
        setStatus(tr("Cancelling…"));
        if (runner_) runner_->cancel();
        return;
    }
    QDialog::reject();
}

void TransferDialog::finished(const TransferOutcome& outcome) {
    if (!running_) return;  // another window's run
    running_ = false;
    setStatus(outcome.text);
    updateState();
    if (outcome.ok) {
        // Done: Return closes rather than running it again.
        cancel_->setDefault(true);
        cancel_->setFocus();
    }
}

void TransferDialog::updateSharedState(bool canStart, const QString& whyNot) {
    start_->setEnabled(!running_ && canStart);
    start_->setToolTip(whyNot);
    progress_->setVisible(running_);
    cancel_->setText(running_ ? tr("Cancel") : tr("Close"));
    fitHeight();
}

QString TransferDialog::lastFolder() {
    const QString folder = QSettings().value(QStringLiteral("transfer/folder")).toString();
    return !folder.isEmpty() && QDir(folder).exists() ? folder : QDir::homePath();
}

void TransferDialog::rememberFolderOf(const QString& file) {
    QSettings().setValue(QStringLiteral("transfer/folder"), QFileInfo(file).absolutePath());
}

}  // namespace meridian::ui
