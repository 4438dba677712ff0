#include "GrafanaCsvImporter.h"

#include "CsvDialect.h"
#include "CsvTable.h"
#include "MetricNumbers.h"
#include "MetricSink.h"
#include "SeriesName.h"
#include "TimeColumn.h"
#include "Utf8.h"
#include "import/Sample.h"
#include "logs/TextRepair.h"
#include "logs/ZoneResolver.h"

#include <unordered_map>

namespace perfcase {

namespace {

enum class Shape
{
    None,
    Wide,
    Long
};

// Grafana quotes every header cell: `"Time","A"` or `"Series";"Time";"Value"`.
Shape shapeOf(std::string_view rawHeader, char separator)
{
    const std::string sep(1, separator);
    if (rawHeader == "\"Series\"" + sep + "\"Time\"" + sep + "\"Value\"") return Shape::Long;
    const std::string wide = "\"Time\"" + sep;
    if (rawHeader.size() > wide.size() && rawHeader.substr(0, wide.size()) == wide)
        return Shape::Wide;
    return Shape::None;
}

// The first line that is not blank or Excel's "sep=X".
std::string_view headerLine(const std::vector<std::string_view> &lines)
{
    for (std::string_view line : lines) {
        std::string_view trimmed = MetricNumbers::trim(line);
        if (trimmed.empty() || trimmed.substr(0, 4) == "sep=" || trimmed.substr(0, 5) == "\"sep=")
            continue;
        return trimmed;
    }
    return {};
}

// Grafana writes a gap as null (older versions) or leaves the cell empty.
bool isGap(std::string_view cell)
{
    return cell.empty() || cell == "null" || cell == "undefined";
}

std::string repaired(const std::string &text, MetricSink &sink, std::int64_t line)
{
    if (TextRepair::isValidUtf8(text)) return text;
    std::string out;
    TextRepair::repairUtf8(text, out);
    sink.warnOnce("utf8", line, -1, "invalid UTF-8 in a series name replaced with U+FFFD");
    return out;
}

std::optional<std::int64_t> timeOf(const TimeColumn &time, const CsvRecord &record,
                                   std::size_t column, ZoneResolver &zone, MetricSink &sink)
{
    std::string_view cell = column < record.fields.size()
                                ? MetricNumbers::trim(record.fields[column])
                                : std::string_view();
    auto ts = time.parse(cell, zone);
    std::string warning;
    if (zone.takeWarning(warning)) sink.warnOnce("zone", record.line, record.offset, warning);
    if (!ts)
        sink.reject(record.line, record.offset,
                    cell.empty() ? std::string("no time")
                                 : "cannot read the time " + quotedExcerpt(cell) + " (" +
                                       time.describe() + ")",
                    record.excerpt);
    return ts;
}

// The number in a value cell; std::nullopt for a gap (skipped) and for text
// (counted as ignored).
std::optional<double> valueOf(std::string_view cell, const CsvRecord &record, MetricSink &sink)
{
    cell = MetricNumbers::trim(cell);
    if (isGap(cell)) return std::nullopt;
    const auto value = MetricNumbers::parse(cell);
    if (!value) {
        sink.ignore();
        sink.warnOnce("text", record.line, record.offset,
                      "values that are not numbers are not stored (counted as ignored; first: " +
                          quotedExcerpt(cell) + "; export without \"Formatted data\")");
    }
    return value;
}

} // namespace

int GrafanaCsvImporter::sniff(const Sample &sample) const
{
    auto dialect = CsvDialect::detect(sample.lines, sample.complete);
    if (!dialect) return 0;
    const Shape shape = shapeOf(headerLine(sample.lines), dialect->separator);
    if (shape == Shape::None) return 0;
    const std::size_t timeColumn = shape == Shape::Long ? 1 : 0;
    return TimeColumn::fromCells("Time", dialect->cells(timeColumn), true) ? 80 : 0;
}

ImporterResult GrafanaCsvImporter::run(ImportContext &context) const
{
    ImporterResult result;
    MetricSink sink(context.writer, result);
    ZoneResolver zone(context.options.tz, context.defaultYear);
    CsvTable table(context, sink);
    if (!table.open()) return result;
    switch (shapeOf(MetricNumbers::trim(table.rawHeader()), table.dialect().separator)) {
    case Shape::Wide:
        readWide(table, sink, zone);
        break;
    case Shape::Long:
        readLong(table, sink, zone);
        break;
    case Shape::None:
        sink.reject(table.headerLine(), -1,
                    "not a Grafana CSV header: expected \"Time\",<series>... or "
                    "\"Series\",\"Time\",\"Value\"",
                    table.rawHeader());
        break;
    }
    return result;
}

void GrafanaCsvImporter::readWide(CsvTable &table, MetricSink &sink, ZoneResolver &zone) const
{
    const CsvDialect &dialect = table.dialect();
    const auto time = TimeColumn::fromCells("Time", dialect.cells(0), true);
    if (!time) {
        sink.reject(table.headerLine(), -1,
                    "the \"Time\" column holds no ISO 8601 times or epoch numbers",
                    table.rawHeader());
        return;
    }
    struct Series
    {
        std::string text;
        std::int64_t track = 0;
    };
    std::vector<Series> series;
    auto setHeader = [&](const std::vector<std::string> &cells, std::int64_t line) {
        series.clear();
        for (std::size_t i = 1; i < cells.size(); ++i)
            series.push_back({repaired(std::string(MetricNumbers::trim(cells[i])), sink, line)});
    };
    setHeader(dialect.header, table.headerLine());

    CsvRecord record;
    while (table.next(record)) {
        if (!record.fields.empty() && MetricNumbers::trim(record.fields[0]) == "Time") {
            // Frames that are not joined by time come one after the other,
            // each with its own header.
            setHeader(record.fields, record.line);
            continue;
        }
        const auto ts = timeOf(*time, record, 0, zone, sink);
        if (!ts) continue;
        for (std::size_t i = 1; i < record.fields.size() && i - 1 < series.size(); ++i) {
            const auto value = valueOf(record.fields[i], record, sink);
            if (!value) continue;
            Series &column = series[i - 1];
            if (!column.track) {
                const SeriesName name = SeriesName::parse(column.text);
                column.track = sink.track(name.name, {}, name.labelsJson());
            }
            sink.add(column.track, *ts, *value, record.line, record.offset);
        }
    }
}

void GrafanaCsvImporter::readLong(CsvTable &table, MetricSink &sink, ZoneResolver &zone) const
{
    const auto time = TimeColumn::fromCells("Time", table.dialect().cells(1), true);
    if (!time) {
        sink.reject(table.headerLine(), -1,
                    "the \"Time\" column holds no ISO 8601 times or epoch numbers",
                    table.rawHeader());
        return;
    }
    std::unordered_map<std::string, std::int64_t> tracks;
    CsvRecord record;
    while (table.next(record)) {
        if (record.fields.size() < 3) {
            sink.reject(record.line, record.offset,
                        "expected 3 fields (Series, Time, Value), found " +
                            std::to_string(record.fields.size()),
                        record.excerpt);
            continue;
        }
        const std::string text =
            repaired(std::string(MetricNumbers::trim(record.fields[0])), sink, record.line);
        if (text.empty()) {
            sink.reject(record.line, record.offset, "no series name", record.excerpt);
            continue;
        }
        const auto ts = timeOf(*time, record, 1, zone, sink);
        if (!ts) continue;
        const auto value = valueOf(record.fields[2], record, sink);
        if (!value) continue;
        auto found = tracks.find(text);
        if (found == tracks.end()) {
            const SeriesName name = SeriesName::parse(text);
            found = tracks.emplace(text, sink.track(name.name, {}, name.labelsJson())).first;
        }
        sink.add(found->second, *ts, *value, record.line, record.offset);
    }
}

} // namespace perfcase
