#pragma once

#include <QtGlobal>
#include <vector>

namespace perfcase {

class Database;

// The raw start times of one slice or instant track, sorted, in memory (8
// bytes a mark). A range count is then two binary searches instead of an
// index walk of up to a million entries, and a capped read can share its
// budget over time buckets by how many marks each really holds. Read once
// per track and case open; TimelineData keeps it until reload().
class TrackTimes
{
public:
    enum class Table
    {
        Slices,
        Instants
    };

    // One index-ordered read of the track (for slices also the durations,
    // to know the longest one).
    static TrackTimes load(Database &db, Table table, qint64 trackId);

    // Marks starting in [from, to] (raw ns).
    qint64 count(qint64 from, qint64 to) const;
    // The longest duration (slices; 0 for instants): a slice overlapping a
    // range starts at most this long before it.
    qint64 longest() const { return m_longest; }
    qint64 size() const { return qint64(m_ts.size()); }

private:
    std::vector<qint64> m_ts;
    qint64 m_longest = 0;
};

} // namespace perfcase
