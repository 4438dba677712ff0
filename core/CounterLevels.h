#pragma once

#include <cstdint>
#include <vector>

namespace perfcase {

class Database;

// Downsampled min/max levels of counter tracks (table counter_levels), so a
// timeline reads at most a few buckets per pixel whatever the zoom. Widths
// follow a ladder of 1 ms x 4^k; a width is stored for a track only when it
// at least halves the rows of the next finer stored level (raw samples at
// first), so a 15 s Prometheus series gets no 1 ms level and a 10-million
// sample trace counter gets about a dozen. Tracks of kMinSamples or fewer
// keep raw samples only: reading them is already cheap.
namespace CounterLevels {

constexpr std::int64_t kBaseWidthNs = 1'000'000; // 1 ms
constexpr int kLadderSteps = 16;                 // up to 1 ms x 4^15, ~12 days
constexpr std::int64_t kMinSamples = 4096;

std::vector<std::int64_t> ladder();

// Builds the levels of every counter track of a source (inside the caller's
// transaction). Samples may arrive in any order; they are read by time.
void build(Database &db, std::int64_t sourceId);

// The widths stored for a track, finest first.
std::vector<std::int64_t> widths(Database &db, std::int64_t trackId);

} // namespace CounterLevels

} // namespace perfcase
