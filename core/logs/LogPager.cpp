#include "LogPager.h"

#include "LogBlockIndex.h"

#include <algorithm>
#include <limits>

namespace perfcase {

LogPager::LogPager(LogBlockIndex &index) : m_index(index)
{
    setScope({}, std::nullopt, std::nullopt);
}

void LogPager::setScope(const std::vector<int> &tracks, std::optional<std::int64_t> from,
                        std::optional<std::int64_t> to)
{
    m_tracks = tracks;
    if (m_tracks.empty())
        for (int i = 0; i < int(m_index.tracks().size()); ++i)
            m_tracks.push_back(i);
    std::int64_t total = 0;
    for (int track : m_tracks)
        total += m_index.tracks()[std::size_t(track)].rows();
    m_base = from ? rank(LogKey::at(*from)) : 0;
    std::int64_t end = total;
    if (to && *to < std::numeric_limits<std::int64_t>::max()) end = rank(LogKey::at(*to + 1));
    m_count = std::max<std::int64_t>(0, end - m_base);
}

std::int64_t LogPager::rank(LogKey key)
{
    std::int64_t rows = 0;
    for (int track : m_tracks)
        rows += m_index.countBefore(track, key);
    return rows;
}

std::int64_t LogPager::timeOfRow(std::int64_t k)
{
    // Invariant: rows before lo <= k < rows before hi. The block bounds
    // decide most steps in memory; only steps inside straddling blocks read
    // rows, and those blocks stay cached for the next steps and pages.
    std::int64_t lo = m_index.firstTs(), hi = m_index.lastTs();
    if (hi == std::numeric_limits<std::int64_t>::max()) return hi;
    ++hi;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + std::int64_t((std::uint64_t(hi) - std::uint64_t(lo)) / 2);
        std::int64_t lower = 0, upper = 0;
        for (int track : m_tracks) {
            std::int64_t l = 0, u = 0;
            m_index.boundsBefore(track, mid, l, u);
            lower += l;
            upper += u;
        }
        if (upper <= k)
            lo = mid;
        else if (lower > k)
            hi = mid;
        else if (rank(LogKey::at(mid)) <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

std::vector<LogRef> LogPager::rows(std::int64_t first, int n)
{
    std::vector<LogRef> out;
    if (first < 0 || first >= m_count || n <= 0) return out;
    n = int(std::min<std::int64_t>(n, m_count - first));
    out.reserve(std::size_t(n));
    const std::int64_t k = m_base + first;
    const std::int64_t ts = timeOfRow(k);
    // One cursor per track at its first row at ts; skip the rows at ts that
    // come before k (ids decide among equal times), then take n.
    struct Cursor
    {
        int track;
        std::int64_t position, end;
        LogKey head;
    };
    std::vector<Cursor> cursors;
    std::int64_t skipped = 0;
    for (int track : m_tracks) {
        const std::int64_t position = m_index.countBefore(track, LogKey::at(ts));
        const std::int64_t end = m_index.tracks()[std::size_t(track)].rows();
        skipped += position;
        if (position < end)
            cursors.push_back({track, position, end, m_index.keyAt(track, position)});
    }
    std::int64_t skip = k - skipped;
    while (!cursors.empty() && int(out.size()) < n) {
        auto next =
            std::min_element(cursors.begin(), cursors.end(),
                             [](const Cursor &a, const Cursor &b) { return a.head < b.head; });
        if (skip > 0)
            --skip;
        else
            out.push_back({next->head, next->track});
        if (++next->position < next->end)
            next->head = m_index.keyAt(next->track, next->position);
        else
            cursors.erase(next);
    }
    return out;
}

std::int64_t LogPager::indexForTime(std::int64_t ts)
{
    return std::clamp<std::int64_t>(rank(LogKey::at(ts)) - m_base, 0, m_count);
}

std::int64_t LogPager::nearestIndex(std::int64_t ts)
{
    if (m_count == 0) return -1;
    const std::int64_t at = indexForTime(ts);
    if (at == 0) return 0;
    if (at == m_count) return m_count - 1;
    const std::vector<LogRef> around = rows(at - 1, 2);
    if (around.size() < 2) return at;
    // Compare distances without overflow: both times straddle ts.
    return std::uint64_t(ts - around[0].key.ts) <= std::uint64_t(around[1].key.ts - ts) ? at - 1
                                                                                        : at;
}

} // namespace perfcase
