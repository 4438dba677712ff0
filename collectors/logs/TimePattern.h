#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The fields of a timestamp as written, before any zone is applied.
struct ParsedTime
{
    int year = -1; // -1: the format has no year (RFC 3164 syslog)
    int month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::int64_t fractionNs = 0;
    bool hasOffset = false;
    int offsetSeconds = 0;
    std::string_view abbreviation; // "CET", "PDT": resolved by ZoneResolver
    bool isEpoch = false;
    std::int64_t epochNs = 0;
};

// A compiled timestamp layout. Either a named layout ("iso8601": any ISO
// 8601 / RFC 3339 form with optional fraction and zone; "epoch": Unix seconds
// with optional fraction) or a strptime-like pattern:
//   %Y %y %m %d %e %H %M %S  numbers (%e: space-padded day)
//   %f   fraction digits      %F  optional "." or "," plus digits
//   %z   Z, +hh:mm, +hhmm, +hh  %Z  a zone abbreviation or an offset
//   %b   month name (Jan)     %a  weekday name (skipped)
//   %s   epoch seconds        a space matches one or more spaces
class TimePattern
{
public:
    // Throws std::invalid_argument on an unknown directive.
    explicit TimePattern(std::string_view spec);
    bool parse(std::string_view text, ParsedTime &out) const;
    bool hasYear() const { return m_hasYear; }
    const std::string &spec() const { return m_spec; }

private:
    enum class Op : char {
        Literal, Space, Year4, Year2, Month, Day, DaySpace, Hour, Minute, Second, Fraction,
        OptionalFraction, Offset, ZoneAny, MonthName, WeekdayName, Epoch
    };
    struct Token
    {
        Op op;
        char literal = 0;
    };
    std::string m_spec;
    std::vector<Token> m_tokens;
    bool m_iso = false;
    bool m_hasYear = true;
};

} // namespace perfcase
