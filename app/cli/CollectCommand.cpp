#include "CaseFile.h"
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "InterruptGuard.h"
#include "QueryRunner.h"
#include "TerminalPrompter.h"
#include "collect/KubeArguments.h"
#include "collect/KubeCollector.h"
#include "collect/LiveSampler.h"
#include "import/ImporterRegistry.h"
#include "playbook/ChecklistStore.h"
#include "playbook/CollectPlan.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"
#include "sqlite/SqlError.h"
#include "transport/SshTransport.h"
#include "transport/TransportFactory.h"

#include <cstdio>

namespace perfcase {

namespace {

nlohmann::json collectJson(const CollectOutcome &outcome)
{
    nlohmann::json line;
    if (outcome.status == CollectOutcome::Status::Imported) {
        line = CliOutput::outcomeJson(outcome.import);
    } else {
        line = {{"path", outcome.command.sourceName},
                {"status", statusName(outcome.status)},
                {"source_id", nullptr},
                {"error", outcome.error}};
    }
    line["collector"] = outcome.command.collector;
    line["transport"] = outcome.transport;
    CliOutput::addCollected(line, outcome.commandText, outcome.target, outcome.collectedAt);
    return line;
}

void report(const CollectOutcome &outcome, bool json)
{
    if (json) {
        CliOutput::printLine(
            collectJson(outcome).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else if (outcome.status == CollectOutcome::Status::Imported) {
        std::printf("imported %s: %lld records (source %lld) <- %s\n",
                    outcome.command.sourceName.c_str(), (long long)outcome.import.records,
                    (long long)outcome.import.sourceId, outcome.commandText.c_str());
    }
    if (outcome.status != CollectOutcome::Status::Imported)
        CliOutput::error(outcome.target + ": " + outcome.commandText + ": " + outcome.error);
}

// --param NAME=VALUE..., --namespace NS.
std::optional<std::map<std::string, std::string>> parameters(const CommandLine &cli, int &exit)
{
    std::map<std::string, std::string> values;
    for (const QString &pair : cli.values(QStringLiteral("param"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            exit = cli.usageError(QStringLiteral("--param wants NAME=VALUE, not '%1'").arg(pair));
            return std::nullopt;
        }
        values[pair.left(equals).toStdString()] = pair.mid(equals + 1).toStdString();
    }
    if (cli.isSet(QStringLiteral("namespace")))
        values["namespace"] = cli.value(QStringLiteral("namespace")).toStdString();
    return values;
}

std::optional<int> durationSeconds(const QString &text)
{
    try {
        KubeArguments::duration(text.toStdString(), "duration");
    } catch (const std::exception &) {
        return std::nullopt;
    }
    int total = 0, number = 0;
    for (QChar c : text) {
        if (c.isDigit()) {
            number = number * 10 + c.digitValue();
            continue;
        }
        total += number * (c == QLatin1Char('h') ? 3600 : c == QLatin1Char('m') ? 60 : 1);
        number = 0;
    }
    return total;
}

int exitFor(const TransportError &error)
{
    return error.kind() == TransportError::Kind::HostKey ? ExitInput : ExitCannotRun;
}

} // namespace

int runCollectCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("collect"),
                    QStringLiteral("CASE --playbook ID --target TARGET [--namespace NS] "
                                   "[--param K=V]... [--since DURATION] [--kube-context CTX] "
                                   "[--accept-new-host-key] [--live DURATION [--interval "
                                   "SECONDS]] [--json]"));
    cli.addOption({QStringLiteral("playbook"),
                   QStringLiteral("The playbook whose collect "
                                  "actions run."),
                   QStringLiteral("ID")});
    cli.addOption({QStringLiteral("target"),
                   QStringLiteral("local, ssh://user@host[:port] or a ~/.ssh/config Host."),
                   QStringLiteral("TARGET")});
    cli.addOption({QStringLiteral("namespace"),
                   QStringLiteral("Shorthand for --param "
                                  "namespace=NS."),
                   QStringLiteral("NS")});
    cli.addOption({QStringLiteral("param"), QStringLiteral("A playbook parameter."),
                   QStringLiteral("NAME=VALUE")});
    cli.addOption({QStringLiteral("since"), QStringLiteral("How far back logs go (default 1h)."),
                   QStringLiteral("DURATION")});
    cli.addOption({QStringLiteral("kube-context"), QStringLiteral("The kubeconfig context."),
                   QStringLiteral("CTX")});
    cli.addOption({QStringLiteral("accept-new-host-key"),
                   QStringLiteral("Trust an unknown SSH host key and add it to known_hosts.")});
    cli.addOption({QStringLiteral("live"),
                   QStringLiteral("Then keep sampling top, HPA and events this long."),
                   QStringLiteral("DURATION")});
    cli.addOption({QStringLiteral("interval"),
                   QStringLiteral("Seconds between live samples (default 5)."),
                   QStringLiteral("SECONDS")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print JSON Lines (CLI.md shape).")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;
    PlaybookCatalog catalog;
    const Playbook *playbook = requirePlaybook(cli, catalog);
    if (!playbook) return ExitUsage;
    if (!cli.isSet(QStringLiteral("target")))
        return cli.usageError(QStringLiteral("--target is required (local, ssh://user@host or a "
                                             "~/.ssh/config Host)"));
    int exit = ExitOk;
    const auto values = parameters(cli, exit);
    if (!values) return exit;

    KubeScope base;
    base.since = cli.isSet(QStringLiteral("since"))
                     ? cli.value(QStringLiteral("since")).toStdString()
                     : std::string("1h");
    base.context = cli.value(QStringLiteral("kube-context")).toStdString();
    std::optional<int> liveSeconds;
    int interval = 5;
    if (cli.isSet(QStringLiteral("live"))) {
        liveSeconds = durationSeconds(cli.value(QStringLiteral("live")));
        if (!liveSeconds)
            return cli.usageError(QStringLiteral("--live wants a duration like 90s or 10m"));
    }
    if (cli.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        interval = cli.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || interval < 1)
            return cli.usageError(QStringLiteral("--interval wants whole seconds, at least 1"));
    }
    std::vector<KubeCollector::Request> requests;
    try {
        requests = KubeCollector::requestsFor(CollectPlan::build(*playbook, *values), base);
        KubeArguments::duration(base.since, "--since");
        for (const auto &request : requests)
            KubeCatalogue::command(request.collector, request.scope);
    } catch (const std::invalid_argument &error) {
        return cli.usageError(QString::fromStdString(error.what()));
    }
    if (requests.empty())
        return cli.usageError(QStringLiteral("playbook %1 has nothing to collect")
                                  .arg(QString::fromStdString(playbook->id)));

    const std::string path = cli.positional().at(0).toStdString();
    const std::string targetText = cli.value(QStringLiteral("target")).toStdString();
    const bool json = cli.isSet(QStringLiteral("json"));
    InterruptGuard guard;
    try {
        auto file = CaseFile::open(path, CaseFile::Access::ReadWrite);
        file->requireWritable();
        TerminalPrompter prompter(cli.isSet(QStringLiteral("accept-new-host-key")));
        std::vector<std::string> warnings;
        std::unique_ptr<Transport> transport;
        try {
            transport = makeTransport(targetText, prompter,
                                      cli.isSet(QStringLiteral("accept-new-host-key")), &warnings);
        } catch (const std::invalid_argument &error) {
            return cli.usageError(QString::fromStdString(error.what()));
        }
        for (const auto &warning : warnings)
            CliOutput::warning(targetText, 0, -1, warning);
        const ImporterRegistry importers;
        KubeCollector collector(*transport, *file, importers);
        int imported = 0;
        auto onOutcome = [&](const CollectOutcome &outcome) {
            if (outcome.status == CollectOutcome::Status::Imported) ++imported;
            report(outcome, json);
        };
        collector.collect(requests, guard.token(), onOutcome);
        if (liveSeconds) {
            LiveSampler sampler(*transport, *file, importers, requests.front().scope);
            sampler.run(std::chrono::seconds(*liveSeconds), std::chrono::seconds(interval),
                        guard.token(), onOutcome);
        }
        if (auto *ssh = dynamic_cast<SshTransport *>(transport.get()))
            for (const auto &notice : ssh->notices())
                CliOutput::warning(targetText, 0, -1, notice);
        if (imported == 0) return ExitCannotRun;
        // The new data changes what the steps see: check again and store it.
        QueryRunner runner(path);
        ChecklistStore(file->db()).saveRun(PlaybookEngine(runner).run(*playbook));
        return ExitOk;
    } catch (const Cancelled &) {
        return ExitInterrupted;
    } catch (const TransportError &error) {
        CliOutput::error(targetText, 0, -1, error.what());
        return exitFor(error);
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(path, error, CliOutput::CaseUse::Writing);
    }
}

} // namespace perfcase
