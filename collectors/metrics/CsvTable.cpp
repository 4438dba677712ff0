#include "CsvTable.h"

#include "MetricSink.h"
#include "import/Importer.h"
#include "import/Sample.h"
#include "io/InputStream.h"

namespace perfcase {

CsvTable::CsvTable(ImportContext &context, MetricSink &sink)
    : m_context(context), m_sink(sink), m_reader(context.input, ',')
{}

bool CsvTable::open()
{
    const auto &peeked = m_reader.peekLines(Sample::kLines, Sample::kBytes);
    std::vector<std::string_view> lines;
    for (const std::string &line : peeked) {
        // A line cut at 1 MiB is rejected later; it says nothing of the shape.
        if (line.size() < LineReader::kMaxLineBytes) lines.push_back(line);
    }
    auto dialect = CsvDialect::detect(lines, m_reader.peekedAll());
    if (!dialect) {
        m_sink.reject(1, 0,
                      "not a CSV table: no header of two or more columns followed by rows with "
                      "as many fields (separator , ; or tab)",
                      lines.empty() ? std::string_view() : lines.front());
        return false;
    }
    m_dialect = std::move(*dialect);
    m_reader.setSeparator(m_dialect.separator);
    CsvRecord record;
    bool sepSkipped = !m_dialect.sepLine;
    while (m_reader.next(record)) {
        if (!sepSkipped) {
            sepSkipped = true;
            continue;
        }
        m_headerLine = record.line;
        m_rawHeader = record.excerpt;
        return true;
    }
    return false; // detect() saw a header, so this is not reached
}

bool CsvTable::next(CsvRecord &record)
{
    while (m_reader.next(record)) {
        if (record.offset >= m_nextCheck) {
            if (m_context.token.isCancelled()) throw Cancelled{};
            if (m_context.progress)
                m_context.progress(m_context.input.fileOffset(), m_context.input.fileSize());
            m_nextCheck = record.offset + (1 << 20);
        }
        switch (record.problem) {
        case CsvRecord::Problem::Binary:
            m_sink.reject(record.line, record.offset, "binary data", {});
            continue;
        case CsvRecord::Problem::TooLong:
            m_sink.reject(record.line, record.offset,
                          "record longer than 1 MiB or 10,000 lines (an unbalanced quote?)",
                          record.excerpt);
            continue;
        case CsvRecord::Problem::Unterminated:
            m_sink.reject(record.line, record.offset,
                          "the input ends inside a quoted field of this record", record.excerpt);
            continue;
        case CsvRecord::Problem::None:
            break;
        }
        if (record.fields.size() > m_dialect.header.size()) {
            m_sink.reject(record.line, record.offset,
                          std::to_string(record.fields.size()) + " fields, the header has " +
                              std::to_string(m_dialect.header.size()),
                          record.excerpt);
            continue;
        }
        return true;
    }
    return false;
}

} // namespace perfcase
