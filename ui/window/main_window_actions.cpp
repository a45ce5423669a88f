// MainWindow's actions and menus: standard shortcuts, context menu, recent files.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QTableView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QDockWidget>
#include <QToolBar>
#include <QToolButton>

#include "storage/bytes.h"
#include "storage/version.h"
#include "ui/browser/key_browser.h"
#include "ui/files/files_dock.h"
#include "ui/keyspace/keyspace_dock.h"
#include "ui/history/key_history_view.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/common/app_icons.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/disk_save.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/transfer/transfer_runner.h"
#include "ui/window/edit_actions.h"
#include "ui/window/editing_mode.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_databases.h"
#include "ui/window/start_page.h"

namespace meridian::ui {

void MainWindow::buildActions() {
    openAction_ = new QAction(actionIcon(QStringLiteral("open")), tr("&Open Database…"), this);
    openAction_->setShortcut(QKeySequence::Open);
    connect(openAction_, &QAction::triggered, this, &MainWindow::showOpenDialog);

    newAction_ = new QAction(tr("&New Database…"), this);
    newAction_->setToolTip(tr("Create an empty RocksDB database in an empty or new folder"));
    connect(newAction_, &QAction::triggered, this, &MainWindow::newDatabase);
    demoAction_ = new QAction(tr("Open &Demo Database"), this);
    connect(demoAction_, &QAction::triggered, this, [this] { openDemo(); });

    closeAction_ = new QAction(tr("&Close Database"), this);
    closeAction_->setShortcut(QKeySequence::Close);
    connect(closeAction_, &QAction::triggered, this, &MainWindow::closeDatabase);

    refreshAction_ = new QAction(actionIcon(QStringLiteral("refresh")), tr("&Refresh"), this);
    refreshAction_->setObjectName(QStringLiteral("refreshAction"));
    refreshAction_->setShortcut(QKeySequence::Refresh);
    refreshAction_->setToolTip(tr("Reload the keys (and catch up with the writer when following live)"));
    connect(refreshAction_, &QAction::triggered, this, &MainWindow::refresh);

    autoRefreshAction_ = new QAction(tr("&Auto-refresh While Following Live"), this);
    autoRefreshAction_->setCheckable(true);
    connect(autoRefreshAction_, &QAction::toggled, this, [this](bool on) { on ? autoRefresh_.start(2000) : autoRefresh_.stop(); });

    countAction_ = new QAction(actionIcon(QStringLiteral("count")), tr("&Count Keys Under Prefix"), this);
    countAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(countAction_, &QAction::triggered, browser_, &KeyBrowser::countKeys);

    copyAction_ = new QAction(actionIcon(QStringLiteral("copy")), tr("&Copy Key"), this);
    copyAction_->setShortcut(QKeySequence::Copy);
    copyAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction_, &QAction::triggered, this, [this] { copyKeys(false); });
    copyHexAction_ = new QAction(tr("Copy Key as &Hex"), this);
    connect(copyHexAction_, &QAction::triggered, this, [this] { copyKeys(true); });
    browser_->view()->addAction(copyAction_);
    browser_->view()->addAction(copyHexAction_);
    browser_->view()->addAction(countAction_);

    findAction_ = new QAction(tr("&Find by Prefix"), this);
    findAction_->setShortcut(QKeySequence::Find);
    connect(findAction_, &QAction::triggered, browser_, &KeyBrowser::focusPrefix);

    lockDoctorAction_ = new QAction(actionIcon(QStringLiteral("lock-doctor")), tr("&Lock Doctor…"), this);
    lockDoctorAction_->setObjectName("lockDoctorAction");
    lockDoctorAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    lockDoctorAction_->setToolTip(tr("Who holds the database's LOCK, and what is safe to do about it"));
    connect(lockDoctorAction_, &QAction::triggered, this, [this] { showLockDoctor(); });
}

