// Our own icons, compiled in from resources/meridian.qrc (PNGs rendered from
// the SVGs in resources/icons by scripts/render-icons.sh). No SVG plugin and
// no icon theme is needed at run time. Call from the GUI thread.
#pragma once

#include <QIcon>
#include <QString>

namespace meridian::ui {

// The app icon at every size from 16 to 256 px: the window icon and the About box's.
QIcon appIcon();

// An action icon: "open", "refresh", "count", "lock-doctor" or "copy". It is
// drawn for the palette in use when it is painted (dark lines on a light
// palette, light lines on a dark one), so it follows a change of colour scheme.
// A null icon for an unknown name.
QIcon actionIcon(const QString& name);

}  // namespace meridian::ui
