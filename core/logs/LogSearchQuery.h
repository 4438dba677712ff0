#pragma once

#include <string>
#include <vector>

namespace perfcase {

// What the user typed in the search field, made safe for the engine
// (DESIGN.md, "Search"): plain text quotes each word as an FTS5 phrase and
// ANDs them (raw text breaks FTS5: "socket.io" is a syntax error,
// "upstream-timeout" a column reference); "sql:" passes raw FTS5 syntax
// (which can fail: the error is shown); "re:" is a regular expression
// (QRegularExpression syntax, through the case's REGEXP function: a scan).
struct LogSearchQuery
{
    enum class Kind
    {
        None,
        FullText,
        Regex
    };

    Kind kind = Kind::None;
    std::string fts;   // the FTS5 MATCH text (Kind::FullText)
    std::string regex; // the pattern (Kind::Regex)
    // Words to highlight in messages (case-insensitive), or the regex.
    std::vector<std::string> terms;

    static LogSearchQuery parse(const std::string &text);
    bool empty() const { return kind == Kind::None; }
};

} // namespace perfcase
