#include "KubeCollector.h"

#include "CaseFile.h"
#include "CollectedOutput.h"
#include "TimeUtil.h"
#include "transport/ShellQuote.h"
#include "transport/Transport.h"

#include <algorithm>

namespace perfcase {

namespace {

std::string firstLine(const std::string &text)
{
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > 300) line = line.substr(0, 300) + "…";
    return line;
}

// The kubectl that kubectl version found, for the error when there is none.
std::string notRunnable(const std::string &target, const std::string &why)
{
    return "kubectl cannot run on " + target + ": " + why;
}

} // namespace

std::string statusName(CollectOutcome::Status status)
{
    switch (status) {
    case CollectOutcome::Status::Imported:
        return "imported";
    case CollectOutcome::Status::Denied:
        return "denied";
    case CollectOutcome::Status::Failed:
        break;
    }
    return "failed";
}

KubeCollector::KubeCollector(Transport &transport, CaseFile &file,
                             const ImporterRegistry &importers)
    : m_transport(transport), m_file(file), m_importers(importers)
{}

bool KubeCollector::allowed(const KubeCommand &command, const KubeScope &scope,
                            const CancelToken &token, std::string &missing)
{
    for (const auto &permission : command.permissions) {
        auto known = m_permissions.find(permission.text());
        if (known == m_permissions.end()) {
            const KubeCommand ask = KubeCatalogue::canI(scope, permission);
            const CommandResult result = m_transport.run(ask.argv, RunLimits{30}, token);
            // "yes" exits 0, "no" exits 1 with "no" on stdout; anything else
            // (an old server without the API) is no answer: try the command.
            const bool no = result.exitCode != 0 && result.out.rfind("no", 0) == 0;
            known = m_permissions.emplace(permission.text(), !no).first;
        }
        if (!known->second) {
            missing = permission.text();
            m_denied.insert(missing);
            return false;
        }
    }
    return true;
}

CollectOutcome KubeCollector::runAndImport(const KubeCommand &command, const CancelToken &token)
{
    CollectOutcome outcome;
    outcome.command = command;
    outcome.commandText = shellCommand(command.argv);
    outcome.target = m_transport.target();
    outcome.transport = m_transport.kind();
    CommandResult result;
    try {
        result = m_transport.run(command.argv, RunLimits{}, token);
    } catch (const TransportError &error) {
        if (error.kind() == TransportError::Kind::HostKey) throw;
        outcome.error = error.what();
        return outcome;
    }
    outcome.transport = m_transport.kind();
    outcome.collectedAt = nowNs();
    if (result.exitCode != 0) {
        outcome.error = "exit " + std::to_string(result.exitCode) +
                        (result.err.empty() ? std::string() : ": " + firstLine(result.err));
        return outcome;
    }
    if (command.format.empty()) {
        // A step the collector reads itself (the deployment, its pods).
        outcome.status = CollectOutcome::Status::Imported;
        outcome.output = std::move(result.out);
        return outcome;
    }
    CollectedOutput output{outcome.commandText,
                           outcome.target,
                           outcome.transport,
                           outcome.collectedAt,
                           std::move(result.out),
                           std::move(result.err),
                           {}};
    if (!m_version.empty()) output.attachments.push_back({"kubectl-version.json", m_version});
    outcome.import =
        output.importInto(m_file, m_importers, command.format, command.sourceName, token);
    if (outcome.import.status == ImportOutcome::Status::Cancelled) throw Cancelled{};
    if (outcome.import.status == ImportOutcome::Status::Imported) {
        outcome.status = CollectOutcome::Status::Imported;
    } else {
        outcome.error =
            outcome.import.error.empty() ? "nothing could be imported" : outcome.import.error;
    }
    return outcome;
}

