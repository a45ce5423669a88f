#include "ui/browser/key_browser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QHeaderView>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/browser/key_list_model.h"
#include "ui/common/async.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

KeyBrowser::KeyBrowser(QWidget* parent)
    : QWidget(parent),
      model_(new KeyListModel(this)),
      view_(new QTableView(this)),
      prefix_(new QLineEdit(this)),
      families_(new QComboBox(this)),
      summary_(new QLabel(this)),
      countButton_(new QToolButton(this)) {
    prefix_->setObjectName("prefixField");
    prefix_->setPlaceholderText(tr("Key prefix (Ctrl+F)"));
    prefix_->setClearButtonEnabled(true);
    families_->setObjectName("columnFamilySwitcher");
    families_->setToolTip(tr("Column family"));
    families_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    countButton_->setObjectName("countButton");
    countButton_->setText(tr("Count"));
    countButton_->setToolTip(tr("Count the keys under this prefix exactly"));
    summary_->setObjectName("keySummary");
    // The list shares the window's width: its one-line summary wraps rather than push the window wider.
    summary_->setWordWrap(true);
    view_->setObjectName("keyList");
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    QFont mono = font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily("monospace");
    view_->setFont(mono);
    // One column of fixed-height rows: inserting a page of 2,000 keys costs
    // no per-row layout (a QListView lays out every row again, ~100 ms per
    // page at a million rows). Long keys are elided in the middle, so both
    // the shared start and the distinguishing end stay visible; the tooltip
    // has the whole key.
    view_->horizontalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setMinimumSectionSize(1);
    view_->verticalHeader()->setDefaultSectionSize(QFontMetrics(mono).height() + 2);
    view_->setShowGrid(false);
    view_->setWordWrap(false);
    view_->setTextElideMode(Qt::ElideMiddle);
    view_->setTabKeyNavigation(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(families_);
    bar->addWidget(prefix_, 1);
    bar->addWidget(countButton_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
    layout->addWidget(summary_);

    connect(prefix_, &QLineEdit::textChanged, this, [this](const QString& text) {
        // What the user types is UTF-8 text; escapes (\x00) let them reach binary prefixes.
        const std::string typed = text.toStdString();
        auto bytes = storage::unescapeBytes(typed);
        model_->setPrefix(QByteArray::fromStdString(bytes ? *bytes : typed));
        lastCount_ = -1;
        refreshEstimate();
    });
    connect(families_, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        if (!session_ || name.isEmpty() || name == session_->columnFamily()) return;
        cancelCount();
        if (session_->setColumnFamily(name)) {
            model_->reload();
            lastCount_ = -1;
            refreshEstimate();
            emit columnFamilyChanged(name);
        }
    });
    connect(countButton_, &QToolButton::clicked, this, [this] { isCounting() ? cancelCount() : countKeys(); });
    // The key the user selects (click, arrow keys), not merely the current
    // index: a view makes its first row current, unselected, whenever it
    // gains focus without one (window activation, a menu or dialog closing),
    // which must not load a value nobody asked for.
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndex current = view_->currentIndex();
        if (current.isValid() && view_->selectionModel()->isSelected(current))
            emit currentKeyChanged(model_->keyAt(current.row()));
    });
    connect(model_, &KeyListModel::pageLoaded, this, [this] { updateSummary(); });
    connect(model_, &KeyListModel::modelReset, this, [this] { updateSummary(); });
    connect(model_, &KeyListModel::errorOccurred, this, [this](const QString& m) { emit message(m); });
    setSession(nullptr);
}

