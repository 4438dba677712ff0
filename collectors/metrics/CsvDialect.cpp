#include "CsvDialect.h"

#include "CsvLineParser.h"
#include "MetricNumbers.h"

namespace perfcase {

namespace {

bool blank(std::string_view line)
{
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

// "sep=;" (Excel's dialect hint), possibly quoted.
std::optional<char> excelSeparator(std::string_view line)
{
    line = MetricNumbers::trim(line);
    if (line.size() >= 2 && line.front() == '"' && line.back() == '"')
        line = line.substr(1, line.size() - 2);
    if (line.size() == 5 && line.substr(0, 4) == "sep=") return line[4];
    return std::nullopt;
}

struct Reading
{
    std::vector<std::vector<std::string>> records;
    bool consistent = false;
};

Reading readWith(char separator, const std::vector<std::string_view> &lines, std::size_t first,
                 bool complete)
{
    Reading reading;
    CsvLineParser parser(separator);
    bool open = false;
    for (std::size_t i = first; i < lines.size(); ++i) {
        if (reading.records.size() > CsvDialect::kSampleRows) break;
        if (!open && blank(lines[i])) continue;
        open = !parser.feed(lines[i]);
        if (!open) reading.records.push_back(parser.fields());
    }
    if (open && complete)
        reading.records.push_back(parser.fields()); // the file ends in an open quote
    if (reading.records.size() < 2 || reading.records.front().size() < 2) return reading;
    const std::size_t width = reading.records.front().size();
    std::size_t same = 0;
    for (std::size_t r = 1; r < reading.records.size(); ++r)
        same += reading.records[r].size() == width;
    reading.consistent = same * 10 >= (reading.records.size() - 1) * 8;
    return reading;
}

} // namespace

std::optional<CsvDialect> CsvDialect::detect(const std::vector<std::string_view> &lines,
                                             bool complete)
{
    std::size_t first = 0;
    while (first < lines.size() && blank(lines[first]))
        ++first;
    if (first >= lines.size()) return std::nullopt;

    CsvDialect dialect;
    std::vector<char> candidates{',', ';', '\t'};
    if (auto hinted = excelSeparator(lines[first])) {
        dialect.sepLine = true;
        candidates.assign(1, *hinted);
        ++first;
    }
    std::optional<Reading> best;
    for (char separator : candidates) {
        Reading reading = readWith(separator, lines, first, complete);
        if (!reading.consistent) continue;
        if (!best || reading.records.front().size() > best->records.front().size()) {
            best = std::move(reading);
            dialect.separator = separator;
        }
    }
    if (!best) return std::nullopt;
    for (const std::string &cell : best->records.front())
        dialect.header.emplace_back(MetricNumbers::trim(cell));
    dialect.rows.assign(std::make_move_iterator(best->records.begin() + 1),
                        std::make_move_iterator(best->records.end()));
    return dialect;
}

std::vector<std::string_view> CsvDialect::cells(std::size_t column) const
{
    std::vector<std::string_view> out;
    for (const auto &row : rows) {
        if (column < row.size()) {
            std::string_view cell = MetricNumbers::trim(row[column]);
            if (!cell.empty()) out.push_back(cell);
        }
    }
    return out;
}

} // namespace perfcase
