#include "LogTemplateSurge.h"

#include "LogBlockIndex.h"
#include "sqlite/Database.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace perfcase {

namespace {

using Counts = std::unordered_map<std::int64_t, std::int64_t>;

// Adds the template counts of every track's records in [from, to) (corrected ns).
void countRange(Database &db, LogBlockIndex &index, std::int64_t from, std::int64_t to,
                Counts &counts)
{
    if (to <= from) return;
    Statement select =
        db.prepare("SELECT template_id, count(*) FROM main.logs WHERE id BETWEEN ?1 AND ?2 "
                   "AND track_id = ?3 AND template_id IS NOT NULL GROUP BY template_id");
    for (int track = 0; track < int(index.tracks().size()); ++track) {
        const std::int64_t first = index.countBefore(track, LogKey::at(from));
        const std::int64_t end = index.countBefore(track, LogKey::at(to));
        if (first >= end) continue;
        select.reset();
        select.bind(1, index.keyAt(track, first).id)
            .bind(2, index.keyAt(track, end - 1).id)
            .bind(3, index.tracks()[std::size_t(track)].trackId);
        while (select.step())
            counts[select.int64(0)] += select.int64(1);
    }
}

// Rows of all tracks with a time in [from, to), from the blocks (exact).
std::int64_t rowsIn(LogBlockIndex &index, std::int64_t from, std::int64_t to)
{
    std::int64_t rows = 0;
    for (int track = 0; track < int(index.tracks().size()); ++track)
        rows +=
            index.countBefore(track, LogKey::at(to)) - index.countBefore(track, LogKey::at(from));
    return rows;
}

} // namespace

std::vector<LogTemplateStat> LogTemplateSurge::templates(Database &db)
{
    std::vector<LogTemplateStat> stats;
    Statement select = db.prepare("SELECT id, source_id, pattern, count FROM v_log_templates "
                                  "ORDER BY count DESC, id");
    while (select.step()) {
        LogTemplateStat stat;
        stat.id = select.int64(0);
        stat.sourceId = select.int64(1);
        stat.pattern = select.text(2);
        stat.total = select.int64(3);
        stats.push_back(std::move(stat));
    }
    return stats;
}

std::vector<LogTemplateStat> LogTemplateSurge::surge(Database &db, LogBlockIndex &index,
                                                     std::int64_t from, std::int64_t to,
                                                     Baseline baseline)
{
    if (to < from) std::swap(from, to);
    const std::int64_t end = to == std::numeric_limits<std::int64_t>::max() ? to : to + 1;
    std::vector<LogTemplateStat> all = templates(db);
    Counts window, before;
    countRange(db, index, from, end, window);
    const std::int64_t length = end - from;
    std::int64_t beforeLength = length;
    if (baseline == Baseline::SameLength) {
        countRange(db, index, from - length, from, before);
    } else {
        const std::int64_t start = index.firstTs();
        beforeLength = std::max<std::int64_t>(1, from - start);
        const std::int64_t last = index.lastTs() == std::numeric_limits<std::int64_t>::max()
                                      ? index.lastTs()
                                      : index.lastTs() + 1;
        // Count whichever side of the window holds fewer rows.
        if (rowsIn(index, start, from) <= rowsIn(index, end, last)) {
            countRange(db, index, start, from, before);
        } else {
            Counts after;
            countRange(db, index, end, last, after);
            for (const LogTemplateStat &stat : all)
                before[stat.id] = stat.total - window[stat.id] - after[stat.id];
        }
    }
    std::vector<LogTemplateStat> surging;
    for (LogTemplateStat &stat : all) {
        auto w = window.find(stat.id);
        if (w == window.end() || w->second == 0) continue;
        stat.window = w->second;
        auto b = before.find(stat.id);
        stat.before = b == before.end() ? 0 : std::max<std::int64_t>(0, b->second);
        stat.isNew = stat.before == 0;
        const double windowRate = double(stat.window) / double(std::max<std::int64_t>(1, length));
        const double beforeRate =
            double(stat.before + 1) / double(std::max<std::int64_t>(1, beforeLength));
        stat.ratio = windowRate / beforeRate;
        surging.push_back(std::move(stat));
    }
    std::sort(surging.begin(), surging.end(),
              [](const LogTemplateStat &a, const LogTemplateStat &b) {
                  if (a.isNew != b.isNew) return a.isNew;
                  if (a.ratio != b.ratio) return a.ratio > b.ratio;
                  return a.window > b.window;
              });
    return surging;
}

} // namespace perfcase
