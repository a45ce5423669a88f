#include "ui/snapshots/diff_dialog.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "storage/bytes.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/diff_model.h"
#include "ui/snapshots/diff_value_pane.h"

namespace meridian::ui {

namespace {

constexpr int kLive = -1;

}  // namespace

DiffDialog::DiffDialog(StorageSession* session, QList<NamedSnapshot> snapshots, QWidget* parent)
    : QDialog(parent),
      session_(session),
      from_(new QComboBox(this)),
      to_(new QComboBox(this)),
      swap_(new QToolButton(this)),
      prefix_(new QLineEdit(this)),
      family_(new QLabel(this)),
      compare_(new QPushButton(tr("Compare"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      summary_(new QLabel(this)),
      table_(new QTableView(this)),
      model_(new DiffModel(this)),
      key_(new QLabel(this)),
      display_(new QComboBox(this)),
      before_(new DiffValuePane(QStringLiteral("diffBefore"), this)),
      after_(new DiffValuePane(QStringLiteral("diffAfter"), this)) {
    setObjectName(QStringLiteral("diffDialog"));
    setWindowTitle(tr("Compare"));
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(false);
    setSizeGripEnabled(true);

    from_->setObjectName(QStringLiteral("diffFrom"));
    to_->setObjectName(QStringLiteral("diffTo"));
    swap_->setObjectName(QStringLiteral("diffSwap"));
    prefix_->setObjectName(QStringLiteral("diffPrefix"));
    family_->setObjectName(QStringLiteral("diffFamily"));
    compare_->setObjectName(QStringLiteral("diffCompare"));
    cancel_->setObjectName(QStringLiteral("diffCancel"));
    progress_->setObjectName(QStringLiteral("diffProgress"));
    summary_->setObjectName(QStringLiteral("diffSummary"));
    table_->setObjectName(QStringLiteral("diffTable"));
    key_->setObjectName(QStringLiteral("diffKey"));
    display_->setObjectName(QStringLiteral("diffValueDisplay"));

    for (QComboBox* side : {from_, to_}) side->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    swap_->setText(QStringLiteral("\u21C4"));
    swap_->setToolTip(tr("Swap the two sides"));
    prefix_->setPlaceholderText(tr("All keys (escapes such as \\x00 allowed)"));
    prefix_->setClearButtonEnabled(true);
    compare_->setDefault(true);
    cancel_->setAutoDefault(false);
    cancel_->setEnabled(false);
    progress_->setRange(0, 0);
    progress_->setFormat(tr("%1 keys read").arg(0));
    progress_->setMaximumWidth(180);
    progress_->setVisible(false);
    // The status row keeps its height whether the progress bar shows or not.
    summary_->setMinimumHeight(progress_->sizeHint().height());
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("Choose two sides and press Compare."));

    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setShowGrid(false);
    table_->setAlternatingRowColors(true);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Uniform rows: nothing is measured per row, so a million scroll smoothly.
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setHighlightSections(false);
    int changeWidth = fontMetrics().horizontalAdvance(tr("Change"));
    for (auto kind : {storage::ChangeKind::Added, storage::ChangeKind::Removed, storage::ChangeKind::Changed})
        changeWidth = qMax(changeWidth, fontMetrics().horizontalAdvance(DiffModel::kindText(kind)));
    table_->setColumnWidth(DiffModel::ChangeColumn, changeWidth + 32);

    auto* copy = new QAction(tr("Copy Key"), table_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    table_->addAction(copy);
    table_->setContextMenuPolicy(Qt::ActionsContextMenu);

    display_->addItem(tr("Auto"), static_cast<int>(storage::ByteDisplay::Auto));
    display_->addItem(tr("Escaped"), static_cast<int>(storage::ByteDisplay::Escaped));
    display_->addItem(tr("Hex"), static_cast<int>(storage::ByteDisplay::Hex));
    display_->setToolTip(tr("Auto: text when the value is printable UTF-8, escaped otherwise"));
    key_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    before_->setHeading(tr("Before"));
    after_->setHeading(tr("After"));
    before_->showMessage(tr("Select a row to see its two values."));
    after_->showMessage({});

    // Layout: sides, prefix and actions; status; the table over the two values.
    auto* sides = new QHBoxLayout;
    sides->addWidget(new QLabel(tr("From:"), this));
    sides->addWidget(from_, 1);
    sides->addWidget(swap_);
    sides->addWidget(new QLabel(tr("To:"), this));
    sides->addWidget(to_, 1);
    auto* filter = new QHBoxLayout;
    auto* prefixLabel = new QLabel(tr("&Prefix:"), this);
    prefixLabel->setBuddy(prefix_);
    filter->addWidget(prefixLabel);
    filter->addWidget(prefix_, 1);
    filter->addWidget(family_);
    filter->addWidget(compare_);
    filter->addWidget(cancel_);
    auto* status = new QHBoxLayout;
    status->addWidget(progress_);
    status->addWidget(summary_, 1);

    auto* valuesBar = new QHBoxLayout;
    valuesBar->addWidget(key_, 1);
    valuesBar->addWidget(new QLabel(tr("Show values as:"), this));
    valuesBar->addWidget(display_);
    auto* panes = new QSplitter(Qt::Horizontal, this);
    panes->setChildrenCollapsible(false);
    panes->addWidget(before_);
    panes->addWidget(after_);
    auto* values = new QWidget(this);
    auto* valuesLayout = new QVBoxLayout(values);
    valuesLayout->setContentsMargins(0, 0, 0, 0);
    valuesLayout->addLayout(valuesBar);
    valuesLayout->addWidget(panes, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(table_);
    split->addWidget(values);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    layout->addLayout(filter);
    layout->addLayout(status);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(960, 680);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(compare_, &QPushButton::clicked, this, &DiffDialog::compare);
    connect(cancel_, &QPushButton::clicked, this, &DiffDialog::cancel);
    connect(swap_, &QToolButton::clicked, this, [this] { setSides(toIndex(), fromIndex()); });
    connect(prefix_, &QLineEdit::textChanged, this, &DiffDialog::prefixEdited);
    connect(copy, &QAction::triggered, this, &DiffDialog::copyKey);
    connect(table_, &QTableView::activated, this,
            [this](const QModelIndex& index) { emit keyActivated(model_->keyAt(index.row())); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DiffDialog::showSelected);
    connect(display_, &QComboBox::currentIndexChanged, this, &DiffDialog::showSelected);
    if (session_) {
        family_->setText(tr("Column family: %1").arg(session_->columnFamily()));
        connect(session_, &StorageSession::columnFamilyChanged, this, [this](const QString& name) {
            if (!beforeAt_ && !isRunning()) family_->setText(tr("Column family: %1").arg(name));
        });
        connect(session_, &QObject::destroyed, this, &QWidget::close);
    }

    snapshots_ = std::move(snapshots);
    fillSides(snapshots_.isEmpty() ? kLive : static_cast<int>(snapshots_.size()) - 1, kLive);
}

DiffDialog::~DiffDialog() { detach(); }

// ---- sides and prefix ------------------------------------------------------

void DiffDialog::fillSides(int fromIndex, int toIndex) {
    for (QComboBox* side : {from_, to_}) {
        const QSignalBlocker block(side);
        side->clear();
        for (int i = 0; i < snapshots_.size(); ++i) side->addItem(snapshots_[i].label(), i);
        side->addItem(tr("Live database"), kLive);
    }
    setSides(fromIndex, toIndex);
}

void DiffDialog::setSnapshots(QList<NamedSnapshot> snapshots) {
    auto indexOf = [&snapshots](const QString& name) {
        for (int i = 0; i < snapshots.size(); ++i)
            if (snapshots[i].name == name) return i;
        return -2;
    };
    const int from = fromIndex(), to = toIndex();
    int newFrom = from == kLive ? kLive : indexOf(snapshots_[from].name);
    int newTo = to == kLive ? kLive : indexOf(snapshots_[to].name);
    if (newFrom == -2) newFrom = snapshots.isEmpty() ? kLive : static_cast<int>(snapshots.size()) - 1;
    if (newTo == -2) newTo = kLive;
    snapshots_ = std::move(snapshots);
    fillSides(newFrom, newTo);
}

void DiffDialog::setSides(int fromIndex, int toIndex) {
    auto row = [this](int index) { return index >= 0 && index < snapshots_.size() ? index : from_->count() - 1; };
    from_->setCurrentIndex(row(fromIndex));
    to_->setCurrentIndex(row(toIndex));
}

int DiffDialog::fromIndex() const { return from_->currentData().toInt(); }
int DiffDialog::toIndex() const { return to_->currentData().toInt(); }

QString DiffDialog::sideLabel(int index) const {
    return index >= 0 && index < snapshots_.size() ? snapshots_[index].label() : tr("Live database");
}

storage::SnapshotPtr DiffDialog::sideSnapshot(int index) const {
    return index >= 0 && index < snapshots_.size() ? snapshots_[index].snapshot : nullptr;
}

void DiffDialog::setPrefix(const QByteArray& prefix) {
    // The field holds the escaped form: a real backslash must read back as one.
    prefix_->setText(QString::fromStdString(storage::escapeBytes(prefix.toStdString())));
}

std::optional<QByteArray> DiffDialog::prefix() const {
    auto bytes = storage::unescapeBytes(prefix_->text().toStdString());
    if (!bytes) return std::nullopt;
    return QByteArray::fromStdString(*bytes);
}

void DiffDialog::prefixEdited() {
    const bool valid = prefix().has_value();
    compare_->setEnabled(valid);
    prefix_->setToolTip(valid ? QString()
                              : tr("Not a valid prefix: a backslash starts an escape (\\\\, \\t, \\n, \\r, \\xNN)."));
}

QString DiffDialog::summary() const { return summary_->text(); }

}  // namespace meridian::ui
