#include "ui/snapshots/disk_save.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>


#include "storage/transfer/copy.h"
#include "ui/common/text.h"
#include "ui/session/keys_progress.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("DiskSave", text); }

}  // namespace

bool savesAsCheckpoint(const StorageSession& session) {
    const auto info = session.info();
    return info.backend == storage::Backend::RocksDb && info.mode != storage::OpenMode::Secondary;
}

SaveJob saveToDisk(StorageSession& session, storage::SnapshotPtr snapshot, const QString& destination) {
    const bool checkpoint = !snapshot && savesAsCheckpoint(session);
    const std::string dest = destination.toStdString();
    auto outcome = std::make_shared<SaveOutcome>();
    outcome->checkpoint = checkpoint;
    return session.startJob(outcome, [snapshot = std::move(snapshot), checkpoint, dest](
                                         QPromise<void>& promise, storage::Storage& s, SaveOutcome& outcome) mutable {
        promise.setProgressRange(0, 0);
        outcome.ran = true;
        QElapsedTimer timer;
        timer.start();
        if (checkpoint) {
            auto sequence = storage::checkpoint(s, dest);
            outcome.status = sequence.status();
            if (sequence.ok()) outcome.sequence = sequence.value();
        } else {
            if (!snapshot) snapshot = s.snapshot();  // the whole database, as it is now
            outcome.sequence = snapshot->sequence();
            storage::SaveOptions options;
            options.read.snapshot = snapshot;
            options.progress = KeysProgress(promise);
            auto summary = storage::saveAsRocksDb(s, dest, options);
            outcome.status = summary.status();
            if (summary.ok()) outcome.summary = summary.value();
        }
        outcome.summary.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    });
}

QFuture<MemoryContents> memoryContents(StorageSession& session) {
    return session.run([](storage::Storage& s) {
        MemoryContents contents;
        contents.sequence = s.snapshot()->sequence();
        for (const auto& name : s.columnFamilies())
            if (auto family = s.columnFamily(name); family.ok()) contents.keys += family.value()->stats().estimatedKeys;
        return contents;
    });
}

QString describeSave(const SaveOutcome& outcome, const QString& destination) {
    const QLocale locale;
    const QString seconds = locale.toString(outcome.summary.seconds, 'f', 2);
    if (outcome.checkpoint)
        return tr("Saved a checkpoint to %1 in %2 s. It opens as a normal database.").arg(destination, seconds);
    return tr("Saved %1 keys (%2) to %3 in %4 s.")
        .arg(locale.toString(static_cast<qulonglong>(outcome.summary.keys)),
             sizeText(outcome.summary.bytes), destination, seconds);
}

}  // namespace meridian::ui
