// MainWindow: composes the feature widgets (key browser, namespace tree, log,
// properties, backend badge, task indicator) and owns the open database's
// StorageSession. It holds no storage logic of its own: opening goes through
// the factory on a worker thread, everything else through the session.
#pragma once

#include <QFuture>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <optional>

#include "storage/factory.h"
#include "ui/snapshots/disk_save.h"
#include "ui/window/leave_database_flow.h"

class QAction;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace meridian::ui {

class BackendBadge;
class HybridWatch;
class EditActions;
class EditingMode;
class StartPage;
class KeyBrowser;
class KeyHistoryView;
class FilesDock;
class KeyspaceDock;
class VerifyDialog;
class CompactDialog;
class DecodersDialog;
class LockDoctorPanel;
class LogDock;
class NamespaceModel;
class PropertiesDock;
class DiffDialog;
class SaveToDiskController;
class SearchDialog;
class SnapshotBanner;
class DamageBanner;
class FollowingLive;
class WriterExitedBanner;
class TransferRunner;
class SnapshotController;
class SnapshotsPanel;
class StorageSession;
class TaskIndicator;
class ValueEditor;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `path` in `mode` through the factory (environment variables apply).
    // A read-write open of a database an older RocksDB release wrote first
    // asks whether to edit it (which rewrites its OPTIONS file) or to open it
    // read-only, unless `base` already allows the rewrite.
    void openDatabase(const QString& path, storage::OpenMode mode, storage::StorageConfig base = {});
    // Opens read-only (looking changes nothing), or read-write when the user
    // chose that for this database last time (Recent remembers), or following
    // live when another program holds the lock: for paths from the command
    // line, drops and recent files.
    void openWithDefaultMode(const QString& path, storage::StorageConfig base = {});
    void closeDatabase();
    // The demo database, made once in the app's data folder, opened as any
    // other (in `mode`, or by default read-only).
    void openDemo(std::optional<storage::OpenMode> mode = std::nullopt);
    // File > New Database…: asks for an empty or new folder and creates an
    // empty RocksDB database there, open read-write (main_window_start.cpp).
    void newDatabase();
    // Creates the database in `folder` (empty or new) and opens it; refuses a folder with files in it.
    void createDatabaseIn(const QString& folder);
    // What an empty window shows (start_page.h).
    StartPage* startPage() const { return startPage_; }
    // Tools > Lock Doctor: the LOCK of `path`, or else of the open database,
    // or else of the most recent one (main_window_lock_doctor.cpp).
    void showLockDoctor(const QString& path = {});

    StorageSession* session() const;  // out of line: QPointer needs the complete type
    KeyBrowser* keyBrowser() const { return browser_; }
    BackendBadge* badge() const { return badge_; }
    NamespaceModel* namespaceModel() const { return namespaces_; }
    LogDock* logDock() const { return log_; }
    // View > Files and Levels: the LSM tree of the column family (ui/files/files_dock.h).
    FilesDock* filesDock() const { return files_; }
    // View > Keyspace: keys and bytes per namespace (ui/keyspace/keyspace_dock.h).
    KeyspaceDock* keyspaceDock() const { return keyspace_; }
    // Tools > Verify Checksums… (started at once) and Compact… (main_window_health.cpp);
    // null when no database is open. The dialogs delete themselves when closed.
    VerifyDialog* showVerifyDialog();
    CompactDialog* showCompactDialog();
    // Tools > Key Layouts and Decoders… (ui/decode/decoders_dialog.h); null
    // when no database is open. Deletes itself when closed.
    DecodersDialog* showDecodersDialog();
    // The value editor beside the key list and the editing actions (main_window_editing.cpp).
    ValueEditor* valueEditor() const;
    // The History tab beside the value (ui/history/key_history_view.h).
    KeyHistoryView* keyHistory() const { return history_; }
    // Shows the History tab (true) or the Value tab.
    void showHistoryTab(bool history);
    EditActions* editActions() const { return editActions_; }
    // The padlock: Enable Editing reopens the database read-write (editing_mode.h).
    EditingMode* editingMode() const { return editingMode_; }
    LockDoctorPanel* lockDoctor() const { return lockDoctor_; }  // null until first shown
    // Snapshots, comparing and saving to disk (main_window_snapshots.cpp).
    SnapshotController* snapshots() const { return snapshots_; }
    SnapshotsPanel* snapshotsPanel() const { return snapshotsPanel_; }
    SnapshotBanner* snapshotBanner() const { return banner_; }
    DamageBanner* damageBanner() const { return damageBanner_; }
    // Following a live writer: background catch-ups and the bar when it exits (main_window_following.cpp).
    FollowingLive* followingLive() const { return following_; }
    WriterExitedBanner* writerExitedBanner() const { return writerBanner_; }
    // File > Save to Disk and the panel's Save (ui/snapshots/save_to_disk_controller.h).
    SaveToDiskController* diskSaves() const { return diskSaves_; }
    // Closing, replacing or quitting the database asks this first (main_window_leaving.cpp).
    LeaveDatabaseFlow* leaveFlow() const { return leaveFlow_; }
    // Opens (or brings up) the Compare dialog: snapshot `row` against live.
    void compareSnapshots(int row);
    DiffDialog* compareDialog() const;  // null when not open
    // File > Export Keys… / Import Keys… (main_window_transfer.cpp).
    TransferRunner* transfers() const { return transfers_; }
    void showExportDialog();
    void showImportDialog();
    QString lastError() const { return lastError_; }
    bool isOpening() const { return opening_; }

signals:
    void databaseOpened(const QString& path);
    void openFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void rebuildRecentMenu();
    void installSession(StorageSession* session);
    void showOpenDialog();
    void showError(const QString& title, const QString& message);
    // On an open that failed on the lock, shows the Lock Doctor; false for other failures.
    bool offerLockDoctor(const QString& path, storage::OpenMode mode, const storage::OpenResult& result);
    LockDoctorPanel* ensureLockDoctor();
    void refresh();
    void buildEditing();
    void buildEditingMode();
    void buildStartPage();
    // Reopens the open database in `mode`, keeping the column family, prefix
    // and key shown; then runs `then` (main_window_editing.cpp).
    void reopen(storage::OpenMode mode, std::function<void()> then);
    // After installSession: puts back what reopen() kept, if it was this database.
    void restoreKeptView();
    void buildSnapshots();
    void buildTransfers();
    void buildLeaveFlow();
    void buildFollowing();
    void buildSearch();
    void buildHealth(QMenu* tools);
    void showSearch();
    // A read-write open of the database this window has open read-only or
    // following live: reopen() it (main_window_following.cpp).
    bool reopensForEditing(const QString& path, storage::OpenMode mode) const;
    void askAboutMemory(const MemoryContents& contents, std::function<void(LeaveDatabaseFlow::MemoryAnswer)> answered);
    void snapshotViewChanged();
    void copyKeys(bool asHex);
    void chooseDelimiter();
    void updateActions();
    void restoreSettings();
    void saveSettings();

