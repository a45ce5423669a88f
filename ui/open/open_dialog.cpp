#include "ui/open/open_dialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace meridian::ui {

OpenDialog::OpenDialog(const QString& initialPath, QWidget* parent, RememberedMode remembered)
    : QDialog(parent),
      path_(new QLineEdit(this)),
      readWrite_(new QRadioButton(tr("&Read-write"), this)),
      readOnly_(new QRadioButton(tr("Read-&only"), this)),
      secondary_(new QRadioButton(tr("&Follow live (secondary, beside a running writer)"), this)),
      modes_(new QButtonGroup(this)),
      lockState_(new QLabel(this)),
      remembered_(std::move(remembered)) {
    setObjectName("openDialog");
    setWindowTitle(tr("Open Database"));
    path_->setObjectName("openPath");
    lockState_->setObjectName("openLockState");
    lockState_->setWordWrap(true);
    modes_->addButton(readWrite_, static_cast<int>(storage::OpenMode::ReadWrite));
    modes_->addButton(readOnly_, static_cast<int>(storage::OpenMode::ReadOnly));
    modes_->addButton(secondary_, static_cast<int>(storage::OpenMode::Secondary));
    readOnly_->setChecked(true);

    auto* browse = new QPushButton(tr("Choose…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    auto* modeBox = new QVBoxLayout;
    modeBox->addWidget(readWrite_);
    modeBox->addWidget(readOnly_);
    modeBox->addWidget(secondary_);
    modeBox->addWidget(lockState_);
    auto* form = new QFormLayout;
    form->addRow(tr("Database folder:"), pathRow);
    form->addRow(tr("Open as:"), modeBox);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    // The hint under the modes wraps over as many lines as it needs: the
    // dialog grows to show all of them.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    resize(560, sizeHint().height());

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a RocksDB database folder"), path());
        if (!dir.isEmpty()) setPath(dir);
    });
    // What the hint says belongs to the path shown: it goes as soon as the
    // path changes, and the new path is probed once typing pauses.
    typing_.setSingleShot(true);
    typing_.setInterval(250);
    connect(&typing_, &QTimer::timeout, this, &OpenDialog::probe);
    connect(path_, &QLineEdit::textEdited, this, [this] {
        probing_.drop();
        lockState_->setText(tr("Checking the lock…"));
        typing_.start();
    });
    connect(path_, &QLineEdit::editingFinished, this, [this] {
        if (typing_.isActive()) {
            typing_.stop();
            probe();
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setPath(initialPath);
}

QString OpenDialog::path() const { return path_->text().trimmed(); }

storage::OpenMode OpenDialog::mode() const { return static_cast<storage::OpenMode>(modes_->checkedId()); }

void OpenDialog::setPath(const QString& path) {
    path_->setText(path);
    probe();
}

storage::OpenMode OpenDialog::defaultMode(const storage::LockDiagnosis& diagnosis,
                                          std::optional<storage::OpenMode> remembered) {
    switch (diagnosis.state) {
    case storage::LockState::HeldByOtherProcess: return storage::OpenMode::Secondary;
    case storage::LockState::Unsupported:
    case storage::LockState::NotWritable: return storage::OpenMode::ReadOnly;
    default: return remembered == storage::OpenMode::ReadWrite ? storage::OpenMode::ReadWrite
                                                                : storage::OpenMode::ReadOnly;
    }
}

void OpenDialog::probe() {
    lockState_->clear();
    probing_.drop();
    if (path().isEmpty()) return;
    const std::string p = path().toStdString();
    probing_.watch(runOn(backgroundPool(), [p] { return storage::probeLock(p); }), this,
                   [this](const storage::LockDiagnosis& diagnosis) { applyDiagnosis(diagnosis); });
}

void OpenDialog::applyDiagnosis(const storage::LockDiagnosis& diagnosis) {
    const bool heldElsewhere = diagnosis.state == storage::LockState::HeldByOtherProcess;
    const bool notWritable = diagnosis.state == storage::LockState::NotWritable;
    readWrite_->setEnabled(!heldElsewhere && !notWritable);
    readOnly_->setEnabled(!heldElsewhere);
    readWrite_->setToolTip(heldElsewhere ? tr("Another program holds the lock")
                           : notWritable ? tr("This user cannot write there (see below)")
                                         : QString());
    readOnly_->setToolTip(heldElsewhere ? tr("Reading beside a live writer without following it is unsafe")
                                        : QString());
    const auto remembered = remembered_ ? remembered_(path()) : std::nullopt;
    if (auto* b = modes_->button(static_cast<int>(defaultMode(diagnosis, remembered)))) b->setChecked(true);
    lockState_->setText(QString::fromStdString(diagnosis.explanation));
    // Taller when the hint needs more lines, never narrower.
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (needed > height()) resize(width(), needed);
}

}  // namespace meridian::ui
