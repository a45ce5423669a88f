#include "ui/files/files_dock.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/common/async.h"
#include "ui/common/dock_shown.h"
#include "ui/common/text.h"
#include "ui/files/lsm_picture.h"
#include "ui/files/table_files_model.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

FilesDock::FilesDock(QWidget* parent)
    : QDockWidget(tr("Files and Levels"), parent),
      model_(new TableFilesModel(this)),
      sorted_(new QSortFilterProxyModel(this)),
      picture_(new LsmPicture),
      table_(new QTableView),
      summary_(new QLabel) {
    setObjectName(QStringLiteral("filesDock"));
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(TableFilesModel::SortRole);
    table_->setObjectName(QStringLiteral("tableFilesView"));
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder);  // the report's order: by level, then key
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    summary_->setObjectName(QStringLiteral("filesSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(picture_);
    split->addWidget(table_);
    split->setStretchFactor(1, 1);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);
    setWidget(body);

    connect(picture_, &LsmPicture::fileClicked, this, &FilesDock::selectFile);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        const int row = sorted_->mapToSource(current).row();
        if (row >= 0 && std::size_t(row) < model_->report().tables.size())
            picture_->setSelectedFile(model_->report().tables[std::size_t(row)].number);
    });
    whenDockShown(this, [this] {
        if (stale_) load();
    });
}

void FilesDock::setSession(StorageSession* session) {
    session_ = session;
    model_->clear();
    picture_->clear();
    summary_->clear();
    refresh();
}

void FilesDock::setDisplay(storage::ByteDisplay display) { model_->setDisplay(display); }

void FilesDock::refresh() {
    stale_ = true;
    ++generation_;  // a read in flight is for the old state
    if (dockOnScreen(this)) load();
}

QString FilesDock::summary() const { return summary_->text(); }

void FilesDock::load() {
    if (!session_) return;
    stale_ = false;
    const quint64 generation = ++generation_;
    summary_->setText(tr("Reading the files…"));
    auto read = session_->run([](storage::Storage& s) { return s.files(storage::FileDetail::Properties); });
    onResult(read, this, [this, generation](storage::Result<storage::FilesReport> files) {
        if (generation != generation_) return;
        if (!files.ok()) {
            model_->clear();
            picture_->clear();
            summary_->setText(files.status().code() == storage::Status::Code::Unsupported
                                  ? tr("This storage keeps its data in memory: it has no files or levels.")
                                  : QString::fromStdString(files.status().message()));
            emit loaded();
            return;
        }
        const storage::FilesReport& report = files.value();
        std::uint64_t tableBytes = 0, entries = 0, deletions = 0, logBytes = 0;
        int levels = 0;
        for (const auto& t : report.tables) {
            tableBytes += t.size;
            entries += t.entries;
            deletions += t.deletions + t.rangeDeletions;
        }
        for (const auto& l : report.levels) levels += l.files > 0;
        for (const auto& l : report.logs) logBytes += l.size;
        const QLocale locale;
        QString text = tr("Column family “%1”: %2 in %3, %4, %5 entries of which %6 are deletions; %7, %8")
                           .arg(QString::fromStdString(report.columnFamily),
                                countText(report.tables.size(), tr("1 table file"), tr("%1 table files")),
                                countText(quint64(levels), tr("1 level"), tr("%1 levels")), sizeText(tableBytes),
                                locale.toString(qulonglong(entries)), locale.toString(qulonglong(deletions)),
                                countText(report.logs.size(), tr("1 log file"), tr("%1 log files")), sizeText(logBytes));
        if (!report.blobs.empty()) text += QStringLiteral("; ") + countText(report.blobs.size(), tr("1 blob file"), tr("%1 blob files"));
        text += QLatin1Char('.');
        if (report.tables.empty() && logBytes > 0)
            text += QLatin1Char(' ') + tr("Every key is still in the memtables, replayed from the logs.");
        summary_->setText(text);
        picture_->setReport(report);
        model_->setReport(std::move(files.value()));
        table_->resizeColumnsToContents();
        emit loaded();
    });
}

void FilesDock::selectFile(std::uint64_t number) {
    const int row = model_->rowOfFile(number);
    if (row < 0) return;
    const QModelIndex index = sorted_->mapFromSource(model_->index(row, 0));
    table_->setCurrentIndex(index);
    table_->scrollTo(index);
}

}  // namespace meridian::ui
