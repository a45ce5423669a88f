#include "ui/keyspace/keyspace_dock.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/common/async.h"
#include "ui/common/dock_shown.h"
#include "ui/common/text.h"
#include "ui/keyspace/keyspace_chart.h"
#include "ui/keyspace/keyspace_model.h"
#include "ui/session/keys_progress.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {

constexpr std::size_t kGroups = 50;   // bars
constexpr std::size_t kLargest = 20;  // values listed after an exact count

using Report = storage::Result<storage::KeyspaceReport>;

}  // namespace

KeyspaceDock::KeyspaceDock(QWidget* parent)
    : QDockWidget(tr("Keyspace"), parent),
      model_(new KeyspaceModel(this)),
      chart_(new KeyspaceChart(model_)),
      where_(new QLabel),
      up_(new QToolButton),
      measure_(new QComboBox),
      exact_(new QPushButton(tr("Count Exactly"))),
      progress_(new QProgressBar),
      cancel_(new QPushButton(tr("Cancel"))),
      status_(new QLabel),
      largest_(new QTableWidget(0, 2)) {
    setObjectName(QStringLiteral("keyspaceDock"));
    where_->setObjectName(QStringLiteral("keyspacePrefix"));
    where_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    up_->setObjectName(QStringLiteral("keyspaceUp"));
    up_->setArrowType(Qt::UpArrow);
    up_->setToolTip(tr("Up one namespace"));
    measure_->addItem(tr("By size"));
    measure_->addItem(tr("By keys"));
    exact_->setObjectName(QStringLiteral("keyspaceCountExactly"));
    exact_->setToolTip(tr("Read every key and value under the prefix: exact figures and the largest values"));
    progress_->setRange(0, 0);
    progress_->setMaximumWidth(160);
    progress_->hide();
    cancel_->hide();
    status_->setObjectName(QStringLiteral("keyspaceStatus"));
    status_->setWordWrap(true);
    largest_->setObjectName(QStringLiteral("largestValues"));
    largest_->setHorizontalHeaderLabels({tr("Largest values"), tr("Size")});
    largest_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    largest_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    largest_->verticalHeader()->hide();
    largest_->verticalHeader()->setDefaultSectionSize(largest_->fontMetrics().height() + 6);
    largest_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    largest_->setSelectionBehavior(QAbstractItemView::SelectRows);
    largest_->hide();

    auto* bar = new QHBoxLayout;
    bar->addWidget(up_);
    bar->addWidget(where_, 1);
    bar->addWidget(measure_);
    bar->addWidget(progress_);
    bar->addWidget(cancel_);
    bar->addWidget(exact_);
    auto* scroll = new QScrollArea;
    scroll->setWidget(chart_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(scroll);
    split->addWidget(largest_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(status_);
    layout->addWidget(split, 1);
    setWidget(body);

    connect(up_, &QToolButton::clicked, this, [this] {
        // Drop the last segment: "a:b:" -> "a:".
        QByteArray p = prefix_;
        p.chop(1);
        const qsizetype cut = p.lastIndexOf(delimiter_);
        setPrefix(cut < 0 ? QByteArray() : p.left(cut + 1));
    });
    connect(measure_, &QComboBox::currentIndexChanged, this, [this](int i) {
        chart_->setMeasure(i == 0 ? KeyspaceChart::Measure::Bytes : KeyspaceChart::Measure::Keys);
    });
    connect(exact_, &QPushButton::clicked, this, &KeyspaceDock::countExactly);
    connect(cancel_, &QPushButton::clicked, this, &KeyspaceDock::cancel);
    connect(chart_, &KeyspaceChart::activated, this,
            [this](int row) { setPrefix(model_->index(row, 0).data(KeyspaceModel::PrefixRole).toByteArray()); });
    whenDockShown(this, [this] {
        if (stale_) estimate();
    });
}

void KeyspaceDock::setSession(StorageSession* session) {
    cancel();
    session_ = session;
    prefix_.clear();
    refresh();
}

void KeyspaceDock::setDelimiter(char delimiter) {
    if (delimiter == delimiter_) return;
    delimiter_ = delimiter;
    prefix_.clear();
    refresh();
}

void KeyspaceDock::setDisplay(storage::ByteDisplay display) {
    display_ = display;
    model_->setDisplay(display);
}

void KeyspaceDock::setPrefix(const QByteArray& prefix) {
    cancel();
    prefix_ = prefix;
    refresh();
}

void KeyspaceDock::refresh() {
    cancel();
    stale_ = true;
    ++generation_;
    model_->clear();
    largest_->hide();
    up_->setEnabled(!prefix_.isEmpty());
    where_->setText(prefix_.isEmpty() ? tr("All keys, by their first “%1”").arg(QChar(delimiter_))
                                      : tr("Under %1").arg(shortKey(prefix_, 60)));
    status_->clear();
    if (dockOnScreen(this)) estimate();
}

bool KeyspaceDock::isCounting() const { return counting_.isRunning(); }

QString KeyspaceDock::status() const { return status_->text(); }

void KeyspaceDock::cancel() {
    if (counting_.isRunning()) counting_.cancel();
    counting_ = {};
    setCounting(false);
}

void KeyspaceDock::setCounting(bool counting) {
    progress_->setVisible(counting);
    cancel_->setVisible(counting);
    exact_->setEnabled(!counting && session_);
}

void KeyspaceDock::estimate() {
    if (!session_) return;
    stale_ = false;
    const quint64 generation = ++generation_;
    status_->setText(tr("Estimating…"));
    const std::string parent = prefix_.toStdString();
    const char delimiter = delimiter_;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto read = session_->run([parent, delimiter, read = session_->readOptions()](storage::Storage& s) {
        return storage::estimateKeyspace(s, parent, delimiter, kGroups, read);
    });
    onResult(read, this, [this, generation, timer](Report report) {
        if (generation == generation_) showReport(std::move(report), timer->elapsed());
    });
}

void KeyspaceDock::countExactly() {
    if (!session_ || counting_.isRunning()) return;
    const quint64 generation = ++generation_;
    const std::string parent = prefix_.toStdString();
    const char delimiter = delimiter_;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    counting_ = session_->runLong<Report>(
        [parent, delimiter, read = session_->readOptions()](QPromise<Report>& promise, storage::Storage& s) {
            promise.setProgressRange(0, 0);
            promise.addResult(storage::measureKeyspace(s, parent, delimiter, kGroups, kLargest, read, KeysProgress(promise)));
        });
    setCounting(true);
    status_->setText(tr("Counting every key under the prefix…"));
    onProgress(counting_, this, [this, generation](int, const QString& keys) {
        if (generation == generation_ && !keys.isEmpty())
            status_->setText(tr("Counting… %1 so far").arg(keysText(keys.toULongLong())));
    });
    onResult(
        counting_, this,
        [this, generation, timer](Report report) {
            if (generation != generation_) return;
            setCounting(false);
            showReport(std::move(report), timer->elapsed());
        },
        [this, generation] {
            if (generation != generation_) return;
            setCounting(false);
            status_->setText(tr("Count cancelled."));
            emit loaded();
        });
}

void KeyspaceDock::showReport(Report result, qint64 ms) {
    setCounting(false);
    if (!result.ok()) {
        const bool cancelled = result.status().code() == storage::Status::Code::Cancelled;
        status_->setText(cancelled ? tr("Count cancelled.") : QString::fromStdString(result.status().message()));
        emit loaded();
        return;
    }
    const storage::KeyspaceReport& r = result.value();
    const QLocale locale;
    const QString took = ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    QString text;
    if (r.exact) {
        text = tr("Counted exactly: %1, %2 of keys and values, in %3.").arg(keysText(r.totalKeys), sizeText(r.totalBytes), took);
    } else if (!r.known) {
        text = tr("Nothing to estimate from: these keys are still in the memtables, not in table files. "
                  "Count Exactly reads them.");
    } else {
        text = tr("Estimated in %1 from the table files' sizes: about %2, %3 on disk. Keys still in the memtables are "
                  "not counted; Count Exactly reads every key.")
                   .arg(took, keysText(r.totalKeys), sizeText(r.totalBytes));
    }
    status_->setText(text);
    largest_->setRowCount(0);
    largest_->setVisible(r.exact && !r.largest.empty());
    for (const auto& v : r.largest) {
        const int row = largest_->rowCount();
        largest_->insertRow(row);
        auto* key = new QTableWidgetItem(QString::fromStdString(storage::displayBytes(v.key, display_)));
        key->setData(Qt::UserRole, QByteArray::fromStdString(v.key));
        largest_->setItem(row, 0, key);
        auto* size = new QTableWidgetItem(sizeText(v.size));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        largest_->setItem(row, 1, size);
    }
    model_->setReport(std::move(result.value()));
    emit loaded();
}

}  // namespace meridian::ui
