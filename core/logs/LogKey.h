#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace perfcase {

// Where a log record sits in the explorer's order: corrected time, then id
// (ids are unique across the case, so the order is total and stable).
struct LogKey
{
    std::int64_t ts = 0;
    std::int64_t id = 0;
    auto operator<=>(const LogKey &) const = default;

    // The first key at time ts: every record at ts compares greater or equal.
    static LogKey at(std::int64_t ts) { return {ts, std::numeric_limits<std::int64_t>::min()}; }
};

// A record found by the paging engine: its key and the track (an index into
// LogBlockIndex::tracks()) it belongs to.
struct LogRef
{
    LogKey key;
    int track = 0;
};

} // namespace perfcase
