// playbooks and check: list the playbooks, run one over a case.
#include "CaseFile.h"
#include "CaseFileError.h"
#include "CheckOutput.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "QueryRunner.h"
#include "playbook/ChecklistStore.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"
#include "sqlite/SqlError.h"

#include <cstdio>

namespace perfcase {

int runPlaybooksCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("playbooks"), QStringLiteral("[--json]"));
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print JSON (CLI.md shape).")});
    if (auto exit = cli.parse(arguments, 0, 0)) return *exit;
    PlaybookCatalog catalog;
    for (const auto &problem : catalog.problems())
        CliOutput::warning(problem, 0, -1, "playbook not loaded");
    if (cli.isSet(QStringLiteral("json"))) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto &playbook : catalog.playbooks())
            list.push_back(CheckOutput::playbookJson(playbook));
        CliOutput::printLine(list.dump());
        return ExitOk;
    }
    for (const auto &playbook : catalog.playbooks())
        std::printf("%-20s %s%s\n", playbook.id.c_str(), playbook.title.c_str(),
                    playbook.builtin ? "" : ("  [" + playbook.path + "]").c_str());
    return ExitOk;
}

const Playbook *requirePlaybook(const CommandLine &cli, const PlaybookCatalog &catalog)
{
    const std::string id = cli.value(QStringLiteral("playbook")).toStdString();
    if (id.empty()) {
        cli.usageError(QStringLiteral("--playbook ID is required (perfcase playbooks lists them)"));
        return nullptr;
    }
    // A playbook of the user's that did not load is said before anything
    // else: it may be the one asked for, or one meant to replace a bundled one.
    for (const std::string &problem : catalog.problems())
        CliOutput::warning(problem);
    const Playbook *playbook = catalog.find(id);
    if (!playbook)
        cli.usageError(QStringLiteral("unknown playbook %1 (perfcase playbooks lists them)")
                           .arg(QString::fromStdString(id)));
    return playbook;
}

int runCheckCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("check"),
                    QStringLiteral("CASE --playbook ID [--json] [--no-save]"));
    cli.addOption(
        {QStringLiteral("playbook"), QStringLiteral("The playbook to run."), QStringLiteral("ID")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print JSON (CLI.md shape).")});
    cli.addOption(
        {QStringLiteral("no-save"), QStringLiteral("Do not store the verdicts in the case.")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;
    PlaybookCatalog catalog;
    const Playbook *playbook = requirePlaybook(cli, catalog);
    if (!playbook) return ExitUsage;
    const std::string path = cli.positional().at(0).toStdString();
    const bool save = !cli.isSet(QStringLiteral("no-save"));
    bool saving = false; // a database error while storing the run is a write error
    try {
        std::unique_ptr<CaseFile> writable;
        if (save) {
            writable = CaseFile::open(path, CaseFile::Access::ReadWrite);
            writable->requireWritable();
        }
        QueryRunner runner(path);
        PlaybookEngine engine(runner);
        PlaybookResult result = engine.run(*playbook);
        if (save) {
            saving = true;
            ChecklistStore(writable->db()).saveRun(result);
            saving = false;
        }
        if (cli.isSet(QStringLiteral("json")))
            CliOutput::printLine(
                CheckOutput::resultJson(*playbook, result)
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        else
            std::fputs(CheckOutput::resultText(*playbook, result).c_str(), stdout);
        for (const auto &step : result.steps)
            if (!step.error.empty())
                CliOutput::error(path, 0, -1,
                                 "step " + step.stepId +
                                     ": the check could not run: " + step.error);
        return result.hasErrors() ? ExitCannotRun : ExitOk;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(
            path, error, saving ? CliOutput::CaseUse::Writing : CliOutput::CaseUse::Reading);
    }
}

} // namespace perfcase
