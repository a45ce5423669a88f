#include "ui/history/key_history_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

#include "storage/storage.h"
#include "ui/browser/typed_bytes.h"
#include "ui/common/async.h"
#include "ui/history/key_history_model.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {

constexpr qsizetype kShownBytes = 64 * 1024;  // of a selected version's value

struct History {
    storage::Status status;
    std::vector<storage::KeyVersion> versions;
    std::optional<std::vector<storage::TableFile>> files;  // nullopt: the backend has none
};

}  // namespace

KeyHistoryView::KeyHistoryView(QWidget* parent)
    : QWidget(parent),
      model_(new KeyHistoryModel(this)),
      keyField_(new QLineEdit(this)),
      summary_(new QLabel(this)),
      table_(new QTableView(this)),
      value_(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("keyHistory"));
    keyField_->setObjectName(QStringLiteral("historyKeyField"));
    keyField_->setClearButtonEnabled(true);
    summary_->setObjectName(QStringLiteral("historySummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_->setObjectName(QStringLiteral("historyTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);
    value_->setObjectName(QStringLiteral("historyValue"));
    value_->setReadOnly(true);
    QFont mono = font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(QStringLiteral("monospace"));
    value_->setFont(mono);
    table_->setFont(mono);
    value_->setPlaceholderText(tr("Select a version to see its bytes."));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(table_);
    split->addWidget(value_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(keyField_);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);

    connect(keyField_, &QLineEdit::returnPressed, this, &KeyHistoryView::reload);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeyHistoryView::showSelected);
    setDisplay(storage::ByteDisplay::Auto);
    setSession(nullptr);
}

void KeyHistoryView::setSession(StorageSession* session) {
    session_ = session;
    ++generation_;
    model_->clear();
    value_->clear();
    summary_->setText(session ? tr("Select a key, or type one (a deleted key too) and press Enter.") : QString());
    setEnabled(session != nullptr);
}

void KeyHistoryView::setDisplay(storage::ByteDisplay display) {
    const auto bytes = typedBytes(keyField_->text(), display_);
    display_ = display;
    model_->setDisplay(display);
    keyField_->setPlaceholderText(tr("Key whose versions to show (Enter)"));
    keyField_->setToolTip(typedBytesHint(display));
    if (bytes) keyField_->setText(typedText(*bytes, display));
    showSelected();
}

void KeyHistoryView::showKey(const QByteArray& key) {
    keyField_->setText(typedText(key.toStdString(), display_));
    load(key.toStdString());
}

void KeyHistoryView::reload() {
    const auto bytes = typedBytes(keyField_->text(), display_);
    if (!bytes) {
        summary_->setText(tr("Not a valid key. %1").arg(typedBytesHint(display_)));
        emit loaded();
        return;
    }
    load(*bytes);
}

void KeyHistoryView::load(const std::string& key) {
    if (!session_) return;
    const quint64 generation = ++generation_;
    auto read = session_->read([key](storage::Storage& s) {
        History h;
        auto versions = s.keyVersions(key);
        if (!versions.ok()) {
            h.status = versions.status();
            return h;
        }
        h.versions = std::move(versions.value());
        if (auto files = s.files(storage::FileDetail::Metadata); files.ok()) h.files = storage::filesHolding(files.value(), key);
        return h;
    });
    onResult(read, this, [this, generation, key](History h) {
        if (generation != generation_) return;
        value_->clear();
        if (!h.status.ok()) {
            model_->clear();
            summary_->setText(QString::fromStdString(h.status.message()));
            emit loaded();
            return;
        }
        const QString shownKey = QString::fromStdString(storage::displayBytes(key, display_));
        const auto& v = h.versions;
        QString text;
        if (v.empty()) {
            text = tr("No version of %1 is held: it was never written here, or compaction has dropped it.").arg(shownKey);
        } else {
            const bool deleted = v.front().type == storage::VersionType::Deletion ||
                                 v.front().type == storage::VersionType::SingleDeletion;
            const auto older = std::count_if(v.begin() + 1, v.end(), [](const storage::KeyVersion& k) {
                return k.type == storage::VersionType::Value || k.type == storage::VersionType::Merge;
            });
            const QLocale locale;
            text = deleted ? tr("%1 was deleted at sequence %2.").arg(shownKey, locale.toString(qulonglong(v.front().sequence)))
                           : tr("%1: the newest version is sequence %2.").arg(shownKey, locale.toString(qulonglong(v.front().sequence)));
            if (older == 1) text += QLatin1Char(' ') + tr("1 older value is still held");
            if (older > 1) text += QLatin1Char(' ') + tr("%1 older values are still held").arg(older);
            if (older > 0 && deleted) text += tr(" (a snapshot, or a compaction that has not run yet, keeps them)");
            if (older > 0) text += QLatin1Char('.');
        }
        model_->setHistory(std::move(h.versions), h.files);
        if (h.files) {
            QStringList where;
            for (const auto& f : *h.files)
                where << QStringLiteral("L%1 %2").arg(f.level).arg(QString::fromStdString(f.name));
            text += QLatin1Char(' ') + (where.isEmpty() ? tr("No table file's key range holds it.")
                                                         : tr("Table files whose key range holds it: %1.").arg(where.join(QStringLiteral(", "))));
        }
        summary_->setText(text);
        if (model_->rowCount() > 0) table_->selectRow(0);
        table_->resizeColumnsToContents();
        emit loaded();
    });
}

void KeyHistoryView::showSelected() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        value_->clear();
        return;
    }
    const int row = rows.first().row();
    const auto& v = model_->versions()[std::size_t(row)];
    if (v.type != storage::VersionType::Value && v.type != storage::VersionType::Merge) {
        value_->setPlainText(tr("(%1: no value)").arg(QString::fromLatin1(storage::versionTypeName(v.type))));
        return;
    }
    const std::string_view bytes = std::string_view(v.value).substr(0, std::size_t(kShownBytes));
    QString text = QString::fromStdString(storage::displayBytes(bytes, display_));
    if (qsizetype(v.value.size()) > kShownBytes)
        text += tr("\n… (the first %1 of %2 bytes)").arg(kShownBytes).arg(QLocale().toString(qulonglong(v.value.size())));
    value_->setPlainText(text);
}

QString KeyHistoryView::summary() const { return summary_->text(); }
QString KeyHistoryView::selectedValueText() const { return value_->toPlainText(); }

}  // namespace meridian::ui
