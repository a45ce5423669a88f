// MainWindow's Find in Keys and Values: one SearchDialog per window, made on
// first use, searching what the key list shows (its prefix, column family and
// read view); a chosen match opens its key in the list.
#include <QAction>

#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/search/search_dialog.h"
#include "ui/session/storage_session.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildSearch() {
    searchAction_ = new QAction(tr("Find in Keys and &Values…"), this);
    searchAction_->setObjectName(QStringLiteral("searchAction"));
    searchAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    searchAction_->setStatusTip(tr("Search the keys under the prefix for text, a glob, a regular expression or bytes"));
    connect(searchAction_, &QAction::triggered, this, &MainWindow::showSearch);
}

void MainWindow::showSearch() {
    if (!search_) {
        search_ = new SearchDialog(this);
        connect(search_, &SearchDialog::keyChosen, browser_, &KeyBrowser::goToKey);
        // A new prefix, column family or read view is what the next search looks in.
        connect(browser_->model(), &QAbstractItemModel::modelReset, search_, [this] {
            search_->setScope(browser_->model()->prefix(), browser_->model()->display());
        });
    }
    search_->setSession(session_);
    search_->setScope(browser_->model()->prefix(), browser_->model()->display());
    search_->setEstimate(browser_->estimate());
    search_->show();
    search_->raise();
    search_->activateWindow();
}

}  // namespace meridian::ui
