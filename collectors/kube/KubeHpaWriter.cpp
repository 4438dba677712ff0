#include "KubeHpaWriter.h"

#include "SourceWriter.h"

#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

std::string dump(const nlohmann::json &json)
{
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A condition worth a look: the HPA cannot scale, cannot compute its
// metrics, or is held at its min/max.
bool isWarning(const HpaCondition &condition)
{
    if (condition.type == "AbleToScale" || condition.type == "ScalingActive")
        return condition.status == "False";
    if (condition.type == "ScalingLimited") return condition.status == "True";
    return false;
}

} // namespace

std::int64_t KubeHpaWriter::track(const char *kind, const char *name, const char *unit,
                                  const std::string &labelsJson)
{
    const std::string key = std::string(name) + '\n' + labelsJson;
    auto found = m_tracks.find(key);
    if (found != m_tracks.end()) return found->second;
    const std::int64_t id = m_writer.addTrack(kind, name, unit, labelsJson);
    m_tracks.emplace(key, id);
    return id;
}

void KubeHpaWriter::write(const HpaSnapshot &hpa, std::int64_t capture)
{
    nlohmann::json labelObject = nlohmann::json::object();
    if (!hpa.ns.empty()) labelObject["namespace"] = hpa.ns;
    labelObject["hpa"] = hpa.name;
    const std::string labels = dump(labelObject);

    auto counter = [&](const char *name, const char *unit, std::optional<double> value) {
        if (value) m_writer.addCounter(track("counter", name, unit, labels), capture, *value);
    };
    auto replicas = [](std::optional<std::int64_t> value) -> std::optional<double> {
        if (!value) return std::nullopt;
        return double(*value);
    };
    counter("hpa.current_replicas", "count", replicas(hpa.currentReplicas));
    counter("hpa.desired_replicas", "count", replicas(hpa.desiredReplicas));
    counter("hpa.min_replicas", "count", replicas(hpa.minReplicas));
    counter("hpa.max_replicas", "count", replicas(hpa.maxReplicas));
    counter("hpa.cpu_utilization", "ratio", hpa.cpuUtilization);
    counter("hpa.cpu_target", "ratio", hpa.cpuTarget);

    for (const HpaCondition &condition : hpa.conditions) {
        nlohmann::json args = {{"type", condition.type},
                               {"status", condition.status},
                               {"reason", condition.reason},
                               {"message", condition.message}};
        // Describe output has no transition times: the condition is what
        // held at the capture time.
        if (!condition.lastTransition) args["at_capture"] = true;
        m_writer.addInstant(track("instant", "hpa.conditions", "", labels),
                            condition.lastTransition.value_or(capture),
                            condition.type.empty() ? "(no type)" : condition.type,
                            isWarning(condition) ? LogLevel::Warning : LogLevel::Info, dump(args));
    }
}

} // namespace perfcase
