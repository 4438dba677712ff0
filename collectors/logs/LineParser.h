#pragma once

#include "LogLevel.h"
#include "TimePattern.h"

#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

// What a format makes of one line.
struct LineResult
{
    // True when the line starts a record; false for a continuation line
    // (stack trace, multi-line statement) or a line the format does not know.
    bool starts = false;
    // A record start without a time of its own (uvicorn's "INFO:     ..."):
    // it takes the time of the record before it.
    bool timeless = false;
    ParsedTime time;
    std::optional<LogLevel> level;
    std::string_view message;
    // A duration written in the line (PostgreSQL's "duration: 12.3 ms"),
    // which also becomes a slice ending at the record's time.
    std::optional<double> durationMs;
    std::string_view durationName;
    // An HTTP request line ("GET /x HTTP/1.1") and status the line records
    // (access logs), which also become slices on the requests track.
    std::string_view request;
    std::string_view status;
    // Storage for a message the parser had to build (JSON lines).
    std::string ownedMessage;
};

// Parses lines of one format. Not thread-safe: one parser per import.
class LineParser
{
public:
    virtual ~LineParser() = default;
    virtual void parse(std::string_view line, LineResult &result) = 0;
};

} // namespace perfcase
