// MainWindow and an empty window: the start page, the demo database, and
// creating a new database.
#include <QDir>
#include <QFileInfo>
#include <QStackedWidget>
#include <QStatusBar>

#include "ui/common/async.h"
#include "ui/common/folder_dialog.h"
#include "ui/demo/demo_database.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_databases.h"
#include "ui/window/start_page.h"

namespace meridian::ui {

void MainWindow::buildStartPage() {
    pages_ = new QStackedWidget(this);
    pages_->setObjectName(QStringLiteral("pages"));
    startPage_ = new StartPage(pages_);
    pages_->addWidget(startPage_);
    pages_->addWidget(takeCentralWidget());
    setCentralWidget(pages_);
    startPage_->setRecent(RecentDatabases::load());
    connect(startPage_, &StartPage::openRequested, this, &MainWindow::showOpenDialog);
    connect(startPage_, &StartPage::demoRequested, this, [this] { openDemo(); });
    connect(startPage_, &StartPage::newRequested, this, &MainWindow::newDatabase);
    connect(startPage_, &StartPage::recentChosen, this, [this](const QString& path) { openWithDefaultMode(path); });
}

void MainWindow::openDemo(std::optional<storage::OpenMode> mode) {
    const QString path = demoDatabasePath();
    statusBar()->showMessage(tr("Preparing the demo database…"));
    onResult(ensureDemoDatabase(path), this, [this, path, mode](storage::Status status) {
        if (!status.ok()) {
            const QString message = QString::fromStdString(status.message());
            showError(tr("Could not make the demo database"), message);
            emit openFailed(message);
            return;
        }
        // Our own demo: an older build of ours may have written it, and
        // nobody else reads it, so writing needs no question.
        const auto base = storage::StorageConfig{}.withOptionsRewrite();
        if (mode) openDatabase(path, *mode, base);
        else openWithDefaultMode(path, base);
    });
}

void MainWindow::newDatabase() {
    const QStringList recent = RecentDatabases::load();
    const QString near = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    auto* dialog = new NewOrEmptyFolderDialog(this, tr("New Database: an Empty or New Folder"), tr("Create Here"), near);
    dialog->setObjectName(QStringLiteral("newDatabaseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::createDatabaseIn);
    dialog->open();
}

void MainWindow::createDatabaseIn(const QString& folder) {
    const QFileInfo info(folder);
    if (info.exists() && (!info.isDir() || !QDir(folder).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))) {
        const QString message = tr("%1 is not an empty folder. A new database goes into an empty or a new folder; "
                                   "to look at a database that is there, open it.")
                                    .arg(QDir::toNativeSeparators(folder));
        showError(tr("Could not create the database"), message);
        emit openFailed(message);
        return;
    }
    // The one open that creates: writing is what the user asked for.
    openDatabase(folder, storage::OpenMode::ReadWrite, storage::StorageConfig{}.withCreateIfMissing());
}

}  // namespace meridian::ui
