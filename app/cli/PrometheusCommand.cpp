#include "CaseFile.h"
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "InterruptGuard.h"
#include "TimeUtil.h"
#include "import/ImporterRegistry.h"
#include "prometheus/PrometheusClient.h"
#include "prometheus/PrometheusCollector.h"
#include "prometheus/PrometheusStep.h"
#include "sqlite/SqlError.h"

#include <cstdio>

namespace perfcase {

namespace {

// One `prometheus --json` line: the import line plus what ran where (CLI.md).
nlohmann::json outcomeLine(const PrometheusOutcome &outcome)
{
    nlohmann::json line = CliOutput::outcomeJson(outcome.import);
    CliOutput::addCollected(line, outcome.command, outcome.target, outcome.collectedAt);
    return line;
}

void report(const PrometheusOutcome &outcome, bool json)
{
    for (const ImportNotice &w : outcome.import.warnings)
        CliOutput::warning(outcome.import.path, w.line, w.byte, w.message);
    if (!outcome.imported()) CliOutput::error(outcome.target, 0, -1, outcome.import.error);
    if (json) {
        CliOutput::printLine(
            outcomeLine(outcome).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
    }
    if (outcome.imported()) {
        std::printf("imported %s: source #%lld, %lld samples, %lld rejected%s <- %s: %s\n",
                    outcome.import.path.c_str(), static_cast<long long>(outcome.import.sourceId),
                    static_cast<long long>(outcome.import.records),
                    static_cast<long long>(outcome.import.rejected),
                    outcome.import.partial ? ", partial" : "", outcome.target.c_str(),
                    outcome.command.c_str());
        std::fflush(stdout);
    }
}

} // namespace

int runPrometheusCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("prometheus"),
                    QStringLiteral("CASE --url URL --query PROMQL --start T --end T [--step S] "
                                   "[--name N] [--json]"));
    cli.addOption({QStringLiteral("url"),
                   QStringLiteral("Prometheus' base URL, http(s)://host:port[/prefix]."),
                   QStringLiteral("URL")});
    cli.addOption({QStringLiteral("query"), QStringLiteral("The PromQL expression."),
                   QStringLiteral("PROMQL")});
    cli.addOption({QStringLiteral("start"),
                   QStringLiteral("Window start (RFC 3339, Unix seconds, now-1h)."),
                   QStringLiteral("T")});
    cli.addOption({QStringLiteral("end"),
                   QStringLiteral("Window end (RFC 3339, Unix seconds, now)."),
                   QStringLiteral("T")});
    cli.addOption({QStringLiteral("step"),
                   QStringLiteral("Resolution (15s, 1m, 0.5; default max(1s, window/1000))."),
                   QStringLiteral("S")});
    cli.addOption({QStringLiteral("name"),
                   QStringLiteral("Source name (default: the query, shortened)."),
                   QStringLiteral("N")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("One JSON line (CLI.md shape).")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;

    for (const char *required : {"url", "query", "start", "end"})
        if (!cli.isSet(QLatin1String(required)))
            return cli.usageError(QStringLiteral("--%1 is required").arg(QLatin1String(required)));
    std::string urlError;
    const QUrl url = PrometheusClient::parseBaseUrl(cli.value(QStringLiteral("url")), urlError);
    if (url.isEmpty()) return cli.usageError(QString::fromStdString(urlError));

    PrometheusRange range;
    range.query = cli.value(QStringLiteral("query")).trimmed().toStdString();
    if (range.query.empty()) return cli.usageError(QStringLiteral("--query is empty"));
    // One "now" for both ends, so --start now-1h --end now is exactly an hour.
    const std::int64_t now = nowNs();
    const auto start = parseTimeArgument(cli.value(QStringLiteral("start")).toStdString(), now);
    const auto end = parseTimeArgument(cli.value(QStringLiteral("end")).toStdString(), now);
    if (!start)
        return cli.usageError(QStringLiteral("--start takes RFC 3339, Unix seconds or now-1h"));
    if (!end) return cli.usageError(QStringLiteral("--end takes RFC 3339, Unix seconds or now"));
    if (*end < *start) return cli.usageError(QStringLiteral("--end is before --start"));
    range.start = *start;
    range.end = *end;
    range.step = PrometheusStep::defaultFor(range.start, range.end);
    if (cli.isSet(QStringLiteral("step"))) {
        const auto step = PrometheusStep::parse(cli.value(QStringLiteral("step")).toStdString());
        if (!step)
            return cli.usageError(QStringLiteral("--step takes a duration (15s, 1m30s) or seconds "
                                                 "(0.5), not '%1'")
                                      .arg(cli.value(QStringLiteral("step"))));
        range.step = *step;
    }
    if (const std::string why = PrometheusStep::check(range.step, range.start, range.end);
        !why.empty())
        return cli.usageError(QStringLiteral("--step: ") + QString::fromStdString(why));
    const std::string name = cli.value(QStringLiteral("name")).toStdString();
    if (cli.isSet(QStringLiteral("name")) && name.empty())
        return cli.usageError(QStringLiteral("--name is empty"));

    const std::string path = cli.positional().at(0).toStdString();
    const bool json = cli.isSet(QStringLiteral("json"));
    InterruptGuard guard;
    try {
        auto file = CaseFile::open(path, CaseFile::Access::ReadWrite);
        file->requireWritable();
        const ImporterRegistry importers;
        const PrometheusClient client(url);
        PrometheusCollector collector(client, *file, importers);
        const PrometheusOutcome outcome = collector.collect(range, name, guard.token());
        report(outcome, json);
        if (!outcome.imported()) return ExitCannotRun;
        file->checkpoint();
        return ExitOk;
    } catch (const Cancelled &) {
        CliOutput::error("interrupted: nothing of this query was kept");
        return ExitInterrupted;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(path, error, CliOutput::CaseUse::Writing);
    }
}

} // namespace perfcase
