#pragma once

#include "TimePattern.h"

#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace perfcase {

// Turns the fields of a written timestamp into ns since the epoch, UTC.
// Times with an offset or a known abbreviation are exact; local times use
// the source's zone (--tz, default UTC, never the machine's). DESIGN.md,
// Clocks: an ambiguous local time (DST fall-back) takes the earlier offset
// unless time would run backwards; a nonexistent one moves forward and warns.
// Year-less times take the given year and step into the next one when the
// month goes from December to January.
class ZoneResolver
{
public:
    // Throws std::invalid_argument for an unknown IANA zone name.
    explicit ZoneResolver(const std::string &zone = "UTC", int defaultYear = 1970);

    std::optional<std::int64_t> toUtc(const ParsedTime &time);

    // Warnings raised so far (each kind once): text to show the user.
    bool takeWarning(std::string &warning);

    // Fixed offsets of common abbreviations, in seconds; nullopt if unknown.
    static std::optional<int> abbreviationOffset(std::string_view abbreviation);

private:
    struct HourRule
    {
        int before = 0, after = 0; // offsets around any transition in this local hour
        bool beforeValid = true, afterValid = true;
    };
    const HourRule &ruleFor(std::int64_t localSeconds);
    int offsetAt(std::int64_t utcSeconds) const;

    QTimeZone m_zone;
    bool m_utc = true;
    int m_year;
    int m_lastMonth = 0;
    std::int64_t m_lastUtc = INT64_MIN;
    std::unordered_map<std::int64_t, HourRule> m_rules;
    std::string m_pendingWarning;
    bool m_warnedGap = false, m_warnedAbbreviation = false, m_warnedRange = false;
};

} // namespace perfcase
