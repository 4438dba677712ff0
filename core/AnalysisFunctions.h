#pragma once

namespace perfcase {

class Database;

// SQL functions for playbook checks (docs/playbooks.md lists them):
//   percentile(x, p)           aggregate: the p-th percentile (0..100), interpolated
//   corr(x, y)                 aggregate: Pearson correlation, NULL under 3 pairs
//   max_rate(ts, window_ns)    aggregate: most events in any window, per second
//   track_count(track, a, b)   events of a track (slice starts, instants,
//                              samples) with a <= ts <= b
//   track_overlap(track, a, b) ns of [a, b] covered by the track's slices
// The track functions read the track once per statement (sorted, in memory)
// and answer each call by binary search, so "for each long task, how many
// websocket messages in the 250 ms before it" stays fast on large traces.
namespace AnalysisFunctions {
void registerAll(Database &db);
}

} // namespace perfcase
