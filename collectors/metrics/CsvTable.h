#pragma once

#include "CsvDialect.h"
#include "CsvReader.h"

#include <cstdint>
#include <string>

namespace perfcase {

struct ImportContext;
class MetricSink;

// The part of the CSV importers that does not depend on what the columns
// mean: the dialect from the first lines, the header, then the data records
// one by one. Broken records (binary, too long, an unterminated quote, more
// fields than the header) are rejected here with their line numbers, and
// the cancel token and progress are served every MiB.
class CsvTable
{
public:
    CsvTable(ImportContext &context, MetricSink &sink);

    // Reads up to the header. False, with the reason rejected at line 1, when
    // the start of the input is no CSV table with a header.
    bool open();
    const CsvDialect &dialect() const { return m_dialect; }
    // The header line as written (quotes included), for shape checks.
    const std::string &rawHeader() const { return m_rawHeader; }
    std::int64_t headerLine() const { return m_headerLine; }

    // The next record that has at most as many fields as the header; false
    // at the end of the input.
    bool next(CsvRecord &record);

private:
    ImportContext &m_context;
    MetricSink &m_sink;
    CsvReader m_reader;
    CsvDialect m_dialect;
    std::string m_rawHeader;
    std::int64_t m_headerLine = 0;
    std::int64_t m_nextCheck = 0;
};

} // namespace perfcase
