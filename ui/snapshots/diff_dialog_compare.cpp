// DiffDialog, continued: running a diff, taking its batches, the summary, and
// the two values of the selected row.
#include "ui/snapshots/diff_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTime>

#include "storage/bytes.h"
#include "ui/common/async.h"
#include "ui/common/text.h"
#include "ui/editor/edit_commands.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/diff_model.h"
#include "ui/snapshots/diff_value_pane.h"

namespace meridian::ui {

namespace {

constexpr int kLive = -1;

QString number(std::uint64_t n) { return QLocale().toString(static_cast<qulonglong>(n)); }

QString seconds(double s) {
    if (s < 0.005) return DiffDialog::tr("under %1 s").arg(QLocale().toString(0.01, 'f', 2));
    return DiffDialog::tr("%1 s").arg(QLocale().toString(s, 'f', 2));
}

// Lengths of the common start and end of two texts (not overlapping).
std::pair<qsizetype, qsizetype> commonEnds(const QString& a, const QString& b) {
    const qsizetype shorter = qMin(a.size(), b.size());
    qsizetype head = 0;
    while (head < shorter && a[head] == b[head]) ++head;
    qsizetype tail = 0;
    while (tail < shorter - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    return {head, tail};
}

}  // namespace

bool DiffDialog::isRunning() const { return attached_ && !future_.isFinished(); }

void DiffDialog::compare() {
    if (!session_) {
        summary_->setText(tr("The database is closed."));
        return;
    }
    const auto bytes = prefix();
    if (!bytes) {
        summary_->setText(prefix_->toolTip());
        return;
    }
    detach();
    const int from = fromIndex(), to = toIndex();
    DiffRequest request;
    request.prefix = bytes->toStdString();
    request.before = sideSnapshot(from);
    request.after = sideSnapshot(to);
    beforeAt_ = request.before;
    afterAt_ = request.after;
    diffFamily_ = session_->columnFamily().toStdString();
    const QString startedAt = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    auto tip = [&startedAt](int side) {
        return side == kLive ? tr("As it was at %1, when the comparison started").arg(startedAt) : QString();
    };
    beforeName_ = sideLabel(from);
    afterName_ = sideLabel(to);
    beforeTip_ = tip(from);
    afterTip_ = tip(to);
    last_.reset();
    progressSoFar_ = DiffBatch{};
    model_->clear();
    before_->setHeading(beforeName_, beforeTip_);
    after_->setHeading(afterName_, afterTip_);
    before_->showMessage(tr("Select a row to see its two values."));
    after_->showMessage({});
    key_->clear();
    family_->setText(tr("Column family: %1").arg(session_->columnFamily()));
    valuesStale_ = readingValues_;

    future_ = session_->runLong<DiffBatchPtr>(
        [request](QPromise<DiffBatchPtr>& promise, storage::Storage& s) { runDiff(promise, s, request); });
    attached_ = true;
    const quint64 run = ++run_;  // what an earlier run still has queued is dropped
    onResultsReady(future_, this, [this, run](int begin, int end) {
        if (run == run_) takeResults(begin, end);
    });
    auto finished = [this, run] {
        if (run == run_) finish();
    };
    onFinished(future_, this, finished, finished);
    setRunning(true);
    showRunningCounts();
    emit taskStarted(tr("Comparing %1 with %2").arg(beforeName_, afterName_), QFuture<void>(future_));
}

void DiffDialog::cancel() {
    if (isRunning()) future_.cancel();
}

// Forgets the run (what it still has queued is dropped) and stops the diff.
void DiffDialog::detach() {
    if (!attached_) return;
    attached_ = false;
    ++run_;
    if (!future_.isFinished()) future_.cancel();
}

void DiffDialog::setRunning(bool running) {
    cancel_->setEnabled(running);
    progress_->setVisible(running);
}

void DiffDialog::takeResults(int begin, int end) {
    for (int i = begin; i < end; ++i) {
        // A cancelled future may have let its results go: ask before reading.
        if (!future_.isResultReadyAt(i)) continue;
        DiffBatchPtr batch = future_.resultAt(i);
        if (batch) apply(*batch);
    }
}

void DiffDialog::apply(DiffBatch& batch) {
    if (batch.before) beforeAt_ = batch.before;
    if (batch.after) afterAt_ = batch.after;
    model_->append(batch.rows);
    progressSoFar_.added = batch.added;
    progressSoFar_.removed = batch.removed;
    progressSoFar_.changed = batch.changed;
    progressSoFar_.keysRead = qMax(progressSoFar_.keysRead, batch.keysRead);
    progressSoFar_.capped = batch.capped;
    if (batch.last) {
        last_.emplace();
        last_->status = batch.status;
        last_->summary = batch.summary;
        last_->seconds = batch.seconds;
        last_->capped = batch.capped;
    }
    if (isRunning()) showRunningCounts();
}

void DiffDialog::showRunningCounts() {
    const DiffBatch& s = progressSoFar_;
    progress_->setFormat(tr("%1 keys read").arg(number(s.keysRead)));
    summary_->setText(tr("Comparing… %1 added, %2 removed, %3 changed so far (%4 keys read)")
                          .arg(number(s.added), number(s.removed), number(s.changed), number(s.keysRead)));
}

void DiffDialog::finish() {
    setRunning(false);
    const DiffBatch& s = progressSoFar_;
    const QString soFar = tr("%1 added, %2 removed, %3 changed in the %4 keys read")
                              .arg(number(s.added), number(s.removed), number(s.changed), number(s.keysRead));
    bool complete = false;
    if (!last_ || last_->status.code() == storage::Status::Code::Cancelled) {
        summary_->setText(tr("Cancelled: %1.").arg(soFar));
    } else if (!last_->status.ok()) {
        summary_->setText(tr("Failed: %1").arg(QString::fromStdString(last_->status.message())));
    } else {
        complete = true;
        const storage::DiffSummary& d = last_->summary;
        QString text = d.identical() ? tr("Identical: %1 keys the same").arg(number(d.unchanged))
                                     : tr("%1 added, %2 removed, %3 changed, %4 unchanged")
                                           .arg(number(d.added), number(d.removed), number(d.changed), number(d.unchanged));
        text += QStringLiteral(" \u2014 ") + seconds(last_->seconds);
        if (last_->capped) text += tr(" (showing the first %1)").arg(number(static_cast<std::uint64_t>(model_->rowCount())));
        summary_->setText(text);
    }
    emit comparisonFinished(complete);
}

// Closing stops the work; the summary still says it was cancelled if the
// dialog is kept and shown again.
void DiffDialog::done(int result) {
    cancel();
    QDialog::done(result);
}

void DiffDialog::closeEvent(QCloseEvent* event) {
    cancel();
    QDialog::closeEvent(event);
}

// ---- values of the selected row --------------------------------------------

void DiffDialog::showSelected() {
    const int row = table_->selectionModel()->currentIndex().row();
    if (row < 0 || !session_ || !beforeAt_ || !afterAt_) {
        if (row < 0) {
            before_->showMessage(tr("Select a row to see its two values."));
            after_->showMessage({});
            key_->clear();
        }
        return;
    }
    if (readingValues_) {  // the read in flight is for another row: read again when it lands
        valuesStale_ = true;
        return;
    }
    readingValues_ = true;
    valuesStale_ = false;
    const QByteArray key = model_->keyAt(row);
    const storage::ChangeKind kind = model_->kindAt(row);
    const auto display = static_cast<storage::ByteDisplay>(display_->currentData().toInt());
    auto read = session_->run([family = diffFamily_, before = beforeAt_, after = afterAt_, key = key.toStdString(),
                               display](storage::Storage& s) {
        return readDiffValues(s, family, before, after, key, display);
    });
    onResult(read, this, [this, key, kind](DiffValues values) {
        readingValues_ = false;
        if (valuesStale_) {
            valuesStale_ = false;
            showSelected();
            return;
        }
        showValues(key, kind, values);
    });
}

void DiffDialog::showValues(const QByteArray& key, storage::ChangeKind kind, const DiffValues& values) {
    key_->setText(tr("%1 %2").arg(DiffModel::kindText(kind), shortKey(key, 80)));
    key_->setToolTip(tr("%1 bytes\n0x%2").arg(key.size()).arg(QString::fromLatin1(key.left(256).toHex())));
    before_->showValue(values.before);
    after_->showValue(values.after);
    if (values.before.present && values.after.present) {
        const auto [head, tail] = commonEnds(values.before.text, values.after.text);
        before_->highlight(head, values.before.text.size() - tail);
        after_->highlight(head, values.after.text.size() - tail);
    }
}

void DiffDialog::copyKey() {
    const int row = table_->selectionModel()->currentIndex().row();
    if (row < 0) return;
    QApplication::clipboard()->setText(QString::fromStdString(storage::escapeBytes(model_->keyAt(row).toStdString())));
}

}  // namespace meridian::ui
