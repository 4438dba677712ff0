#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The RFC 4180 state machine, fed one line at a time: a quoted field may hold
// separators, doubled quotes and line breaks, so one record can span several
// lines. Lenient where real exports are: spaces before an opening quote and
// text after a closing quote are kept as part of the field.
class CsvLineParser
{
public:
    explicit CsvLineParser(char separator = ',') : m_separator(separator) {}

    // Forgets any record in progress.
    void reset();
    // Adds a line (without its line break). True when the record is complete;
    // false while a quoted field is still open (the line break is kept).
    bool feed(std::string_view line);
    // The fields of the last complete record (or of the open one).
    const std::vector<std::string> &fields() const { return m_fields; }
    bool inQuotes() const { return m_inQuotes; }
    // Bytes held by the record in progress.
    std::size_t size() const { return m_size; }
    char separator() const { return m_separator; }

    // One line as a whole record (no continuation): for sniffing.
    static std::vector<std::string> splitLine(std::string_view line, char separator);

private:
    char m_separator;
    std::vector<std::string> m_fields;
    bool m_inQuotes = false;
    bool m_quoteSeen = false; // the current field had a closing quote
    bool m_open = false;      // a record is in progress
    std::size_t m_size = 0;
};

} // namespace perfcase
