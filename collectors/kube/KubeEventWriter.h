#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

class SourceWriter;

// One Kubernetes event, whatever it was read from (v1 or events.k8s.io/v1
// JSON, the old internal dump, `kubectl get events` / `kubectl events`
// tables, the Events section of `kubectl describe`).
struct KubeEvent
{
    std::string ns;        // of the involved object; empty when unknown
    std::string kind;      // involved object kind ("Pod", "HorizontalPodAutoscaler")
    std::string name;      // involved object name
    std::string fieldPath; // "spec.containers{app}", if any
    std::string reason, type, message, component;
    std::string eventName; // metadata.name of the Event object, if known
    std::int64_t count = 1;
    std::optional<std::int64_t> first, last; // ns; at least one is set
};

// Writes events into the vocabulary's tracks (docs/formats.md): one
// instant track `k8s.events` per involved object, and `k8s.probe_failures`
// per pod and probe for failed readiness/liveness/startup probes. An event
// seen `count` times is one instant at its last time; first, last and count
// are in its args.
class KubeEventWriter
{
public:
    explicit KubeEventWriter(SourceWriter &writer) : m_writer(writer) {}

    void write(const KubeEvent &event);

    // "readiness", "liveness", "startup" for a failed probe's Unhealthy
    // event, else empty.
    static std::string probeOf(const KubeEvent &event);
    // The vocabulary's label key for an involved object kind: pod, hpa,
    // node, deployment; empty for other kinds.
    static std::string labelKeyFor(const std::string &kind);
    // "pod" (`kubectl get events` writes kinds in lower case) -> "Pod",
    // "horizontalpodautoscaler" -> "HorizontalPodAutoscaler"; a kind that is
    // already capitalised is kept.
    static std::string canonicalKind(std::string_view kind);

private:
    std::int64_t track(const std::string &name, const std::string &labelsJson);

    SourceWriter &m_writer;
    std::map<std::string, std::int64_t> m_tracks; // name + labels -> id
};

} // namespace perfcase
