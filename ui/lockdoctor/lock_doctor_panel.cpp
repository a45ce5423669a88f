#include "ui/lockdoctor/lock_doctor_panel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

#include "ui/common/async.h"

namespace meridian::ui {

namespace {

QLabel* textLabel(QWidget* parent, const char* objectName, bool selectable = false) {
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    if (selectable) label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString toneColor(LockDoctorTone tone) {
    // Mid tones that read on light and dark palettes alike.
    switch (tone) {
    case LockDoctorTone::Good: return QStringLiteral("#2e8b3a");
    case LockDoctorTone::Warning: return QStringLiteral("#c77700");
    case LockDoctorTone::Danger: return QStringLiteral("#d03030");
    case LockDoctorTone::Neutral: break;
    }
    return {};
}

}  // namespace

LockDoctorPanel::LockDoctorPanel(QWidget* parent)
    : QDialog(parent),
      pathLabel_(textLabel(this, "lockDoctorPath", true)),
      openError_(textLabel(this, "lockDoctorOpenError", true)),
      headline_(textLabel(this, "lockDoctorState")),
      lockFile_(textLabel(this, "lockDoctorFile", true)),
      holder_(textLabel(this, "lockDoctorHolder", true)),
      explanation_(textLabel(this, "lockDoctorExplanation", true)),
      advice_(textLabel(this, "lockDoctorAdvice", true)),
      unavailable_(textLabel(this, "lockDoctorUnavailable")),
      result_(textLabel(this, "lockDoctorResult", true)),
      checked_(textLabel(this, "lockDoctorChecked")) {
    setObjectName(QStringLiteral("lockDoctor"));
    setWindowTitle(tr("Lock Doctor"));

    QFont big = headline_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    headline_->setFont(big);
    QFont small = checked_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    checked_->setFont(small);
    checked_->setForegroundRole(QPalette::PlaceholderText);
    openError_->setStyleSheet(QStringLiteral("color: #d03030;"));
    openError_->hide();
    result_->hide();

    auto* choose = new QPushButton(tr("Choose Folder…"), this);
    choose->setObjectName(QStringLiteral("lockDoctorChoose"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(pathLabel_, 1);
    pathRow->addWidget(choose, 0, Qt::AlignTop);
    auto* top = new QFormLayout;
    top->addRow(tr("Database:"), pathRow);

    auto* fileBox = new QGroupBox(tr("LOCK file"), this);
    auto* fileForm = new QFormLayout(fileBox);
    fileForm->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    fileForm->addRow(tr("File:"), lockFile_);
    fileForm->addRow(tr("Held by:"), holder_);

    auto* meaningBox = new QGroupBox(tr("What this means"), this);
    auto* meaning = new QVBoxLayout(meaningBox);
    meaning->addWidget(explanation_);
    meaning->addWidget(advice_);

    auto* actionBox = new QGroupBox(tr("What you can do"), this);
    auto* actions = new QVBoxLayout(actionBox);
    auto* grid = new QGridLayout;
    static constexpr const char* kNames[kLockDoctorActionCount] = {
        "lockDoctorFollowLive", "lockDoctorReadOnly", "lockDoctorRetry", "lockDoctorClearLock", "lockDoctorMemory"};
    for (std::size_t i = 0; i < kLockDoctorActionCount; ++i) {
        auto* b = new QPushButton(this);
        b->setObjectName(QLatin1String(kNames[i]));
        b->setAutoDefault(false);
        b->setEnabled(false);
        buttons_[i] = b;
    }
    grid->addWidget(button(LockDoctorAction::FollowLive), 0, 0);
    grid->addWidget(button(LockDoctorAction::ReadOnly), 0, 1);
    grid->addWidget(button(LockDoctorAction::Retry), 0, 2);
    grid->addWidget(button(LockDoctorAction::ClearStaleLock), 1, 0);
    grid->addWidget(button(LockDoctorAction::UseMemory), 1, 1);
    actions->addLayout(grid);
    actions->addWidget(unavailable_);
    actions->addWidget(result_);

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("lockDoctorClose"));
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(checked_, 1);
    bottom->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(headline_);
    layout->addWidget(openError_);
    layout->addWidget(fileBox);
    layout->addWidget(meaningBox);
    layout->addWidget(actionBox);
    layout->addStretch(1);
    layout->addLayout(bottom);
    resize(680, sizeHint().height());

    connect(choose, &QPushButton::clicked, this, &LockDoctorPanel::chooseFolder);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(button(LockDoctorAction::FollowLive), &QPushButton::clicked, this,
            [this] { requestOpen(storage::OpenMode::Secondary, false); });
    connect(button(LockDoctorAction::ReadOnly), &QPushButton::clicked, this,
            [this] { requestOpen(storage::OpenMode::ReadOnly, false); });
    connect(button(LockDoctorAction::Retry), &QPushButton::clicked, this, [this] { requestOpen(retryMode_, false); });
    connect(button(LockDoctorAction::UseMemory), &QPushButton::clicked, this,
            [this] { requestOpen(storage::OpenMode::ReadWrite, true); });
    connect(button(LockDoctorAction::ClearStaleLock), &QPushButton::clicked, this, &LockDoctorPanel::confirmClear);

    connect(&watcher_, &LockWatcher::diagnosed, this, &LockDoctorPanel::apply);
    showChecking();
}

LockDoctorPanel::~LockDoctorPanel() = default;

void LockDoctorPanel::inspect(const QString& path, storage::OpenMode retryMode, const QString& openError,
                              const std::optional<storage::LockDiagnosis>& known) {
    path_ = path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    retryMode_ = retryMode == storage::OpenMode::Secondary ? storage::OpenMode::ReadWrite : retryMode;
    ++generation_;
    diagnosis_.reset();
    pathLabel_->setText(path_.isEmpty() ? tr("(none: choose a database folder)") : QDir::toNativeSeparators(path_));
    // The failure in short (the details below say the rest); its full text in the tooltip.
    openError_->setText(openError.isEmpty()
                            ? QString()
                            : tr("Could not open it %1.").arg(QString::fromLatin1(storage::openModeName(retryMode_))));
    openError_->setToolTip(openError);
    openError_->setVisible(!openError.isEmpty());
    result_->clear();
    result_->hide();
    watcher_.setPath(path_);
    if (known) apply(*known);
    else showChecking();
    probe();
    show();
    raise();
    activateWindow();
}

void LockDoctorPanel::probe() {
    if (!clearing_) watcher_.probe();
}

void LockDoctorPanel::apply(const storage::LockDiagnosis& diagnosis) {
    diagnosis_ = diagnosis;
    view_ = presentLock(diagnosis, retryMode_);
    headline_->setText(view_.headline);
    const QString color = toneColor(view_.tone);
    headline_->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
    lockFile_->setText(QDir::toNativeSeparators(QString::fromStdString(diagnosis.lockPath)) + QStringLiteral(" — ") +
                       view_.lockFile);
    holder_->setText(view_.holder);
    explanation_->setText(view_.explanation);
    advice_->setText(view_.advice);
    advice_->setVisible(!view_.advice.isEmpty());
    for (std::size_t i = 0; i < kLockDoctorActionCount; ++i) {
        const LockDoctorActionState& a = view_.actions[i];
        buttons_[i]->setText(a.label);
        buttons_[i]->setEnabled(a.enabled && !clearing_);
        buttons_[i]->setToolTip(a.toolTip);
    }
    QStringList unavailable;
    for (const QString& line : view_.unavailable.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        unavailable << QStringLiteral("• ") + line;
    unavailable_->setText(unavailable.isEmpty() ? QString()
                                                : tr("Not available now:\n%1").arg(unavailable.join(QLatin1Char('\n'))));
    unavailable_->setVisible(!unavailable.isEmpty());
    checked_->setText(tr("Checked at %1 · refreshes by itself while this window is open")
                          .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    fitToContents();
    emit refreshed();
}

void LockDoctorPanel::fitToContents() {
    // Wrapped labels need more height than the dialog had when they were
    // shorter: grow (never shrink under the user's hands) to show all of it.
    QLayout* l = layout();
    l->activate();
    const int needed = l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : l->totalSizeHint().height();
    if (needed > height()) resize(width(), needed);
}

void LockDoctorPanel::showChecking() {
    view_ = {};
    headline_->setText(path_.isEmpty() ? tr("No database chosen") : tr("Checking the lock…"));
    headline_->setStyleSheet({});
    lockFile_->setText(path_.isEmpty() ? QString() : tr("…"));
    holder_->setText(path_.isEmpty() ? QString() : tr("…"));
    explanation_->clear();
    advice_->clear();
    for (auto* b : buttons_) {
        b->setEnabled(false);
        b->setToolTip({});
    }
    static constexpr const char* kLabels[kLockDoctorActionCount] = {
        QT_TR_NOOP("Open Following Live"), QT_TR_NOOP("Open Read-Only"), QT_TR_NOOP("Retry"),
        QT_TR_NOOP("Clear Stale Lock…"), QT_TR_NOOP("Use In-Memory Storage")};
    for (std::size_t i = 0; i < kLockDoctorActionCount; ++i) buttons_[i]->setText(tr(kLabels[i]));
    unavailable_->clear();
    unavailable_->hide();
    checked_->clear();
}

void LockDoctorPanel::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    watcher_.start();
}

void LockDoctorPanel::hideEvent(QHideEvent* event) {
    watcher_.stop();
    QDialog::hideEvent(event);
}

void LockDoctorPanel::requestOpen(storage::OpenMode mode, bool inMemory) {
    if (path_.isEmpty()) return;
    const QString path = path_;
    hide();
    emit openRequested(path, mode, inMemory);
}

void LockDoctorPanel::confirmClear() {
    if (!diagnosis_ || !diagnosis_->canClearStaleLock()) return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Clear Stale Lock"),
                                tr("Remove the leftover LOCK file of %1?").arg(QDir::toNativeSeparators(path_)),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("lockDoctorConfirmClear"));
    box->setInformativeText(
        tr("Nobody holds it now. It is removed while this program holds the lock itself, so no other program "
           "can take it meanwhile, and nothing else in the folder is touched. If a program takes the lock "
           "first, nothing is removed.\n\nA leftover LOCK is harmless: RocksDB reuses it at the next open."));
    QPushButton* yes = box->addButton(tr("Clear Lock"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("lockDoctorConfirmClearYes"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const quint64 generation = generation_;
    connect(box, &QMessageBox::finished, this, [this, box, yes, generation] {
        if (box->clickedButton() == yes && generation == generation_) clear();
    });
    box->open();
}

void LockDoctorPanel::clear() {
    if (path_.isEmpty() || clearing_) return;
    clearing_ = true;
    watcher_.hold();
    for (auto* b : buttons_) b->setEnabled(false);
    clearPath_ = path_;
    const quint64 generation = generation_;
    const std::string p = path_.toStdString();
    onResult(runOn(backgroundPool(), [p] { return storage::clearStaleLock(p); }), this,
             [this, generation](const storage::Result<std::string>& result) { cleared(generation, result); });
}

void LockDoctorPanel::cleared(quint64 generation, const storage::Result<std::string>& result) {
    clearing_ = false;
    const QString text = QString::fromStdString(result.ok() ? result.value() : result.status().message());
    emit message(text, !result.ok());
    if (generation == generation_) {  // else the panel shows another folder now
        result_->setText(text);
        result_->setStyleSheet(result.ok() ? QString() : QStringLiteral("color: #d03030;"));
        result_->show();
        fitToContents();
    }
    // Probes were held back while clearing, and one from before may still be
    // on its way: drop it and probe afresh.
    watcher_.release();
}

void LockDoctorPanel::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a RocksDB database folder"), path_);
    if (!dir.isEmpty()) inspect(dir);
}

}  // namespace meridian::ui
