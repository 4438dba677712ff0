#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

// Nanoseconds since the Unix epoch, UTC: the case file's only time unit.
std::int64_t nowNs();

// RFC 3339 in UTC with "Z" and the shortest of 0/3/6/9 fraction digits that
// holds the value exactly (CLI.md).
std::string formatRfc3339(std::int64_t ns);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
// algorithm); valid for any year we meet in logs.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

// A time given on the command line: RFC 3339, Unix seconds (with fraction),
// "now", or "now-1h" / "now+30m". std::nullopt when it is none of these.
std::optional<std::int64_t> parseTimeArgument(std::string_view text, std::int64_t now);

// A kubectl-style duration ("90s", "1h30m", "250ms"), in ns.
std::optional<std::int64_t> parseDuration(std::string_view text);

// A strict RFC 3339 / ISO 8601 timestamp with a zone ("Z" or +hh:mm).
std::optional<std::int64_t> parseRfc3339(std::string_view text);

} // namespace perfcase
