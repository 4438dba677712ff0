#pragma once

#include "import/Importer.h"

namespace perfcase {

// `explain-text`: PostgreSQL EXPLAIN and EXPLAIN (ANALYZE, BUFFERS) output
// in the text format, as psql prints it (with or without the "QUERY PLAN"
// header and its rule, with or without the "(N rows)" footer), one or more
// plans per file (docs/formats.md). A plan is a snapshot: its instants are
// at the capture time (--at, else a stamp in the file name, else the file's
// modification time). Every plan node becomes an instant on `db.plan_nodes`
// named by its type, and every plan one on `db.plans` named "plan N".
// `records` counts plan nodes; `rejected` node lines whose figures cannot be
// read and binary lines; text outside any plan (a psql echo, `Time:` lines)
// is `ignored`.
class ExplainTextImporter : public Importer
{
public:
    std::string id() const override { return "explain-text"; }
    std::string kind() const override { return "db"; }
    std::string title() const override { return "PostgreSQL EXPLAIN text output"; }
    // 95 when the first non-blank line is psql's "QUERY PLAN" header
    // followed by its rule or a node; 90 when it is a plan node with its
    // figures ("Seq Scan on t  (cost=...)", "->  ...").
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
