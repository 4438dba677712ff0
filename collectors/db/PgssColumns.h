#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// Where the columns of a pg_stat_statements export are, read from its
// header row. PostgreSQL 13 renamed the timing columns (total_time ->
// total_exec_time, mean_time -> mean_exec_time, ...) when it added the
// planning ones; both spellings are read, the *_exec_* ones first. -1 for
// a column the export does not have.
struct PgssColumns
{
    int userid = -1, dbid = -1, toplevel = -1, queryid = -1, query = -1, calls = -1, total = -1,
        mean = -1, max = -1, stddev = -1, rows = -1, sharedBlksHit = -1, sharedBlksRead = -1;
    std::size_t count = 0;  // cells in the header
    bool execNames = false; // the PostgreSQL 13+ names (total_exec_time, ...)

    // The header cells (quotes already removed); std::nullopt unless they
    // name `query`, `calls` and a total time column.
    static std::optional<PgssColumns> parse(const std::vector<std::string> &header);
    // One header line: tries the separators , ; and tab and sets separator
    // to the one that gives such a header.
    static std::optional<PgssColumns> parseLine(std::string_view line, char &separator);
};

} // namespace perfcase
