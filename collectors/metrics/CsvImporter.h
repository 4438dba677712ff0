#pragma once

#include "TimeColumn.h"
#include "import/Importer.h"

#include <optional>
#include <string>

namespace perfcase {

struct CsvDialect;

// `csv`: a generic CSV table of metrics (docs/formats.md). One time column,
// found by its header name or else by its content; every other column is a
// counter track named after its header, and every cell that is a number is
// a sample. Cells that are not numbers are counted as ignored.
class CsvImporter : public Importer
{
public:
    std::string id() const override { return "csv"; }
    std::string kind() const override { return "metrics"; }
    std::string title() const override { return "CSV table of metrics"; }
    // 60 for a table with a header, a time column and numbers beside it in
    // most sample rows; 0 otherwise (a text log's first line is data, not a
    // header, so logs never qualify).
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;

    struct Plan
    {
        std::size_t timeColumn = 0;
        TimeColumn time;
    };
    // Which column holds the time and how to read it; std::nullopt (with the
    // reason in why) when there is none, or when the header row is data.
    static std::optional<Plan> plan(const CsvDialect &dialect, std::string &why);
};

} // namespace perfcase
