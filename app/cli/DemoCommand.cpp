// demo --report FILE: the bundled demo case's import-lag report, headless.
// (demo without --report opens the window: GuiMain.)
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "DemoCase.h"
#include "ExitCode.h"
#include "playbook/PlaybookCatalog.h"
#include "sqlite/SqlError.h"

#include <cstdio>
#include <stdexcept>

namespace perfcase {

int runDemoCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("demo"), QStringLiteral("[--report FILE]"));
    cli.addOption({QStringLiteral("report"),
                   QStringLiteral("Write the demo's report (.md or .pdf) instead of opening it."),
                   QStringLiteral("FILE")});
    if (auto exit = cli.parse(arguments, 0, 0)) return *exit;
    const QString output = cli.value(QStringLiteral("report"));
    const QString format = reportFormat(output, {});
    if (format.isEmpty())
        return cli.usageError(QStringLiteral("--report FILE ends in .md or .pdf"));
    PlaybookCatalog catalog;
    const Playbook *playbook = catalog.find(DemoCase::kPlaybook);
    if (!playbook) {
        CliOutput::error("the import-lag playbook is missing from this build");
        return ExitInternal;
    }
    std::string casePath;
    try {
        casePath = DemoCase::prepare();
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(DemoCase::defaultFolder(), error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(DemoCase::defaultFolder(), error, CliOutput::CaseUse::Writing);
    } catch (const std::runtime_error &error) {
        CliOutput::error(std::string("cannot prepare the demo case: ") + error.what());
        return ExitCannotRun;
    }
    std::printf("demo case %s\n", casePath.c_str());
    return writeReportFile(casePath, *playbook, output, format, false);
}

} // namespace perfcase
