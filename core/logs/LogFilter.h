#pragma once

#include "LogSearchQuery.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace perfcase {

// What the log explorer shows. Sources and the time range keep exact,
// random-access paging (LogPager); levels, a search or a template need the
// records themselves, so those pages come incrementally (LogMatchCursor).
struct LogFilter
{
    std::vector<std::int64_t> sourceIds;  // empty: every source
    std::optional<std::int64_t> from, to; // inclusive, corrected ns
    std::vector<int> levels;              // empty: all; -1 stands for "no level"
    LogSearchQuery search;
    std::optional<std::int64_t> templateId;

    bool needsScan() const { return !levels.empty() || !search.empty() || templateId.has_value(); }
    bool operator==(const LogFilter &other) const
    {
        return sourceIds == other.sourceIds && from == other.from && to == other.to &&
               levels == other.levels && search.kind == other.search.kind &&
               search.fts == other.search.fts && search.regex == other.search.regex &&
               templateId == other.templateId;
    }
};

} // namespace perfcase
