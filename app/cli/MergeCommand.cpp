#include "CaseFile.h"
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "InterruptGuard.h"
#include "share/CaseMerger.h"
#include "sqlite/SqlError.h"

#include <cstdio>
#include <sqlite3.h>

namespace perfcase {

namespace {

nlohmann::json sourcesJson(const std::vector<MergeSummary::Source> &sources)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto &source : sources)
        list.push_back({{"name", source.name}, {"kind", source.kind}, {"records", source.records}});
    return list;
}

} // namespace

// perfcase merge CASE OTHER [--json] (CLI.md).
int runMergeCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("merge"), QStringLiteral("CASE OTHER [--json]"));
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print what came in as JSON.")});
    if (auto exit = cli.parse(arguments, 2, 2)) return *exit;
    const std::string casePath = cli.positional().at(0).toStdString();
    const std::string otherPath = cli.positional().at(1).toStdString();
    InterruptGuard guard;
    auto cancelled = [&guard] { return guard.token().isCancelled(); };
    std::unique_ptr<CaseFile> target, other;
    try {
        target = CaseFile::open(casePath, CaseFile::Access::ReadWrite);
        target->requireWritable();
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(casePath, error);
    }
    try {
        other = CaseFile::open(otherPath, CaseFile::Access::ReadOnly, cancelled);
    } catch (const CaseFileError &error) {
        if (error.kind() == CaseFileError::Cancelled) return ExitInterrupted;
        return CliOutput::caseError(otherPath, error);
    }
    MergeSummary summary;
    try {
        summary = CaseMerger::run(*target, *other, cancelled);
    } catch (const CaseMerger::Cancelled &) {
        CliOutput::error(casePath, 0, -1, "interrupted: nothing was merged");
        return ExitInterrupted;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(casePath, error);
    } catch (const SqlError &error) {
        // OTHER is only read: damage found while reading it is OTHER's; anything
        // else (disk full, I/O) happened writing the case. Nothing was merged.
        const bool otherDamaged =
            error.primaryCode() == SQLITE_CORRUPT || error.primaryCode() == SQLITE_NOTADB;
        return CliOutput::caseError(otherDamaged ? otherPath : casePath, error,
                                    otherDamaged ? CliOutput::CaseUse::Reading
                                                 : CliOutput::CaseUse::Writing);
    }
    if (cli.isSet(QStringLiteral("json"))) {
        nlohmann::json line{
            {"path", casePath},
            {"from", otherPath},
            {"sources_added", sourcesJson(summary.sourcesAdded)},
            {"sources_present", sourcesJson(summary.sourcesPresent)},
            {"annotations",
             {{"added", summary.annotationsAdded}, {"present", summary.annotationsPresent}}},
            {"notes", {{"added", summary.notesAdded}, {"present", summary.notesPresent}}},
            {"overrides",
             {{"added", summary.overridesAdded}, {"present", summary.overridesPresent}}},
            {"clock_changes_added", summary.clockChangesAdded},
            {"clocks_taken", summary.clocksTaken}};
        CliOutput::printLine(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return ExitOk;
    }
    for (const std::string &line : summary.describe())
        std::printf("%s\n", line.c_str());
    return ExitOk;
}

} // namespace perfcase
