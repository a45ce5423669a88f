// MainWindow and moving keys: File > Export Keys… and Import Keys…. The
// dialogs and the runner live in ui/transfer/; the window provides the
// actions, reloads the views after an import (or its undo), and keeps the
// actions' state in step with the session and the edits in flight.
#include <QAction>
#include <QStatusBar>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/common/task_indicator.h"
#include "ui/editor/edit_controller.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/transfer/export_dialog.h"
#include "ui/transfer/import_dialog.h"
#include "ui/transfer/transfer_runner.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildTransfers() {
    transfers_ = new TransferRunner(editActions_->controller(), this);
    connect(transfers_, &TransferRunner::taskStarted, tasks_, &TaskIndicator::track);
    exportKeysAction_ = new QAction(tr("&Export Keys…"), this);
    exportKeysAction_->setObjectName(QStringLiteral("exportKeysAction"));
    connect(exportKeysAction_, &QAction::triggered, this, &MainWindow::showExportDialog);
    importKeysAction_ = new QAction(tr("&Import Keys…"), this);
    importKeysAction_->setObjectName(QStringLiteral("importKeysAction"));
    connect(importKeysAction_, &QAction::triggered, this, &MainWindow::showImportDialog);

    connect(transfers_, &TransferRunner::keysChanged, this, [this](const QString& family) {
        if (session_ && family == session_->columnFamily()) refresh();
    });
    connect(transfers_, &TransferRunner::message, this, [this](const QString& text, bool error) {
        statusBar()->showMessage(text, 8000);
        log_->append(error ? storage::LogLevel::Error : storage::LogLevel::Info, text);
    });
    connect(transfers_, &TransferRunner::busyChanged, this, &MainWindow::updateActions);
    connect(editActions_->controller(), &EditController::busyChanged, this, &MainWindow::updateActions);
}

void MainWindow::showExportDialog() {
    if (!session_) return;
    auto* dialog = new ExportDialog(transfers_, browser_->model()->prefix(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showImportDialog() {
    if (!session_) return;
    auto* dialog = new ImportDialog(transfers_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace meridian::ui
