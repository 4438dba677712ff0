#include "UserPreferences.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace perfcase {

namespace {

const QString kThemeKey = QStringLiteral("view/theme");
const QString kNamespaceKey = QStringLiteral("cluster/defaultNamespace");

struct Startup
{
    QString style;
    QPalette palette;
};

// The desktop's own look, captured before any theme of ours replaces it.
const Startup &startup()
{
    static const Startup captured{QApplication::style()->name(), QApplication::palette()};
    return captured;
}

// Fusion with a dark palette: Qt 6.4 has no colour-scheme switch of its own.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225), disabled(127, 127, 127),
        highlight(42, 130, 218);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(100, 170, 255));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(70, 70, 74));
    p.setColor(QPalette::Midlight, QColor(60, 60, 64));
    p.setColor(QPalette::Mid, QColor(40, 40, 42));
    p.setColor(QPalette::Dark, QColor(25, 25, 27));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
    return p;
}

} // namespace

UserPreferences::Theme UserPreferences::theme()
{
    const QString name = QSettings().value(kThemeKey).toString();
    if (name == QLatin1String("light")) return Theme::Light;
    if (name == QLatin1String("dark")) return Theme::Dark;
    return Theme::System;
}

void UserPreferences::setTheme(Theme theme)
{
    QSettings().setValue(kThemeKey, theme == Theme::Light  ? QStringLiteral("light")
                                    : theme == Theme::Dark ? QStringLiteral("dark")
                                                           : QStringLiteral("system"));
}

void UserPreferences::applyTheme(Theme theme)
{
    const Startup &desktop = startup();
    if (theme == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(desktop.style));
        QApplication::setPalette(desktop.palette);
        return;
    }
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QApplication::setStyle(fusion);
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : fusion->standardPalette());
}

QString UserPreferences::defaultNamespace()
{
    return QSettings().value(kNamespaceKey).toString();
}

void UserPreferences::setDefaultNamespace(const QString &name)
{
    QSettings().setValue(kNamespaceKey, name.trimmed());
}

} // namespace perfcase
