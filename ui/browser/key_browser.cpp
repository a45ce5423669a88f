#include "ui/browser/key_browser.h"

#include <QAction>
#include <QComboBox>
#include <QFrame>
#include <QInputDialog>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStyle>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/browser/key_list_model.h"
#include "ui/browser/key_position_bar.h"
#include "ui/browser/key_table_view.h"
#include "ui/browser/typed_bytes.h"
#include "ui/common/async.h"
#include "ui/decode/decoder_settings.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

KeyBrowser::KeyBrowser(QWidget* parent)
    : QWidget(parent),
      model_(new KeyListModel(this)),
      view_(new KeyTableView(this)),
      positionBar_(new KeyPositionBar(view_, model_, this)),
      prefix_(new QLineEdit(this)),
      families_(new QComboBox(this)),
      summary_(new QLabel(this)),
      countButton_(new QToolButton(this)),
      goToKey_(new QAction(tr("&Go to Key…"), this)),
      prefixWarning_(new QAction(this)) {
    prefix_->setObjectName("prefixField");
    prefix_->setClearButtonEnabled(true);
    prefixWarning_->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    // Added to the field only while the prefix does not parse (prefixTyped).
    goToKey_->setObjectName("goToKeyAction");
    goToKey_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    goToKey_->setStatusTip(tr("Show the keys from a key on, typed as the list shows keys"));
    connect(goToKey_, &QAction::triggered, this, &KeyBrowser::askForKey);
    families_->setObjectName("columnFamilySwitcher");
    families_->setToolTip(tr("Column family"));
    families_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    countButton_->setObjectName("countButton");
    countButton_->setText(tr("Count"));
    countButton_->setToolTip(tr("Count the keys under this prefix exactly"));
    summary_->setObjectName("keySummary");
    // The list shares the window's width: its one-line summary wraps rather than push the window wider.
    summary_->setWordWrap(true);
    // Two lines always: a summary that wraps once rows arrive would shrink
    // the list under the row just scrolled into view.
    summary_->setMinimumHeight(2 * summary_->fontMetrics().lineSpacing());
    view_->setObjectName("keyList");
    // Only rows going in at 0 above rows already shown, or out from 0 with
    // rows left, move what is in view. Connected before the view's
    // selection model exists, so that these run before it reacts.
    connect(model_, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex&, int first, int last) {
        topRowBefore_ = first == 0 && model_->rowCount() > 0 ? view_->rowAt(0) : -1;
        topShift_ = last - first + 1;
    });
    connect(model_, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex&, int first, int last) {
        topRowBefore_ = first == 0 && model_->rowCount() > last + 1 ? view_->rowAt(0) : -1;
        topShift_ = -(last - first + 1);
        // The current row dropped with the far end of the window: the view
        // would make a neighbour current and scroll there, away from where
        // the user is. The value pane keeps showing its key.
        const QModelIndex current = view_->currentIndex();
        if (current.isValid() && current.row() >= first && current.row() <= last)
            view_->selectionModel()->clearCurrentIndex();
    });
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
    view_->horizontalHeader()->setResizeContentsPrecision(200);  // fitting a field column measures the first rows only
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setMinimumSectionSize(1);
    view_->verticalHeader()->setDefaultSectionSize(QFontMetrics(mono).height() + 2);
    view_->setShowGrid(false);
    view_->setWordWrap(false);
    view_->setTextElideMode(Qt::ElideMiddle);
    view_->setTabKeyNavigation(false);
    view_->installEventFilter(this);
    // Scrolled to the top of the rows held: the page before them.
    // Checked once events settle: a jump passes the top on its way to the row
    // it shows, which is no reason to load the page before.
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value != view_->verticalScrollBar()->minimum()) return;
        QTimer::singleShot(0, this, [this] {
            const QScrollBar* bar = view_->verticalScrollBar();
            if (bar->value() == bar->minimum() && !model_->atStart()) model_->fetchEarlier();
        });
    });
    // Rows going in or out above the view (an earlier page, or the far end
    // of the window dropped) leave the rows in view where they are.
    connect(model_, &QAbstractItemModel::rowsInserted, this, &KeyBrowser::keepTopRow);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &KeyBrowser::keepTopRow);
    connect(model_, &KeyListModel::positioned, this, &KeyBrowser::positionAt);
    connect(view_, &KeyTableView::keysTyped, this, &KeyBrowser::keysTyped);
    connect(model_, &KeyListModel::revealed, this, [this](int row) { showRow(row, QAbstractItemView::PositionAtTop); });
    view_->addAction(goToKey_);

    auto* bar = new QHBoxLayout;
    bar->addWidget(families_);
    bar->addWidget(prefix_, 1);
    bar->addWidget(countButton_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    // The view and its position bar in one frame, as a view and its own bar are.
    auto* frame = new QFrame(this);
    frame->setFrameShape(view_->frameShape());
    frame->setFrameShadow(view_->frameShadow());
    view_->setFrameShape(QFrame::NoFrame);
    auto* framed = new QHBoxLayout(frame);
    framed->setContentsMargins(frame->frameWidth(), frame->frameWidth(), frame->frameWidth(), frame->frameWidth());
    framed->setSpacing(0);
    framed->addWidget(view_, 1);
    framed->addWidget(positionBar_);
    layout->addWidget(frame, 1);
    layout->addWidget(summary_);

    connect(prefix_, &QLineEdit::textChanged, this, &KeyBrowser::prefixTyped);
    connect(families_, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        if (!session_ || name.isEmpty() || name == session_->columnFamily()) return;
        cancelCount();
        if (session_->setColumnFamily(name)) {
            model_->reload();
            positionBar_->remeasure();
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
    connect(model_, &KeyListModel::firstPageLoaded, this, [this] { fitLayoutColumns(); });
    connect(model_, &KeyListModel::modelReset, this, [this] { updateSummary(); });
    connect(model_, &KeyListModel::errorOccurred, this, [this](const QString& m) { emit message(m); });
    setDisplay(storage::ByteDisplay::Auto);
    setSession(nullptr);
}

void KeyBrowser::prefixTyped(const QString& text) {
    const auto bytes = keyBytes(text);
    prefixInvalid_ = !bytes.has_value();
    // A hidden action still shows its button in a QLineEdit: add and remove it.
    if (prefixInvalid_) prefix_->addAction(prefixWarning_, QLineEdit::TrailingPosition);
    else prefix_->removeAction(prefixWarning_);
    if (prefixInvalid_) {
        // The list keeps the last prefix that parsed; the field says why this one does not.
        prefixWarning_->setToolTip(tr("Not a valid prefix. %1").arg(syntaxHint()));
        updateSummary();
        return;
    }
    model_->setPrefix(QByteArray::fromStdString(*bytes));
    updateLayoutColumns();
    positionBar_->remeasure();
    lastCount_ = -1;
    refreshEstimate();
}

void KeyBrowser::goToKey(const QByteArray& key) { model_->goToKey(key); }

void KeyBrowser::setDecoderSettings(DecoderSettings* settings) {
    if (decoderSettings_) disconnect(decoderSettings_, nullptr, this, nullptr);
    decoderSettings_ = settings;
    if (settings) connect(settings, &DecoderSettings::changed, this, &KeyBrowser::updateLayoutColumns);
    updateLayoutColumns();
}

std::optional<std::string> KeyBrowser::keyBytes(const QString& text) const {
    if (decoderSettings_)
        if (auto typed = decoderSettings_->encodeTyped(text)) return typed;
    return typedBytes(text, model_->display());
}

QString KeyBrowser::syntaxHint() const {
    QString hint = typedBytesHint(model_->display());
    if (decoderSettings_ && !decoderSettings_->layouts().isEmpty())
        hint += tr(" With a key layout, fields in braces: %1").arg(decoderSettings_->layouts().first());
    return hint;
}

void KeyBrowser::updateLayoutColumns() {
    model_->setKeyLayout(decoderSettings_ ? decoderSettings_->layoutUnder(model_->prefix()) : std::nullopt);
    const bool columns = model_->columnCount() > 1;
    view_->horizontalHeader()->setVisible(columns);
    if (columns) {
        view_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
        fitLayoutColumns();
    }
}

void KeyBrowser::fitLayoutColumns() {
    if (model_->columnCount() < 2) return;
    // The fields as wide as the rows held need (measured on the first rows
    // only), the key what is left, but never under a third of the list.
    int fields = 0;
    for (int c = 1; c < model_->columnCount(); ++c) {
        view_->resizeColumnToContents(c);
        fields += view_->columnWidth(c);
    }
    const int width = view_->viewport()->width();
    view_->setColumnWidth(0, std::max(width / 3, width - fields));
}
void KeyBrowser::goToStart() { model_->goToStart(); }
void KeyBrowser::goToEnd() { model_->goToEnd(); }

void KeyBrowser::askForKey() {
    if (!session_) return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("goToKeyDialog"));
    dialog->setWindowTitle(tr("Go to Key"));
    dialog->setLabelText(tr("Show the keys from the first key at or after:\n%1").arg(syntaxHint()));
    const QByteArray current = currentKey();
    dialog->setTextValue(current.isEmpty() ? prefix_->text() : typedText(current.toStdString(), model_->display()));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString& text) {
        const auto bytes = keyBytes(text);
        if (!bytes) {
            emit message(tr("Go to Key: \"%1\" is not valid. %2").arg(text, syntaxHint()));
            return;
        }
        goToKey(QByteArray::fromStdString(*bytes));
    });
    dialog->open();
}

