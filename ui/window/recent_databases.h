// RecentDatabases: the File > Open Recent list, kept in QSettings.
#pragma once

#include <QStringList>

namespace meridian::ui {

class RecentDatabases {
public:
    static constexpr int kMax = 10;
    static QStringList load();
    // Moves `path` to the front.
    static void add(const QString& path);
    static void clear();
};

}  // namespace meridian::ui
