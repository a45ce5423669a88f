// Docks that read only while the user can see them (Files and Levels,
// Keyspace). A dock tabbed behind another can report itself visible (it is
// only covered), so "on screen" also asks whether any of it shows, and a
// tab change is looked at once it has been laid out. UI thread only.
#pragma once

#include <QDockWidget>
#include <QTimer>

namespace meridian::ui {

inline bool dockOnScreen(const QDockWidget* dock) { return dock->isVisible() && !dock->visibleRegion().isEmpty(); }

// Calls `shown()` each time `dock` comes on screen.
template <class F>
void whenDockShown(QDockWidget* dock, F shown) {
    QObject::connect(dock, &QDockWidget::visibilityChanged, dock, [dock, shown](bool visible) {
        if (visible)
            QTimer::singleShot(0, dock, [dock, shown] {
                if (dockOnScreen(dock)) shown();
            });
    });
}

}  // namespace meridian::ui
