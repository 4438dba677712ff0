#pragma once

#include "CsvLineParser.h"
#include "io/LineReader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace perfcase {

// One CSV record as read from the input.
struct CsvRecord
{
    enum class Problem
    {
        None,
        Binary,       // a line with NUL or mostly control bytes
        TooLong,      // over kMaxRecordBytes or kMaxRecordLines
        Unterminated, // the input ended inside a quoted field
    };
    std::vector<std::string> fields;
    std::int64_t line = 0;   // 1-based line of its first byte
    std::int64_t offset = 0; // decompressed byte offset of its first byte
    std::string excerpt;     // the start of its first line
    Problem problem = Problem::None;
    // Its last line had no line break: the input ended in this record (a
    // file cut short, or one whose writer left out the final newline).
    bool atEndWithoutNewline = false;
};

// Streams the records of a CSV file in constant memory (LineReader below:
// BOM skipped, CRLF handled, lines over 1 MiB cut). Blank lines are skipped.
// A record that spans more than kMaxRecordLines lines or kMaxRecordBytes
// bytes (an unbalanced quote, mostly) comes out with Problem::TooLong and
// reading resumes at the next line, so one stray quote cannot swallow a file.
// A last line cut by a truncated compressed stream is dropped, as DESIGN.md
// keeps only complete records.
class CsvReader
{
public:
    static constexpr std::size_t kMaxRecordBytes = 1 << 20;
    static constexpr int kMaxRecordLines = 10'000;

    CsvReader(InputStream &input, char separator);

    // The separator is known only once the first lines have been looked at.
    void setSeparator(char separator) { m_parser = CsvLineParser(separator); }
    // Reads up to maxLines raw lines (at most maxBytes in total) so that the
    // caller can detect the dialect before records are read; next() still
    // returns them, first.
    const std::vector<std::string> &peekLines(std::size_t maxLines, std::size_t maxBytes);
    // The peeked lines are the whole input.
    bool peekedAll() const { return m_eof; }

    // False at the end of the input.
    bool next(CsvRecord &record);
    std::int64_t bytesRead() const { return m_lines.bytesRead(); }

private:
    bool nextLine(Line &line);

    InputStream &m_input;
    LineReader m_lines;
    CsvLineParser m_parser;
    std::vector<std::string> m_peeked;
    std::vector<Line> m_peekedLines; // number/offset/cut of each peeked line
    std::size_t m_peekPos = 0;
    bool m_eof = false;
};

} // namespace perfcase