void KeyBrowser::setSession(StorageSession* session, bool keepPrefix) {
    cancelCount();
    if (!keepPrefix && !prefix_->text().isEmpty()) {
        model_->setSession(nullptr);  // nothing to query while the prefix is cleared
        prefix_->clear();
    }
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session)
        connect(session, &StorageSession::readViewChanged, this, [this] {
            // An exact count belongs to the view it counted (live or a snapshot).
            cancelCount();
            lastCount_ = -1;
            updateSummary();
        });
    {
        const QSignalBlocker block(families_);
        families_->clear();
        if (session) {
            families_->addItems(session->columnFamilies());
            families_->setCurrentText(session->columnFamily());
        }
    }
    families_->setVisible(families_->count() > 1);
    setEnabled(session != nullptr);
    lastCount_ = -1;
    model_->setSession(session);
    refreshEstimate();
}

QByteArray KeyBrowser::currentKey() const { return model_->keyAt(view_->currentIndex().row()); }

void KeyBrowser::setPrefix(const QByteArray& prefix) {
    // The field unescapes what it holds (textChanged above), so it must hold
    // the escaped form: shown as is, a real backslash ("w\\x41:") would read
    // back as an escape ("wA:").
    prefix_->setText(QString::fromStdString(storage::escapeBytes(prefix.toStdString())));
}

void KeyBrowser::setEmptyText(const QString& text) {
    emptyText_ = text;
    updateSummary();
}

void KeyBrowser::focusPrefix() {
    prefix_->setFocus(Qt::ShortcutFocusReason);
    prefix_->selectAll();
}

void KeyBrowser::setDisplay(storage::ByteDisplay display) { model_->setDisplay(display); }

void KeyBrowser::countKeys() {
    if (!session_ || isCounting()) return;
    counting_ = session_->count(model_->prefix().toStdString());
    countButton_->setText(tr("Cancel"));
    emit taskStarted(tr("Counting keys…"), QFuture<void>(counting_));
    onResult(
        counting_, this,
        [this](storage::Result<std::uint64_t> result) {
            countButton_->setText(tr("Count"));
            if (!result.ok()) {
                emit message(QString::fromStdString(result.status().message()));
                emit countFinished(-1);
                return;
            }
            lastCount_ = static_cast<qint64>(result.value());
            updateSummary();
            emit countFinished(lastCount_);
        },
        [this] {
            countButton_->setText(tr("Count"));
            emit message(tr("Count cancelled"));
            emit countFinished(-1);
        });
}

void KeyBrowser::cancelCount() {
    if (counting_.isRunning()) counting_.cancel();
}

void KeyBrowser::reload() {
    model_->reload();
    refreshEstimate(false);
}

void KeyBrowser::refreshEstimate(bool clearFirst) {
    if (clearFirst) {
        estimate_ = -1;
        updateSummary();
    }
    if (!session_) return;
    onResult(session_->stats(), this, [this](storage::Stats stats) {
        estimate_ = static_cast<qint64>(stats.estimatedKeys);
        updateSummary();
    });
}

void KeyBrowser::updateSummary() {
    const QLocale locale;
    QStringList parts;
    const int shown = model_->rowCount();
    const bool nothing = shown == 0 && model_->atEnd() && !model_->isLoading() && session_;
    if (nothing && model_->prefix().isEmpty() && !emptyText_.isEmpty())
        parts << emptyText_;
    else if (nothing && !model_->prefix().isEmpty())
        parts << tr("No keys under prefix %1 in column family %2")
                     .arg(prefix_->text(), session_->columnFamily());
    else
        parts << tr("%1 shown%2").arg(locale.toString(shown), model_->atEnd() ? QString() : tr(" (scroll for more)"));
    if (lastCount_ >= 0)
        parts << tr("%1 keys under this prefix (exact)").arg(locale.toString(lastCount_));
    else if (estimate_ >= 0 && model_->prefix().isEmpty())
        parts << tr("about %1 keys in total (estimate)").arg(locale.toString(estimate_));
    else if (estimate_ >= 0)
        parts << tr("about %1 keys in the database (estimate); Count for this prefix").arg(locale.toString(estimate_));
    summary_->setText(parts.join(QStringLiteral(" · ")));
}

}  // namespace meridian::ui
