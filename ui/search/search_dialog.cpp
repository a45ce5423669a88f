#include "ui/search/search_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/browser/typed_bytes.h"
#include "ui/search/search_results_model.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {
constexpr int kPollMs = 100;

QString matchesText(qint64 n) {
    return n == 1 ? SearchDialog::tr("1 match") : SearchDialog::tr("%1 matches").arg(QLocale().toString(n));
}
}  // namespace

SearchDialog::SearchDialog(QWidget* parent)
    : QDialog(parent),
      pattern_(new QLineEdit(this)),
      kind_(new QComboBox(this)),
      inKeys_(new QCheckBox(tr("&Keys"), this)),
      inValues_(new QCheckBox(tr("&Values"), this)),
      limit_(new QSpinBox(this)),
      scope_(new QLabel(this)),
      status_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      find_(new QPushButton(tr("Find"), this)),
      more_(new QPushButton(tr("More"), this)),
      view_(new QTableView(this)),
      results_(new SearchResultsModel(this)) {
    setObjectName(QStringLiteral("searchDialog"));
    setWindowTitle(tr("Find in Keys and Values"));
    pattern_->setObjectName(QStringLiteral("searchPattern"));
    pattern_->setPlaceholderText(tr("Text to find"));
    pattern_->setClearButtonEnabled(true);
    kind_->setObjectName(QStringLiteral("searchKind"));
    kind_->addItem(tr("Text"), int(storage::MatchKind::Substring));
    kind_->addItem(tr("Glob (* ? [a-z], whole key or value)"), int(storage::MatchKind::Glob));
    kind_->addItem(tr("Regular expression (RE2)"), int(storage::MatchKind::Regex));
    kind_->addItem(tr("Hex bytes"), int(storage::MatchKind::Bytes));
    kind_->setToolTip(tr("Text is found anywhere; a glob must match the whole key or value, as Redis MATCH; "
                         "a regular expression anywhere (anchor with ^ and $); hex bytes anywhere (00 ff 61)"));
    inKeys_->setObjectName(QStringLiteral("searchInKeys"));
    inValues_->setObjectName(QStringLiteral("searchInValues"));
    inKeys_->setChecked(true);
    limit_->setObjectName(QStringLiteral("searchLimit"));
    limit_->setRange(1, 1000000);
    limit_->setValue(1000);
    limit_->setGroupSeparatorShown(true);
    limit_->setToolTip(tr("List at most this many matches; More lists the next ones"));
    scope_->setObjectName(QStringLiteral("searchScope"));
    scope_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("searchStatus"));
    status_->setWordWrap(true);
    progress_->setObjectName(QStringLiteral("searchProgress"));
    progress_->setVisible(false);
    find_->setObjectName(QStringLiteral("searchFind"));
    find_->setDefault(true);
    more_->setObjectName(QStringLiteral("searchMore"));
    more_->setEnabled(false);
    view_->setObjectName(QStringLiteral("searchResults"));
    view_->setModel(results_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(false);
    view_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    view_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    view_->setShowGrid(false);
    view_->setWordWrap(false);
    view_->setTextElideMode(Qt::ElideMiddle);
    QFont mono = font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(QStringLiteral("monospace"));
    view_->setFont(mono);
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setMinimumSectionSize(1);
    view_->verticalHeader()->setDefaultSectionSize(QFontMetrics(mono).height() + 4);

    auto* where = new QHBoxLayout;
    where->addWidget(inKeys_);
    where->addWidget(inValues_);
    where->addStretch();
    auto* form = new QFormLayout;
    form->addRow(tr("&Find:"), pattern_);
    form->addRow(tr("&As:"), kind_);
    form->addRow(tr("In:"), where);
    form->addRow(tr("&Limit:"), limit_);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(find_, QDialogButtonBox::ActionRole);
    buttons->addButton(more_, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(scope_);
    layout->addWidget(view_, 1);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    resize(640, 520);

    connect(find_, &QPushButton::clicked, this, [this] { searching_ ? cancel() : start(); });
    connect(more_, &QPushButton::clicked, this, &SearchDialog::more);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(inKeys_, &QCheckBox::toggled, this, [this](bool on) { if (!on && !inValues_->isChecked()) inValues_->setChecked(true); });
    connect(inValues_, &QCheckBox::toggled, this, [this](bool on) { if (!on && !inKeys_->isChecked()) inKeys_->setChecked(true); });
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        const bool hex = kind_->currentData().toInt() == int(storage::MatchKind::Bytes);
        pattern_->setPlaceholderText(hex ? typedBytesHint(storage::ByteDisplay::Hex) : tr("Text to find"));
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) emit keyChosen(results_->keyAt(current.row()));
            });
    poll_.setInterval(kPollMs);
    connect(&poll_, &QTimer::timeout, this, &SearchDialog::poll);
    updateScope();
}

SearchDialog::~SearchDialog() { cancel(); }

