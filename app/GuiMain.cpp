#include "GuiMain.h"

#include "MainWindow.h"
#include "cli/CliOutput.h"
#include "cli/ExitCode.h"

#include <QApplication>

namespace perfcase {

namespace {
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
    MainWindow window;
    // Shown first, so an error about the case appears over the window.
    window.show();
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() > 1) window.openCase(arguments.at(1));
    return QApplication::exec();
}

} // namespace perfcase
