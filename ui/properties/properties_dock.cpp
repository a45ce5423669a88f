#include "ui/properties/properties_dock.h"

#include <QDateTime>
#include <QLocale>
#include <QTreeWidget>

#include <cstdlib>

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
    storage::StorageInfo info;
    storage::Stats stats;
    std::optional<storage::DatabaseVersions> versions;
};

// A backend property by name ("" when the backend has none by that name).
std::string propertyOf(const storage::Stats& stats, const char* name) {
    const auto it = stats.properties.find(name);
    return it == stats.properties.end() ? std::string() : it->second;
}

}  // namespace

void PropertiesDock::refresh() {
    if (!session_) return;
    // The info too (a hybrid store's changes), and the versions from the
    // folder's files: all read on the pool.
    auto work = [](storage::Storage& s) {
        Shown shown{s.info(), s.stats(), std::nullopt};
        if (shown.info.backend == storage::Backend::RocksDb) shown.versions = storage::databaseVersions(shown.info.path);
        return shown;
    };
    onResult(session_->run(work), this, [this](Shown shown) { show(shown.info, shown.stats, shown.versions); });
}

// A memory store's compression figures (storage/memory/memory_storage.h).
void PropertiesDock::showCompression(const storage::Stats& stats) {
    const auto property = [&stats](const char* name) { return propertyOf(stats, name); };
    const auto bytesOf = [&property](const char* name) {
        return static_cast<quint64>(std::strtoull(property(name).c_str(), nullptr, 10));
    };
    const std::string codec = property("memory.compression");
    if (codec.empty()) return;
    auto* group = new QTreeWidgetItem(tree_);
    group->setText(0, tr("Compression"));
    auto add = [group](const QString& name, const QString& value) {
        auto* item = new QTreeWidgetItem(group);
        item->setText(0, name);
        item->setText(1, value);
        return item;
    };
    add(tr("Codec"), codec == "none" ? tr("none: values held as written") : QString::fromStdString(codec));
    add(tr("Values as written"), sizeText(bytesOf("memory.raw-bytes")))
        ->setToolTip(1, tr("The live values, keys not included."));
    const quint64 dictionary = bytesOf("memory.dictionary-bytes");
    auto* held = add(tr("Values as held"), sizeText(bytesOf("memory.stored-bytes")));
    held->setToolTip(1, dictionary ? tr("Compressed where that made them smaller, and the dictionary they share (%1).")
                                         .arg(sizeText(dictionary))
                                   : tr("Compressed where that made them smaller."));
    const std::string ratio = property("memory.compression-ratio");
    add(tr("Held / written"), ratio == "n/a" || ratio.empty() ? tr("n/a (no values)") : QString::fromStdString(ratio));
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
    if (info.hybrid) {
        const storage::HybridState& h = *info.hybrid;
        auto* hybrid = add(nullptr, tr("Hybrid storage"), QString::fromStdString(h.summary));
        add(hybrid, tr("Live side"), h.spilled ? tr("RocksDB") : tr("in memory"));
        add(hybrid, tr("Threshold"), locale.formattedDataSize(static_cast<qint64>(h.thresholdBytes)));
        if (!h.spilled) add(hybrid, tr("Held in memory"), locale.formattedDataSize(static_cast<qint64>(h.memoryBytes)));
        if (h.spilled && h.spilledAt)
            add(hybrid, tr("Moved into RocksDB"), QDateTime::fromSecsSinceEpoch(h.spilledAt).toString(Qt::ISODate));
        if (h.spilled) add(hybrid, tr("Size when it moved"), locale.formattedDataSize(static_cast<qint64>(h.spilledBytes)));
        // The move's phases, when this process made it (storage/hybrid/hybrid_storage.h).
        auto millis = [&stats](const char* name) {
            const std::string micros = propertyOf(stats, name);
            return micros.empty() ? QString() : QString::number(std::strtoull(micros.c_str(), nullptr, 10) / 1000.0, 'f', 0);
        };
        if (const QString stop = millis("hybrid.switch-pause-us"); !stop.isEmpty())
            add(hybrid, tr("The move"), tr("copied in %1 ms, writes made meanwhile applied in %2 ms, every call stopped for %3 ms")
                                            .arg(millis("hybrid.spill-copy-us"), millis("hybrid.spill-drain-us"), stop));
        if (!h.lastSpillError.empty()) add(hybrid, tr("Last move failed"), QString::fromStdString(h.lastSpillError));
        hybrid->setExpanded(true);
    }
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
    const bool rocks = info.backend == storage::Backend::RocksDb;
    auto count = [&locale](std::uint64_t n) { return locale.toString(static_cast<qulonglong>(n)); };
    auto* sizes = add(nullptr, tr("Metrics"), QString());
    add(sizes, rocks ? tr("Keys (RocksDB's estimate)") : tr("Keys"), count(stats.estimatedKeys));
    auto* live = add(sizes, rocks ? tr("Live data (estimated)") : tr("Keys and values"), sizeText(stats.liveDataBytes));
    if (rocks) {
        live->setToolTip(1, tr("What a full compaction would keep: the table files whose key ranges no other file "
                               "already covers, from the last level up, and the memtables."));
        add(sizes, tr("Table (SST) files"), sizeText(stats.totalFileBytes));
        if (stats.blobFileBytes) add(sizes, tr("Blob files"), sizeText(stats.blobFileBytes));
        add(sizes, tr("Memtables"), sizeText(stats.memtableBytes));
        add(sizes, tr("Compaction pending"), stats.pendingCompactionBytes ? sizeText(stats.pendingCompactionBytes) : tr("none"));
        add(sizes, tr("Block cache in use"), sizeText(stats.blockCacheBytes));
    } else {
        add(sizes, tr("Older versions held"), count(stats.olderVersions))
            ->setToolTip(1, tr("Old values and tombstones kept because a snapshot can still see them."));
    }
    QString snapshots = stats.snapshots ? count(stats.snapshots) : tr("none");
    if (stats.snapshots && stats.oldestSnapshotTime > 0)
        snapshots = tr("%1, the oldest taken %2")
                        .arg(snapshots, locale.toString(QDateTime::fromSecsSinceEpoch(stats.oldestSnapshotTime).time(),
                                                        QLocale::ShortFormat));
    add(sizes, tr("Snapshots held"), snapshots);
    add(sizes, tr("Latest sequence number"), count(stats.sequence));
    if (!rocks) showCompression(stats);
    if (!stats.levels.empty()) {
        auto* levels = add(nullptr, tr("Levels"), QString());
        for (const auto& l : stats.levels)
            add(levels, tr("L%1").arg(l.level),
                l.files ? QStringLiteral("%1, %2").arg(countText(l.files, tr("1 file"), tr("%1 files")), sizeText(l.bytes))
                        : tr("empty"));
    }
    auto* props = add(nullptr, rocks ? tr("All RocksDB properties") : tr("All backend properties"), QString());
    for (const auto& [name, value] : stats.properties)
        add(props, QString::fromStdString(name), QString::fromStdString(value));
    tree_->expandAll();
    props->setExpanded(false);  // the readable figures above say the same; the raw names are for the curious
    tree_->resizeColumnToContents(0);
    tree_->setColumnWidth(0, tree_->columnWidth(0) + 24);
}

}  // namespace meridian::ui
