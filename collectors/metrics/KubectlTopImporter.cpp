#include "KubectlTopImporter.h"

#include "MetricSink.h"
#include "SeriesName.h"
#include "SourceWriter.h"
#include "import/Sample.h"
#include "kube/CaptureTime.h"
#include "kube/KubeLineReader.h"
#include "kube/KubeQuantity.h"

#include <cmath>
#include <map>
#include <optional>
#include <vector>

namespace perfcase {

namespace {

using Target = KubectlTopImporter::Target;

std::vector<std::string_view> words(std::string_view line)
{
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
        const std::size_t start = pos;
        while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t')
            ++pos;
        if (pos > start) out.push_back(line.substr(start, pos - start));
    }
    return out;
}

// Where each value is in a row; -1 for a column the table does not have.
struct Columns
{
    int ns = -1, pod = -1, name = -1, cpu = -1, cpuPercent = -1, memory = -1, memoryPercent = -1;
    std::size_t count = 0;

    // The header of `kubectl top pods [-A] [--containers]` or `kubectl top
    // nodes` (CPU% or, in newer kubectl, CPU(%)); std::nullopt for any other.
    static std::optional<Columns> parse(std::string_view header, Target target)
    {
        Columns c;
        const auto cells = words(header);
        c.count = cells.size();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string_view cell = cells[i];
            int *slot = cell == "NAMESPACE"                        ? &c.ns
                        : cell == "POD"                            ? &c.pod
                        : cell == "NAME"                           ? &c.name
                        : cell == "CPU(cores)"                     ? &c.cpu
                        : cell == "CPU%" || cell == "CPU(%)"       ? &c.cpuPercent
                        : cell == "MEMORY(bytes)"                  ? &c.memory
                        : cell == "MEMORY%" || cell == "MEMORY(%)" ? &c.memoryPercent
                                                                   : nullptr;
            if (!slot) {
                // kubectl top --show-swap: read, not imported.
                if (cell == "SWAP(bytes)" || cell == "SWAP%" || cell == "SWAP(%)") continue;
                return std::nullopt;
            }
            if (*slot >= 0) return std::nullopt;
            *slot = int(i);
        }
        if (c.name < 0 || c.cpu < 0 || c.memory < 0) return std::nullopt;
        const bool nodes = c.cpuPercent >= 0 && c.memoryPercent >= 0;
        if (target == Target::Nodes)
            return nodes && c.ns < 0 && c.pod < 0 ? std::optional(c) : std::nullopt;
        return c.cpuPercent < 0 && c.memoryPercent < 0 ? std::optional(c) : std::nullopt;
    }
};

std::optional<double> millicores(std::string_view text)
{
    auto value = KubeQuantity::millicores(text);
    // "117m" is 0.117 cores times 1000 in binary floating point: round back
    // to the nanocore, the finest unit of the metrics API.
    if (value) value = std::round(*value * 1e6) / 1e6;
    return value;
}

std::optional<double> bytes(std::string_view text)
{
    std::string spelled(text);
    // kubectl writes k for 1000; "K" is common in hand-written sizes.
    if (!spelled.empty() && spelled.back() == 'K') spelled.back() = 'k';
    auto value = KubeQuantity::parse(spelled);
    if (value) value = std::round(*value);
    return value;
}

// "12%" -> 0.12.
std::optional<double> ratio(std::string_view text)
{
    if (text.size() < 2 || text.back() != '%') return std::nullopt;
    auto value = KubeQuantity::parse(text.substr(0, text.size() - 1));
    if (!value || *value < 0) return std::nullopt;
    return *value / 100;
}

bool isSumRule(std::string_view line)
{
    return line.find_first_not_of(" \t_") == std::string_view::npos &&
           line.find('_') != std::string_view::npos;
}

} // namespace

std::unique_ptr<Importer> KubectlTopImporter::pods()
{
    return std::make_unique<KubectlTopImporter>(Target::Pods);
}

std::unique_ptr<Importer> KubectlTopImporter::nodes()
{
    return std::make_unique<KubectlTopImporter>(Target::Nodes);
}

std::string KubectlTopImporter::id() const
{
    return m_target == Target::Pods ? "kubectl-top-pods" : "kubectl-top-nodes";
}

std::string KubectlTopImporter::title() const
{
    return m_target == Target::Pods ? "kubectl top pods" : "kubectl top nodes";
}

