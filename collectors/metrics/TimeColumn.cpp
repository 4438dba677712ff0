#include "TimeColumn.h"

#include "MetricNumbers.h"
#include "logs/TimePattern.h"
#include "logs/ZoneResolver.h"

#include <array>

namespace perfcase {

namespace {

std::string lower(std::string_view text)
{
    std::string out(MetricNumbers::trim(text));
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return out;
}

// "timestamp_ms" -> {"timestamp", "ms"}; "time (UTC)" -> {"time", "utc"};
// "time (µs)" -> {"time", "us"}.
std::pair<std::string, std::string> nameAndHint(std::string_view header)
{
    std::string name = lower(header);
    // "µs" -> "us". (Rebuilt rather than std::string::replace: GCC 12 warns a
    // false -Wrestrict on that, and CI builds with -Werror.)
    std::string ascii;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name.compare(i, 2, "\xc2\xb5") == 0) {
            ascii += 'u';
            ++i;
        } else {
            ascii += name[i];
        }
    }
    name = std::move(ascii);
    while (!name.empty() && (name.front() == '@' || name.front() == '_'))
        name.erase(0, 1);
    const std::size_t cut = name.find_first_of(" _(-.[");
    std::string hint;
    if (cut != std::string::npos) {
        for (char c : name.substr(cut)) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) hint += c;
        }
        name.resize(cut);
    }
    return {name, hint};
}

std::optional<int> scaleFromHint(std::string_view hint)
{
    struct Entry
    {
        std::string_view hint;
        int scale;
    };
    static constexpr std::array kHints{
        Entry{"s", 9},       Entry{"sec", 9},    Entry{"secs", 9},
        Entry{"seconds", 9}, Entry{"epoch", 9},  Entry{"unix", 9},
        Entry{"ms", 6},      Entry{"millis", 6}, Entry{"milliseconds", 6},
        Entry{"us", 3},      Entry{"micros", 3}, Entry{"microseconds", 3},
        Entry{"ns", 0},      Entry{"nanos", 0},  Entry{"nanoseconds", 0},
        Entry{"epochms", 6}, Entry{"unixms", 6}, Entry{"epochns", 0},
    };
    for (const Entry &entry : kHints) {
        if (entry.hint == hint) return entry.scale;
    }
    return std::nullopt;
}

bool knownHint(std::string_view hint)
{
    static constexpr std::array<std::string_view, 9> kZones{
        "", "utc", "gmt", "z", "local", "iso", "stamp", "utc0", "iso8601"};
    for (std::string_view zone : kZones) {
        if (zone == hint) return true;
    }
    return scaleFromHint(hint).has_value();
}

} // namespace

bool TimeColumn::isTimeName(std::string_view header)
{
    static constexpr std::array<std::string_view, 9> kWhole{
        "time",      "timestamp",  "ts",         "date",     "datetime",
        "date_time", "time_stamp", "event_time", "eventtime"};
    const std::string whole = lower(header);
    std::string_view bare = whole;
    while (!bare.empty() && (bare.front() == '@' || bare.front() == '_'))
        bare.remove_prefix(1);
    for (std::string_view name : kWhole) {
        if (bare == name) return true;
    }
    auto [name, hint] = nameAndHint(header);
    return (name == "time" || name == "timestamp" || name == "ts" || name == "datetime") &&
           knownHint(hint);
}

std::optional<std::int64_t> TimeColumn::parseIso(std::string_view cell, ZoneResolver &zone)
{
    static const TimePattern iso("iso8601");
    cell = MetricNumbers::trim(cell);
    ParsedTime parsed;
    if (cell.size() == 10) {
        // A bare date (daily data): midnight in --tz.
        std::string midnight(cell);
        midnight += "T00:00:00";
        if (!iso.parse(midnight, parsed)) return std::nullopt;
        return zone.toUtc(parsed);
    }
    if (!iso.parse(cell, parsed)) return std::nullopt;
    return zone.toUtc(parsed);
}

std::optional<TimeColumn> TimeColumn::fromCells(std::string_view header,
                                                const std::vector<std::string_view> &cells,
                                                bool byName)
{
    if (cells.empty()) return std::nullopt;
    // A few bad cells do not hide a time column (their rows are rejected
    // later); a column found by content must be nearly all times.
    const std::size_t needed = byName ? (cells.size() + 1) / 2 : (cells.size() * 9 + 9) / 10;
    ZoneResolver utc;
    std::size_t iso = 0, epoch = 0;
    std::string_view firstEpoch;
    for (std::string_view cell : cells) {
        if (parseIso(cell, utc)) {
            ++iso;
            continue;
        }
        const int digits = MetricNumbers::integerDigits(cell);
        if (digits > 0 && digits <= 19 && (byName || digits >= 10)) {
            if (epoch++ == 0) firstEpoch = cell;
        }
    }
    if (iso >= needed) return TimeColumn();
    if (epoch < needed) return std::nullopt;
    TimeColumn column;
    column.m_kind = Kind::Epoch;
    if (auto scale = scaleFromHint(nameAndHint(header).second)) {
        column.m_scaleDigits = *scale;
    } else {
        const int digits = MetricNumbers::integerDigits(firstEpoch);
        column.m_scaleDigits = digits <= 11 ? 9 : digits <= 14 ? 6 : digits <= 17 ? 3 : 0;
    }
    return column;
}

std::optional<std::int64_t> TimeColumn::parse(std::string_view cell, ZoneResolver &zone) const
{
    if (m_kind == Kind::Iso) return parseIso(cell, zone);
    if (MetricNumbers::integerDigits(cell) == 0) return std::nullopt;
    return MetricNumbers::scaledInteger(cell, m_scaleDigits);
}

std::string TimeColumn::describe() const
{
    if (m_kind == Kind::Iso) return "ISO 8601";
    switch (m_scaleDigits) {
    case 9:
        return "epoch s";
    case 6:
        return "epoch ms";
    case 3:
        return "epoch us";
    default:
        return "epoch ns";
    }
}

} // namespace perfcase
