#include "K8sEventsTableImporter.h"

#include "CaptureTime.h"
#include "KubeAge.h"
#include "KubeEventWriter.h"
#include "KubeLineReader.h"
#include "KubeTable.h"
#include "import/Sample.h"

#include <charconv>
#include <optional>

namespace perfcase {

namespace {

// Column positions of one events table, by meaning.
struct Columns
{
    int ns = -1, lastSeen = -1, firstSeen = -1, count = -1, type = -1, reason = -1, object = -1,
        kind = -1, name = -1, subobject = -1, source = -1, message = -1;

    explicit Columns(const KubeTable &table)
    {
        ns = table.column("NAMESPACE");
        lastSeen = table.column("LAST SEEN");
        if (lastSeen < 0) lastSeen = table.column("LASTSEEN");
        firstSeen = table.column("FIRST SEEN");
        if (firstSeen < 0) firstSeen = table.column("FIRSTSEEN");
        count = table.column("COUNT");
        type = table.column("TYPE");
        reason = table.column("REASON");
        object = table.column("OBJECT");
        kind = table.column("KIND");
        name = table.column("NAME");
        subobject = table.column("SUBOBJECT");
        source = table.column("SOURCE");
        message = table.column("MESSAGE");
    }
};

std::string_view cell(const std::vector<std::string_view> &cells, int index)
{
    return index >= 0 && std::size_t(index) < cells.size() ? cells[std::size_t(index)]
                                                           : std::string_view();
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// One row -> an event; false with why when the row cannot be read.
bool readRow(const Columns &columns, const std::vector<std::string_view> &cells,
             std::int64_t capture, KubeEvent &event, std::string &why)
{
    const std::string_view lastSeen = cell(cells, columns.lastSeen);
    const auto interval = KubeAge::parseInterval(lastSeen);
    if (!interval) {
        why = "LAST SEEN is not an age: \"" + std::string(lastSeen.substr(0, 60)) + "\"";
        return false;
    }
    std::optional<std::int64_t> firstAgo = interval->firstAgo;
    if (!firstAgo && columns.firstSeen >= 0) {
        firstAgo = KubeAge::parse(cell(cells, columns.firstSeen));
        if (!firstAgo) {
            why = "FIRST SEEN is not an age: \"" +
                  std::string(cell(cells, columns.firstSeen).substr(0, 60)) + "\"";
            return false;
        }
    }
    event.count = interval->count.value_or(1);
    if (!interval->count && columns.count >= 0) {
        const std::string_view text = cell(cells, columns.count);
        std::int64_t count = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
        if (ec != std::errc() || end != text.data() + text.size() || count < 0) {
            why = "COUNT is not a number: \"" + std::string(text.substr(0, 40)) + "\"";
            return false;
        }
        event.count = count;
    }
    if (event.count == 0) event.count = 1;
    event.last = capture - interval->lastAgo;
    event.first = firstAgo ? capture - *firstAgo : *event.last;

    event.ns = cell(cells, columns.ns);
    event.type = cell(cells, columns.type);
    event.reason = cell(cells, columns.reason);
    event.message = cell(cells, columns.message);
    event.fieldPath = cell(cells, columns.subobject);
    event.component = cell(cells, columns.source);
    // "kubectl get events -o wide" adds SOURCE as "component, host".
    if (auto comma = event.component.find(", "); comma != std::string::npos)
        event.component.resize(comma);
    if (columns.object >= 0) {
        const std::string_view object = cell(cells, columns.object);
        const std::size_t slash = object.find('/');
        event.kind = KubeEventWriter::canonicalKind(object.substr(0, slash));
        if (slash != std::string_view::npos) event.name = object.substr(slash + 1);
        if (columns.name >= 0) event.eventName = cell(cells, columns.name);
    } else {
        event.kind = KubeEventWriter::canonicalKind(cell(cells, columns.kind));
        event.name = cell(cells, columns.name);
    }
    if (event.kind.empty() && event.name.empty()) {
        why = "row without an involved object";
        return false;
    }
    return true;
}

} // namespace

bool K8sEventsTableImporter::isEventsHeader(const KubeTable &table)
{
    const Columns columns(table);
    return columns.lastSeen >= 0 && columns.reason >= 0 && columns.message >= 0 &&
           columns.type >= 0 && (columns.object >= 0 || (columns.kind >= 0 && columns.name >= 0));
}

int K8sEventsTableImporter::sniff(const Sample &sample) const
{
    for (std::string_view line : sample.lines) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        // The header is the first line; an indented one belongs to describe.
        if (line.front() == ' ') return 0;
        return isEventsHeader(KubeTable(line)) ? 90 : 0;
    }
    return 0;
}

ImporterResult K8sEventsTableImporter::run(ImportContext &context) const
{
    ImporterResult result;
    const CaptureTime capture = CaptureTime::resolve(context);
    KubeEventWriter writer(context.writer);
    KubeLineReader lines(context, result);
    std::optional<KubeTable> table;
    std::optional<Columns> columns;
    std::vector<std::string_view> cells;
    std::string_view text;
    while (lines.next(text)) {
        if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
        KubeTable header(text);
        if (isEventsHeader(header)) {
            columns.emplace(header);
            table.emplace(std::move(header));
            continue;
        }
        if (startsWith(text, "No events found") || startsWith(text, "No resources found")) {
            lines.reject("kubectl found no events: \"" + std::string(text.substr(0, 100)) + "\"");
            continue;
        }
        if (!table) {
            lines.reject("no events table header (LAST SEEN  TYPE  REASON  OBJECT  MESSAGE) "
                         "before this line");
            continue;
        }
        if (!table->split(text, cells)) {
            lines.reject("row does not fit the table's " + std::to_string(table->names().size()) +
                         " columns");
            continue;
        }
        KubeEvent event;
        std::string why;
        if (!readRow(*columns, cells, capture.ns, event, why)) {
            lines.reject(why);
            continue;
        }
        writer.write(event);
        ++result.records;
    }
    return result;
}

} // namespace perfcase