int KubectlTopImporter::sniff(const Sample &sample) const
{
    for (std::string_view line : sample.lines) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        return Columns::parse(line, m_target) ? 90 : 0;
    }
    return 0;
}

ImporterResult KubectlTopImporter::run(ImportContext &context) const
{
    ImporterResult result;
    MetricSink sink(context.writer, result);
    KubeLineReader lines(context, result);
    const CaptureTime capture = CaptureTime::resolve(context);

    std::optional<Columns> columns;
    std::vector<std::string_view> header;
    std::string headerText;
    bool totalsNext = false;
    std::string_view line;
    while (lines.next(line)) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        if (!columns) {
            columns = Columns::parse(line, m_target);
            if (!columns) {
                lines.reject(m_target == Target::Pods
                                 ? "not a kubectl top pods header (NAME CPU(cores) MEMORY(bytes), "
                                   "with NAMESPACE and POD for -A and --containers)"
                                 : "not a kubectl top nodes header (NAME CPU(cores) CPU% "
                                   "MEMORY(bytes) MEMORY%)");
                return result; // the rest is not this table
            }
            headerText.assign(line);
            continue;
        }
        // `--sum` ends the table with a rule and a totals row: not a pod.
        if (isSumRule(line)) {
            totalsNext = true;
            continue;
        }
        if (totalsNext) {
            totalsNext = false;
            ++result.ignored;
            continue;
        }
        if (line == headerText) {
            continue; // the same command's output pasted twice
        }
        const auto cells = words(line);
        if (cells.size() != columns->count) {
            lines.reject(std::to_string(cells.size()) + " fields, the header has " +
                         std::to_string(columns->count));
            continue;
        }
        const std::string_view cpuText = cells[std::size_t(columns->cpu)];
        const std::string_view memoryText = cells[std::size_t(columns->memory)];
        if (cpuText == "<unknown>" && memoryText == "<unknown>") {
            ++result.ignored; // a node whose metrics are not available yet
            continue;
        }
        const auto cpu = millicores(cpuText);
        const auto memory = bytes(memoryText);
        if (!cpu || !memory) {
            lines.reject("cannot read " + std::string(!cpu ? "CPU \"" : "memory \"") +
                         std::string(!cpu ? cpuText : memoryText).substr(0, 40) + "\"");
            continue;
        }
        std::optional<double> cpuRatio, memoryRatio;
        if (m_target == Target::Nodes) {
            const std::string_view cpuPercent = cells[std::size_t(columns->cpuPercent)];
            const std::string_view memoryPercent = cells[std::size_t(columns->memoryPercent)];
            cpuRatio = ratio(cpuPercent);
            memoryRatio = ratio(memoryPercent);
            if ((!cpuRatio && cpuPercent != "<unknown>") ||
                (!memoryRatio && memoryPercent != "<unknown>")) {
                lines.reject("cannot read the percentages \"" +
                             std::string(cpuPercent.substr(0, 20)) + "\" and \"" +
                             std::string(memoryPercent.substr(0, 20)) + "\"");
                continue;
            }
        }

        std::map<std::string, std::string> labels;
        const std::string name(cells[std::size_t(columns->name)]);
        if (m_target == Target::Nodes) {
            labels["node"] = name;
        } else {
            if (columns->ns >= 0) labels["namespace"] = cells[std::size_t(columns->ns)];
            if (columns->pod >= 0) {
                labels["pod"] = cells[std::size_t(columns->pod)];
                labels["container"] = name;
            } else {
                labels["pod"] = name;
            }
        }
        const std::string json = SeriesName::toJson(labels);
        auto write = [&](const char *track, const char *unit, double value) {
            context.writer.addCounter(sink.track(track, unit, json), capture.ns, value);
        };
        write("k8s.cpu_usage", "millicores", *cpu);
        write("k8s.memory_usage", "bytes", *memory);
        if (cpuRatio) write("k8s.cpu_ratio", "ratio", *cpuRatio);
        if (memoryRatio) write("k8s.memory_ratio", "ratio", *memoryRatio);
        ++result.records;
    }
    if (!columns && result.rejected == 0)
        lines.reject(0, 0, "no kubectl top table (the file has no text lines)", {});
    return result;
}

} // namespace perfcase
