#include "K8sEventsJsonImporter.h"

#include "K8sJsonReader.h"
#include "KubeEventWriter.h"
#include "KubeJson.h"
#include "KubeJsonShape.h"
#include "import/Sample.h"

namespace perfcase {

namespace {

// The first of several optional times.
std::optional<std::int64_t> firstTime(simdjson::dom::element object,
                                      std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys) {
        if (auto ns = KubeJson::time(object, key)) return ns;
    }
    return std::nullopt;
}

bool readEvent(const K8sJsonReader::Item &item, KubeEvent &event, std::string &why)
{
    using namespace KubeJson;
    const simdjson::dom::element e = item.element;
    if (!e.is_object()) {
        why = "event is not a JSON object";
        return false;
    }
    const std::string_view kind = string(e, "kind");
    if (!kind.empty() && kind != "Event") {
        why = "a " + std::string(kind) + ", not an Event";
        return false;
    }
    // The internal dump flattens metadata into the event.
    const simdjson::dom::element meta = object(e, "metadata").value_or(e);
    // core/v1 names the object involvedObject; events.k8s.io/v1 regarding.
    auto involved = object(e, "involvedObject");
    if (!involved) involved = object(e, "regarding");
    if (!involved) {
        why = "event without involvedObject or regarding";
        return false;
    }
    event.kind = string(*involved, "kind");
    event.name = string(*involved, "name");
    // Not the event's own namespace: a Node's events live in "default".
    event.ns = string(*involved, "namespace");
    event.fieldPath = string(*involved, "fieldPath");
    event.reason = string(e, "reason");
    event.type = string(e, "type");
    event.message = string(e, "message");
    if (event.message.empty()) event.message = string(e, "note");
    event.eventName = string(meta, "name");
    if (auto source = object(e, "source")) event.component = string(*source, "component");
    if (auto source = object(e, "deprecatedSource"); source && event.component.empty())
        event.component = string(*source, "component");
    if (event.component.empty()) event.component = string(e, "reportingComponent");
    if (event.component.empty()) event.component = string(e, "reportingController");

    std::optional<std::int64_t> seriesCount, seriesLast;
    if (auto series = object(e, "series")) {
        seriesCount = count(*series, "count");
        seriesLast = time(*series, "lastObservedTime");
    }
    event.count =
        seriesCount.value_or(count(e, "count").value_or(count(e, "deprecatedCount").value_or(1)));
    if (event.count == 0) event.count = 1;
    event.first = firstTime(e, {"firstTimestamp", "deprecatedFirstTimestamp", "eventTime"});
    if (!event.first) event.first = time(meta, "creationTimestamp");
    event.last = seriesLast;
    if (!event.last)
        event.last = firstTime(e, {"lastTimestamp", "deprecatedLastTimestamp", "eventTime"});
    if (!event.first && !event.last) {
        why = "event without a time (no lastTimestamp, eventTime, firstTimestamp or "
              "creationTimestamp)";
        return false;
    }
    if (event.kind.empty() && event.name.empty()) {
        why = "event without an involved object kind or name";
        return false;
    }
    return true;
}

} // namespace

int K8sEventsJsonImporter::sniff(const Sample &sample) const
{
    const KubeJsonShape shape = KubeJsonShape::read(sample.trimmed());
    if (!shape.object && !shape.list) return 0;
    if (shape.isKind("Event")) return 95;
    if (!shape.firstItemKind.empty() || !shape.kind.empty()) return 0;
    // No kind at all: old `cluster-info dump` files (PascalCase).
    const bool involved = shape.itemHas("involvedObject") || shape.itemHas("InvolvedObject") ||
                          shape.itemHas("regarding");
    const bool reason = shape.itemHas("reason") || shape.itemHas("Reason");
    return involved && reason ? 85 : 0;
}

ImporterResult K8sEventsJsonImporter::run(ImportContext &context) const
{
    K8sJsonReader reader(context, "event");
    KubeEventWriter writer(context.writer);
    return reader.run([&](const K8sJsonReader::Item &item, std::string &why) {
        KubeEvent event;
        if (!readEvent(item, event, why)) return false;
        writer.write(event);
        return true;
    });
}

} // namespace perfcase
