#include "CsvImporter.h"

#include "CsvDialect.h"
#include "CsvTable.h"
#include "HeaderUnit.h"
#include "MetricNumbers.h"
#include "MetricSink.h"
#include "SeriesName.h"
#include "Utf8.h"
#include "import/Sample.h"
#include "logs/TextRepair.h"
#include "logs/ZoneResolver.h"

#include <set>

namespace perfcase {

namespace {

struct Column
{
    std::string name;
    HeaderUnit unit;
    std::string labels;
    std::int64_t track = 0;
};

std::vector<Column> columnsOf(const std::vector<std::string> &header, MetricSink &sink,
                              std::int64_t headerLine)
{
    std::vector<Column> columns;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < header.size(); ++i) {
        Column column;
        if (TextRepair::isValidUtf8(header[i])) {
            column.name = header[i];
        } else {
            TextRepair::repairUtf8(header[i], column.name);
            sink.warnOnce("header-utf8", headerLine, -1,
                          "invalid UTF-8 in the header replaced with U+FFFD");
        }
        if (column.name.empty()) column.name = "column " + std::to_string(i + 1);
        column.unit = HeaderUnit::guess(column.name);
        std::map<std::string, std::string> labels{{"column", column.name}};
        // Two columns of the same name stay two tracks.
        if (!seen.insert(column.name).second) labels["column_number"] = std::to_string(i + 1);
        column.labels = SeriesName::toJson(labels);
        columns.push_back(std::move(column));
    }
    return columns;
}

} // namespace

std::optional<CsvImporter::Plan> CsvImporter::plan(const CsvDialect &dialect, std::string &why)
{
    const auto &header = dialect.header;
    std::optional<Plan> found;
    for (std::size_t i = 0; i < header.size() && !found; ++i) {
        if (!TimeColumn::isTimeName(header[i])) continue;
        if (auto time = TimeColumn::fromCells(header[i], dialect.cells(i), true))
            found = Plan{i, *time};
    }
    for (std::size_t i = 0; i < header.size() && !found; ++i) {
        auto time = TimeColumn::fromCells(header[i], dialect.cells(i), false);
        if (time && time->kind() == TimeColumn::Kind::Iso) found = Plan{i, *time};
    }
    if (!found && !header.empty()) {
        // Epoch numbers only in the first column: elsewhere a large counter
        // would pass for a time.
        if (auto time = TimeColumn::fromCells(header[0], dialect.cells(0), false))
            found = Plan{0, *time};
    }
    if (!found) {
        why = "no time column: no header named time, timestamp, ts, date, datetime ... over "
              "times, no column of ISO 8601 times, no first column of epoch numbers";
        return std::nullopt;
    }
    if (TimeColumn::fromCells({}, {header[found->timeColumn]}, false)) {
        why = "the first row holds data, not column names: a header row is needed";
        return std::nullopt;
    }
    return found;
}

int CsvImporter::sniff(const Sample &sample) const
{
    auto dialect = CsvDialect::detect(sample.lines, sample.complete);
    if (!dialect) return 0;
    std::string why;
    auto found = plan(*dialect, why);
    if (!found) return 0;
    std::size_t withNumbers = 0;
    for (const auto &row : dialect->rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i != found->timeColumn && MetricNumbers::parse(row[i])) {
                ++withNumbers;
                break;
            }
        }
    }
    return withNumbers * 2 >= dialect->rows.size() ? 60 : 0;
}

ImporterResult CsvImporter::run(ImportContext &context) const
{
    ImporterResult result;
    MetricSink sink(context.writer, result);
    ZoneResolver zone(context.options.tz, context.defaultYear);
    CsvTable table(context, sink);
    if (!table.open()) return result;
    std::string why;
    const auto found = plan(table.dialect(), why);
    if (!found) {
        sink.reject(table.headerLine(), -1, why, table.rawHeader());
        return result;
    }
    std::vector<Column> columns = columnsOf(table.dialect().header, sink, table.headerLine());
    const std::size_t timeColumn = found->timeColumn;
    const std::string &timeName = columns[timeColumn].name;

    CsvRecord record;
    std::string warning;
    while (table.next(record)) {
        std::string_view cell = timeColumn < record.fields.size()
                                    ? MetricNumbers::trim(record.fields[timeColumn])
                                    : std::string_view();
        if (cell.empty()) {
            sink.reject(record.line, record.offset, "no time in column " + quotedExcerpt(timeName),
                        record.excerpt);
            continue;
        }
        const auto ts = found->time.parse(cell, zone);
        if (zone.takeWarning(warning)) sink.warnOnce("zone", record.line, record.offset, warning);
        if (!ts) {
            sink.reject(record.line, record.offset,
                        "cannot read the time " + quotedExcerpt(cell) + " (" +
                            found->time.describe() + ")",
                        record.excerpt);
            continue;
        }
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            if (i == timeColumn) continue;
            cell = MetricNumbers::trim(record.fields[i]);
            if (cell.empty()) continue;
            const auto value = MetricNumbers::parse(cell);
            Column &column = columns[i];
            if (!value) {
                sink.ignore();
                sink.warnOnce("text", record.line, record.offset,
                              "cells that are not numbers are not stored (counted as ignored; "
                              "first: column " +
                                  quotedExcerpt(column.name) + ")");
                continue;
            }
            if (!column.track)
                column.track = sink.track(column.name, column.unit.unit, column.labels);
            sink.add(column.track, *ts, column.unit.apply(*value), record.line, record.offset);
        }
    }
    if (result.records == 0 && result.rejected == 0 && result.ignored > 0)
        sink.reject(table.headerLine(), -1,
                    "no numbers beside the time column (" + std::to_string(result.ignored) +
                        " cells of text)",
                    table.rawHeader());
    return result;
}

} // namespace perfcase
