// MainWindow and leaving a database: the LeaveDatabaseFlow's steps, as this
// window takes them (the editor's question, the save to disk and the edits in
// flight, the question about an in-memory database's unsaved keys).
#include <algorithm>
#include <cstdint>
#include <limits>

#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>

#include "ui/editor/edit_controller.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/disk_save.h"
#include "ui/snapshots/save_to_disk_controller.h"
#include "ui/window/edit_actions.h"
#include "ui/window/leave_database_flow.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildLeaveFlow() {
    LeaveDatabaseFlow::Steps steps;
    steps.leaveEditor = [this](std::function<void()> retry) { return editActions_->leaveEditorThen(retry); };
    steps.pendingWrite = [this]() -> std::optional<LeaveDatabaseFlow::Pending> {
        // Closing would cancel a save (and a checkpoint cannot stop half-way): wait.
        if (diskSaves_->isSaving())
            return LeaveDatabaseFlow::Pending{
                tr("Waiting for the save to disk to finish (Cancel in the status bar stops it)…"),
                [this](std::function<void()> done) { diskSaves_->whenSaved(this, std::move(done)); }};
        // Edits still queued would be dropped with the session: let them land.
        if (editActions_->controller()->isBusy())
            return LeaveDatabaseFlow::Pending{
                tr("Waiting for edits to be written…"),
                [this](std::function<void()> done) { editActions_->controller()->whenIdle(this, std::move(done)); }};
        return std::nullopt;
    };
    steps.memoryContents = [this]() -> std::optional<QFuture<MemoryContents>> {
        if (!session_ || session_->info().backend != storage::Backend::Memory) return std::nullopt;
        return memoryContents(*session_);
    };
    steps.askAboutMemory = [this](const MemoryContents& contents,
                                  std::function<void(LeaveDatabaseFlow::MemoryAnswer)> answered) {
        askAboutMemory(contents, std::move(answered));
    };
    steps.saveWholeDatabase = [this](std::function<void()> then) {
        diskSaves_->chooseFolderAndSave(SaveTarget::wholeDatabase(), std::move(then));
    };
    leaveFlow_ = new LeaveDatabaseFlow(std::move(steps), this);
    connect(leaveFlow_, &LeaveDatabaseFlow::waiting, this, [this](const QString& text) { statusBar()->showMessage(text); });
    connect(diskSaves_, &SaveToDiskController::wholeMemorySaved, leaveFlow_, &LeaveDatabaseFlow::acceptMemoryAt);
}

void MainWindow::askAboutMemory(const MemoryContents& contents,
                                std::function<void(LeaveDatabaseFlow::MemoryAnswer)> answered) {
    const QString name = QFileInfo(QString::fromStdString(session_->info().path)).fileName();
    const QString label = name.isEmpty() ? tr("In-memory database") : name;
    // %Ln: the count in the user's locale, and a translation picks the plural form.
    const int keys = static_cast<int>(std::min<std::uint64_t>(contents.keys, std::numeric_limits<int>::max()));
    const QString text =
        keys == 1 ? tr("“%1” is held in memory only: its one key is lost when it closes.").arg(label)
                  : tr("“%1” is held in memory only: its %Ln keys are lost when it closes.", nullptr, keys).arg(label);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Save the In-Memory Database?"), text,
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("saveMemoryBox"));
    box->setInformativeText(keys == 1 ? tr("Save it to disk as a RocksDB database first?")
                                      : tr("Save them to disk as a RocksDB database first?"));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, answered = std::move(answered)](int) {
        switch (box->standardButton(box->clickedButton())) {
        case QMessageBox::Save: return answered(LeaveDatabaseFlow::MemoryAnswer::Save);
        case QMessageBox::Discard: return answered(LeaveDatabaseFlow::MemoryAnswer::Discard);
        default: return answered(LeaveDatabaseFlow::MemoryAnswer::Cancel);
        }
    });
    box->open();
}

}  // namespace meridian::ui
