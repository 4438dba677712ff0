#include "CsvReader.h"

#include "Utf8.h"
#include "logs/TextRepair.h"

namespace perfcase {

CsvReader::CsvReader(InputStream &input, char separator)
    : m_input(input), m_lines(input), m_parser(separator)
{}

bool CsvReader::nextLine(Line &line)
{
    if (m_peekPos < m_peeked.size()) {
        line = m_peekedLines[m_peekPos];
        line.text = m_peeked[m_peekPos];
        ++m_peekPos;
        return true;
    }
    if (m_eof || !m_lines.next(line)) return false;
    // A compressed stream cut short ends in a cut line: keep only what is
    // complete (FileImporter marks the source partial).
    if (line.lastWithoutNewline && m_input.truncated()) {
        m_eof = true;
        return false;
    }
    return true;
}

const std::vector<std::string> &CsvReader::peekLines(std::size_t maxLines, std::size_t maxBytes)
{
    std::size_t bytes = 0;
    for (const std::string &text : m_peeked)
        bytes += text.size();
    Line line;
    while (m_peeked.size() < maxLines && bytes < maxBytes && !m_eof) {
        if (!m_lines.next(line) || (line.lastWithoutNewline && m_input.truncated())) {
            m_eof = true;
            break;
        }
        m_peeked.emplace_back(line.text);
        line.text = {};
        m_peekedLines.push_back(line);
        bytes += m_peeked.back().size();
    }
    return m_peeked;
}

bool CsvReader::next(CsvRecord &record)
{
    Line line;
    do {
        if (!nextLine(line)) return false;
    } while (!line.cut && line.text.find_first_not_of(" \t") == std::string_view::npos);

    record.fields.clear();
    record.line = line.number;
    record.offset = line.offset;
    record.excerpt.assign(utf8Prefix(line.text, 200));
    record.problem = CsvRecord::Problem::None;
    record.atEndWithoutNewline = line.lastWithoutNewline;

    auto fail = [&](CsvRecord::Problem problem) {
        record.problem = problem;
        m_parser.reset();
        return true;
    };
    if (line.cut) return fail(CsvRecord::Problem::TooLong);
    if (TextRepair::looksBinary(line.text)) return fail(CsvRecord::Problem::Binary);
    int lines = 1;
    while (!m_parser.feed(line.text)) {
        if (m_parser.size() > kMaxRecordBytes || lines >= kMaxRecordLines)
            return fail(CsvRecord::Problem::TooLong);
        if (!nextLine(line)) return fail(CsvRecord::Problem::Unterminated);
        record.atEndWithoutNewline = line.lastWithoutNewline;
        if (line.cut) return fail(CsvRecord::Problem::TooLong);
        if (TextRepair::looksBinary(line.text)) return fail(CsvRecord::Problem::Binary);
        ++lines;
    }
    record.fields = m_parser.fields();
    return true;
}

} // namespace perfcase
