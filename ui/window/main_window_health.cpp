// MainWindow's Tools > Verify Checksums… and Compact… (ui/health/), and
// Key Layouts and Decoders… (ui/decode/).
#include <QAction>
#include <QMenu>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/decode/decoders_dialog.h"
#include "ui/editor/value_editor.h"
#include "ui/files/files_dock.h"
#include "ui/health/compact_dialog.h"
#include "ui/health/verify_dialog.h"
#include "ui/keyspace/keyspace_dock.h"
#include "ui/properties/properties_dock.h"
#include "ui/session/storage_session.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildHealth(QMenu* tools) {
    verifyAction_ = tools->addAction(tr("&Verify Checksums…"), this, [this] { showVerifyDialog(); });
    verifyAction_->setObjectName(QStringLiteral("verifyChecksumsAction"));
    verifyAction_->setStatusTip(tr("Read every table file and check each block's checksum; nothing is written"));
    compactAction_ = tools->addAction(tr("Co&mpact…"), this, [this] { showCompactDialog(); });
    compactAction_->setObjectName(QStringLiteral("compactAction"));
    compactAction_->setStatusTip(tr("Rewrite the column family into its bottom level (read-write databases)"));
}

VerifyDialog* MainWindow::showVerifyDialog() {
    if (!session_) return nullptr;
    auto* dialog = new VerifyDialog(session_, this);
    dialog->show();
    dialog->start();
    return dialog;
}

DecodersDialog* MainWindow::showDecodersDialog() {
    if (!session_ || !valueEditor()->decoderSettings()) return nullptr;
    auto* dialog = new DecodersDialog(valueEditor()->decoderSettings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

CompactDialog* MainWindow::showCompactDialog() {
    if (!session_) return nullptr;
    auto* dialog = new CompactDialog(session_, browser_->model()->display(), this);
    connect(dialog, &CompactDialog::compacted, this, [this] {
        files_->refresh();
        keyspace_->refresh();
        properties_->refresh();
    });
    dialog->show();
    return dialog;
}

}  // namespace meridian::ui
