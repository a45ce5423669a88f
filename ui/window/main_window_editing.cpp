// MainWindow and editing: the value editor beside the key list, the
// question about unsaved value edits before anything would drop them, and
// the padlock's reopen (Enable Editing) that keeps what the user looks at.
#include <memory>
#include <utility>

#include <QComboBox>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QStatusBar>

#include "ui/browser/key_browser.h"
#include "ui/common/task_indicator.h"
#include "ui/editor/value_editor.h"
#include "ui/history/key_history_view.h"
#include "ui/log/log_dock.h"
#include "ui/browser/namespace_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_document.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"
#include "ui/window/edit_actions.h"
#include "ui/window/editing_mode.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildEditing() {
    editActions_ = new EditActions(this, browser_);
    connect(editActions_, &EditActions::taskStarted, tasks_, &TaskIndicator::track);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("browserSplitter"));
    split->addWidget(browser_);
    // The value, and beside it in a tab its history: every version the
    // database holds, read only while the tab shows.
    history_ = new KeyHistoryView(this);
    valueTabs_ = new QTabWidget(this);
    valueTabs_->setObjectName(QStringLiteral("valueTabs"));
    valueTabs_->setDocumentMode(true);
    valueTabs_->addTab(editActions_->editor(), tr("Value"));
    valueTabs_->addTab(history_, tr("History"));
    connect(browser_, &KeyBrowser::currentKeyChanged, this, [this](const QByteArray& key) {
        historyKey_ = key;
        if (valueTabs_->currentWidget() == history_) history_->showKey(key);
    });
    connect(valueTabs_, &QTabWidget::currentChanged, this, [this] {
        if (valueTabs_->currentWidget() == history_ && !historyKey_.isNull()) history_->showKey(std::exchange(historyKey_, {}));
    });
    split->addWidget(valueTabs_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    // Once shown and laid out (the start page may come first): the editor
    // gets three fifths, or what its hex view needs for all three columns,
    // leaving the key list at least 260 px.
    auto balance = [split] {
        const int width = split->width();
        const int editor = qMin(qMax(width * 3 / 5, split->widget(1)->sizeHint().width() + 16), width - 260);
        if (editor > 0) split->setSizes({width - editor, editor});
    };
    auto balanced = std::make_shared<bool>(false);
    connect(this, &MainWindow::databaseOpened, split, [split, balance, balanced] {
        if (!std::exchange(*balanced, true)) QTimer::singleShot(0, split, balance);
    });
    split->setChildrenCollapsible(false);
    // The key list keeps room to be useful: in a small window the docks
    // below (Log, Properties) give way, not the list.
    split->setMinimumHeight(220);
    setCentralWidget(split);
    // Keys that come or go (add, delete, rename, undo, redo) change the namespace tree too.
    connect(editActions_->controller(), &EditController::applied, this, [this](const EditChange& change) {
        if (change.keySetChanged()) namespaces_->reload();
    });
    connect(editActions_, &EditActions::message, this, [this](const QString& text, bool error) {
        statusBar()->showMessage(text, 6000);
        log_->append(error ? storage::LogLevel::Error : storage::LogLevel::Info, text);
    });
}

ValueEditor* MainWindow::valueEditor() const { return editActions_->editor(); }

void MainWindow::showHistoryTab(bool history) {
    valueTabs_->setCurrentWidget(history ? static_cast<QWidget*>(history_) : editActions_->editor());
}

void MainWindow::buildEditingMode() {
    editingMode_ = new EditingMode(this, [this] { return static_cast<int>(snapshots_->model()->size()); });
    editActions_->setEditingMode(editingMode_);
    connect(editingMode_, &EditingMode::reopenRequested, this, &MainWindow::reopen);
}

void MainWindow::reopen(storage::OpenMode mode, std::function<void()> then) {
    if (!session_) return;
    if (!leaveFlow_->request([this, mode, then] { reopen(mode, then); })) return;
    const auto info = session_->info();
    KeptView kept;
    kept.path = QString::fromStdString(info.path);
    kept.family = session_->columnFamily();
    kept.prefix = browser_->prefixField()->text();
    if (valueEditor()->hasValue()) kept.key = valueEditor()->key();
    kept.then = std::move(then);
    kept.previousMode = info.mode;
    kept_ = std::move(kept);
    // RocksDB cannot turn an open handle read-write: close it, then open again
    // through the same checks (the lock, the engine, damage) as any open.
    installSession(nullptr);
    openDatabase(kept_->path, mode, openBase_);
}

bool MainWindow::restorePreviousOpen() {
    if (!kept_ || kept_->restoring) {
        kept_.reset();
        return false;
    }
    kept_->restoring = true;
    kept_->then = nullptr;
    openDatabase(kept_->path, kept_->previousMode, openBase_);
    return true;
}

void MainWindow::restoreKeptView() {
    if (!kept_) return;
    KeptView kept = std::move(*kept_);
    kept_.reset();
    if (!session_ || QString::fromStdString(session_->info().path) != kept.path) return;
    if (kept.family != session_->columnFamily()) browser_->columnFamilySwitcher()->setCurrentText(kept.family);
    if (browser_->prefixField()->text() != kept.prefix) browser_->prefixField()->setText(kept.prefix);
    if (kept.key.isNull()) {
        if (kept.then) QTimer::singleShot(0, this, kept.then);
        return;
    }
    editActions_->revealKey(kept.key);
    if (!kept.then) return;
    // The retried edit needs the value in the editor: once it is loaded (or not found).
    ValueDocument* document = valueEditor()->document();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(document, &ValueDocument::stateChanged, this, [document, connection, then = kept.then] {
        if (document->state() == ValueDocument::State::Loading) return;
        QObject::disconnect(*connection);
        then();
    });
}


}  // namespace meridian::ui