void SearchDialog::setSession(StorageSession* session) {
    if (session == session_) return;
    cancel();
    session_ = session;
    results_->clear();
    resumeAfter_.reset();
    more_->setEnabled(false);
    status_->clear();
    updateScope();
}

void SearchDialog::setScope(const QByteArray& prefix, storage::ByteDisplay display) {
    prefix_ = prefix;
    display_ = display;
    results_->setDisplay(display);
    updateScope();
}

void SearchDialog::updateScope() {
    if (!session_) {
        scope_->setText(tr("No database is open."));
        find_->setEnabled(false);
        return;
    }
    find_->setEnabled(true);
    const QString where = prefix_.isEmpty()
                              ? tr("all keys")
                              : tr("keys under prefix %1").arg(typedText(prefix_.toStdString(), display_));
    const QString view = session_->isViewingSnapshot() ? tr("snapshot \"%1\"").arg(session_->readViewName())
                                                       : tr("the live database");
    scope_->setText(tr("Searches %1 in column family %2, in %3.").arg(where, session_->columnFamily(), view));
}

void SearchDialog::start() {
    results_->clear();
    run(std::nullopt);
}

void SearchDialog::more() {
    if (resumeAfter_) run(resumeAfter_);
}

void SearchDialog::run(std::optional<std::string> after) {
    if (!session_ || searching_) return;
    storage::SearchQuery q;
    q.kind = static_cast<storage::MatchKind>(kind_->currentData().toInt());
    if (q.kind == storage::MatchKind::Bytes) {
        const auto bytes = typedBytes(pattern_->text(), storage::ByteDisplay::Hex);
        if (!bytes || bytes->empty()) {
            status_->setText(tr("Not hex bytes. %1").arg(typedBytesHint(storage::ByteDisplay::Hex)));
            return;
        }
        q.pattern = *bytes;
    } else {
        q.pattern = pattern_->text().toStdString();
    }
    if (q.pattern.empty()) {
        status_->setText(tr("Type what to find."));
        return;
    }
    q.inKeys = inKeys_->isChecked();
    q.inValues = inValues_->isChecked();
    q.prefix = prefix_.toStdString();
    q.limit = static_cast<std::size_t>(limit_->value());
    q.after = std::move(after);
    if (q.after) results_->keepRows();
    job_ = startSearch(*session_, std::move(q));
    searching_ = true;
    find_->setText(tr("Cancel"));
    more_->setEnabled(false);
    progress_->setVisible(true);
    progress_->setRange(0, estimate_ > 0 ? 1000 : 0);  // busy without an estimate
    progress_->setValue(0);
    status_->setText(tr("Searching…"));
    elapsed_.start();
    poll_.start();
    onJobFinished(*job_, this, [this](SearchRun& run) { finished(run); });
}

void SearchDialog::cancel() {
    if (job_ && searching_) job_->future.cancel();
}

void SearchDialog::poll() {
    if (!job_) return;
    auto pending = job_->outcome->takePending();
    if (!pending.empty()) results_->add(std::move(pending));
    bool ok = false;
    const qint64 read = job_->future.progressText().toLongLong(&ok);
    if (!ok) return;
    const QLocale locale;
    if (estimate_ > 0) {
        progress_->setValue(static_cast<int>(std::min<qint64>(1000, read * 1000 / estimate_)));
        status_->setText(tr("Searching… %1 keys read of about %2, %3 matches")
                             .arg(locale.toString(read), locale.toString(estimate_), locale.toString(results_->rowCount())));
    } else {
        status_->setText(tr("Searching… %1 keys read, %2 matches").arg(locale.toString(read), locale.toString(results_->rowCount())));
    }
}

void SearchDialog::finished(SearchRun& run) {
    poll_.stop();
    searching_ = false;
    find_->setText(tr("Find"));
    progress_->setVisible(false);
    const QLocale locale;
    const qint64 ms = elapsed_.elapsed();
    const QString took = ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
    if (!run.result || (!run.result->ok() && run.result->status().code() == storage::Status::Code::Cancelled)) {
        results_->add(run.takePending());
        status_->setText(tr("Cancelled: %1 found so far are listed.").arg(matchesText(results_->rowCount())));
        return;
    }
    if (!run.result->ok()) {
        status_->setText(QString::fromStdString(run.result->status().message()));
        return;
    }
    storage::SearchResult& result = run.result->value();
    resumeAfter_ = result.resumeAfter;
    const std::size_t found = result.matches.size();
    results_->setFinal(std::move(result.matches));
    more_->setEnabled(resumeAfter_.has_value());
    status_->setText(
        tr("%1 in %2 keys read (%3)%4")
            .arg(matchesText(static_cast<qint64>(found)), locale.toString(static_cast<qulonglong>(result.scanned)),
                 took,
                 resumeAfter_ ? tr("; the first %1 are listed: More finds the next ones").arg(locale.toString(limit_->value()))
                              : QString()));
}

}  // namespace meridian::ui
