#include "TrackTimes.h"

#include "sqlite/Database.h"

#include <algorithm>

namespace perfcase {

TrackTimes TrackTimes::load(Database &db, Table table, qint64 trackId)
{
    TrackTimes times;
    // The (track_id, ts) index gives ts in order: no sort afterwards.
    Statement select = db.prepare(
        table == Table::Slices ? "SELECT ts, dur FROM slices WHERE track_id = ? ORDER BY ts"
                               : "SELECT ts, 0 FROM instants WHERE track_id = ? ORDER BY ts");
    select.bind(1, trackId);
    while (select.step()) {
        times.m_ts.push_back(select.int64(0));
        times.m_longest = std::max<qint64>(times.m_longest, select.int64(1));
    }
    return times;
}

qint64 TrackTimes::count(qint64 from, qint64 to) const
{
    if (to < from) return 0;
    const auto first = std::lower_bound(m_ts.begin(), m_ts.end(), from);
    return qint64(std::upper_bound(first, m_ts.end(), to) - first);
}

} // namespace perfcase
