// RecentDatabases: the File > Open Recent list, and the mode each database
// was last opened in (read-write or read-only), kept in QSettings. UI thread.
#pragma once

#include <QStringList>

#include <optional>

#include "storage/storage.h"

namespace meridian::ui {

class RecentDatabases {
public:
    static constexpr int kMax = 10;
    static QStringList load();
    // Moves `path` to the front. Remembers `mode` when the user chose it
    // (read-write or read-only); following live is the lock's choice, not theirs.
    static void add(const QString& path, storage::OpenMode mode = storage::OpenMode::ReadOnly);
    // The mode `path` was last opened in, read-write or read-only; none when unknown.
    static std::optional<storage::OpenMode> modeFor(const QString& path);
    static void clear();
};

}  // namespace meridian::ui