void MainWindow::buildMenus() {
    QToolBar* toolBar = addToolBar(tr("Toolbar"));
    toolBar->setObjectName("mainToolBar");
    toolBar->setMovable(false);
    toolBar->addActions({openAction_, editingMode_->action(), refreshAction_, countAction_, snapshots_->takeAction(),
                         lockDoctorAction_});
    // The padlock says in words whether looking or editing.
    if (auto* padlock = qobject_cast<QToolButton*>(toolBar->widgetForAction(editingMode_->action())))
        padlock->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openAction_);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(demoAction_);
    file->addAction(newAction_);
    rebuildRecentMenu();
    file->addAction(closeAction_);
    file->addSeparator();
    file->addAction(saveToDiskAction_);
    file->addAction(exportKeysAction_);
    file->addAction(importKeysAction_);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(editingMode_->action());
    edit->addSeparator();
    edit->addAction(copyAction_);
    edit->addAction(copyHexAction_);
    edit->addSeparator();
    edit->addAction(findAction_);
    edit->addAction(browser_->goToKeyAction());
    edit->addAction(searchAction_);
    editActions_->addToEditMenu(edit, findAction_);  // Undo/Redo, keys and values (edit_actions.h)

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(refreshAction_);
    view->addAction(autoRefreshAction_);
    view->addSeparator();
    QMenu* display = view->addMenu(tr("Show Keys &As"));
    auto* group = new QActionGroup(this);
    const std::pair<QString, storage::ByteDisplay> modes[] = {
        {tr("&Text When Printable"), storage::ByteDisplay::Auto},
        {tr("&Escaped (\\x00)"), storage::ByteDisplay::Escaped},
        {tr("&Hex"), storage::ByteDisplay::Hex}};
    for (const auto& [label, mode] : modes) {
        QAction* a = display->addAction(label);
        a->setCheckable(true);
        a->setChecked(mode == storage::ByteDisplay::Auto);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, mode = mode] {
            browser_->setDisplay(mode);
            namespaces_->setDisplay(mode);
            history_->setDisplay(mode);
            files_->setDisplay(mode);
            keyspace_->setDisplay(mode);
        });
    }
    view->addAction(tr("Namespace &Delimiter…"), this, &MainWindow::chooseDelimiter);
    // The History tab, its key field ready for a key the list no longer shows.
    QAction* history = view->addAction(tr("Key &History"), this, [this] {
        showHistoryTab(true);
        history_->keyField()->setFocus(Qt::ShortcutFocusReason);
        history_->keyField()->selectAll();
    });
    history->setObjectName(QStringLiteral("keyHistoryAction"));
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    history->setStatusTip(tr("Every version of a key the database still holds, deleted keys too"));
    view->addSeparator();
    view->addAction(toolBar->toggleViewAction());
    for (auto* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(countAction_);
    tools->addSeparator();
    tools->addAction(snapshots_->takeAction());
    tools->addAction(snapshots_->backToLiveAction());
    tools->addAction(compareAction_);
    tools->addSeparator();
    QAction* decoders = tools->addAction(tr("Key &Layouts and Decoders…"), this, [this] { showDecodersDialog(); });
    decoders->setObjectName(QStringLiteral("decodersAction"));
    decoders->setStatusTip(tr("How this database's keys are built and its values encoded; export and import them"));
    tools->addSeparator();
    buildHealth(tools);
    tools->addSeparator();
    tools->addAction(lockDoctorAction_);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About %1").arg(QApplication::applicationDisplayName()), this, [this] {
        // The libraries in use, which can differ from the ones built against.
        QString qt = QString::fromLatin1(qVersion());
        const storage::EngineInfo engine = storage::engineInfo();
        if (qt != QLatin1String(QT_VERSION_STR)) qt = tr("%1 (built with %2)").arg(qt, QLatin1String(QT_VERSION_STR));
        QMessageBox::about(this, tr("About %1").arg(QApplication::applicationDisplayName()),
                           tr("<h3>%1 %2</h3><p>Inspect and repair RocksDB databases.</p><p>Qt %3<br>RocksDB %4, "
                              "which reads table formats up to %5</p>")
                               .arg(QApplication::applicationDisplayName(), QApplication::applicationVersion(), qt,
                                    QString::fromStdString(engine.version))
                               .arg(engine.newestTableFormat));
    });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::rebuildRecentMenu() {
    if (!recentMenu_) return;
    recentMenu_->clear();
    const QStringList recent = RecentDatabases::load();
    for (const QString& path : recent)
        recentMenu_->addAction(path, this, [this, path] { openWithDefaultMode(path); });
    if (!recent.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear Menu"), this, [this] {
            RecentDatabases::clear();
            rebuildRecentMenu();
        });
    }
    recentMenu_->setEnabled(!recent.isEmpty());
    if (startPage_) startPage_->setRecent(recent);
}

