#pragma once

#include "import/Importer.h"

namespace perfcase {

// `pg-stat-statements-csv`: a CSV export of PostgreSQL's pg_stat_statements
// view (psql `\copy (SELECT * FROM pg_stat_statements) TO f CSV HEADER`,
// or pandas `to_csv`), docs/formats.md. The view holds totals since the
// last reset, so the file is one snapshot: every statement row becomes one
// instant on the track `db.statements` (unit ms) at the capture time (--at,
// else a stamp in the file name, else the file's modification time), named
// by the statement text (cut to 2000 bytes) with its figures in args.
// `records` counts statement rows; `rejected` rows that could not be read
// (another number of fields than the header, calls or the total time not a
// number, binary, longer than 1 MiB).
class PgStatStatementsImporter : public Importer
{
public:
    std::string id() const override { return "pg-stat-statements-csv"; }
    std::string kind() const override { return "db"; }
    std::string title() const override { return "PostgreSQL pg_stat_statements CSV export"; }
    // 90 when the first non-blank line is a header naming `query`, `calls`
    // and `total_exec_time` (PostgreSQL 13+) or `total_time` (older).
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