void KubeCollector::readVersion(const KubeScope &scope, const CancelToken &token)
{
    const KubeCommand version = KubeCatalogue::clientVersion(scope);
    const CommandResult result = m_transport.run(version.argv, RunLimits{30}, token);
    if (result.exitCode != 0)
        throw TransportError(
            TransportError::Kind::Connection,
            notRunnable(m_transport.target(), result.err.empty()
                                                  ? "exit " + std::to_string(result.exitCode)
                                                  : firstLine(result.err)));
    m_version = result.out;
}

std::vector<CollectOutcome> KubeCollector::collect(const std::vector<Request> &requests,
                                                   const CancelToken &token,
                                                   const OutcomeFn &onOutcome,
                                                   const ProgressFn &progress)
{
    // Every command is built (and every value checked) before any runs;
    // the same command asked by two steps runs once.
    std::vector<std::pair<KubeCommand, KubeScope>> commands;
    for (const auto &request : requests) {
        KubeCommand command = KubeCatalogue::command(request.collector, request.scope);
        const bool seen = std::any_of(commands.begin(), commands.end(), [&](const auto &known) {
            return known.first.argv == command.argv;
        });
        if (!seen) commands.emplace_back(std::move(command), request.scope);
    }
    m_denied.clear();

    std::vector<CollectOutcome> outcomes;
    auto report = [&](CollectOutcome outcome) {
        if (onOutcome) onOutcome(outcome);
        outcomes.push_back(std::move(outcome));
    };
    int done = 0;
    auto step = [&](const std::string &title) {
        if (progress) progress(done, int(commands.size()), title);
    };

    if (m_version.empty()) {
        step("kubectl version");
        readVersion(requests.empty() ? KubeScope{} : requests.front().scope, token);
    }

    for (std::size_t i = 0; i < commands.size(); ++i, ++done) {
        if (token.isCancelled()) throw Cancelled{};
        const auto [command, scope] = commands[i];
        step(command.title);
        std::string missing;
        if (!allowed(command, scope, token, missing)) {
            CollectOutcome denied;
            denied.status = CollectOutcome::Status::Denied;
            denied.command = command;
            denied.commandText = shellCommand(command.argv);
            denied.target = m_transport.target();
            denied.transport = m_transport.kind();
            denied.error = "missing permission: " + missing +
                           (scope.nameSpace.empty() ? "" : " in namespace " + scope.nameSpace) +
                           " (kubectl auth can-i said no)";
            report(std::move(denied));
            continue;
        }
        CollectOutcome outcome = runAndImport(command, token);
        if (!command.format.empty() || outcome.status != CollectOutcome::Status::Imported) {
            report(std::move(outcome));
            continue;
        }
        // `logs`: deployment -> its selector -> its pods -> one logs
        // command per container, queued right after this step.
        try {
            std::vector<KubeCommand> next;
            if (std::find(command.argv.begin(), command.argv.end(), "deployments") !=
                command.argv.end())
                next.push_back(
                    KubeCatalogue::logsPods(scope, KubeCatalogue::selectorOf(outcome.output)));
            else
                next = KubeCatalogue::logsCommands(scope, outcome.output);
            if (next.empty()) throw std::invalid_argument("no pod matches");
            std::vector<std::pair<KubeCommand, KubeScope>> queued;
            for (auto &command : next)
                queued.emplace_back(std::move(command), scope);
            commands.insert(commands.begin() + std::ptrdiff_t(i) + 1, queued.begin(), queued.end());
        } catch (const std::exception &error) {
            outcome.status = CollectOutcome::Status::Failed;
            outcome.error = std::string("cannot find the pods to read logs from: ") + error.what();
            report(std::move(outcome));
        }
    }
    step("done");
    return outcomes;
}

std::vector<KubeCollector::Request> KubeCollector::requestsFor(const CollectPlan &plan,
                                                               const KubeScope &base)
{
    std::vector<Request> requests;
    for (const auto &action : plan.actions) {
        KubeScope scope = base;
        for (const auto &[key, value] : action.params) {
            if (key == "namespace")
                scope.nameSpace = value;
            else
                scope.params[key] = value;
        }
        requests.push_back({action.collector, scope});
    }
    return requests;
}

} // namespace perfcase
