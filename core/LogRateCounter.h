#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace perfcase {

class Database;

// Log records per second, per track and level (table log_rates), counted as
// the writer goes: rows of a track arrive in time order, so each track needs
// only its current second. Coarser widths (kWidths) are summed from the
// seconds in SQL when the source finishes; the timeline's log histogram
// reads the width that fits the zoom.
class LogRateCounter
{
public:
    static constexpr std::int64_t kSecondNs = 1'000'000'000;
    static constexpr std::array<std::int64_t, 4> kWidths{kSecondNs, 16 * kSecondNs, 256 * kSecondNs,
                                                         4096 * kSecondNs};
    static constexpr int kNoLevel = -1; // level column for records without one

    // level: a LogLevel as int, or kNoLevel.
    void add(std::int64_t trackId, std::int64_t ts, int level);
    // Writes the per-second counts gathered so far, then the coarser widths
    // of every log track of the source.
    void write(Database &db, std::int64_t sourceId);
    // For sources whose rows were reordered: counts from the table instead.
    static void countFromTable(Database &db, std::int64_t sourceId);

private:
    static constexpr int kLevels = 8; // kNoLevel and the seven LogLevels
    struct Second
    {
        std::int64_t trackId = 0, ts = 0;
        std::array<std::int64_t, kLevels> counts{};
    };
    void close(Second &second);
    static void writeCoarser(Database &db, std::int64_t sourceId);

    std::unordered_map<std::int64_t, Second> m_open;
    std::vector<Second> m_closed;
    std::int64_t m_cachedTrack = 0;
    Second *m_cached = nullptr;
};

} // namespace perfcase
