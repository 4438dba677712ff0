#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace perfcase {

class Database;
class LogBlockIndex;

// One template's counts, and how a time window compares with the time before.
struct LogTemplateStat
{
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    std::string pattern;
    std::int64_t total = 0;  // records of the template in the case
    std::int64_t window = 0; // in [from, to]
    std::int64_t before = 0; // in the comparison period before `from`
    double ratio = 0;        // window rate / before rate (before smoothed by +1)
    bool isNew = false;      // in the window, never before
};

// Which templates surge in a window [from, to] against the period before it
// (the same length, or everything before). Counts come from GROUP BY
// template_id over the id ranges the blocks give for each period, so the
// cost follows the rows of the periods, not the case; for "everything
// before" the smaller side is counted (before = total - window - after).
class LogTemplateSurge
{
public:
    enum class Baseline
    {
        SameLength,
        AllBefore
    };

    // All templates of the ready sources with their totals, most frequent first.
    static std::vector<LogTemplateStat> templates(Database &db);
    // Templates seen in the window, sorted: new ones first, then by ratio.
    static std::vector<LogTemplateStat> surge(Database &db, LogBlockIndex &index, std::int64_t from,
                                              std::int64_t to, Baseline baseline);
};

} // namespace perfcase
