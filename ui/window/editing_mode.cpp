#include "ui/window/editing_mode.h"

#include <QAction>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

#include "ui/common/app_icons.h"
#include "ui/common/text.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

EditingMode::EditingMode(QWidget* window, std::function<int()> snapshots)
    : QObject(window), window_(window), snapshots_(std::move(snapshots)), action_(new QAction(this)) {
    action_->setObjectName(QStringLiteral("enableEditingAction"));
    action_->setCheckable(true);
    action_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(action_, &QAction::triggered, this, &EditingMode::toggled);
    update();
}

void EditingMode::setSession(StorageSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session) connect(session, &StorageSession::readViewChanged, this, &EditingMode::update);
    update();
}

bool EditingMode::canEnable() const {
    if (!session_ || session_->isViewingSnapshot()) return false;
    const auto info = session_->info();
    return info.backend == storage::Backend::RocksDb && info.mode == storage::OpenMode::ReadOnly;
}

void EditingMode::update() {
    const bool open = session_ != nullptr;
    const auto info = open ? session_->info() : storage::StorageInfo{};
    // A hybrid store is a database on disk too, whichever side is live.
    const bool rocks = open && (info.backend == storage::Backend::RocksDb || info.hybrid);
    const bool writing = open && info.mode == storage::OpenMode::ReadWrite;
    action_->setChecked(writing);
    action_->setIcon(actionIcon(writing ? QStringLiteral("editing") : QStringLiteral("read-only")));
    action_->setText(writing && rocks ? tr("Editing &Enabled") : tr("&Enable Editing"));
    QString tip;
    if (!open) tip = tr("Open a database first.");
    else if (!rocks) tip = tr("An in-memory store is always writable.");
    else if (info.mode == storage::OpenMode::Secondary)
        tip = tr("Following a live writer, which RocksDB never lets write. To edit, stop the program that holds "
                 "the database, then enable editing.");
    else if (session_->isViewingSnapshot()) tip = tr("Go back to live (Snapshots panel) to enable editing.");
    else if (writing && info.hybrid)
        tip = tr("Open for editing as hybrid storage, saved to disk when closed. Click to save it and go back to "
                 "read-only.");
    else if (writing) tip = tr("Open for editing. Click to go back to read-only, which writes nothing.");
    else tip = tr("Open read-only: looking changes nothing. Click to reopen it for editing.");
    action_->setToolTip(tip);
    action_->setStatusTip(tip);
    action_->setEnabled(rocks && !session_->isViewingSnapshot() &&
                        (info.mode == storage::OpenMode::ReadOnly || writing));
}

void EditingMode::toggled() {
    update();  // the click flipped the check mark; the reopen sets it
    if (!session_) return;
    switchTo(session_->info().mode == storage::OpenMode::ReadWrite ? storage::OpenMode::ReadOnly
                                                                    : storage::OpenMode::ReadWrite);
}

void EditingMode::offer(std::function<void()> then) {
    if (!canEnable()) return;
    const QString name = QFileInfo(QString::fromStdString(session_->info().path)).fileName();
    auto* box = new QMessageBox(QMessageBox::Question, tr("Enable Editing"),
                                tr("“%1” is open read-only, so looking at it changes nothing.").arg(name),
                                QMessageBox::Cancel, window_);
    box->setObjectName(QStringLiteral("enableEditingQuestion"));
    box->setInformativeText(tr("To change it, reopen it for editing. That needs the lock to be free, and "
                               "RocksDB may then write to the folder (its log, and on close a flush)."));
    QPushButton* enable = box->addButton(tr("Enable Editing"), QMessageBox::AcceptRole);
    box->setDefaultButton(enable);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, enable, then] {
        if (box->clickedButton() == enable) switchTo(storage::OpenMode::ReadWrite, then);
    });
    box->open();
}

void EditingMode::switchTo(storage::OpenMode mode, std::function<void()> then) {
    const int held = snapshots_ ? snapshots_() : 0;
    if (held == 0) {
        emit reopenRequested(mode, then);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Reopen the Database"),
                                countText(quint64(held), tr("Reopening releases the snapshot you took."),
                                          tr("Reopening releases the %1 snapshots you took.")),
                                QMessageBox::Cancel, window_);
    box->setObjectName(QStringLiteral("reopenReleasesSnapshots"));
    box->setInformativeText(tr("A snapshot belongs to one open of the database. Save one to disk first "
                               "(Snapshots panel) to keep it."));
    QPushButton* reopen = box->addButton(mode == storage::OpenMode::ReadWrite ? tr("Enable Editing")
                                                                            : tr("Reopen Read-Only"),
                                         QMessageBox::AcceptRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, reopen, mode, then] {
        if (box->clickedButton() == reopen) emit reopenRequested(mode, then);
    });
    box->open();
}

}  // namespace meridian::ui
