#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>

#include "storage/lock/lock_probe.h"
#include "ui/browser/key_browser.h"
#include "ui/editor/value_editor.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/files/files_dock.h"
#include "ui/keyspace/keyspace_dock.h"
#include "ui/history/key_history_view.h"
#include "ui/common/async.h"
#include "ui/common/task_indicator.h"
#include "ui/log/log_dock.h"
#include "ui/open/open_dialog.h"
#include "ui/open/damaged_database_question.h"
#include "ui/open/options_rewrite_question.h"
#include "ui/properties/properties_dock.h"
#include "ui/session/storage_session.h"
#include "ui/search/search_dialog.h"
#include "ui/snapshots/diff_dialog.h"
#include "ui/snapshots/save_to_disk_controller.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/transfer/transfer_runner.h"
#include "ui/window/backend_badge.h"
#include "ui/window/hybrid_watch.h"
#include "ui/window/damage_banner.h"
#include "ui/window/edit_actions.h"
#include "ui/window/editing_mode.h"
#include "ui/window/following_live.h"
#include "ui/window/recent_databases.h"
#include "ui/window/start_page.h"

namespace meridian::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      browser_(new KeyBrowser(this)),
      tree_(new QTreeView(this)),
      namespaces_(new NamespaceModel(this)),
      log_(new LogDock(this)),
      properties_(new PropertiesDock(this)),
      files_(new FilesDock(this)),
      keyspace_(new KeyspaceDock(this)),
      badge_(new BackendBadge(this)),
      hybridWatch_(new HybridWatch(this)),
      tasks_(new TaskIndicator(this)) {
    setObjectName("mainWindow");
    setWindowTitle(QApplication::applicationDisplayName());
    setAcceptDrops(true);
    buildEditing();  // the key list beside the value editor (main_window_editing.cpp)

    tree_->setObjectName("namespaceTree");
    tree_->setModel(namespaces_);
    tree_->setHeaderHidden(true);
    tree_->setUniformRowHeights(true);
    auto* countNamespace = new QAction(tr("Count Keys"), tree_);
    countNamespace->setObjectName("countNamespaceKeysAction");
    countNamespace->setStatusTip(tr("How many keys this namespace holds: an estimate at once, then the exact count"));
    tree_->setContextMenuPolicy(Qt::ActionsContextMenu);
    tree_->addAction(countNamespace);
    connect(countNamespace, &QAction::triggered, this, [this] { namespaces_->countKeys(tree_->currentIndex()); });
    auto* treeDock = new QDockWidget(tr("Namespaces"), this);
    treeDock->setObjectName("namespaceDock");
    treeDock->setWidget(tree_);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    addDockWidget(Qt::BottomDockWidgetArea, properties_);
    addDockWidget(Qt::BottomDockWidgetArea, log_);
    addDockWidget(Qt::BottomDockWidgetArea, files_);
    addDockWidget(Qt::BottomDockWidgetArea, keyspace_);
    tabifyDockWidget(properties_, log_);
    tabifyDockWidget(properties_, files_);
    tabifyDockWidget(properties_, keyspace_);
    properties_->raise();
    resizeDocks({treeDock}, {260}, Qt::Horizontal);
    resizeDocks({log_}, {220}, Qt::Vertical);

    statusBar()->addWidget(tasks_);
    statusBar()->addPermanentWidget(badge_);

    // Follows what the user selects (click, keys), not the current index: the
    // tree makes its first row current, unselected, whenever it gains focus
    // without one (window activation, Tab), which must not replace the prefix.
    connect(tree_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList selected = tree_->selectionModel()->selectedIndexes();
        if (selected.isEmpty()) return;
        const QModelIndex row = selected.first();
        // "more…" lists the next children; the no-delimiter hint asks for a delimiter.
        if (row.data(NamespaceModel::IsMoreRole).toBool()) {
            tree_->selectionModel()->clearSelection();
            namespaces_->loadMore(row);
        } else if (row.data(NamespaceModel::IsHintRole).toBool()) {
            tree_->selectionModel()->clearSelection();
            chooseDelimiter();
        } else {
            browser_->setPrefix(row.data(NamespaceModel::PrefixRole).toByteArray());
        }
    });
    connect(namespaces_, &NamespaceModel::errorOccurred, this,
            [this](const QString& m) { log_->append(storage::LogLevel::Error, m); });
    connect(browser_, &KeyBrowser::taskStarted, tasks_, &TaskIndicator::track);
    connect(namespaces_, &NamespaceModel::taskStarted, tasks_, &TaskIndicator::track);
    connect(browser_, &KeyBrowser::message, this, [this](const QString& m) {
        statusBar()->showMessage(m, 5000);
        log_->append(storage::LogLevel::Info, m);
    });
    connect(browser_, &KeyBrowser::columnFamilyChanged, this, [this](const QString& name) {
        namespaces_->reload();
        properties_->refresh();
        files_->refresh();
        keyspace_->refresh();
        log_->append(storage::LogLevel::Info, tr("column family: %1").arg(name));
    });
    // A hybrid store moving into RocksDB while it is shown.
    connect(hybridWatch_, &HybridWatch::changed, this, [this](const storage::StorageInfo& info) {
        if (session_) badge_->setReport(session_->report(), info);
        properties_->refresh();
    });
    connect(hybridWatch_, &HybridWatch::spilled, this, [this](const storage::StorageInfo& info) {
        const QString summary = QString::fromStdString(info.hybrid->summary);
        log_->append(storage::LogLevel::Info, tr("Hybrid storage moved into RocksDB: %1").arg(summary));
        statusBar()->showMessage(tr("Moved into RocksDB: %1").arg(summary), 10000);
    });
    connect(badge_, &BackendBadge::detailsRequested, this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("Open Report"), badge_->text(), QMessageBox::Ok, this);
        box->setObjectName("openReportBox");
        box->setInformativeText(badge_->details());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(&autoRefresh_, &QTimer::timeout, this, &MainWindow::refresh);

    buildSnapshots();  // the Snapshots dock and the banner above the key list (main_window_snapshots.cpp)
    buildEditingMode();  // the padlock: Enable Editing (main_window_editing.cpp)
    buildStartPage();    // what an empty window offers (main_window_start.cpp)
    buildFollowing();  // catch-ups and the bar when the writer exits (main_window_following.cpp)
    buildTransfers();  // export and import of keys (main_window_transfer.cpp)
    buildLeaveFlow();  // what closing a database asks first (main_window_leaving.cpp)
    buildSearch();     // Find in Keys and Values (main_window_search.cpp)
    buildActions();
    buildMenus();
    restoreSettings();
    updateActions();
}

