#include "KubeEventWriter.h"

#include "SourceWriter.h"
#include "TimeUtil.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

std::string dump(const nlohmann::json &json)
{
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "spec.containers{app}" -> "app".
std::string containerOf(const std::string &fieldPath)
{
    const std::string prefix = "spec.containers{";
    const std::string initPrefix = "spec.initContainers{";
    for (const std::string &p : {prefix, initPrefix}) {
        if (fieldPath.compare(0, p.size(), p) == 0 && fieldPath.back() == '}')
            return fieldPath.substr(p.size(), fieldPath.size() - p.size() - 1);
    }
    return {};
}

} // namespace

std::string KubeEventWriter::labelKeyFor(const std::string &kind)
{
    if (kind == "Pod") return "pod";
    if (kind == "HorizontalPodAutoscaler") return "hpa";
    if (kind == "Node") return "node";
    if (kind == "Deployment") return "deployment";
    return {};
}

std::string KubeEventWriter::canonicalKind(std::string_view kind)
{
    static constexpr std::string_view kKinds[] = {"Pod",
                                                  "Node",
                                                  "Deployment",
                                                  "ReplicaSet",
                                                  "StatefulSet",
                                                  "DaemonSet",
                                                  "Job",
                                                  "CronJob",
                                                  "HorizontalPodAutoscaler",
                                                  "Service",
                                                  "Endpoints",
                                                  "EndpointSlice",
                                                  "Ingress",
                                                  "PersistentVolumeClaim",
                                                  "PersistentVolume",
                                                  "ConfigMap",
                                                  "Secret",
                                                  "Namespace",
                                                  "ServiceAccount",
                                                  "ReplicationController",
                                                  "PodDisruptionBudget",
                                                  "Lease",
                                                  "StorageClass",
                                                  "NetworkPolicy",
                                                  "CertificateSigningRequest"};
    for (std::string_view known : kKinds) {
        if (known.size() != kind.size()) continue;
        bool same = true;
        for (std::size_t i = 0; same && i < kind.size(); ++i)
            same = std::tolower(static_cast<unsigned char>(known[i])) ==
                   std::tolower(static_cast<unsigned char>(kind[i]));
        if (same) return std::string(known);
    }
    std::string result(kind);
    if (!result.empty() && result.front() >= 'a' && result.front() <= 'z')
        result.front() = char(result.front() - 'a' + 'A');
    return result;
}

std::string KubeEventWriter::probeOf(const KubeEvent &event)
{
    if (event.reason != "Unhealthy") return {};
    struct Probe
    {
        const char *prefix;
        const char *name;
    };
    static constexpr Probe kProbes[] = {{"Readiness probe", "readiness"},
                                        {"Liveness probe", "liveness"},
                                        {"Startup probe", "startup"}};
    for (const Probe &probe : kProbes) {
        const std::string prefix = probe.prefix;
        if (event.message.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = event.message.substr(prefix.size(), 9);
        // "errored" means the kubelet could not run the probe: it counts as
        // a failure too (the container is marked unready just the same).
        if (rest.rfind(" failed", 0) == 0 || rest.rfind(" errored", 0) == 0) return probe.name;
    }
    return {};
}

std::int64_t KubeEventWriter::track(const std::string &name, const std::string &labelsJson)
{
    const std::string key = name + '\n' + labelsJson;
    auto found = m_tracks.find(key);
    if (found != m_tracks.end()) return found->second;
    const std::int64_t id = m_writer.addTrack("instant", name, {}, labelsJson);
    m_tracks.emplace(key, id);
    return id;
}

void KubeEventWriter::write(const KubeEvent &event)
{
    const std::int64_t last = event.last ? *event.last : *event.first;
    const std::int64_t first = event.first ? *event.first : last;

    nlohmann::json labels = nlohmann::json::object();
    if (!event.ns.empty()) labels["namespace"] = event.ns;
    labels["kind"] = event.kind;
    labels["name"] = event.name;
    const std::string key = labelKeyFor(event.kind);
    if (!key.empty()) labels[key] = event.name;

    nlohmann::json args = {{"type", event.type},   {"reason", event.reason},
                           {"count", event.count}, {"first", formatRfc3339(first)},
                           {"first_ns", first},    {"last", formatRfc3339(last)},
                           {"last_ns", last},      {"message", event.message},
                           {"component", nullptr}};
    if (!event.component.empty()) args["component"] = event.component;
    const std::string container = containerOf(event.fieldPath);
    if (!container.empty()) args["container"] = container;
    if (!event.eventName.empty()) args["event"] = event.eventName;
    const std::string argsJson = dump(args);
    const LogLevel severity = event.type == "Warning" ? LogLevel::Warning : LogLevel::Info;
    const std::string name = event.reason.empty() ? std::string("(no reason)") : event.reason;

    m_writer.addInstant(track("k8s.events", dump(labels)), last, name, severity, argsJson);

    const std::string probe = probeOf(event);
    if (!probe.empty() && event.kind == "Pod") {
        nlohmann::json probeLabels = nlohmann::json::object();
        if (!event.ns.empty()) probeLabels["namespace"] = event.ns;
        probeLabels["pod"] = event.name;
        probeLabels["probe"] = probe;
        m_writer.addInstant(track("k8s.probe_failures", dump(probeLabels)), last, name, severity,
                            argsJson);
    }
}

} // namespace perfcase