void KeyBrowser::keysTyped(const QString& text) {
    // Hex typed a digit at a time is a whole byte every second digit: wait for it.
    const auto bytes = keyBytes(text);
    if (!bytes) {
        emit message(tr("Go to key: \"%1\"… (%2)").arg(text, syntaxHint()));
        return;
    }
    emit message(tr("Go to key: %1").arg(text));
    goToKey(QByteArray::fromStdString(*bytes));
}

void KeyBrowser::positionAt(int row) {
    const QModelIndex index = model_->index(row);
    if (!index.isValid()) return;
    view_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showRow(row, QAbstractItemView::PositionAtCenter);
}

void KeyBrowser::showRow(int row, QAbstractItemView::ScrollHint hint) {
    // The view lays its rows out later; the scroll range must know the rows
    // just loaded now, or the scroll is cut at the old range.
    view_->doItemsLayout();
    view_->scrollTo(model_->index(row), hint);
}

void KeyBrowser::keepTopRow() {
    const int top = topRowBefore_;
    topRowBefore_ = -1;
    if (top < 0) return;
    const int row = std::max(0, top + topShift_);
    if (row < model_->rowCount()) showRow(row, QAbstractItemView::PositionAtTop);
}

bool KeyBrowser::eventFilter(QObject* watched, QEvent* event) {
    // Home and End mean the first and last key under the prefix, not the
    // first and last row the window holds.
    if (watched == view_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const auto mods = key->modifiers() & ~Qt::KeypadModifier;
        if ((key->key() == Qt::Key_Home || key->key() == Qt::Key_End) &&
            (mods == Qt::NoModifier || mods == Qt::ControlModifier)) {
            key->key() == Qt::Key_Home ? goToStart() : goToEnd();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
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
    positionBar_->setSession(session);
    refreshEstimate();
}

QByteArray KeyBrowser::currentKey() const { return model_->keyAt(view_->currentIndex().row()); }

void KeyBrowser::setPrefix(const QByteArray& prefix) {
    // The field reads what it holds in the display's syntax (prefixTyped), so
    // it gets the text that reads back as these bytes: shown as is, a real
    // backslash ("w\\x41:") would read back as an escape ("wA:").
    prefix_->setText(typedText(prefix.toStdString(), model_->display()));
}

void KeyBrowser::setEmptyText(const QString& text) {
    emptyText_ = text;
    updateSummary();
}

void KeyBrowser::focusPrefix() {
    prefix_->setFocus(Qt::ShortcutFocusReason);
    prefix_->selectAll();
}

void KeyBrowser::setDisplay(storage::ByteDisplay display) {
    // The prefix keeps its bytes, retyped in the new syntax.
    const auto bytes = typedBytes(prefix_->text(), model_->display());
    model_->setDisplay(display);
    const QString hint = typedBytesHint(display);
    prefix_->setPlaceholderText(display == storage::ByteDisplay::Hex ? tr("Key prefix in hex (Ctrl+F)")
                                                                     : tr("Key prefix (Ctrl+F)"));
    prefix_->setToolTip(hint);
    if (!bytes) {
        prefixTyped(prefix_->text());  // it may parse in the new syntax
        return;
    }
    if (!prefix_->text().isEmpty()) {
        const QSignalBlocker block(prefix_);  // the same bytes: nothing to query again
        prefix_->setText(typedText(*bytes, display));
    }
}

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
    positionBar_->remeasure();
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
        parts << tr("%1 shown%2%3")
                     .arg(locale.toString(shown), model_->atStart() ? QString() : tr(", earlier keys above"),
                          model_->atEnd() ? QString() : tr(" (scroll for more)"));
    if (prefixInvalid_) parts.prepend(tr("The prefix is not valid: %1").arg(syntaxHint()));
    if (lastCount_ >= 0)
        parts << tr("%1 keys under this prefix (exact)").arg(locale.toString(lastCount_));
    else if (estimate_ >= 0 && model_->prefix().isEmpty())
        parts << tr("about %1 keys in total (estimate)").arg(locale.toString(estimate_));
    else if (estimate_ >= 0)
        parts << tr("about %1 keys in the database (estimate); Count for this prefix").arg(locale.toString(estimate_));
    summary_->setText(parts.join(QStringLiteral(" · ")));
}

}  // namespace meridian::ui
