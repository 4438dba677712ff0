#include "PgssColumns.h"

#include "metrics/CsvLineParser.h"
#include "metrics/MetricNumbers.h"

namespace perfcase {

namespace {

std::string lowered(std::string_view text)
{
    std::string out(MetricNumbers::trim(text));
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return out;
}

} // namespace

std::optional<PgssColumns> PgssColumns::parse(const std::vector<std::string> &header)
{
    PgssColumns c;
    c.count = header.size();
    int totalOld = -1, meanOld = -1, maxOld = -1, stddevOld = -1;
    int meanExec = -1, maxExec = -1, stddevExec = -1, totalExec = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name = lowered(header[i]);
        int *slot = name == "userid"             ? &c.userid
                    : name == "dbid"             ? &c.dbid
                    : name == "toplevel"         ? &c.toplevel
                    : name == "queryid"          ? &c.queryid
                    : name == "query"            ? &c.query
                    : name == "calls"            ? &c.calls
                    : name == "rows"             ? &c.rows
                    : name == "shared_blks_hit"  ? &c.sharedBlksHit
                    : name == "shared_blks_read" ? &c.sharedBlksRead
                    : name == "total_exec_time"  ? &totalExec
                    : name == "mean_exec_time"   ? &meanExec
                    : name == "max_exec_time"    ? &maxExec
                    : name == "stddev_exec_time" ? &stddevExec
                    : name == "total_time"       ? &totalOld
                    : name == "mean_time"        ? &meanOld
                    : name == "max_time"         ? &maxOld
                    : name == "stddev_time"      ? &stddevOld
                                                 : nullptr;
        // A repeated name keeps its first column.
        if (slot && *slot < 0) *slot = int(i);
    }
    c.execNames = totalExec >= 0;
    c.total = c.execNames ? totalExec : totalOld;
    c.mean = c.execNames ? meanExec : meanOld;
    c.max = c.execNames ? maxExec : maxOld;
    c.stddev = c.execNames ? stddevExec : stddevOld;
    if (c.query < 0 || c.calls < 0 || c.total < 0) return std::nullopt;
    return c;
}

std::optional<PgssColumns> PgssColumns::parseLine(std::string_view line, char &separator)
{
    for (char candidate : {',', ';', '\t'}) {
        if (auto columns = parse(CsvLineParser::splitLine(line, candidate))) {
            separator = candidate;
            return columns;
        }
    }
    return std::nullopt;
}

} // namespace perfcase
