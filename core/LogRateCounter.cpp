#include "LogRateCounter.h"

#include "sqlite/BatchedInsert.h"
#include "sqlite/Database.h"

namespace perfcase {

namespace {
std::int64_t secondOf(std::int64_t ts)
{
    std::int64_t q = ts / LogRateCounter::kSecondNs;
    if (ts % LogRateCounter::kSecondNs < 0) --q;
    return q * LogRateCounter::kSecondNs;
}
} // namespace

void LogRateCounter::add(std::int64_t trackId, std::int64_t ts, int level)
{
    if (!m_cached || trackId != m_cachedTrack) {
        m_cachedTrack = trackId;
        auto [it, added] = m_open.try_emplace(trackId);
        m_cached = &it->second; // references into the map stay valid
        if (added) {
            m_cached->trackId = trackId;
            m_cached->ts = secondOf(ts);
        }
    }
    const std::int64_t second = secondOf(ts);
    if (second != m_cached->ts) {
        close(*m_cached);
        m_cached->ts = second;
    }
    ++m_cached->counts[std::size_t(level + 1)];
}

void LogRateCounter::close(Second &second)
{
    m_closed.push_back(second);
    second.counts.fill(0);
}

void LogRateCounter::write(Database &db, std::int64_t sourceId)
{
    for (auto &[trackId, second] : m_open)
        close(second);
    m_open.clear();
    m_cached = nullptr;
    BatchedInsert insert(db, "log_rates", {"track_id", "width", "ts", "level", "count"});
    for (const Second &second : m_closed)
        for (int level = 0; level < kLevels; ++level)
            if (second.counts[std::size_t(level)])
                insert.value(second.trackId)
                    .value(kSecondNs)
                    .value(second.ts)
                    .value(std::int64_t(level - 1))
                    .value(second.counts[std::size_t(level)])
                    .endRow();
    insert.flush();
    m_closed.clear();
    writeCoarser(db, sourceId);
}

void LogRateCounter::countFromTable(Database &db, std::int64_t sourceId)
{
    db.prepare("INSERT INTO log_rates(track_id, width, ts, level, count) "
               "SELECT track_id, ?1, (ts - ((ts % ?1) + ?1) % ?1), coalesce(level, -1), count(*) "
               "FROM logs WHERE track_id IN (SELECT id FROM tracks WHERE source_id = ?2) "
               "GROUP BY 1, 3, 4")
        .bind(1, kSecondNs)
        .bind(2, sourceId)
        .run();
    writeCoarser(db, sourceId);
}

void LogRateCounter::writeCoarser(Database &db, std::int64_t sourceId)
{
    // Each width sums the one before; floor division keeps times before 1970 right.
    Statement coarser = db.prepare(
        "INSERT INTO log_rates(track_id, width, ts, level, count) "
        "SELECT track_id, ?2, (ts - ((ts % ?2) + ?2) % ?2), level, sum(count) FROM log_rates "
        "WHERE width = ?1 AND track_id IN (SELECT id FROM tracks WHERE source_id = ?3) "
        "GROUP BY track_id, 3, level");
    for (std::size_t k = 1; k < kWidths.size(); ++k)
        coarser.bind(1, kWidths[k - 1]).bind(2, kWidths[k]).bind(3, sourceId).run();
}

} // namespace perfcase
