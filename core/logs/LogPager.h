#pragma once

#include "LogKey.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace perfcase {

class LogBlockIndex;

// Random access to the log records of some tracks in time order across
// sources, restricted to an optional time range: rowCount() is exact and
// rows(first, n) costs the same wherever first is (no OFFSET, no scan).
// A row index maps to a time by binary search over time, using the blocks'
// row counts to narrow it and the few straddling blocks to finish; the page
// then comes from a merge of the tracks from that time on.
class LogPager
{
public:
    explicit LogPager(LogBlockIndex &index);

    // Tracks are indices into LogBlockIndex::tracks(); an empty list means all.
    // The range is inclusive, in corrected ns.
    void setScope(const std::vector<int> &tracks, std::optional<std::int64_t> from,
                  std::optional<std::int64_t> to);
    const std::vector<int> &tracks() const { return m_tracks; }

    std::int64_t rowCount() const { return m_count; }
    // Up to n records from row first on, in order.
    std::vector<LogRef> rows(std::int64_t first, int n);
    // The first row at or after ts (rowCount() when none).
    std::int64_t indexForTime(std::int64_t ts);
    // The row whose time is nearest ts (-1 when there are no rows).
    std::int64_t nearestIndex(std::int64_t ts);

    // Rows of the scope's tracks below key, over the whole case.
    std::int64_t rank(LogKey key);

private:
    // The time of global row k (k < total rows of the tracks).
    std::int64_t timeOfRow(std::int64_t k);

    LogBlockIndex &m_index;
    std::vector<int> m_tracks;
    std::int64_t m_base = 0, m_count = 0;
};

} // namespace perfcase
