#include "LogBlockIndex.h"

#include "sqlite/Database.h"

#include <algorithm>
#include <limits>

namespace perfcase {

LogBlockIndex::LogBlockIndex(Database &db) : m_db(db)
{
    Statement tracks = db.prepare(
        "SELECT t.id, t.source_id, s.clock_offset_ns, s.name, json_extract(t.labels, '$.pod'), "
        "json_extract(t.labels, '$.container') FROM main.tracks t "
        "JOIN main.sources s ON s.id = t.source_id AND s.ready = 1 WHERE t.kind = 'log' "
        "ORDER BY t.id");
    std::unordered_map<std::int64_t, int> byId;
    while (tracks.step()) {
        Track track;
        track.trackId = tracks.int64(0);
        track.sourceId = tracks.int64(1);
        track.offsetNs = tracks.isNull(2) ? 0 : tracks.int64(2);
        track.sourceName = tracks.text(3);
        track.pod = tracks.optionalText(4).value_or(std::string());
        track.container = tracks.optionalText(5).value_or(std::string());
        byId.emplace(track.trackId, int(m_tracks.size()));
        m_tracks.push_back(std::move(track));
    }
    // ~10,000 rows for 10M records: reading them all is a few milliseconds.
    Statement blocks = db.prepare("SELECT track_id, first_id, last_id, first_ts, last_ts, rows "
                                  "FROM v_log_blocks ORDER BY track_id, first_id");
    while (blocks.step()) {
        auto it = byId.find(blocks.int64(0));
        if (it == byId.end()) continue;
        m_tracks[std::size_t(it->second)].blocks.push_back(
            {blocks.int64(1), blocks.int64(2), blocks.int64(3), blocks.int64(4), blocks.int64(5)});
    }
    bool first = true;
    for (Track &track : m_tracks) {
        track.before.reserve(track.blocks.size() + 1);
        std::int64_t rows = 0;
        track.before.push_back(0);
        for (const Block &block : track.blocks) {
            rows += block.rows;
            track.before.push_back(rows);
        }
        m_totalRows += rows;
        if (track.blocks.empty()) continue;
        const std::int64_t from = track.blocks.front().firstTs, to = track.blocks.back().lastTs;
        m_firstTs = first ? from : std::min(m_firstTs, from);
        m_lastTs = first ? to : std::max(m_lastTs, to);
        first = false;
    }
}

int LogBlockIndex::trackOfSource(std::int64_t sourceId) const
{
    for (std::size_t i = 0; i < m_tracks.size(); ++i)
        if (m_tracks[i].sourceId == sourceId) return int(i);
    return -1;
}

const std::vector<LogKey> &LogBlockIndex::blockRows(int track, std::size_t block)
{
    const std::uint64_t key = (std::uint64_t(track) << 40) | block;
    auto it = m_cache.find(key);
    if (it != m_cache.end()) {
        m_uses.splice(m_uses.begin(), m_uses, it->second.use);
        return it->second.rows;
    }
    if (m_cache.size() >= kCachedBlocks) {
        m_cache.erase(m_uses.back());
        m_uses.pop_back();
    }
    const Track &t = m_tracks[std::size_t(track)];
    const Block &b = t.blocks[block];
    Cached cached;
    cached.rows.reserve(std::size_t(b.rows));
    // Read by rowid range: the rows are contiguous in the table, so this is a
    // short range scan, and ts is read without the message's overflow pages.
    Statement select = m_db.prepare(
        "SELECT id, ts FROM main.logs WHERE id BETWEEN ?1 AND ?2 AND track_id = ?3 ORDER BY id");
    select.bind(1, b.firstId).bind(2, b.lastId).bind(3, t.trackId);
    while (select.step())
        cached.rows.push_back({select.int64(1) + t.offsetNs, select.int64(0)});
    ++m_blockReads;
    m_uses.push_front(key);
    cached.use = m_uses.begin();
    return m_cache.emplace(key, std::move(cached)).first->second.rows;
}

std::int64_t LogBlockIndex::countBefore(int track, LogKey key)
{
    const Track &t = m_tracks[std::size_t(track)];
    const std::vector<Block> &blocks = t.blocks;
    // Blocks ending before key.ts are wholly below the key.
    std::size_t j =
        std::size_t(std::partition_point(blocks.begin(), blocks.end(),
                                         [&](const Block &b) { return b.lastTs < key.ts; }) -
                    blocks.begin());
    // Records at key.ts may continue into the next blocks; their ids decide.
    while (j < blocks.size() && blocks[j].firstTs <= key.ts) {
        const std::vector<LogKey> &rows = blockRows(track, j);
        const auto below = std::lower_bound(rows.begin(), rows.end(), key) - rows.begin();
        if (std::size_t(below) < rows.size()) return t.before[j] + below;
        ++j;
    }
    return t.before[j];
}

void LogBlockIndex::boundsBefore(int track, std::int64_t ts, std::int64_t &lower,
                                 std::int64_t &upper) const
{
    const Track &t = m_tracks[std::size_t(track)];
    const std::vector<Block> &blocks = t.blocks;
    const std::size_t j =
        std::size_t(std::partition_point(blocks.begin(), blocks.end(),
                                         [&](const Block &b) { return b.lastTs < ts; }) -
                    blocks.begin());
    lower = upper = t.before[j];
    // Only block j can straddle ts: the next one starts at or after its end.
    if (j < blocks.size() && blocks[j].firstTs < ts) {
        lower += 1;
        upper = t.before[j + 1] - 1;
    }
}

LogKey LogBlockIndex::keyAt(int track, std::int64_t position)
{
    const Track &t = m_tracks[std::size_t(track)];
    const std::size_t block =
        std::size_t(std::upper_bound(t.before.begin(), t.before.end(), position) -
                    t.before.begin()) -
        1;
    const std::vector<LogKey> &rows = blockRows(track, std::min(block, t.blocks.size() - 1));
    const std::int64_t offset = position - t.before[std::min(block, t.blocks.size() - 1)];
    if (rows.empty()) return LogKey::at(std::numeric_limits<std::int64_t>::max());
    return rows[std::size_t(std::clamp<std::int64_t>(offset, 0, std::int64_t(rows.size()) - 1))];
}

} // namespace perfcase
