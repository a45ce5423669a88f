#include "ui/properties/properties_dock.h"

#include <QLocale>
#include <QTreeWidget>

#include "ui/common/async.h"
#include "ui/common/text.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

PropertiesDock::PropertiesDock(QWidget* parent) : QDockWidget(tr("Properties"), parent), tree_(new QTreeWidget(this)) {
    setObjectName("propertiesDock");
    tree_->setObjectName("propertiesTree");
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Property"), tr("Value")});
    tree_->setRootIsDecorated(true);
    tree_->setAlternatingRowColors(true);
    setWidget(tree_);
}

void PropertiesDock::setSession(StorageSession* session) {
    session_ = session;
    tree_->clear();
    refresh();
}

namespace {

struct Shown {
    storage::Stats stats;
    std::optional<storage::DatabaseVersions> versions;
};

}  // namespace

void PropertiesDock::refresh() {
    if (!session_) return;
    const storage::StorageInfo info = session_->info();
    // The versions come from the folder's files: read them on the pool too.
    auto work = [info](storage::Storage& s) {
        Shown shown{s.stats(), std::nullopt};
        if (info.backend == storage::Backend::RocksDb) shown.versions = storage::databaseVersions(info.path);
        return shown;
    };
    onResult(session_->run(work), this,
                            [this, info](Shown shown) { show(info, shown.stats, shown.versions); });
}

void PropertiesDock::show(const storage::StorageInfo& info, const storage::Stats& stats,
                          const std::optional<storage::DatabaseVersions>& versions) {
    const QLocale locale;
    tree_->clear();
    auto add = [this](QTreeWidgetItem* parent, const QString& name, const QString& value) {
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree_);
        item->setText(0, name);
        item->setText(1, value);
        return item;
    };
    auto* overview = add(nullptr, tr("Storage"), QString());
    add(overview, tr("Backend"), QString::fromLatin1(storage::backendName(info.backend)));
    add(overview, tr("Mode"), QString::fromLatin1(storage::openModeName(info.mode)));
    add(overview, tr("Path"), QString::fromStdString(info.path));
    add(overview, tr("Column family"), QString::fromStdString(info.columnFamily));
    add(overview, tr("Persistent"), info.persistent ? tr("yes") : tr("NO: in memory only"));
    add(overview, tr("Tuning profile"), QString::fromLatin1(storage::profileName(info.profile)));
    if (versions) {
        const storage::EngineInfo engine = storage::engineInfo();
        auto* rocks = add(nullptr, tr("RocksDB"), QString());
        add(rocks, tr("Engine"), tr("%1, reads table formats up to %2")
                                     .arg(QString::fromStdString(engine.version))
                                     .arg(engine.newestTableFormat));
        add(rocks, tr("OPTIONS file written by"),
            versions->writtenBy ? QString::fromStdString(*versions->writtenBy) : tr("unknown (no OPTIONS file)"));
        if (versions->tableFormat) add(rocks, tr("Table format"), QString::number(*versions->tableFormat));
        if (!versions->unknownOptions.empty()) {
            QStringList names;
            for (const auto& name : versions->unknownOptions) names << QString::fromStdString(name);
            add(rocks, tr("Options unknown to this RocksDB (ignored)"), names.join(QStringLiteral(", ")));
        }
    }
    auto* sizes = add(nullptr, tr("Metrics"), QString());
    add(sizes, tr("Estimated keys"), locale.toString(static_cast<qulonglong>(stats.estimatedKeys)));
    add(sizes, tr("Live data"), sizeText(stats.liveDataBytes));
    add(sizes, tr("SST files"), sizeText(stats.totalFileBytes));
    add(sizes, tr("Memtables"), sizeText(stats.memtableBytes));
    if (!stats.levels.empty()) {
        auto* levels = add(nullptr, tr("Levels"), QString());
        for (const auto& l : stats.levels)
            add(levels, tr("L%1").arg(l.level),
                tr("%1 files, %2").arg(l.files).arg(sizeText(l.bytes)));
    }
    auto* props = add(nullptr, tr("Backend properties"), QString());
    for (const auto& [name, value] : stats.properties)
        add(props, QString::fromStdString(name), QString::fromStdString(value));
    tree_->expandAll();
    tree_->resizeColumnToContents(0);
    tree_->setColumnWidth(0, tree_->columnWidth(0) + 24);
}

}  // namespace meridian::ui
