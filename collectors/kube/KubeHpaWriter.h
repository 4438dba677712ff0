#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace perfcase {

class SourceWriter;

// One HPA status condition (AbleToScale, ScalingActive, ScalingLimited).
struct HpaCondition
{
    std::string type, status, reason, message;
    std::optional<std::int64_t> lastTransition; // ns; describe output has none
};

// What an HPA said at the capture time, read from JSON or describe text.
struct HpaSnapshot
{
    std::string ns, name;
    std::optional<std::int64_t> currentReplicas, desiredReplicas, minReplicas, maxReplicas;
    std::optional<double> cpuUtilization, cpuTarget; // ratios: 0.89 for 89 %
    std::vector<HpaCondition> conditions;
};

// Writes an HPA snapshot into the vocabulary's tracks (docs/formats.md):
// counters hpa.current_replicas, hpa.desired_replicas, hpa.min_replicas,
// hpa.max_replicas (count) and hpa.cpu_utilization, hpa.cpu_target (ratio),
// one sample each at the capture time, labels {namespace, hpa}; conditions
// as instants on hpa.conditions at their last transition (else at the
// capture time).
class KubeHpaWriter
{
public:
    explicit KubeHpaWriter(SourceWriter &writer) : m_writer(writer) {}

    void write(const HpaSnapshot &hpa, std::int64_t capture);

private:
    std::int64_t track(const char *kind, const char *name, const char *unit,
                       const std::string &labelsJson);

    SourceWriter &m_writer;
    std::map<std::string, std::int64_t> m_tracks;
};

} // namespace perfcase
