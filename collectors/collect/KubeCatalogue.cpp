#include "KubeCatalogue.h"

#include "KubeArguments.h"
#include "UntrustedJson.h"

#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

const KubePermission kListHpa{"list", "horizontalpodautoscalers.autoscaling"};
const KubePermission kGetHpa{"get", "horizontalpodautoscalers.autoscaling"};
const KubePermission kListEvents{"list", "events"};
const KubePermission kListPods{"list", "pods"};
const KubePermission kGetDeployment{"get", "deployments.apps"};
const KubePermission kPodLogs{"get", "pods", "log"};
const KubePermission kTopPods{"list", "pods.metrics.k8s.io"};
const KubePermission kTopNodes{"list", "nodes.metrics.k8s.io", "", true};

std::string param(const KubeScope &scope, const std::string &name)
{
    const auto found = scope.params.find(name);
    return found == scope.params.end() ? std::string() : found->second;
}

// Output of the cluster is parsed with a depth cap: a hostile API server
// must not exhaust the stack (nlohmann's DOM recurses when copied or dumped).
nlohmann::json parseCapped(const std::string &text, const std::string &what)
{
    nlohmann::json document = UntrustedJson::parse(text);
    if (document.is_discarded() || !document.is_object())
        throw std::invalid_argument(what + ": not a JSON object");
    return document;
}

std::string namespaceLabel(const KubeScope &scope)
{
    return scope.nameSpace.empty() ? std::string("(context namespace)") : scope.nameSpace;
}

} // namespace

const std::vector<KubeCatalogue::Entry> &KubeCatalogue::entries()
{
    static const std::vector<Entry> table = {
        {"hpa-json", "HorizontalPodAutoscalers (JSON)", "k8s-hpa-json", {"hpa"}},
        {"hpa-describe", "HorizontalPodAutoscalers (describe)", "k8s-hpa-describe", {"hpa"}},
        {"events-json", "Events (JSON)", "k8s-events-json", {}},
        {"pods-json", "Pods (JSON)", "k8s-pods-json", {"selector"}},
        {"top-pods", "kubectl top pods", "kubectl-top-pods", {"selector"}},
        {"top-nodes", "kubectl top nodes", "kubectl-top-nodes", {}},
        {"logs", "Pod logs of a deployment", "kubectl-logs", {"deployment", "selector"}},
    };
    return table;
}

const KubeCatalogue::Entry *KubeCatalogue::find(const std::string &id)
{
    for (const auto &entry : entries())
        if (entry.id == id) return &entry;
    return nullptr;
}

std::vector<std::string> KubeCatalogue::base(const KubeScope &scope, bool namespaced)
{
    std::vector<std::string> argv = {scope.kubectl};
    // --flag=value forms: a value can never be taken for another option.
    if (!scope.context.empty())
        argv.push_back("--context=" + KubeArguments::context(scope.context, "context"));
    if (namespaced && !scope.nameSpace.empty())
        argv.push_back("--namespace=" + KubeArguments::label(scope.nameSpace, "namespace"));
    return argv;
}

KubeCommand KubeCatalogue::command(const std::string &id, const KubeScope &scope)
{
    const Entry *entry = find(id);
    if (!entry) throw std::invalid_argument("unknown collector '" + id + "'");
    if (id == "logs") return deploymentForLogs(scope);
    KubeCommand command{id,
                        entry->title,
                        base(scope, id != "top-nodes"),
                        entry->format,
                        id + " " + namespaceLabel(scope),
                        {}};
    auto &argv = command.argv;
    const std::string hpa = param(scope, "hpa");
    const std::string selector = param(scope, "selector");
    if (id == "hpa-json") {
        argv.insert(argv.end(), {"get", "horizontalpodautoscalers"});
        if (!hpa.empty()) argv.push_back(KubeArguments::subdomain(hpa, "hpa"));
        argv.insert(argv.end(), {"--output=json"});
        command.permissions = {hpa.empty() ? kListHpa : kGetHpa};
    } else if (id == "hpa-describe") {
        argv.insert(argv.end(), {"describe", "horizontalpodautoscalers"});
        if (!hpa.empty()) argv.push_back(KubeArguments::subdomain(hpa, "hpa"));
        command.permissions = {kListHpa, kListEvents};
    } else if (id == "events-json") {
        argv.insert(argv.end(), {"get", "events", "--output=json"});
        command.permissions = {kListEvents};
    } else if (id == "pods-json") {
        argv.insert(argv.end(), {"get", "pods", "--output=json"});
        if (!selector.empty())
            argv.push_back("--selector=" + KubeArguments::selector(selector, "selector"));
        command.permissions = {kListPods};
    } else if (id == "top-pods") {
        argv.insert(argv.end(), {"top", "pods"});
        if (!selector.empty())
            argv.push_back("--selector=" + KubeArguments::selector(selector, "selector"));
        command.permissions = {kTopPods};
    } else if (id == "top-nodes") {
        argv.insert(argv.end(), {"top", "nodes"});
        command.sourceName = "top-nodes";
        command.permissions = {kTopNodes};
    }
    return command;
}

