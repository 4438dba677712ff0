#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace perfcase::test {

// One log record to write: track 0 or 1 of its source, raw time, level
// (-1 none), message, template number (-1 none).
struct TestLog
{
    int track = 0;
    std::int64_t ts = 0;
    int level = 2;
    std::string message;
    int templateKey = -1;
};

struct TestSource
{
    std::string name;
    std::int64_t clockOffsetNs = 0;
    int tracks = 1;
    std::vector<TestLog> logs;
    std::vector<std::string> patterns; // template number -> pattern
};

// Writes a case file with these sources through SourceWriter, as imports do.
void buildCase(const std::string &path, const std::vector<TestSource> &sources);

} // namespace perfcase::test
