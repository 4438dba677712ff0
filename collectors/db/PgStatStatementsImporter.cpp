#include "PgStatStatementsImporter.h"

#include "DbImportLog.h"
#include "DbValues.h"
#include "PgssColumns.h"
#include "SourceWriter.h"
#include "import/Sample.h"
#include "io/InputStream.h"
#include "kube/CaptureTime.h"
#include "metrics/CsvReader.h"
#include "metrics/MetricNumbers.h"

#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

std::string quotedCell(std::string_view text)
{
    bool repaired = false;
    return "\"" + DbValues::text(MetricNumbers::trim(text), repaired, 40) + "\"";
}

// The separator of the header among the first lines (',' when none fits:
// the header check then says what is missing).
char separatorOf(const std::vector<std::string> &lines)
{
    char separator = ',';
    for (const std::string &line : lines) {
        if (isBlank(line)) continue;
        PgssColumns::parseLine(line, separator);
        break;
    }
    return separator;
}

// Reads one statement row into args; the reason when it cannot be read.
class RowReader
{
public:
    RowReader(const PgssColumns &columns, DbImportLog &log) : m_columns(columns), m_log(log) {}

    bool read(const CsvRecord &record, nlohmann::json &args, std::string &name, std::string &why)
    {
        const auto &fields = record.fields;
        auto cell = [&](int column) -> std::string_view {
            return column >= 0 ? std::string_view(fields[std::size_t(column)]) : std::string_view();
        };
        const auto calls = DbValues::wholeNumber(cell(m_columns.calls));
        if (!calls || *calls < 0) {
            why = "calls is not a whole number: " + quotedCell(cell(m_columns.calls));
            return false;
        }
        const auto total = DbValues::number(cell(m_columns.total));
        if (!total) {
            why = std::string(m_columns.execNames ? "total_exec_time" : "total_time") +
                  " is not a number: " + quotedCell(cell(m_columns.total));
            return false;
        }
        args = nlohmann::json::object();
        args["calls"] = *calls;
        args["total_ms"] = DbValues::json(*total);
        if (auto mean = DbValues::number(cell(m_columns.mean))) {
            args["mean_ms"] = DbValues::json(*mean);
        } else if (m_columns.mean < 0 && *calls > 0) {
            // Before PostgreSQL 9.5 the view had no mean_time.
            args["mean_ms"] = DbValues::json(*total / double(*calls));
        }
        auto numberArg = [&](const char *key, int column) {
            if (auto value = DbValues::number(cell(column))) args[key] = DbValues::json(*value);
        };
        numberArg("max_ms", m_columns.max);
        numberArg("stddev_ms", m_columns.stddev);
        numberArg("rows", m_columns.rows);
        numberArg("shared_blks_hit", m_columns.sharedBlksHit);
        numberArg("shared_blks_read", m_columns.sharedBlksRead);
        // queryid is a signed 64-bit hash: text, so no JSON reader rounds it.
        const std::string_view queryid = MetricNumbers::trim(cell(m_columns.queryid));
        if (!queryid.empty()) args["queryid"] = clean(queryid, record);
        for (auto [key, column] :
             {std::pair{"userid", m_columns.userid}, std::pair{"dbid", m_columns.dbid}}) {
            const std::string_view text = MetricNumbers::trim(cell(column));
            if (text.empty()) continue;
            if (auto oid = DbValues::wholeNumber(text))
                args[key] = *oid;
            else
                args[key] = clean(text, record); // a role or database name
        }
        if (auto toplevel = DbValues::boolean(cell(m_columns.toplevel)))
            args["toplevel"] = *toplevel;
        name = clean(cell(m_columns.query), record);
        return true;
    }

private:
    std::string clean(std::string_view text, const CsvRecord &record)
    {
        bool repaired = false;
        std::string out = DbValues::text(text, repaired);
        if (repaired)
            m_log.warnOnce("utf8", record.line, record.offset,
                           "invalid UTF-8 replaced with U+FFFD (first at this line)");
        return out;
    }

