#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace perfcase::KubeAge {

// A kubectl age as printed by Go's duration.HumanDuration ("0s", "58m",
// "3m30s", "5h10m", "2d3h", "2y35d"; a year is 365 days), in ns. nullopt
// for "<unknown>", "<invalid>", anything else, and ages over 100 years.
std::optional<std::int64_t> parse(std::string_view text);

// The LAST SEEN / Age cell of kubectl's event tables: "58m", or
// "56m (x5 over 58m)" for an event seen several times.
struct Interval
{
    std::int64_t lastAgo = 0;             // ns before the capture
    std::optional<std::int64_t> firstAgo; // from "over ..."
    std::optional<std::int64_t> count;    // from "(xN ..."
};
std::optional<Interval> parseInterval(std::string_view text);

} // namespace perfcase::KubeAge
