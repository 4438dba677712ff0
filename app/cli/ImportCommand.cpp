#include "CaseFile.h"
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "InterruptGuard.h"
#include "TimeUtil.h"
#include "import/ImportBatch.h"
#include "import/ImporterRegistry.h"
#include "logs/ZoneResolver.h"
#include "sqlite/SqlError.h"

#include <QFileInfo>
#include <cstdio>

namespace perfcase {

namespace {

// Every format id of CLI.md; those without an importer yet are refused
// with a clear message rather than as unknown.
void report(const ImportOutcome &outcome, bool json)
{
    for (const ImportNotice &w : outcome.warnings)
        CliOutput::warning(outcome.path, w.line, w.byte, w.message);
    switch (outcome.status) {
    case ImportOutcome::Status::Skipped:
        CliOutput::skipped(outcome.path, outcome.error);
        break;
    case ImportOutcome::Status::Failed:
        CliOutput::error(outcome.path, outcome.errorLine, outcome.errorByte, outcome.error);
        break;
    default:
        break;
    }
    if (json) {
        CliOutput::printLine(CliOutput::outcomeJson(outcome).dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
    }
    if (outcome.status == ImportOutcome::Status::Imported) {
        std::printf("imported %s: source #%lld, %s, %lld records, %lld rejected%s "
                    "(%.2f s, searchable after %.2f s)\n",
                    outcome.path.c_str(), static_cast<long long>(outcome.sourceId),
                    outcome.format.c_str(), static_cast<long long>(outcome.records),
                    static_cast<long long>(outcome.rejected), outcome.partial ? ", partial" : "",
                    outcome.rowsSeconds, outcome.seconds);
    } else if (outcome.status == ImportOutcome::Status::Duplicate) {
        std::printf("duplicate %s: already imported as source #%lld\n", outcome.path.c_str(),
                    static_cast<long long>(outcome.sourceId));
    }
    std::fflush(stdout);
}

} // namespace

int runImportCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("import"),
                    QStringLiteral("CASE PATH... [--format F] [--name N] [--tz ZONE] [--year YYYY] "
                                   "[--at TIME] [--json]"));
    cli.addOption({QStringLiteral("format"), QStringLiteral("Format id (see `perfcase formats`)."),
                   QStringLiteral("F")});
    cli.addOption({QStringLiteral("name"), QStringLiteral("Source name (one file only)."),
                   QStringLiteral("N")});
    cli.addOption({QStringLiteral("tz"),
                   QStringLiteral("IANA zone of times without one (default UTC)."),
                   QStringLiteral("ZONE")});
    cli.addOption({QStringLiteral("year"), QStringLiteral("Year for formats without one."),
                   QStringLiteral("YYYY")});
    cli.addOption({QStringLiteral("at"),
                   QStringLiteral("Capture time (RFC 3339, Unix seconds, now-1h)."),
                   QStringLiteral("TIME")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("One JSON line per file.")});
    if (auto exit = cli.parse(arguments, 2, -1)) return *exit;

    QStringList positional = cli.positional();
    const std::string casePath = positional.takeFirst().toStdString();
    ImportOptions options;
    options.format = cli.value(QStringLiteral("format")).toStdString();
    // The bundled formats and the user's own (docs/formats.md).
    const ImporterRegistry importers;
    if (!options.format.empty() && !importers.find(options.format))
        return cli.usageError(
            QStringLiteral("unknown format \"%1\"%2")
                .arg(cli.value(QStringLiteral("format")),
                     QString::fromStdString(importers.logFormats().unloadedNote())));
    if (cli.isSet(QStringLiteral("name"))) {
        if (positional.size() != 1 || QFileInfo(positional.at(0)).isDir())
            return cli.usageError(QStringLiteral("--name goes with one file only"));
        options.name = cli.value(QStringLiteral("name")).toStdString();
    }
    if (cli.isSet(QStringLiteral("tz"))) {
        options.tz = cli.value(QStringLiteral("tz")).toStdString();
        try {
            ZoneResolver check(options.tz);
        } catch (const std::invalid_argument &error) {
            return cli.usageError(QString::fromStdString(error.what()));
        }
    }
    if (cli.isSet(QStringLiteral("year"))) {
        bool ok = false;
        int year = cli.value(QStringLiteral("year")).toInt(&ok);
        if (!ok || year < 1970 || year > 9999)
            return cli.usageError(QStringLiteral("--year takes a year such as 2026"));
        options.year = year;
    }
    if (cli.isSet(QStringLiteral("at"))) {
        options.at = parseTimeArgument(cli.value(QStringLiteral("at")).toStdString(), nowNs());
        if (!options.at)
            return cli.usageError(QStringLiteral("--at takes RFC 3339, Unix seconds or now-1h"));
    }
    const bool json = cli.isSet(QStringLiteral("json"));

    try {
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite);
        file->requireWritable();
        InterruptGuard interrupt;
        std::vector<std::string> paths;
        for (const QString &path : positional)
            paths.push_back(path.toStdString());
        ImportBatch batch(*file, importers);
        auto summary = batch.run(paths, options, interrupt.token(),
                                 [&](const ImportOutcome &outcome) { report(outcome, json); });
        for (const ClockAligner::Proposal &aligned : summary.aligned) {
            std::fprintf(stderr,
                         "perfcase: note: source #%lld aligned to source #%lld by %d matching "
                         "requests: offset %+.6f s, residual %.3f ms\n",
                         static_cast<long long>(aligned.sourceId),
                         static_cast<long long>(aligned.referenceSourceId), aligned.matches,
                         double(aligned.offsetNs) / 1e9, double(aligned.residualNs) / 1e6);
        }
        file->checkpoint();
        if (summary.cancelled) {
            CliOutput::error(
                "interrupted: the file in progress was rolled back; finished files stay");
            return ExitInterrupted;
        }
        if (interrupt.interrupted()) {
            // The signal came after the last file was ready: nothing to roll back.
            CliOutput::error("interrupted after every file was imported: they all stay");
            return ExitInterrupted;
        }
        return summary.inputError ? ExitInput : ExitOk;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(casePath, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(casePath, error, CliOutput::CaseUse::Writing);
    }
}

} // namespace perfcase
