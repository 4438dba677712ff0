#pragma once

#include "LogKey.h"

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

namespace perfcase {

class Database;

// The time index of a case's logs, in memory: every log_blocks row of the
// ready sources (about 10,000 for 10M records), per track, with the rows
// before each block. There is no index on logs.ts; within a track ids follow
// time, so a block maps a time range to an id range, and counting the rows
// before a time needs at most the one or two blocks that straddle it, read
// by id (a block's ids and times are cached). Times are corrected by the
// source's clock offset.
class LogBlockIndex
{
public:
    struct Block
    {
        std::int64_t firstId = 0, lastId = 0, firstTs = 0, lastTs = 0, rows = 0;
    };
    struct Track
    {
        std::int64_t trackId = 0, sourceId = 0, offsetNs = 0;
        std::string sourceName, pod, container;
        std::vector<Block> blocks;
        std::vector<std::int64_t> before; // rows before block i; back() = all rows
        std::int64_t rows() const { return before.empty() ? 0 : before.back(); }
    };

    // Reads the blocks of the ready log tracks.
    explicit LogBlockIndex(Database &db);

    const std::vector<Track> &tracks() const { return m_tracks; }
    std::int64_t totalRows() const { return m_totalRows; }
    bool empty() const { return m_totalRows == 0; }
    std::int64_t firstTs() const { return m_firstTs; }
    std::int64_t lastTs() const { return m_lastTs; }
    int trackOfSource(std::int64_t sourceId) const;

    // Rows of a track whose key is below key (exact: reads straddling blocks).
    std::int64_t countBefore(int track, LogKey key);
    // The same for LogKey::at(ts), from the blocks alone: lower <= exact <= upper.
    void boundsBefore(int track, std::int64_t ts, std::int64_t &lower, std::int64_t &upper) const;
    // The key of the row at a position (0-based) within its track.
    LogKey keyAt(int track, std::int64_t position);
    // Blocks read from the case so far (for benchmarks and tests).
    std::int64_t blockReads() const { return m_blockReads; }

private:
    const std::vector<LogKey> &blockRows(int track, std::size_t block);

    Database &m_db;
    std::vector<Track> m_tracks;
    std::int64_t m_totalRows = 0;
    std::int64_t m_firstTs = 0, m_lastTs = 0;
    std::int64_t m_blockReads = 0;
    // Least recently used block rows; kCachedBlocks of ~1,024 keys (16 MB).
    static constexpr std::size_t kCachedBlocks = 1024;
    struct Cached
    {
        std::vector<LogKey> rows;
        std::list<std::uint64_t>::iterator use;
    };
    std::unordered_map<std::uint64_t, Cached> m_cache;
    std::list<std::uint64_t> m_uses;
};

} // namespace perfcase
