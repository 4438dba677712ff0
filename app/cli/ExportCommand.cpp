#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "InterruptGuard.h"
#include "share/CaseExporter.h"
#include "sqlite/SqlError.h"

#include <cstdio>

namespace perfcase {

// perfcase export CASE -o OUT [--share] [--json] (CLI.md).
int runExportCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("export"), QStringLiteral("CASE -o OUT [--share] [--json]"));
    cli.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                   QStringLiteral("The file to write."),
                   QStringLiteral("OUT")});
    cli.addOption({QStringLiteral("share"),
                   QStringLiteral("Redact secrets everywhere with a new key (docs/sharing.md).")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print the summary as JSON.")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;
    if (!cli.isSet(QStringLiteral("output")))
        return cli.usageError(QStringLiteral("-o OUT is required"));
    const std::string casePath = cli.positional().at(0).toStdString();
    const std::string outPath = cli.value(QStringLiteral("output")).toStdString();
    CaseExporter::Options options;
    options.share = cli.isSet(QStringLiteral("share"));
    // The map from marker to original stays on this machine, readable by
    // this user alone.
    options.mappingDir = CaseExporter::defaultMappingDir();
    InterruptGuard guard;
    ExportSummary summary;
    try {
        summary = CaseExporter::run(casePath, outPath, options,
                                    [&guard] { return guard.token().isCancelled(); });
    } catch (const CaseExporter::Cancelled &) {
        return ExitInterrupted;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(casePath, error);
    } catch (const SqlError &error) {
        // The case is only read: a database error is the copy's.
        return CliOutput::caseError(outPath, error, CliOutput::CaseUse::Writing);
    } catch (const std::exception &error) {
        // OUT is the case, or cannot be written.
        CliOutput::error(outPath, 0, -1, error.what());
        return ExitCase;
    }
    if (cli.isSet(QStringLiteral("json"))) {
        nlohmann::json line{{"path", outPath},
                            {"bytes", summary.bytes},
                            {"share", options.share},
                            {"redacted", summary.redacted},
                            {"rekeyed", summary.rekeyed},
                            {"changed", summary.cellsChanged},
                            {"mapping", summary.mappingPath.empty()
                                            ? nlohmann::json(nullptr)
                                            : nlohmann::json(summary.mappingPath)}};
        CliOutput::printLine(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return ExitOk;
    }
    std::printf("wrote %s (%lld bytes)\n", outPath.c_str(), (long long)summary.bytes);
    if (options.share) {
        for (const auto &[rule, count] : summary.redacted)
            std::printf("redacted %lld %s\n", (long long)count, rule.c_str());
        if (summary.redacted.empty()) std::printf("redacted nothing new\n");
        if (summary.rekeyed) std::printf("re-keyed %lld markers\n", (long long)summary.rekeyed);
        if (!summary.mappingPath.empty())
            std::printf("the originals are kept on this machine only: %s\n",
                        summary.mappingPath.c_str());
    }
    return ExitOk;
}

} // namespace perfcase
