#include "GuiMain.h"

#include "MainWindow.h"
#include "UserPreferences.h"
#include "cli/CliOutput.h"
#include "cli/ExitCode.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>

namespace perfcase {

namespace {
constexpr int kScreenshotDelayMs = 2500;

bool hasDisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty()) return true; // offscreen, vnc, ... chosen on purpose
    return !qgetenv("DISPLAY").isEmpty() || !qgetenv("WAYLAND_DISPLAY").isEmpty();
}
} // namespace

int runGui(int argc, char **argv)
{
    if (!hasDisplay()) {
        CliOutput::error("no display: the window needs X11 or Wayland (for headless use try "
                         "`perfcase info CASE`, or set QT_QPA_PLATFORM=offscreen)");
        return ExitNoDisplay;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("perfcase"));
    QApplication::setOrganizationName(QStringLiteral("perfcase"));
    QApplication::setApplicationDisplayName(QStringLiteral("Perfcase"));
    QApplication::setApplicationVersion(QStringLiteral(PERFCASE_VERSION));
    // The installed theme icon when there is one (packaging/), else our own.
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("perfcase"),
                                                 QIcon(QStringLiteral(":/icons/perfcase.svg"))));
    QGuiApplication::setDesktopFileName(QStringLiteral("perfcase"));
    if (UserPreferences::theme() != UserPreferences::Theme::System)
        UserPreferences::applyTheme(UserPreferences::theme());
    QStringList arguments = QApplication::arguments().mid(1);
    QString screenshot;
    if (arguments.value(0) == QLatin1String("--screenshot")) {
        screenshot = arguments.value(1);
        arguments = arguments.mid(2);
        if (screenshot.isEmpty()) {
            CliOutput::error("--screenshot needs a PNG file name");
            return ExitUsage;
        }
    }
    MainWindow window;
    // Shown first, so an error about the case appears over the window.
    window.show();
    if (arguments == QStringList{QStringLiteral("demo")})
        window.openDemo();
    else if (!arguments.isEmpty())
        window.openCase(arguments.first());
    if (!screenshot.isEmpty()) {
        // For docs and the screenshot test: once the panels have loaded and
        // painted, save what the window shows and quit.
        QTimer::singleShot(kScreenshotDelayMs, &window, [&window, screenshot] {
            const bool saved = window.grab().save(screenshot, "PNG");
            if (!saved) CliOutput::error("cannot write " + screenshot.toStdString());
            QApplication::exit(saved ? ExitOk : ExitInternal);
        });
    }
    return QApplication::exec();
}

} // namespace perfcase