    QPointer<StorageSession> session_;
    KeyBrowser* browser_;
    QTreeView* tree_;
    NamespaceModel* namespaces_;
    LogDock* log_;
    PropertiesDock* properties_;
    FilesDock* files_;
    KeyspaceDock* keyspace_;
    QAction* verifyAction_ = nullptr;
    QAction* compactAction_ = nullptr;
    BackendBadge* badge_;
    HybridWatch* hybridWatch_;
    TaskIndicator* tasks_;
    EditActions* editActions_ = nullptr;
    KeyHistoryView* history_ = nullptr;
    QTabWidget* valueTabs_ = nullptr;
    QByteArray historyKey_;  // the key selected while the History tab was hidden
    EditingMode* editingMode_ = nullptr;
    StartPage* startPage_ = nullptr;
    QStackedWidget* pages_ = nullptr;  // the start page, or the database
    // What a reopen keeps (reopen()).
    struct KeptView {
        QString path;  // canonical, as the session reports it
        QString family;
        QString prefix;  // as typed
        QByteArray key;  // the key shown; null when none
        std::function<void()> then;
        storage::OpenMode previousMode = storage::OpenMode::ReadOnly;
        bool restoring = false;  // opening it again as it was, after the reopen failed
    };
    // A reopen that did not happen (refused, failed, cancelled): opens the
    // database again as it was. False when there was no reopen to undo.
    bool restorePreviousOpen();
    std::optional<KeptView> kept_;
    storage::StorageConfig openBase_;  // the config the open database was opened with
    LockDoctorPanel* lockDoctor_ = nullptr;  // a child, made when first needed
    SnapshotController* snapshots_ = nullptr;
    SnapshotsPanel* snapshotsPanel_ = nullptr;
    SnapshotBanner* banner_ = nullptr;
    DamageBanner* damageBanner_ = nullptr;
    FollowingLive* following_ = nullptr;
    WriterExitedBanner* writerBanner_ = nullptr;
    QPointer<DiffDialog> compare_;
    TransferRunner* transfers_ = nullptr;
    SaveToDiskController* diskSaves_ = nullptr;
    LeaveDatabaseFlow* leaveFlow_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QTimer autoRefresh_;
    QString lastError_;
    bool opening_ = false;
    quint64 openGeneration_ = 0;

    QAction* openAction_ = nullptr;
    QAction* newAction_ = nullptr;
    QAction* demoAction_ = nullptr;
    QAction* closeAction_ = nullptr;
    QAction* refreshAction_ = nullptr;
    QAction* autoRefreshAction_ = nullptr;
    QAction* countAction_ = nullptr;
    QAction* copyAction_ = nullptr;
    QAction* copyHexAction_ = nullptr;
    QAction* findAction_ = nullptr;
    QAction* lockDoctorAction_ = nullptr;
    QAction* saveToDiskAction_ = nullptr;
    QAction* compareAction_ = nullptr;
    QAction* exportKeysAction_ = nullptr;
    QAction* importKeysAction_ = nullptr;
    QAction* searchAction_ = nullptr;
    SearchDialog* search_ = nullptr;  // made on first use
};

}  // namespace meridian::ui
