#pragma once

#include "LineParser.h"

#include <memory>
#include <string>
#include <vector>

namespace perfcase {

// A sample line shipped with a format and what it must parse to; checked
// when the format loads, so a broken format never reaches an import.
struct FormatSample
{
    std::string line;
    std::optional<std::string> ts; // RFC 3339 in UTC, or absent for a timeless start
    std::optional<std::string> level;
};

// A log format: how to recognise and parse its lines.
class LogFormat
{
public:
    virtual ~LogFormat() = default;

    const std::string &id() const { return m_id; }
    const std::string &title() const { return m_title; }
    // Higher sniffs first when two formats read a sample equally well.
    int priority() const { return m_priority; }
    const std::vector<FormatSample> &samples() const { return m_samples; }
    // The track for durations found in lines ("postgres.statement_duration"), if any.
    const std::string &durationTrack() const { return m_durationTrack; }
    // The track for HTTP requests found in lines ("http.requests"), if any.
    const std::string &requestsTrack() const { return m_requestsTrack; }
    // False when the format's times carry no year (RFC 3164 syslog).
    virtual bool hasYear() const { return true; }

    virtual std::unique_ptr<LineParser> makeParser() const = 0;

    // Throws std::runtime_error naming the first sample that fails.
    void checkSamples() const;

protected:
    std::string m_id, m_title, m_durationTrack, m_requestsTrack;
    int m_priority = 0;
    std::vector<FormatSample> m_samples;
};

} // namespace perfcase
