// Colour scheme: follow the system (default), or force light or dark.
// Qt 6.5+ tells the system scheme; on older Qt the platform theme decides.
#pragma once

#include <QString>

class QApplication;

namespace meridian::ui {

enum class ColorScheme { System, Light, Dark };

ColorScheme parseColorScheme(const QString& name);  // "light", "dark", anything else: System
void applyColorScheme(QApplication& app, ColorScheme scheme);
bool paletteIsDark();

}  // namespace meridian::ui
