// NamedSnapshot: a snapshot the user took, with the name and time the
// Snapshots panel shows. Holding one keeps the snapshot (and what it sees)
// alive; dropping the last copy releases it.
#pragma once

#include <QDateTime>
#include <QString>

#include "storage/storage.h"

namespace meridian::ui {

struct NamedSnapshot {
    QString name;        // unique within the open database ("Snapshot 1", or the user's)
    QDateTime takenAt;   // local time it was taken
    storage::SnapshotPtr snapshot;
    // "name (hh:mm:ss)" for menus and combo boxes.
    QString label() const { return QStringLiteral("%1 (%2)").arg(name, takenAt.toString(QStringLiteral("HH:mm:ss"))); }
};

}  // namespace meridian::ui
