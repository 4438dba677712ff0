#include "LogMatchCursor.h"

#include "LogBlockIndex.h"
#include "sqlite/Database.h"

#include <algorithm>
#include <limits>

namespace perfcase {

namespace {
constexpr LogKey kBeforeAll{std::numeric_limits<std::int64_t>::min(),
                            std::numeric_limits<std::int64_t>::min()};
} // namespace

LogMatchCursor::LogMatchCursor(Database &db, LogBlockIndex &index, const std::vector<int> &tracks,
                               const LogFilter &filter)
    : m_db(db), m_index(index), m_filter(filter)
{
    const bool fts = filter.search.kind == LogSearchQuery::Kind::FullText;
    // FTS5 first (CROSS JOIN keeps that order): it yields rowids in order
    // within the range, and each one is a rowid lookup in logs.
    m_sql = fts ? "SELECT l.id, l.ts FROM main.logs_fts CROSS JOIN main.logs l "
                  "ON l.id = logs_fts.rowid WHERE logs_fts MATCH ?1 "
                  "AND logs_fts.rowid BETWEEN ?2 AND ?3 AND l.track_id = ?4"
                : "SELECT l.id, l.ts FROM main.logs l WHERE l.id BETWEEN ?2 AND ?3 "
                  "AND l.track_id = ?4";
    if (!filter.levels.empty()) {
        std::string in;
        bool none = false;
        for (int level : filter.levels) {
            if (level < 0) {
                none = true;
                continue;
            }
            if (!in.empty()) in += ',';
            in += std::to_string(level); // integers only: nothing to escape
        }
        m_sql += " AND (l.level IN (" + in + ")" + (none ? " OR l.level IS NULL)" : ")");
    }
    if (filter.templateId) m_sql += " AND l.template_id = ?6";
    if (filter.search.kind == LogSearchQuery::Kind::Regex) m_sql += " AND l.message REGEXP ?7";
    m_sql += fts ? " ORDER BY logs_fts.rowid LIMIT ?5" : " ORDER BY l.id LIMIT ?5";

    std::vector<int> scope = tracks;
    if (scope.empty())
        for (int i = 0; i < int(index.tracks().size()); ++i)
            scope.push_back(i);
    for (int track : scope) {
        const std::int64_t rows = index.tracks()[std::size_t(track)].rows();
        const std::int64_t first =
            filter.from ? index.countBefore(track, LogKey::at(*filter.from)) : 0;
        const std::int64_t end = filter.to && *filter.to < std::numeric_limits<std::int64_t>::max()
                                     ? index.countBefore(track, LogKey::at(*filter.to + 1))
                                     : rows;
        if (first >= end) continue;
        TrackScan scan;
        scan.track = track;
        scan.nextId = index.keyAt(track, first).id;
        scan.lastKey = index.keyAt(track, end - 1);
        scan.lastId = scan.lastKey.id;
        scan.frontier = kBeforeAll;
        m_scans.push_back(std::move(scan));
    }
}

void LogMatchCursor::fill(TrackScan &scan)
{
    const LogBlockIndex::Track &track = m_index.tracks()[std::size_t(scan.track)];
    const bool fts = m_filter.search.kind == LogSearchQuery::Kind::FullText;
    std::int64_t spanEnd = scan.lastId;
    LogKey spanEndKey = scan.lastKey;
    if (!fts) {
        // A scan reads kScanBlocks blocks at most, so a rare match cannot
        // make one call read the whole table.
        const auto &blocks = track.blocks;
        const std::size_t first =
            std::size_t(std::partition_point(
                            blocks.begin(), blocks.end(),
                            [&](const LogBlockIndex::Block &b) { return b.lastId < scan.nextId; }) -
                        blocks.begin());
        const std::size_t last = std::min(blocks.size() - 1, first + kScanBlocks - 1);
        if (first < blocks.size() && blocks[last].lastId < scan.lastId) {
            spanEnd = blocks[last].lastId;
            spanEndKey = {blocks[last].lastTs, blocks[last].lastId};
        }
    }
    Statement select = m_db.prepare(m_sql);
    if (fts) select.bind(1, m_filter.search.fts);
    select.bind(2, scan.nextId).bind(3, spanEnd).bind(4, track.trackId).bind(5, kChunk);
    if (m_filter.templateId) select.bind(6, *m_filter.templateId);
    if (m_filter.search.kind == LogSearchQuery::Kind::Regex) select.bind(7, m_filter.search.regex);
    int rows = 0;
    LogKey last;
    while (select.step()) {
        last = {select.int64(1) + track.offsetNs, select.int64(0)};
        scan.buffer.push_back({last, scan.track});
        ++rows;
    }
    if (rows == kChunk) {
        scan.nextId = last.id + 1;
        scan.frontier = last;
    } else {
        scan.nextId = spanEnd + 1;
        scan.frontier = spanEndKey;
    }
    scan.done = scan.nextId > scan.lastId;
}

void LogMatchCursor::fetch(std::vector<LogRef> &out, int n, std::chrono::milliseconds budget)
{
    const auto start = std::chrono::steady_clock::now();
    int added = 0;
    while (added < n) {
        TrackScan *head = nullptr, *lagging = nullptr;
        for (TrackScan &scan : m_scans) {
            if (!scan.buffer.empty()) {
                if (!head || scan.buffer.front().key < head->buffer.front().key) head = &scan;
            } else if (!scan.done && (!lagging || scan.frontier < lagging->frontier)) {
                lagging = &scan;
            }
        }
        // A track with nothing buffered may still hold a record below the
        // best head: read it before emitting anything.
        if (lagging && (!head || lagging->frontier < head->buffer.front().key)) {
            fill(*lagging);
            if (std::chrono::steady_clock::now() - start >= budget) break;
            continue;
        }
        if (!head) break;
        out.push_back(head->buffer.front());
        head->buffer.pop_front();
        ++added;
    }
}

bool LogMatchCursor::atEnd() const
{
    return std::all_of(m_scans.begin(), m_scans.end(),
                       [](const TrackScan &scan) { return scan.done && scan.buffer.empty(); });
}

} // namespace perfcase
