#include "Cli.h"

#include "CaseSchema.h"
#include "CliOutput.h"
#include "Commands.h"
#include "ExitCode.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStringList>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>

namespace perfcase {

namespace {

using Command = int (*)(const QStringList &);

const std::map<std::string, Command> &commands()
{
    static const std::map<std::string, Command> table{
        {"new", runNewCommand},         {"import", runImportCommand},
        {"info", runInfoCommand},       {"query", runQueryCommand},
        {"formats", runFormatsCommand}, {"playbooks", runPlaybooksCommand},
        {"check", runCheckCommand},     {"report", runReportCommand},
        {"collect", runCollectCommand}, {"prometheus", runPrometheusCommand},
        {"export", runExportCommand},   {"merge", runMergeCommand},
        {"remove", runRemoveCommand},   {"demo", runDemoCommand},
    };
    return table;
}

void printUsage()
{
    std::printf(
        "usage: perfcase [CASE]                 open the window\n"
        "       perfcase --screenshot PNG [CASE] open the window, save it as PNG, quit\n"
        "       perfcase demo [--report FILE]      the bundled demo case (import-lag)\n"
        "       perfcase --version\n"
        "       perfcase new CASE [--title T]\n"
        "       perfcase import CASE PATH... [--format F] [--name N] [--tz ZONE] "
        "[--year YYYY] [--at TIME] [--json]\n"
        "       perfcase info CASE [--json]\n"
        "       perfcase query CASE SQL [--csv|--json]\n"
        "       perfcase formats [--json]\n"
        "       perfcase playbooks [--json]\n"
        "       perfcase check CASE --playbook ID [--json] [--no-save]\n"
        "       perfcase report CASE --playbook ID [--format md|pdf] [--page A4|Letter] -o FILE\n"
        "       perfcase collect CASE --playbook ID --target TARGET [--namespace NS] [--param "
        "K=V]...\n"
        "                        [--since DURATION] [--kube-context CTX] [--accept-new-host-key]\n"
        "                        [--live DURATION [--interval SECONDS]] [--json]\n"
        "       perfcase prometheus CASE --url URL --query PROMQL --start T --end T [--step S]\n"
        "                           [--name N] [--json]\n"
        "       perfcase export CASE -o OUT [--share] [--json]\n"
        "       perfcase merge CASE OTHER [--json]\n"
        "       perfcase remove CASE SOURCE_ID...\n");
}

} // namespace

std::optional<int> runCli(int argc, char **argv)
{
    if (argc < 2) return std::nullopt;
    const std::string first = argv[1];
    if (first == "--version" || first == "-V") {
        std::printf("perfcase %s (case schema %d)\n", PERFCASE_VERSION, CaseSchema::kVersion);
        return ExitOk;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        printUsage();
        return ExitOk;
    }
    if (first == "--screenshot") return std::nullopt; // the window's own option
    // `demo` alone opens the window on the demo; with options it is headless.
    if (first == "demo" && argc == 2) return std::nullopt;
    auto command = commands().find(first);
    if (command == commands().end()) {
        if (!first.empty() && first[0] == '-') {
            CliOutput::error("unknown option " + first);
            printUsage();
            return ExitUsage;
        }
        // A bare word that names no file is a mistyped command ("improt"),
        // not a case to open: say so, rather than open a window about it.
        std::error_code unreadable; // a name too long, a folder we may not read: not a file
        if (first.find_first_of("./") == std::string::npos &&
            !std::filesystem::exists(first, unreadable)) {
            CliOutput::error("unknown command \"" + first + "\" (perfcase --help lists them)");
            return ExitUsage;
        }
        return std::nullopt; // a case file to open in the window
    }
    // Reports draw their figures with the timeline's widgets: they need a
    // QApplication, on the offscreen platform unless one is chosen
    // (DESIGN.md, Headless). The data commands never touch a display.
    std::unique_ptr<QCoreApplication> app;
    if (first == "report" || first == "demo") {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    // The same settings as the window's (author, known cases, profiles).
    QCoreApplication::setOrganizationName(QStringLiteral("perfcase"));
    QCoreApplication::setApplicationName(QStringLiteral("perfcase"));
    QStringList arguments = QCoreApplication::arguments().mid(2);
    try {
        return command->second(arguments);
    } catch (const std::exception &error) {
        CliOutput::error(std::string("internal error (a bug, please report it): ") + error.what());
        return ExitInternal;
    }
}

} // namespace perfcase
