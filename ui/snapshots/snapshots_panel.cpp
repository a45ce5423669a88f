#include "ui/snapshots/snapshots_panel.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QStyle>
#include <QGridLayout>
#include <QKeyEvent>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/common/app_icons.h"
#include "ui/snapshots/snapshot_controller.h"
#include "ui/snapshots/snapshot_list_model.h"

namespace meridian::ui {

SnapshotsPanel::SnapshotsPanel(SnapshotController* controller, QWidget* parent)
    : QDockWidget(tr("Snapshots"), parent), controller_(controller), list_(new QListView(this)),
      empty_(new QLabel(this)), view_(new QAction(tr("&View"), this)), compare_(new QAction(tr("&Compare…"), this)),
      save_(new QAction(tr("&Save to Disk…"), this)), release_(new QAction(tr("&Release"), this)) {
    setObjectName(QStringLiteral("snapshotsDock"));
    list_->setObjectName(QStringLiteral("snapshotList"));
    list_->setModel(controller->model());
    list_->setUniformItemSizes(true);
    list_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    list_->setContextMenuPolicy(Qt::ActionsContextMenu);
    list_->installEventFilter(this);  // F2 renames the snapshot, not the window's Rename Key

    view_->setObjectName(QStringLiteral("viewSnapshotAction"));
    view_->setToolTip(tr("Browse the database as it was when this snapshot was taken (read-only)"));
    compare_->setObjectName(QStringLiteral("compareSnapshotAction"));
    compare_->setIcon(actionIcon(QStringLiteral("compare")));
    compare_->setToolTip(tr("The keys added, removed and changed since this snapshot"));
    save_->setObjectName(QStringLiteral("saveSnapshotAction"));
    save_->setIcon(actionIcon(QStringLiteral("save-disk")));
    save_->setToolTip(tr("Save this snapshot as a new RocksDB database"));
    release_->setObjectName(QStringLiteral("releaseSnapshotAction"));
    release_->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
    view_->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    release_->setToolTip(tr("Forget this snapshot and free what only it kept"));
    connect(view_, &QAction::triggered, this, [this] { controller_->view(currentRow()); });
    connect(compare_, &QAction::triggered, this, [this] { emit compareRequested(currentRow()); });
    connect(save_, &QAction::triggered, this, [this] { emit saveRequested(currentRow()); });
    connect(release_, &QAction::triggered, this, [this] { controller_->release(currentRow()); });
    list_->addActions({view_, compare_, save_, release_});

    // Two columns of buttons: they fit the narrow dock with their full names.
    auto* buttons = new QGridLayout;
    buttons->setSpacing(2);
    const QList<QAction*> actions = {controller->takeAction(), view_, controller->backToLiveAction(),
                                     compare_, save_, release_};
    for (int i = 0; i < actions.size(); ++i) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(actions.at(i));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setIconSize(QSize(16, 16));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(button, i / 2, i % 2);
    }

    empty_->setObjectName(QStringLiteral("snapshotsEmpty"));
    empty_->setWordWrap(true);
    empty_->setForegroundRole(QPalette::PlaceholderText);
    empty_->setText(tr("No snapshots yet. Take one (Ctrl+Shift+S) to keep a point-in-time view of the database "
                       "while it goes on changing."));

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(2);
    layout->addLayout(buttons);
    layout->addWidget(empty_);
    layout->addWidget(list_, 1);
    setWidget(body);

    connect(list_, &QListView::activated, this, [this](const QModelIndex& index) { controller_->view(index.row()); });
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this, &SnapshotsPanel::updateActions);
    auto* model = controller->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &SnapshotsPanel::updateActions);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SnapshotsPanel::updateActions);
    connect(model, &QAbstractItemModel::modelReset, this, &SnapshotsPanel::updateActions);
    connect(model, &QAbstractItemModel::dataChanged, this, &SnapshotsPanel::updateActions);
    connect(controller, &SnapshotController::taken, this, [this](int row) {
        setCurrentRow(row);
        show();
        raise();
    });
    updateActions();
}

bool SnapshotsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == list_ && event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_F2 && list_->currentIndex().isValid()) {
        event->accept();  // the list takes the key press itself (EditKeyPressed)
        return true;
    }
    return QDockWidget::eventFilter(watched, event);
}

int SnapshotsPanel::currentRow() const {
    const QModelIndex index = list_->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void SnapshotsPanel::setCurrentRow(int row) {
    list_->setCurrentIndex(controller_->model()->index(row));
}

void SnapshotsPanel::updateActions() {
    const int row = currentRow();
    const bool any = controller_->model()->size() > 0;
    empty_->setVisible(!any);
    view_->setEnabled(row >= 0 && row != controller_->viewedRow());
    compare_->setEnabled(row >= 0);
    save_->setEnabled(row >= 0);
    release_->setEnabled(row >= 0);
}

}  // namespace meridian::ui
