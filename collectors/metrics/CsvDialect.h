#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The shape of a CSV table, read from its first lines: the separator
// (",", ";" or tab: the one that splits the header into the most columns
// while at least 80% of the sample rows have exactly as many fields), an
// Excel "sep=;" first line (written by Grafana's "Excel" option), the header
// cells (trimmed) and the sample rows, quoted fields spanning lines included.
struct CsvDialect
{
    static constexpr std::size_t kSampleRows = 50;

    char separator = ',';
    bool sepLine = false; // the first line is "sep=X"
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    // lines: the first lines of the file (without line breaks, BOM skipped);
    // complete: they are the whole file (else a record still open at their
    // end is left out). std::nullopt when they are no table with a header of
    // two or more columns and at least one row.
    static std::optional<CsvDialect> detect(const std::vector<std::string_view> &lines,
                                            bool complete);

    // The sample cells of one column that are not empty, trimmed.
    std::vector<std::string_view> cells(std::size_t column) const;
};

} // namespace perfcase
