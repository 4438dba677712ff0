#pragma once

#include <map>
#include <string>
#include <vector>

namespace perfcase {

// Where kubectl commands point and the values they take (CLI.md, --param).
struct KubeScope
{
    std::string kubectl = "kubectl";
    std::string context;   // empty: the kubeconfig's current context
    std::string nameSpace; // empty: the context's namespace
    std::string since = "1h";
    std::map<std::string, std::string> params; // deployment, selector, hpa, ...
};

// What `kubectl auth can-i` is asked before a signal is collected.
struct KubePermission
{
    std::string verb;     // get, list
    std::string resource; // pods, pods.metrics.k8s.io, horizontalpodautoscalers.autoscaling
    std::string subresource = {};
    bool clusterScoped = false;

    std::string text() const
    {
        return verb + " " + resource + (subresource.empty() ? "" : "/" + subresource);
    }
    bool operator<(const KubePermission &other) const { return text() < other.text(); }
};

// One read-only kubectl invocation, built from validated arguments.
struct KubeCommand
{
    std::string collector;         // catalogue id: hpa-json, events-json, ...
    std::string title;             // for progress and reports
    std::vector<std::string> argv; // starting with kubectl
    std::string format;            // importer id; empty: read by the collector itself
    std::string sourceName;
    std::vector<KubePermission> permissions;
};

// The read-only kubectl invocations Perfcase may run (DESIGN.md): get,
// describe, top, logs, auth can-i, version — only forms that exist from
// kubectl 1.20 on. There is no way to build exec, attach, port-forward,
// edit, delete or scale: the verbs are literals here, and every value the
// user gives is checked (KubeArguments) and passed as one argument.
class KubeCatalogue
{
public:
    struct Entry
    {
        std::string id;
        std::string title;
        std::string format;
        std::vector<std::string> params; // parameters it uses besides the namespace
    };
    static const std::vector<Entry> &entries();
    static const Entry *find(const std::string &id);

    // Throws InvalidArgument (a bad value) or std::invalid_argument (an
    // unknown collector, a missing parameter). `logs` needs the pods first:
    // see logsPods and logsCommands.
    static KubeCommand command(const std::string &id, const KubeScope &scope);

    // `logs`: the pods of the deployment (or selector) as JSON, then one
    // `logs POD -c CONTAINER` per container of those pods.
    static KubeCommand deploymentForLogs(const KubeScope &scope);
    static std::string selectorOf(const std::string &deploymentJson);
    static KubeCommand logsPods(const KubeScope &scope, const std::string &selector);
    static std::vector<KubeCommand> logsCommands(const KubeScope &scope,
                                                 const std::string &podsJson, int maxPods = 20);

    static KubeCommand canI(const KubeScope &scope, const KubePermission &permission);
    static KubeCommand clientVersion(const KubeScope &scope);

private:
    static std::vector<std::string> base(const KubeScope &scope, bool namespaced);
};

} // namespace perfcase
