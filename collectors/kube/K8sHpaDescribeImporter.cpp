#include "K8sHpaDescribeImporter.h"

#include "CaptureTime.h"
#include "KubeAge.h"
#include "KubeEventWriter.h"
#include "KubeHpaWriter.h"
#include "KubeLineReader.h"
#include "KubeTable.h"
#include "SourceWriter.h"
#include "import/Sample.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

namespace perfcase {

namespace {

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

std::optional<std::int64_t> integer(std::string_view text)
{
    text = trim(text);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// "89% (178m)" or "65%" -> 89 / 65; "<unknown>", "<auto>" -> nullopt.
std::optional<double> leadingPercent(std::string_view text)
{
    text = trim(text);
    const std::size_t percent = text.find('%');
    if (percent == std::string_view::npos) return std::nullopt;
    auto value = integer(text.substr(0, percent));
    if (!value || *value > 1'000'000) return std::nullopt;
    return double(*value);
}

bool isDashes(std::string_view text)
{
    text = trim(text);
    return !text.empty() && text.find_first_not_of("- ") == std::string_view::npos;
}

// The sections of one HPA's description that span several lines.
enum class Section
{
    None,
    Metrics,
    ConditionsHeader,
    Conditions,
    EventsHeader,
    Events,
    Skip // Labels, Annotations, Behavior: nothing we read
};

class DescribeParser
{
public:
    DescribeParser(ImportContext &context, ImporterResult &result, std::int64_t capture)
        : m_context(context), m_result(result), m_lines(context, result), m_events(context.writer),
          m_hpas(context.writer), m_capture(capture)
    {}

    void run()
    {
        std::string_view text;
        while (m_lines.next(text)) {
            if (trim(text).empty()) {
                m_section = Section::None;
                continue;
            }
            if (text.front() != ' ' && text.front() != '\t')
                topLevel(text);
            else
                indented(text);
        }
        flush();
    }

private:
    void topLevel(std::string_view text)
    {
        const std::size_t colon = text.find(':');
        const std::string_view key = text.substr(0, colon);
        const std::string_view value =
            colon == std::string_view::npos ? std::string_view() : trim(text.substr(colon + 1));
        if (key == "Name") {
            flush();
            m_open = true;
            m_isHpa = false;
            m_cpuFromPods = false;
            m_hpa = HpaSnapshot();
            m_hpa.name = value;
            m_object = nlohmann::json{{"kind", "HorizontalPodAutoscaler"},
                                      {"source", "kubectl describe"},
                                      {"name", std::string(value)}};
            m_nameLine = m_lines.number();
            m_nameOffset = m_lines.offset();
            m_nameText = text;
            m_section = Section::None;
            return;
        }
        if (!m_open) {
            m_lines.reject("no \"Name:\" line (start of an HPA description) before this line");
            return;
        }
        m_section = Section::None;
        if (colon == std::string_view::npos) return;
        if (key == "Namespace") {
            m_hpa.ns = value;
            m_object["namespace"] = std::string(value);
        } else if (key == "Reference") {
            m_isHpa = true;
            m_object["reference"] = std::string(value);
        } else if (key == "CreationTimestamp") {
            m_object["creationTimestamp"] = std::string(value);
        } else if (key == "Metrics") {
            m_section = Section::Metrics;
        } else if (key == "Min replicas") {
            m_isHpa = true;
            m_hpa.minReplicas = integer(value); // "<unset>" -> none
        } else if (key == "Max replicas") {
            m_isHpa = true;
            m_hpa.maxReplicas = integer(value);
        } else if (key == "Target CPU utilization") { // autoscaling/v1 layout
            m_hpa.cpuTarget = ratio(leadingPercent(value));
        } else if (key == "Current CPU utilization") {
            m_hpa.cpuUtilization = ratio(leadingPercent(value));
        } else if (key.size() > 5 && key.substr(key.size() - 5) == " pods") {
            // "Deployment pods:  6 current / 6 desired"
            const std::size_t current = value.find(" current / ");
            const std::size_t desired = value.rfind(" desired");
            if (current != std::string_view::npos && desired != std::string_view::npos &&
                desired > current + 11) {
                m_hpa.currentReplicas = integer(value.substr(0, current));
                m_hpa.desiredReplicas = integer(value.substr(current + 11, desired - current - 11));
            }
        } else if (key == "Conditions") {
            m_section = Section::ConditionsHeader;
        } else if (key == "Events") {
            m_section = value.empty() ? Section::EventsHeader : Section::None; // "<none>"
        } else if (key == "Labels" || key == "Annotations" || key == "Behavior") {
            m_section = Section::Skip;
        }
    }

    void indented(std::string_view text)
    {
        if (!m_open) {
            m_lines.reject("no \"Name:\" line (start of an HPA description) before this line");
            return;
        }
        switch (m_section) {
        case Section::Metrics:
            metric(trim(text));
            break;
        case Section::ConditionsHeader:
        case Section::EventsHeader:
            if (isDashes(text)) break;
            m_table.emplace(text);
            m_section =
                m_section == Section::ConditionsHeader ? Section::Conditions : Section::Events;
            break;
        case Section::Conditions:
            if (!isDashes(text)) condition(text);
            break;
        case Section::Events:
            if (!isDashes(text)) event(text);
            break;
        case Section::None:
        case Section::Skip:
            break;
        }
    }

    static std::optional<double> ratio(std::optional<double> percent)
    {
        if (!percent) return std::nullopt;
        return *percent / 100.0;
    }

    // "resource cpu on pods  (as a percentage of request):  89% (178m) / 65%"
    void metric(std::string_view text)
    {
        m_object["metrics"].push_back(std::string(text));
        if (!startsWith(text, "resource cpu ")) return;
        const std::size_t marker = text.find("(as a percentage of request):");
        if (marker == std::string_view::npos) return; // an average value, not a utilization
        const bool container = text.find(" of container ") != std::string_view::npos;
        // A pod-level metric wins over a container one.
        if (m_cpuFromPods || (container && m_hpa.cpuTarget)) return;
        const std::string_view values = text.substr(marker + 29);
        const std::size_t slash = values.find(" / ");
        if (slash == std::string_view::npos) return;
        m_hpa.cpuUtilization = ratio(leadingPercent(values.substr(0, slash)));
        m_hpa.cpuTarget = ratio(leadingPercent(values.substr(slash + 3)));
        m_cpuFromPods = !container;
    }

    void condition(std::string_view text)
    {
        std::vector<std::string_view> cells;
        if (!m_table->split(text, cells) || cells.size() < 2) {
            m_lines.reject("condition row does not fit the Conditions table");
            return;
        }
        auto cell = [&](std::string_view name) {
            const int index = m_table->column(name);
            return index >= 0 ? std::string(cells[std::size_t(index)]) : std::string();
        };
        HpaCondition c;
        c.type = cell("Type");
        c.status = cell("Status");
        c.reason = cell("Reason");
        c.message = cell("Message");
        m_object["conditions"].push_back(
            {{"type", c.type}, {"status", c.status}, {"reason", c.reason}, {"message", c.message}});
        m_hpa.conditions.push_back(std::move(c));
    }

    void event(std::string_view text)
    {
        std::vector<std::string_view> cells;
        if (!m_table->split(text, cells)) {
            m_lines.reject("event row does not fit the Events table");
            return;
        }
        auto cell = [&](std::string_view name) {
            const int index = m_table->column(name);
            return index >= 0 ? cells[std::size_t(index)] : std::string_view();
        };
        const std::string_view age = cell("Age");
        const auto interval = KubeAge::parseInterval(age);
        if (!interval) {
            m_lines.reject("event Age is not an age: \"" + std::string(age.substr(0, 60)) + "\"");
            return;
        }
        KubeEvent e;
        e.kind = "HorizontalPodAutoscaler";
        e.name = m_hpa.name;
        e.type = cell("Type");
        e.reason = cell("Reason");
        e.component = cell("From");
        e.message = cell("Message");
        e.count = interval->count.value_or(1);
        if (e.count == 0) e.count = 1;
        e.last = m_capture - interval->lastAgo;
        e.first = interval->firstAgo ? m_capture - *interval->firstAgo : *e.last;
        // Written with the HPA: a `describe pod` read by mistake must not
        // leave its events behind as an HPA's.
        m_pendingEvents.push_back(std::move(e));
    }

    void flush()
    {
        if (!m_open) return;
        m_open = false;
        std::vector<KubeEvent> events;
        events.swap(m_pendingEvents);
        if (!m_isHpa || m_hpa.name.empty()) {
            m_lines.reject(m_nameLine, m_nameOffset,
                           "not an HPA description: no Reference, Min replicas or Max replicas "
                           "after this Name line",
                           m_nameText);
            return;
        }
        auto put = [&](const char *key, std::optional<std::int64_t> value) {
            if (value) m_object[key] = *value;
        };
        put("minReplicas", m_hpa.minReplicas);
        put("maxReplicas", m_hpa.maxReplicas);
        put("currentReplicas", m_hpa.currentReplicas);
        put("desiredReplicas", m_hpa.desiredReplicas);
        m_context.writer.addObject(
            m_capture, "HorizontalPodAutoscaler", m_hpa.ns, m_hpa.name,
            m_object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        m_hpas.write(m_hpa, m_capture);
        ++m_result.records;
        for (KubeEvent &event : events) {
            event.ns = m_hpa.ns;
            m_events.write(event);
            ++m_result.records;
        }
    }

    ImportContext &m_context;
    ImporterResult &m_result;
    KubeLineReader m_lines;
    KubeEventWriter m_events;
    KubeHpaWriter m_hpas;
    std::int64_t m_capture;

    bool m_open = false, m_isHpa = false, m_cpuFromPods = false;
    HpaSnapshot m_hpa;
    nlohmann::json m_object;
    std::int64_t m_nameLine = 0, m_nameOffset = 0;
    std::string m_nameText;
    Section m_section = Section::None;
    std::optional<KubeTable> m_table;
    std::vector<KubeEvent> m_pendingEvents;
};

} // namespace

int K8sHpaDescribeImporter::sniff(const Sample &sample) const
{
    bool first = true, reference = false, maxReplicas = false;
    for (std::string_view line : sample.lines) {
        if (trim(line).empty()) continue;
        if (first && !startsWith(line, "Name:")) return 0;
        first = false;
        reference = reference || startsWith(line, "Reference:");
        maxReplicas = maxReplicas || startsWith(line, "Max replicas:");
    }
    return reference && maxReplicas ? 90 : 0;
}

ImporterResult K8sHpaDescribeImporter::run(ImportContext &context) const
{
    ImporterResult result;
    const CaptureTime capture = CaptureTime::resolve(context);
    DescribeParser parser(context, result, capture.ns);
    parser.run();
    return result;
}

} // namespace perfcase
