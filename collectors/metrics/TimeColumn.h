#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

class ZoneResolver;

// How the cells of a table's time column are read: ISO 8601 / RFC 3339
// date-times (zone-less ones in --tz, through ZoneResolver), or Unix epoch
// numbers in s, ms, µs or ns. The epoch unit comes from the header when it
// says so ("ts_ms", "time (us)") and else from the magnitude of the first
// cell (up to 11 integer digits: s, 14: ms, 17: µs, more: ns), and is kept
// for the whole file. Epoch cells are converted by shifting their digits,
// so "1564308009.804" is exactly ...009.804000000 s.
class TimeColumn
{
public:
    enum class Kind
    {
        Iso,
        Epoch
    };

    // Whether a header names a time column: time, timestamp, ts, date,
    // datetime, @timestamp, _time, Time, "time (utc)", "timestamp_ms", ...
    static bool isTimeName(std::string_view header);

    // How to read the column from the sample of its cells (empty cells are
    // left out by the caller); std::nullopt when they are not times: at
    // least half of them for a column named as a time (byName), 90%
    // otherwise, when epoch numbers must also be at least 10^9 (2001 in
    // seconds) so that an ordinary numeric column is not taken for the time.
    static std::optional<TimeColumn>
    fromCells(std::string_view header, const std::vector<std::string_view> &cells, bool byName);

    std::optional<std::int64_t> parse(std::string_view cell, ZoneResolver &zone) const;
    Kind kind() const { return m_kind; }
    // "ISO 8601", "epoch s", "epoch ms", ...: for messages and docs.
    std::string describe() const;

    // One ISO 8601 / RFC 3339 date-time, or a bare date "2026-11-20".
    static std::optional<std::int64_t> parseIso(std::string_view cell, ZoneResolver &zone);

private:
    Kind m_kind = Kind::Iso;
    int m_scaleDigits = 9; // epoch: 9 for s, 6 ms, 3 µs, 0 ns
};

} // namespace perfcase
