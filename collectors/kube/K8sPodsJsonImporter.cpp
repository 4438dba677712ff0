#include "K8sPodsJsonImporter.h"

#include "CaptureTime.h"
#include "K8sJsonReader.h"
#include "KubeJson.h"
#include "KubeJsonShape.h"
#include "KubeQuantity.h"
#include "SourceWriter.h"
#include "TimeUtil.h"
#include "import/Sample.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

std::string dump(const nlohmann::json &json)
{
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class PodWriter
{
public:
    PodWriter(SourceWriter &writer, K8sJsonReader &reader, std::int64_t capture)
        : m_writer(writer), m_reader(reader), m_capture(capture)
    {}

    bool write(const K8sJsonReader::Item &item, std::string &why)
    {
        using namespace KubeJson;
        const simdjson::dom::element pod = item.element;
        if (!pod.is_object()) {
            why = "pod is not a JSON object";
            return false;
        }
        const std::string_view kind = string(pod, "kind");
        if (!kind.empty() && kind != "Pod") {
            why = "a " + std::string(kind) + ", not a Pod";
            return false;
        }
        auto meta = object(pod, "metadata");
        auto spec = object(pod, "spec");
        if (!meta || !spec) {
            why = "pod without metadata or spec";
            return false;
        }
        m_ns = string(*meta, "namespace");
        m_pod = string(*meta, "name");
        if (m_pod.empty()) {
            why = "pod without a name";
            return false;
        }
        // Read everything first: a bad field rejects the pod before any row.
        m_pending.clear();
        if (auto containers = array(*spec, "containers")) {
            for (simdjson::dom::element container : *containers)
                resources(container, item.offset);
        }
        if (auto status = object(pod, "status")) {
            for (std::string_view list : {"initContainerStatuses", "containerStatuses"}) {
                if (auto statuses = array(*status, list)) {
                    for (simdjson::dom::element cs : *statuses)
                        containerStatus(cs);
                }
            }
            if (auto conditions = array(*status, "conditions")) {
                for (simdjson::dom::element condition : *conditions)
                    readiness(condition);
            }
        }
        m_writer.addObject(m_capture, "Pod", m_ns, m_pod, minified(pod));
        for (const Row &row : m_pending) {
            const std::int64_t id = track(row.kind, row.track, row.unit, row.labels);
            if (row.kind == "counter")
                m_writer.addCounter(id, row.ts, row.value);
            else
                m_writer.addInstant(id, row.ts, row.name, row.severity, row.args);
        }
        return true;
    }

private:
    struct Row
    {
        Row(const char *kind_, const char *track_, const char *unit_, std::string labels_)
            : kind(kind_), track(track_), unit(unit_), labels(std::move(labels_))
        {}
        std::string_view kind;
        const char *track;
        const char *unit;
        std::string labels;
        std::int64_t ts = 0;
        double value = 0;
        std::string name, args;
        LogLevel severity = LogLevel::Info;
    };

    std::string labels(std::string_view container) const
    {
        nlohmann::json object = nlohmann::json::object();
        if (!m_ns.empty()) object["namespace"] = m_ns;
        object["pod"] = m_pod;
        if (!container.empty()) object["container"] = container;
        return dump(object);
    }

    std::int64_t track(std::string_view kind, const char *name, const char *unit,
                       const std::string &labelsJson)
    {
        const std::string key = std::string(name) + '\n' + labelsJson;
        auto found = m_tracks.find(key);
        if (found != m_tracks.end()) return found->second;
        const std::int64_t id = m_writer.addTrack(kind, name, unit, labelsJson);
        m_tracks.emplace(key, id);
        return id;
    }

    // A quantity as written ("250m", "1Gi"; a bare JSON number in
    // hand-written manifests), in cores or bytes.
    std::optional<double> quantity(simdjson::dom::element values, std::string_view key,
                                   std::int64_t offset, std::string_view container)
    {
        auto value = KubeJson::field(values, key);
        if (!value || value->is_null()) return std::nullopt;
        std::string_view text;
        double number = 0;
        if (value->get_string().get(text) == simdjson::SUCCESS) {
            if (auto parsed = KubeQuantity::parse(text)) return parsed;
        } else if (value->get_double().get(number) == simdjson::SUCCESS &&
                   std::abs(number) <= 1e30) {
            return number;
        }
        m_reader.warn(offset, "a resource quantity that is not a Kubernetes quantity was left out "
                              "(first: pod " +
                                  m_pod + ", container " + std::string(container) + ", " +
                                  std::string(key) + ")");
        return std::nullopt;
    }

    void resources(simdjson::dom::element container, std::int64_t offset)
    {
        using namespace KubeJson;
        if (!container.is_object()) return;
        const std::string_view name = string(container, "name");
        auto resources = object(container, "resources");
        if (!resources) return;
        struct Target
        {
            const char *group, *resource, *track, *unit;
            double scale;
        };
        static constexpr Target kTargets[] = {
            {"requests", "cpu", "k8s.cpu_request", "millicores", 1000.0},
            {"limits", "cpu", "k8s.cpu_limit", "millicores", 1000.0},
            {"requests", "memory", "k8s.memory_request", "bytes", 1.0},
            {"limits", "memory", "k8s.memory_limit", "bytes", 1.0},
        };
        for (const Target &target : kTargets) {
            auto group = object(*resources, target.group);
            if (!group) continue;
            if (auto value = quantity(*group, target.resource, offset, name)) {
                Row row{"counter", target.track, target.unit, labels(name)};
                row.ts = m_capture;
                row.value = *value * target.scale;
                m_pending.push_back(std::move(row));
            }
        }
    }

    void containerStatus(simdjson::dom::element cs)
    {
        using namespace KubeJson;
        if (!cs.is_object()) return;
        const std::string_view name = string(cs, "name");
        const auto restarts = count(cs, "restartCount");
        if (restarts) {
            Row row{"counter", "k8s.restarts", "count", labels(name)};
            row.ts = m_capture;
            row.value = double(*restarts);
            m_pending.push_back(std::move(row));
        }
        struct Where
        {
            const char *member, *state;
        };
        for (const Where &where : {Where{"lastState", "last"}, Where{"state", "current"}}) {
            auto state = object(cs, where.member);
            auto terminated = state ? object(*state, "terminated") : std::nullopt;
            if (!terminated) continue;
            termination(*terminated, name, where.state, restarts);
        }
    }

    void termination(simdjson::dom::element t, std::string_view container, const char *state,
                     std::optional<std::int64_t> restarts)
    {
        using namespace KubeJson;
        const auto finished = time(t, "finishedAt");
        const auto started = time(t, "startedAt");
        if (!finished && !started) return; // nothing to place it at
        const std::string_view reason = string(t, "reason");
        auto exitCode = field(t, "exitCode");
        std::int64_t code = 0;
        const bool hasCode = exitCode && exitCode->get_int64().get(code) == simdjson::SUCCESS;
        nlohmann::json args = {{"container", container}, {"reason", reason}, {"state", state}};
        if (hasCode) args["exitCode"] = code;
        std::int64_t signal = 0;
        if (auto s = field(t, "signal"); s && s->get_int64().get(signal) == simdjson::SUCCESS)
            args["signal"] = signal;
        if (started) args["startedAt"] = formatRfc3339(*started);
        if (finished) args["finishedAt"] = formatRfc3339(*finished);
        if (const std::string_view message = string(t, "message"); !message.empty())
            args["message"] = message;
        if (restarts) args["restartCount"] = *restarts;
        Row row{"instant", "k8s.terminations", "", labels(container)};
        row.ts = finished ? *finished : *started;
        row.name = reason.empty() ? "Terminated" : std::string(reason);
        row.args = dump(args);
        row.severity = reason == "OOMKilled"                             ? LogLevel::Error
                       : reason == "Completed" || (hasCode && code == 0) ? LogLevel::Info
                                                                         : LogLevel::Warning;
        m_pending.push_back(std::move(row));
    }

    void readiness(simdjson::dom::element condition)
    {
        using namespace KubeJson;
        if (!condition.is_object() || string(condition, "type") != "Ready") return;
        const auto when = time(condition, "lastTransitionTime");
        if (!when) return;
        const std::string_view status = string(condition, "status");
        nlohmann::json args = {{"status", status}};
        if (const std::string_view reason = string(condition, "reason"); !reason.empty())
            args["reason"] = reason;
        if (const std::string_view message = string(condition, "message"); !message.empty())
            args["message"] = message;
        Row row{"instant", "k8s.readiness", "", labels({})};
        row.ts = *when;
        row.name = status == "True" ? "Ready" : "NotReady";
        row.args = dump(args);
        row.severity = status == "True" ? LogLevel::Info : LogLevel::Warning;
        m_pending.push_back(std::move(row));
    }

    SourceWriter &m_writer;
    K8sJsonReader &m_reader;
    std::int64_t m_capture;
    std::string m_ns, m_pod;
    std::vector<Row> m_pending;
    std::map<std::string, std::int64_t> m_tracks;
};

} // namespace

int K8sPodsJsonImporter::sniff(const Sample &sample) const
{
    const KubeJsonShape shape = KubeJsonShape::read(sample.trimmed());
    if (!shape.object && !shape.list) return 0;
    if (shape.isKind("Pod")) return 95;
    if (!shape.firstItemKind.empty() || !shape.kind.empty()) return 0;
    return shape.itemHas("spec.containers") &&
                   (shape.itemHas("status.containerStatuses") || shape.itemHas("status.phase"))
               ? 80
               : 0;
}

ImporterResult K8sPodsJsonImporter::run(ImportContext &context) const
{
    const CaptureTime capture = CaptureTime::resolve(context);
    K8sJsonReader reader(context, "pod");
    PodWriter pods(context.writer, reader, capture.ns);
    return reader.run(
        [&](const K8sJsonReader::Item &item, std::string &why) { return pods.write(item, why); });
}

} // namespace perfcase
