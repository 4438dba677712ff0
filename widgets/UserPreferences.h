#pragma once

#include <QString>

namespace perfcase {

// What Edit › Preferences… keeps in QSettings beyond the author (UserIdentity)
// and the display zone (TimeZoneMenu): the theme and the namespace that
// collecting starts from when a profile names none.
class UserPreferences
{
public:
    enum class Theme
    {
        System,
        Light,
        Dark
    };

    static Theme theme();
    static void setTheme(Theme theme);
    // Applies a theme to the running application. System restores the style
    // and palette the application started with (the desktop's).
    static void applyTheme(Theme theme);

    static QString defaultNamespace();
    static void setDefaultNamespace(const QString &name);
};

} // namespace perfcase
