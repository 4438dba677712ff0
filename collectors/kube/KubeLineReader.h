#pragma once

#include "import/Importer.h"
#include "io/LineReader.h"

#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The lines of a kubectl text output (tables, describe), cleaned as
// DESIGN.md's text rules say: BOM and CR dropped (LineReader), ANSI escapes
// stripped, invalid UTF-8 replaced with U+FFFD (one warning per file),
// binary lines rejected, a cut last line of a truncated compressed stream
// left out. Rejections and warnings go to the source and to the result.
class KubeLineReader
{
public:
    KubeLineReader(ImportContext &context, ImporterResult &result);

    // The next line that is text; false at the end of input.
    bool next(std::string_view &text);
    std::int64_t number() const { return m_line.number; }
    std::int64_t offset() const { return m_line.offset; }
    // The current line is the last of the input and has no line break.
    bool lastWithoutNewline() const { return m_line.lastWithoutNewline; }

    // Records the current line (or another) as rejected.
    void reject(const std::string &why);
    void reject(std::int64_t number, std::int64_t offset, const std::string &why,
                std::string_view text);
    void warn(const std::string &why); // once per message text

private:
    ImportContext &m_context;
    ImporterResult &m_result;
    LineReader m_reader;
    Line m_line;
    std::string m_clean, m_scratch;
    std::int64_t m_nextCheck = 0;
    std::vector<std::string> m_warned;
};

} // namespace perfcase