MainWindow::~MainWindow() {
    // The session first, while every widget that receives its results is
    // still alive: it cancels long work and waits for what is in flight.
    if (session_) installSession(nullptr);
}

StorageSession* MainWindow::session() const { return session_; }

void MainWindow::openDatabase(const QString& path, storage::OpenMode mode, storage::StorageConfig base) {
    if (path.isEmpty()) return;
    if (reopensForEditing(path, mode)) {  // Open for Editing, the Lock Doctor's Retry (main_window_following.cpp)
        reopen(mode, {});
        return;
    }
    if (!leaveFlow_->request([this, path, mode, base] { openDatabase(path, mode, base); })) return;
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    opening_ = true;
    const quint64 generation = ++openGeneration_;
    lastError_.clear();
    statusBar()->showMessage(tr("Opening %1…").arg(absolute));
    // Following live opens from the table files alone; FollowingLive then
    // replays the writer's log in the background (factory.h).
    const storage::StorageConfig config =
        base.withMode(mode).withLog(log_->hook()).withDeferredCatchUp(mode == storage::OpenMode::Secondary);
    const QFuture<storage::OpenResult> opened = StorageSession::open(absolute, config);
    tasks_->track(tr("Opening %1").arg(QFileInfo(absolute).fileName()), QFuture<void>(opened));
    onResult(opened, this,
                            [this, absolute, generation, mode, base](storage::OpenResult result) {
        if (generation != openGeneration_) return;  // another open superseded this one
        opening_ = false;
        if (result.status.code() == storage::Status::Code::NeedsConfirmation) {
            log_->append(storage::LogLevel::Warning, QString::fromStdString(result.status.message()));
            statusBar()->clearMessage();
            askOptionsRewrite(this, QString::fromStdString(result.status.message()),
                              [this, absolute, base](OptionsRewriteAnswer answer) {
                if (answer == OptionsRewriteAnswer::OpenForEditing)
                    openDatabase(absolute, storage::OpenMode::ReadWrite, base.withOptionsRewrite());
                else if (answer == OptionsRewriteAnswer::OpenReadOnly)
                    openDatabase(absolute, storage::OpenMode::ReadOnly, base);
                else
                    restorePreviousOpen();
            });
            updateActions();
            return;
        }
        if (result.status.code() == storage::Status::Code::Damaged) {
            // Writing would lose data; reading is safe and says what may be missing.
            log_->append(storage::LogLevel::Error, QString::fromStdString(result.status.message()));
            statusBar()->clearMessage();
            lastError_ = QString::fromStdString(result.status.message());
            askOpenDamagedReadOnly(this, lastError_, [this, absolute, base](bool readOnly) {
                if (readOnly) openDatabase(absolute, storage::OpenMode::ReadOnly, base);
                else restorePreviousOpen();
            });
            updateActions();
            emit openFailed(lastError_);
            return;
        }
        if (!result.ok()) {
            const QString message = QString::fromStdString(result.status.message());
            const QString advice = QString::fromStdString(result.report.advice);
            lastError_ = message;
            if (!offerLockDoctor(absolute, mode, result))
                showError(tr("Could not open the database"), advice.isEmpty() ? message : message + "\n\n" + advice);
            restorePreviousOpen();
            updateActions();
            emit openFailed(message);
            return;
        }
        openBase_ = base;
        installSession(new StorageSession(result.storage, result.report, this));
        RecentDatabases::add(absolute, mode);
        rebuildRecentMenu();
        if (session_ && session_->info().backend == storage::Backend::Memory && !result.report.hybrid &&
            result.report.reason != storage::OpenReason::ForcedByConfig)
            statusBar()->showMessage(tr("Opened an empty in-memory store instead of %1").arg(absolute));
        else
            statusBar()->showMessage(tr("Opened %1").arg(absolute), 3000);
        emit databaseOpened(absolute);
    }, [this, generation] {  // Cancel in the task indicator: what it opened is closed, unseen
        if (generation != openGeneration_) return;
        opening_ = false;
        statusBar()->showMessage(tr("Open cancelled"), 3000);
        restorePreviousOpen();
        updateActions();
    });
}

