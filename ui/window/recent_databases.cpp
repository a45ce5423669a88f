#include "ui/window/recent_databases.h"

#include <QDir>
#include <QSettings>
#include <QVariantMap>

namespace meridian::ui {

namespace {
constexpr auto kKey = "recentDatabases";
constexpr auto kModesKey = "recentDatabaseModes";

QString clean(const QString& path) { return QDir::cleanPath(QDir(path).absolutePath()); }
}  // namespace

QStringList RecentDatabases::load() { return QSettings().value(kKey).toStringList(); }

void RecentDatabases::add(const QString& path, storage::OpenMode mode) {
    const QString key = clean(path);
    QStringList list = load();
    list.removeAll(key);
    list.prepend(key);
    while (list.size() > kMax) list.removeLast();
    QSettings settings;
    settings.setValue(kKey, list);
    QVariantMap modes = settings.value(kModesKey).toMap();
    if (mode != storage::OpenMode::Secondary)
        modes.insert(key, mode == storage::OpenMode::ReadWrite ? QStringLiteral("read-write") : QStringLiteral("read-only"));
    for (auto it = modes.begin(); it != modes.end();) it = list.contains(it.key()) ? std::next(it) : modes.erase(it);
    settings.setValue(kModesKey, modes);
}

std::optional<storage::OpenMode> RecentDatabases::modeFor(const QString& path) {
    const QString mode = QSettings().value(kModesKey).toMap().value(clean(path)).toString();
    if (mode == QLatin1String("read-write")) return storage::OpenMode::ReadWrite;
    if (mode == QLatin1String("read-only")) return storage::OpenMode::ReadOnly;
    return std::nullopt;
}

void RecentDatabases::clear() {
    QSettings settings;
    settings.remove(kKey);
    settings.remove(kModesKey);
}

}  // namespace meridian::ui