KubeCommand KubeCatalogue::deploymentForLogs(const KubeScope &scope)
{
    const std::string deployment = param(scope, "deployment");
    const std::string selector = param(scope, "selector");
    if (!selector.empty()) return logsPods(scope, KubeArguments::selector(selector, "selector"));
    if (deployment.empty())
        throw std::invalid_argument(
            "collector 'logs' needs the parameter deployment (or selector)");
    KubeCommand command{"logs", "Deployment " + deployment, base(scope, true),
                        "",     "deployment " + deployment, {kGetDeployment}};
    command.argv.insert(command.argv.end(),
                        {"get", "deployments", KubeArguments::subdomain(deployment, "deployment"),
                         "--output=json"});
    return command;
}

std::string KubeCatalogue::selectorOf(const std::string &deploymentJson)
{
    const nlohmann::json deployment = parseCapped(deploymentJson, "deployment");
    const auto labels =
        deployment.value("/spec/selector/matchLabels"_json_pointer, nlohmann::json::object());
    std::string selector;
    for (const auto &[key, value] : labels.items()) {
        if (!value.is_string()) continue;
        if (!selector.empty()) selector += ',';
        selector += key + "=" + value.get<std::string>();
    }
    if (selector.empty())
        throw std::invalid_argument("the deployment has no spec.selector.matchLabels; give "
                                    "--param selector=KEY=VALUE");
    return KubeArguments::selector(selector, "the deployment's selector");
}

KubeCommand KubeCatalogue::logsPods(const KubeScope &scope, const std::string &selector)
{
    KubeCommand command{"logs", "Pods " + selector, base(scope, true),
                        "",     "pods " + selector, {kListPods}};
    command.argv.insert(command.argv.end(),
                        {"get", "pods", "--selector=" + selector, "--output=json"});
    return command;
}

std::vector<KubeCommand> KubeCatalogue::logsCommands(const KubeScope &scope,
                                                     const std::string &podsJson, int maxPods)
{
    const nlohmann::json pods = parseCapped(podsJson, "pod list");
    const std::string since = KubeArguments::duration(scope.since, "since");
    std::vector<KubeCommand> commands;
    int podCount = 0;
    for (const auto &pod : pods.value("items", nlohmann::json::array())) {
        if (!pod.is_object() || ++podCount > maxPods) continue;
        const std::string name = KubeArguments::subdomain(
            pod.value("/metadata/name"_json_pointer, std::string()), "pod name");
        for (const auto &container :
             pod.value("/spec/containers"_json_pointer, nlohmann::json::array())) {
            const std::string containerName = KubeArguments::label(
                container.is_object() ? container.value("name", std::string()) : std::string(),
                "container name");
            KubeCommand command{
                "logs",         "Logs " + name + "/" + containerName, base(scope, true),
                "kubectl-logs", name + "/" + containerName,           {kPodLogs}};
            command.argv.insert(command.argv.end(), {"logs", name, "--container=" + containerName,
                                                     "--timestamps=true", "--since=" + since});
            commands.push_back(std::move(command));
        }
    }
    return commands;
}

KubeCommand KubeCatalogue::canI(const KubeScope &scope, const KubePermission &permission)
{
    KubeCommand command{
        "auth", "Permission " + permission.text(), base(scope, !permission.clusterScoped), "", "",
        {}};
    command.argv.insert(command.argv.end(),
                        {"auth", "can-i", permission.verb, permission.resource});
    if (!permission.subresource.empty())
        command.argv.push_back("--subresource=" + permission.subresource);
    return command;
}

KubeCommand KubeCatalogue::clientVersion(const KubeScope &scope)
{
    return {"version",
            "kubectl version",
            {scope.kubectl, "version", "--client", "--output=json"},
            "",
            "",
            {}};
}

} // namespace perfcase