void MainWindow::openWithDefaultMode(const QString& path, storage::StorageConfig base) {
    const std::string p = QFileInfo(path).absoluteFilePath().toStdString();
    onResult(runOn(backgroundPool(), [p] { return storage::probeLock(p); }), this,
                            [this, path, base](storage::LockDiagnosis diagnosis) {
                                const auto mode = OpenDialog::defaultMode(diagnosis, RecentDatabases::modeFor(path));
                                if (mode != storage::OpenMode::ReadWrite)
                                    log_->append(storage::LogLevel::Info,
                                                 QString::fromStdString(diagnosis.explanation));
                                openDatabase(path, mode, base);
                            });
}

void MainWindow::installSession(StorageSession* session) {
    StorageSession* old = session_;
    if (compare_) delete compare_;  // it reads the old session
    transfers_->cancel();           // an export or import of the old database
    session_ = session;
    // The same database reopened (Enable Editing) keeps its prefix; another starts afresh.
    const bool reopening = kept_ && (!session || QString::fromStdString(session->info().path) == kept_->path);
    browser_->setSession(session, reopening);
    namespaces_->setSession(session);
    history_->setSession(session);
    properties_->setSession(session);
    files_->setSession(session);
    keyspace_->setSession(session);
    editActions_->setSession(session);
    // The editor keeps the database's decoder settings; the key list reads its key layouts.
    browser_->setDecoderSettings(valueEditor()->decoderSettings());
    editingMode_->setSession(session);
    snapshots_->setSession(session);  // releases the old database's snapshots
    snapshotViewChanged();
    diskSaves_->setSession(session);
    following_->setSession(session);
    if (search_) search_->setSession(session);
    leaveFlow_->databaseChanged();
    hybridWatch_->setSession(session);
    if (session) {
        const auto info = session->info();
        badge_->setReport(session->report(), info);
        setWindowFilePath(QString::fromStdString(info.path));
        const QString name = QFileInfo(QString::fromStdString(info.path)).fileName();
        // An empty store standing in for a folder (MERIDIAN_USE_MEMORY_STORAGE,
        // or a failed open with fallback on) must not look like that folder's data.
        const auto reason = session->report().reason;
        const bool standIn = info.backend == storage::Backend::Memory &&
                             (reason == storage::OpenReason::ForcedByEnvironment || reason == storage::OpenReason::Fallback);
        if (standIn) {
            setWindowTitle(tr("In memory, not %1 — %2").arg(name, QApplication::applicationDisplayName()));
            browser_->setEmptyText(
                tr("An empty in-memory store: nothing is read from %1 (%2)")
                    .arg(QString::fromStdString(info.path),
                         reason == storage::OpenReason::ForcedByEnvironment
                             ? tr("MERIDIAN_USE_MEMORY_STORAGE is set")
                             : tr("it could not be opened, and falling back to memory is on: see the Log")));
        } else {
            setWindowTitle(QStringLiteral("%1 — %2").arg(name, QApplication::applicationDisplayName()));
            browser_->setEmptyText({});
        }
        QStringList damage;
        for (const auto& w : info.warnings) {
            log_->append(storage::LogLevel::Warning, QString::fromStdString(w));
            if (info.backend == storage::Backend::RocksDb) damage << QString::fromStdString(w);
        }
        damageBanner_->showWarnings(damage);
    } else {
        damageBanner_->showWarnings({});
        badge_->clear();
        setWindowTitle(QApplication::applicationDisplayName());
    }
    autoRefreshAction_->setChecked(false);
    delete old;  // cancels its long work and waits for what is in flight
    updateActions();
    pages_->setCurrentIndex(session ? 1 : 0);
    if (!session) startPage_->setRecent(RecentDatabases::load());
    if (session) restoreKeptView();
}

