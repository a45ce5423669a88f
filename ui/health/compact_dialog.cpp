#include "ui/health/compact_dialog.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <map>

#include "ui/browser/typed_bytes.h"
#include "ui/common/async.h"
#include "ui/common/text.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {

struct Totals {
    std::uint64_t files = 0, bytes = 0;
};

std::map<int, Totals> byLevel(const storage::FilesReport& report) {
    std::map<int, Totals> out;
    for (const auto& t : report.tables) {
        out[t.level].files += 1;
        out[t.level].bytes += t.size;
    }
    return out;
}

Totals total(const storage::FilesReport& report) {
    Totals out;
    for (const auto& t : report.tables) {
        out.files += 1;
        out.bytes += t.size;
    }
    return out;
}

QString filesAndBytes(const Totals& t) {
    return QStringLiteral("%1, %2").arg(countText(t.files, QObject::tr("1 table file"), QObject::tr("%1 table files")),
                                        sizeText(t.bytes));
}

// What compact() and files() answer, read together on the pool.
struct Compacted {
    storage::Status status;
    storage::FilesReport after;
};

}  // namespace

CompactDialog::CompactDialog(StorageSession* session, storage::ByteDisplay display, QWidget* parent)
    : QDialog(parent),
      session_(session),
      display_(display),
      summary_(new QLabel),
      whole_(new QRadioButton(tr("The whole column family"))),
      range_(new QRadioButton(tr("The keys from … to … (inclusive)"))),
      from_(new QLineEdit),
      to_(new QLineEdit),
      progress_(new QProgressBar),
      levels_(new QTableWidget(0, 3)),
      compact_(new QPushButton(tr("Compact"))),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Close)) {
    setObjectName(QStringLiteral("compactDialog"));
    setWindowTitle(tr("Compact"));
    setAttribute(Qt::WA_DeleteOnClose);
    const QString family = session ? QString::fromStdString(session->info().columnFamily) : QString();
    auto* intro = new QLabel(tr("Rewrites the column family “%1” into its bottom level (RocksDB's CompactRange): "
                                "overwritten values and deleted keys no snapshot needs are dropped. The keys and values "
                                "stay the same; the table files are replaced.")
                                 .arg(family));
    intro->setWordWrap(true);
    whole_->setChecked(true);
    for (QLineEdit* field : {from_, to_}) {
        field->setEnabled(false);
        field->setPlaceholderText(typedBytesHint(display));
    }
    from_->setObjectName(QStringLiteral("compactFrom"));
    to_->setObjectName(QStringLiteral("compactTo"));
    connect(range_, &QRadioButton::toggled, this, [this](bool on) {
        from_->setEnabled(on);
        to_->setEnabled(on);
    });
    auto* range = new QFormLayout;
    range->addRow(tr("From:"), from_);
    range->addRow(tr("To:"), to_);
    summary_->setObjectName(QStringLiteral("compactSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_->setRange(0, 0);
    progress_->hide();
    levels_->setObjectName(QStringLiteral("compactLevels"));
    levels_->setHorizontalHeaderLabels({tr("Level"), tr("Before"), tr("After")});
    levels_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    levels_->verticalHeader()->hide();
    levels_->verticalHeader()->setDefaultSectionSize(levels_->fontMetrics().height() + 6);
    levels_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    compact_->setObjectName(QStringLiteral("compactStart"));
    buttons_->addButton(compact_, QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(whole_);
    layout->addWidget(range_);
    layout->addLayout(range);
    layout->addWidget(progress_);
    layout->addWidget(summary_);
    layout->addWidget(levels_, 1);
    layout->addWidget(buttons_);
    resize(560, 460);
    connect(compact_, &QPushButton::clicked, this, &CompactDialog::start);
    connect(buttons_, &QDialogButtonBox::rejected, this, &CompactDialog::reject);

    const bool writable = session && session->info().mode == storage::OpenMode::ReadWrite;
    compact_->setEnabled(false);
    if (!session) {
        summary_->setText(tr("No database is open."));
        return;
    }
    if (!writable) {
        summary_->setText(tr("The database is open read-only: compacting writes new table files. Enable Editing (the "
                             "padlock) first, then compact."));
        whole_->setEnabled(false);
        range_->setEnabled(false);
        return;
    }
    onResult(session_->run([](storage::Storage& s) { return s.files(storage::FileDetail::Metadata); }), this,
             [this](storage::Result<storage::FilesReport> files) {
                 if (!files.ok()) {
                     summary_->setText(files.status().code() == storage::Status::Code::Unsupported
                                           ? tr("This storage keeps its data in memory: it has no files to compact.")
                                           : QString::fromStdString(files.status().message()));
                     return;
                 }
                 showBefore(files.value());
                 before_ = std::move(files.value());
                 compact_->setEnabled(true);
             });
}

QString CompactDialog::summary() const { return summary_->text(); }

void CompactDialog::reject() {
    if (running_) return;  // RocksDB's compaction runs to its end: Close waits for it
    QDialog::reject();
}

void CompactDialog::showBefore(const storage::FilesReport& files) {
    summary_->setText(tr("Now: %1.").arg(filesAndBytes(total(files))));
    levels_->setRowCount(0);
    for (const auto& [level, t] : byLevel(files)) {
        const int row = levels_->rowCount();
        levels_->insertRow(row);
        levels_->setItem(row, 0, new QTableWidgetItem(QStringLiteral("L%1").arg(level)));
        levels_->setItem(row, 1, new QTableWidgetItem(filesAndBytes(t)));
    }
}

void CompactDialog::start() {
    if (!session_ || running_ || !compact_->isEnabled()) return;
    std::optional<std::string> from, to;
    if (range_->isChecked()) {
        if (!from_->text().isEmpty() && !(from = typedBytes(from_->text(), display_))) {
            summary_->setText(tr("“From” is not a valid key. %1").arg(typedBytesHint(display_)));
            return;
        }
        if (!to_->text().isEmpty() && !(to = typedBytes(to_->text(), display_))) {
            summary_->setText(tr("“To” is not a valid key. %1").arg(typedBytesHint(display_)));
            return;
        }
    }
    running_ = true;
    compact_->setEnabled(false);
    whole_->setEnabled(false);
    range_->setEnabled(false);
    from_->setEnabled(false);
    to_->setEnabled(false);
    buttons_->button(QDialogButtonBox::Close)->setEnabled(false);
    progress_->show();
    summary_->setText(tr("Compacting… RocksDB reports no progress for this; it ends when the files are rewritten."));
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    onResult(session_->run([from, to](storage::Storage& s) {
                 Compacted out;
                 out.status = s.compact(from, to);
                 if (auto files = s.files(storage::FileDetail::Metadata); files.ok()) out.after = std::move(files.value());
                 return out;
             }),
             this, [this, timer](Compacted done) {
                 running_ = false;
                 progress_->hide();
                 buttons_->button(QDialogButtonBox::Close)->setEnabled(true);
                 if (!done.status.ok()) {
                     summary_->setText(tr("Compaction failed: %1").arg(QString::fromStdString(done.status.message())));
                 } else {
                     showAfter(before_, done.after, timer->elapsed());
                 }
                 emit compacted();
             });
}

void CompactDialog::showAfter(const storage::FilesReport& before, const storage::FilesReport& after, qint64 ms) {
    const QLocale locale;
    const QString took = ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    summary_->setText(tr("Compacted in %1. Before: %2. After: %3.")
                          .arg(took, filesAndBytes(total(before)), filesAndBytes(total(after))));
    const auto b = byLevel(before), a = byLevel(after);
    std::map<int, std::pair<Totals, Totals>> rows;
    for (const auto& [level, t] : b) rows[level].first = t;
    for (const auto& [level, t] : a) rows[level].second = t;
    levels_->setRowCount(0);
    for (const auto& [level, pair] : rows) {
        const int row = levels_->rowCount();
        levels_->insertRow(row);
        levels_->setItem(row, 0, new QTableWidgetItem(QStringLiteral("L%1").arg(level)));
        levels_->setItem(row, 1, new QTableWidgetItem(pair.first.files ? filesAndBytes(pair.first) : tr("empty")));
        levels_->setItem(row, 2, new QTableWidgetItem(pair.second.files ? filesAndBytes(pair.second) : tr("empty")));
    }
    before_ = after;
}

}  // namespace meridian::ui
