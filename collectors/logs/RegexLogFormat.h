#pragma once

#include "LogFormat.h"
#include "Regex.h"

#include <nlohmann/json_fwd.hpp>

namespace perfcase {

// A line-oriented format described by data (resources/formats/*.json), in
// the spirit of lnav's format files: regular expressions with named groups
// (ts, level, msg, status, pri, dur_ms, dur_name), a time layout per
// pattern, where the level comes from, and sample lines.
class RegexLogFormat : public LogFormat
{
public:
    // Throws std::runtime_error with the reason (bad regex, missing field).
    explicit RegexLogFormat(const nlohmann::json &definition);

    enum class LevelSource { Group, Text, HttpStatus, SyslogPri };

    bool hasYear() const override;
    std::unique_ptr<LineParser> makeParser() const override;

    struct Pattern
    {
        Regex regex;
        TimePattern time;
        bool timeless = false;
        LevelSource levelSource = LevelSource::Group;
        int ts = -1, level = -1, msg = -1, status = -1, pri = -1, durMs = -1, durName = -1,
            request = -1;
    };
    const std::vector<Pattern> &patterns() const { return m_patterns; }

private:
    std::vector<Pattern> m_patterns;
};

} // namespace perfcase
