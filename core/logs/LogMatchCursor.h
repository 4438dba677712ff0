#pragma once

#include "LogFilter.h"
#include "LogKey.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <vector>

namespace perfcase {

class Database;
class LogBlockIndex;

// The records that pass a filter needing the records themselves (levels,
// full-text, regex, template), in time order across sources, a chunk at a
// time: each track is read forward by id (FTS5 with a rowid range, or a
// rowid range scan of a few blocks), and a k-way merge emits a record once
// no track could still hold an earlier one. The time range becomes an id
// range per track through the blocks, so nothing outside it is read. Every
// query is short and reset at once: no read transaction stays open.
class LogMatchCursor
{
public:
    // tracks: indices into index.tracks() (empty: all).
    LogMatchCursor(Database &db, LogBlockIndex &index, const std::vector<int> &tracks,
                   const LogFilter &filter);

    // Appends up to n more matches; may stop early once budget has passed.
    // Throws SqlError for an FTS5 syntax error or an invalid regex.
    void fetch(std::vector<LogRef> &out, int n, std::chrono::milliseconds budget);
    bool atEnd() const;

    static constexpr int kChunk = 256;
    static constexpr int kScanBlocks = 32; // per query when no FTS narrows the scan

private:
    struct TrackScan
    {
        int track = 0;
        std::int64_t nextId = 0, lastId = 0; // ids still to read, inclusive
        LogKey lastKey;                      // the key of lastId
        LogKey frontier;                     // every unread match is above this
        std::deque<LogRef> buffer;
        bool done = false;
    };
    void fill(TrackScan &scan);

    Database &m_db;
    LogBlockIndex &m_index;
    LogFilter m_filter;
    std::string m_sql;
    std::vector<TrackScan> m_scans;
};

} // namespace perfcase
