#include "CsvLineParser.h"

namespace perfcase {

void CsvLineParser::reset()
{
    m_fields.clear();
    m_inQuotes = false;
    m_quoteSeen = false;
    m_open = false;
    m_size = 0;
}

bool CsvLineParser::feed(std::string_view line)
{
    if (!m_open) {
        m_fields.assign(1, std::string());
        m_quoteSeen = false;
        m_open = true;
        m_size = 0;
    } else {
        // Still inside a quoted field: the line break belongs to it.
        m_fields.back() += '\n';
    }
    m_size += line.size() + 1;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        std::string &field = m_fields.back();
        if (m_inQuotes) {
            if (c != '"') {
                field += c;
            } else if (i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else {
                m_inQuotes = false;
                m_quoteSeen = true;
            }
            continue;
        }
        if (c == m_separator) {
            m_fields.emplace_back();
            m_quoteSeen = false;
        } else if (c == '"' && !m_quoteSeen && field.find_first_not_of(' ') == std::string::npos) {
            // An opening quote; spaces before it are padding, not data.
            field.clear();
            m_inQuotes = true;
        } else {
            field += c;
        }
    }
    if (m_inQuotes) return false;
    m_open = false;
    return true;
}

std::vector<std::string> CsvLineParser::splitLine(std::string_view line, char separator)
{
    CsvLineParser parser(separator);
    parser.feed(line);
    return parser.m_fields;
}

} // namespace perfcase