    const PgssColumns &m_columns;
    DbImportLog &m_log;
};

} // namespace

int PgStatStatementsImporter::sniff(const Sample &sample) const
{
    for (std::string_view line : sample.lines) {
        if (isBlank(line)) continue;
        char separator = ',';
        return PgssColumns::parseLine(line, separator) ? 90 : 0;
    }
    return 0;
}

ImporterResult PgStatStatementsImporter::run(ImportContext &context) const
{
    ImporterResult result;
    DbImportLog log(context.writer, result);
    const CaptureTime capture = CaptureTime::resolve(context);

    CsvReader reader(context.input, ',');
    reader.setSeparator(separatorOf(reader.peekLines(Sample::kLines, Sample::kBytes)));

    CsvRecord record;
    if (!reader.next(record)) {
        log.reject(0, 0, "no pg_stat_statements header: the file holds no text");
        return result;
    }
    if (record.problem == CsvRecord::Problem::Binary) {
        log.reject(record.line, record.offset, "binary data");
        return result;
    }
    const auto columns = record.problem == CsvRecord::Problem::None
                             ? PgssColumns::parse(record.fields)
                             : std::nullopt;
    if (!columns) {
        log.reject(record.line, record.offset,
                   "not a pg_stat_statements header: it needs the columns query, calls and "
                   "total_exec_time (PostgreSQL 13+) or total_time",
                   record.excerpt);
        return result;
    }
    const std::int64_t headerLine = record.line, headerOffset = record.offset;

    RowReader rows(*columns, log);
    std::int64_t track = 0;
    std::int64_t nextCheck = 0;
    nlohmann::json args;
    std::string name, why;
    // The input ends in this record: kept out, the source partial (a cut
    // compressed stream is reported by the caller).
    const std::string cutMessage =
        "the input ends inside this row (file cut short?); the rows before it are kept";
    ImportNotice cutAt{0, -1, {}};
    auto cutHere = [&](const CsvRecord &cut) {
        cutAt = {cut.line, cut.offset, cutMessage};
        if (!context.input.truncated()) log.cut(cut.line, cut.offset, cutMessage);
    };
    while (reader.next(record)) {
        if (record.offset >= nextCheck) {
            if (context.token.isCancelled()) throw Cancelled{};
            if (context.progress)
                context.progress(context.input.fileOffset(), context.input.fileSize());
            nextCheck = record.offset + (1 << 20);
        }
        switch (record.problem) {
        case CsvRecord::Problem::Binary:
            log.reject(record.line, record.offset, "binary data");
            continue;
        case CsvRecord::Problem::TooLong:
            log.reject(record.line, record.offset,
                       "row longer than 1 MiB or 10,000 lines (its fields cannot be read)",
                       record.excerpt);
            continue;
        case CsvRecord::Problem::Unterminated:
            cutHere(record);
            continue;
        case CsvRecord::Problem::None:
            break;
        }
        if (record.fields.size() != columns->count) {
            if (record.atEndWithoutNewline && record.fields.size() < columns->count) {
                cutHere(record);
                continue;
            }
            log.reject(record.line, record.offset,
                       std::to_string(record.fields.size()) + " fields, the header has " +
                           std::to_string(columns->count),
                       record.excerpt);
            continue;
        }
        if (!rows.read(record, args, name, why)) {
            log.reject(record.line, record.offset, why, record.excerpt);
            continue;
        }
        if (!track) track = context.writer.addTrack("instant", "db.statements", "ms", "{}");
        context.writer.addInstant(track, capture.ns, name, std::nullopt, args.dump());
        ++result.records;
    }
    if (result.records == 0 && result.rejected == 0)
        result.firstRejection =
            cutAt.line > 0 ? cutAt
                           : ImportNotice{headerLine, headerOffset,
                                          "no statement rows after the pg_stat_statements header"};
    return result;
}

} // namespace perfcase
