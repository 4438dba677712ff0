#include "K8sHpaJsonImporter.h"

#include "CaptureTime.h"
#include "K8sJsonReader.h"
#include "KubeHpaWriter.h"
#include "KubeJson.h"
#include "KubeJsonShape.h"
#include "SourceWriter.h"
#include "import/Sample.h"

namespace perfcase {

namespace {

constexpr std::string_view kAnnotationMetrics = "autoscaling.alpha.kubernetes.io/metrics";
constexpr std::string_view kAnnotationCurrent = "autoscaling.alpha.kubernetes.io/current-metrics";
constexpr std::string_view kAnnotationConditions = "autoscaling.alpha.kubernetes.io/conditions";

// The CPU utilization (percent) in a list of metric specs or statuses:
// v2/v2beta2 `resource.target|current.averageUtilization`, v2beta1
// `resource.targetAverageUtilization|currentAverageUtilization`; a
// pod-level "resource" metric wins over a "containerResource" one.
std::optional<double> cpuPercent(simdjson::dom::array metrics, bool current)
{
    using namespace KubeJson;
    for (std::string_view sourceKey : {"resource", "containerResource"}) {
        for (simdjson::dom::element metric : metrics) {
            auto source = object(metric, sourceKey);
            if (!source || string(*source, "name") != "cpu") continue;
            const char *inner = current ? "current" : "target";
            if (auto values = object(*source, inner)) {
                if (auto percent = number(*values, "averageUtilization")) return percent;
            }
            if (auto percent = number(*source, current ? "currentAverageUtilization"
                                                       : "targetAverageUtilization"))
                return percent;
        }
    }
    return std::nullopt;
}

std::optional<double> ratio(std::optional<double> percent)
{
    if (!percent) return std::nullopt;
    return *percent / 100.0;
}

void readConditions(simdjson::dom::array list, std::vector<HpaCondition> &conditions)
{
    using namespace KubeJson;
    for (simdjson::dom::element c : list) {
        if (!c.is_object()) continue;
        HpaCondition condition;
        condition.type = string(c, "type");
        condition.status = string(c, "status");
        condition.reason = string(c, "reason");
        condition.message = string(c, "message");
        condition.lastTransition = time(c, "lastTransitionTime");
        conditions.push_back(std::move(condition));
    }
}

class HpaReader
{
public:
    explicit HpaReader(K8sJsonReader &reader) : m_reader(reader) {}

    bool read(const K8sJsonReader::Item &item, HpaSnapshot &hpa, std::string &why)
    {
        using namespace KubeJson;
        const simdjson::dom::element e = item.element;
        if (!e.is_object()) {
            why = "HPA is not a JSON object";
            return false;
        }
        const std::string_view kind = string(e, "kind");
        if (!kind.empty() && kind != "HorizontalPodAutoscaler") {
            why = "a " + std::string(kind) + ", not a HorizontalPodAutoscaler";
            return false;
        }
        auto meta = object(e, "metadata");
        auto spec = object(e, "spec");
        if (!meta || !spec) {
            why = "HPA without metadata or spec";
            return false;
        }
        hpa.name = string(*meta, "name");
        hpa.ns = string(*meta, "namespace");
        if (hpa.name.empty()) {
            why = "HPA without a name";
            return false;
        }
        hpa.minReplicas = count(*spec, "minReplicas");
        hpa.maxReplicas = count(*spec, "maxReplicas");
        hpa.cpuTarget = ratio(number(*spec, "targetCPUUtilizationPercentage"));
        if (auto metrics = array(*spec, "metrics"); metrics && !hpa.cpuTarget)
            hpa.cpuTarget = ratio(cpuPercent(*metrics, false));

        if (auto status = object(e, "status")) {
            hpa.currentReplicas = count(*status, "currentReplicas");
            hpa.desiredReplicas = count(*status, "desiredReplicas");
            hpa.cpuUtilization = ratio(number(*status, "currentCPUUtilizationPercentage"));
            if (auto metrics = array(*status, "currentMetrics"); metrics && !hpa.cpuUtilization)
                hpa.cpuUtilization = ratio(cpuPercent(*metrics, true));
            if (auto conditions = array(*status, "conditions"))
                readConditions(*conditions, hpa.conditions);
        }
        // autoscaling/v1 keeps the v2 fields in annotations, as JSON text.
        if (auto annotations = object(*meta, "annotations")) {
            if (!hpa.cpuTarget) hpa.cpuTarget = ratio(annotationPercent(*annotations, item, false));
            if (!hpa.cpuUtilization)
                hpa.cpuUtilization = ratio(annotationPercent(*annotations, item, true));
            if (hpa.conditions.empty()) {
                if (auto list = annotationArray(*annotations, kAnnotationConditions, item))
                    readConditions(*list, hpa.conditions);
            }
        }
        return true;
    }

private:
    std::optional<simdjson::dom::array> annotationArray(simdjson::dom::element annotations,
                                                        std::string_view key,
                                                        const K8sJsonReader::Item &item)
    {
        const std::string_view text = KubeJson::string(annotations, key);
        if (text.empty()) return std::nullopt;
        simdjson::dom::element parsed;
        simdjson::dom::array list;
        if (m_reader.innerParser().parse(text.data(), text.size()).get(parsed) !=
                simdjson::SUCCESS ||
            parsed.get_array().get(list) != simdjson::SUCCESS) {
            m_reader.warn(item.offset, "annotation " + std::string(key) +
                                           " is not a JSON array; ignored (first at this byte)");
            return std::nullopt;
        }
        return list;
    }

    std::optional<double> annotationPercent(simdjson::dom::element annotations,
                                            const K8sJsonReader::Item &item, bool current)
    {
        auto list =
            annotationArray(annotations, current ? kAnnotationCurrent : kAnnotationMetrics, item);
        return list ? cpuPercent(*list, current) : std::nullopt;
    }

    K8sJsonReader &m_reader;
};

} // namespace

int K8sHpaJsonImporter::sniff(const Sample &sample) const
{
    const KubeJsonShape shape = KubeJsonShape::read(sample.trimmed());
    if (!shape.object && !shape.list) return 0;
    if (shape.isKind("HorizontalPodAutoscaler")) return 95;
    if (!shape.firstItemKind.empty() || !shape.kind.empty()) return 0;
    return shape.itemHas("spec.scaleTargetRef") && shape.itemHas("spec.maxReplicas") ? 80 : 0;
}

ImporterResult K8sHpaJsonImporter::run(ImportContext &context) const
{
    const CaptureTime capture = CaptureTime::resolve(context);
    K8sJsonReader reader(context, "HPA");
    KubeHpaWriter writer(context.writer);
    HpaReader hpas(reader);
    return reader.run([&](const K8sJsonReader::Item &item, std::string &why) {
        HpaSnapshot hpa;
        if (!hpas.read(item, hpa, why)) return false;
        context.writer.addObject(capture.ns, "HorizontalPodAutoscaler", hpa.ns, hpa.name,
                                 KubeJson::minified(item.element));
        writer.write(hpa, capture.ns);
        return true;
    });
}

} // namespace perfcase