void MainWindow::closeDatabase() {
    if (leaveFlow_->request([this] { closeDatabase(); })) installSession(nullptr);
}

void MainWindow::showError(const QString& title, const QString& message) {
    log_->append(storage::LogLevel::Error, message);
    statusBar()->showMessage(title, 5000);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName("errorBox");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showOpenDialog() {
    const QStringList recent = RecentDatabases::load();
    auto* dialog = new OpenDialog(recent.isEmpty() ? QString() : recent.first(), this, &RecentDatabases::modeFor);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openDatabase(dialog->path(), dialog->mode()); });
    dialog->open();
}

void MainWindow::refresh() {
    if (!session_) return;
    onResult(session_->catchUp(), this, [this](storage::Status status) {
        if (!status.ok()) log_->append(storage::LogLevel::Error, QString::fromStdString(status.message()));
        browser_->reload();
        namespaces_->reload();
        properties_->refresh();
        files_->refresh();
        keyspace_->refresh();
        editActions_->refreshValue();
    });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!leaveFlow_->request([this] { close(); })) {
        event->ignore();  // asked about unsaved edits or in-memory data; closes again once they are dealt with
        return;
    }
    saveSettings();
    installSession(nullptr);
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && QFileInfo(urls.first().toLocalFile()).isDir())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty()) return;
    openWithDefaultMode(urls.first().toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    const QString delimiter = settings.value("browser/delimiter", QStringLiteral(":")).toString();
    if (delimiter.size() == 1) {
        namespaces_->setDelimiter(delimiter.at(0).toLatin1());
        keyspace_->setDelimiter(delimiter.at(0).toLatin1());
    }
}

void MainWindow::saveSettings() {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("browser/delimiter", QString(QChar(namespaces_->delimiter())));
}

}  // namespace meridian::ui