void MainWindow::copyKeys(bool asHex) {
    const auto rows = browser_->view()->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    QStringList lines;
    QByteArray raw;
    for (const auto& index : rows) {
        const std::string key = index.data(KeyListModel::KeyRole).toByteArray().toStdString();
        lines << QString::fromStdString(asHex ? storage::toHex(key) : storage::escapeBytes(key));
        raw += QByteArray::fromStdString(key);
        raw += '\n';
    }
    auto* mime = new QMimeData;
    mime->setText(lines.join('\n'));
    if (rows.size() == 1) raw.chop(1);
    mime->setData(QStringLiteral("application/octet-stream"), raw);
    QApplication::clipboard()->setMimeData(mime);
}

void MainWindow::chooseDelimiter() {
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Namespace Delimiter"),
                                               tr("Group keys in the namespace tree by this character:"),
                                               QLineEdit::Normal, QString(QChar(namespaces_->delimiter())), &ok);
    if (!ok || text.size() != 1 || text.at(0).unicode() > 0x7F) return;
    namespaces_->setDelimiter(text.at(0).toLatin1());
    keyspace_->setDelimiter(text.at(0).toLatin1());
}

void MainWindow::updateActions() {
    const bool open = session_ != nullptr;
    closeAction_->setEnabled(open);
    refreshAction_->setEnabled(open);
    countAction_->setEnabled(open);
    verifyAction_->setEnabled(open);
    compactAction_->setEnabled(open && session_->info().mode == storage::OpenMode::ReadWrite);
    compactAction_->setToolTip(open && session_->info().mode != storage::OpenMode::ReadWrite
                                   ? tr("Compacting writes: Enable Editing first")
                                   : compactAction_->statusTip());
    browser_->goToKeyAction()->setEnabled(open);
    searchAction_->setEnabled(open);
    copyAction_->setEnabled(open);
    copyHexAction_->setEnabled(open);
    autoRefreshAction_->setEnabled(open && session_->info().mode == storage::OpenMode::Secondary);
    saveToDiskAction_->setEnabled(open);
    saveToDiskAction_->setToolTip(!open ? tr("Open a database first.")
                                  : snapshots_->viewedRow() >= 0
                                      ? tr("Save the snapshot being viewed as a new RocksDB database")
                                  : savesAsCheckpoint(*session_)
                                      ? tr("Save a checkpoint: a hard-linked copy that opens as a normal database")
                                      : tr("Save the whole database as a new RocksDB database"));
    compareAction_->setEnabled(open && snapshots_->model()->size() > 0);
    const QString noExport = transfers_->exportRefusal();
    exportKeysAction_->setEnabled(noExport.isEmpty());
    exportKeysAction_->setToolTip(noExport.isEmpty() ? tr("Export keys to an ldb dump or JSON Lines file") : noExport);
    const QString noImport = transfers_->importRefusal();
    importKeysAction_->setEnabled(noImport.isEmpty());
    importKeysAction_->setToolTip(noImport.isEmpty() ? tr("Import keys from an ldb dump or JSON Lines file; "
                                                          "Undo takes the whole import back")
                                                     : noImport);
    compareAction_->setToolTip(open && snapshots_->model()->size() == 0
                                   ? tr("Take a snapshot first.")
                                   : tr("Keys added, removed and changed between a snapshot and the live database, "
                                        "or two snapshots"));
}

}  // namespace meridian::ui
