#include "ui/window/recent_databases.h"

#include <QDir>
#include <QSettings>

namespace meridian::ui {

namespace {
constexpr auto kKey = "recentDatabases";
}

QStringList RecentDatabases::load() { return QSettings().value(kKey).toStringList(); }

void RecentDatabases::add(const QString& path) {
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    QStringList list = load();
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kMax) list.removeLast();
    QSettings().setValue(kKey, list);
}

void RecentDatabases::clear() { QSettings().remove(kKey); }

}  // namespace meridian::ui
