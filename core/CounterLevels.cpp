#include "CounterLevels.h"

#include "sqlite/BatchedInsert.h"
#include "sqlite/Database.h"

#include <algorithm>
#include <limits>

namespace perfcase::CounterLevels {

namespace {

// Floor division: a bucket starts at a multiple of its width, also before 1970.
std::int64_t bucketStart(std::int64_t ts, std::int64_t width)
{
    std::int64_t q = ts / width;
    if (ts % width < 0) --q;
    return q * width;
}

struct Bucket
{
    std::int64_t ts = std::numeric_limits<std::int64_t>::min();
    double min = 0, max = 0, sum = 0, first = 0, last = 0;
    std::int64_t count = 0;
};

// Chooses the widths worth storing from the bucket count of each ladder step.
std::vector<std::int64_t> chooseWidths(std::int64_t samples,
                                       const std::vector<std::int64_t> &counts)
{
    std::vector<std::int64_t> chosen;
    std::int64_t finer = samples;
    const auto widths = ladder();
    for (std::size_t k = 0; k < widths.size(); ++k) {
        if (counts[k] * 2 > finer) continue;
        chosen.push_back(widths[k]);
        finer = counts[k];
        if (counts[k] <= 64) break; // coarse enough for any screen
    }
    return chosen;
}

void buildTrack(Database &db, std::int64_t trackId, std::int64_t samples, BatchedInsert &insert)
{
    const auto widths = ladder();
    std::vector<std::int64_t> counts(widths.size(), 0);
    {
        std::vector<std::int64_t> current(widths.size(), std::numeric_limits<std::int64_t>::min());
        Statement times = db.prepare("SELECT ts FROM counters WHERE track_id = ? ORDER BY ts");
        times.bind(1, trackId);
        while (times.step()) {
            const std::int64_t ts = times.int64(0);
            for (std::size_t k = 0; k < widths.size(); ++k) {
                const std::int64_t start = bucketStart(ts, widths[k]);
                if (start == current[k])
                    break; // a coarser bucket cannot change when a finer one does not
                current[k] = start;
                ++counts[k];
            }
        }
    }
    const auto chosen = chooseWidths(samples, counts);
    if (chosen.empty()) return;
    std::vector<Bucket> open(chosen.size());
    auto emit = [&](std::size_t k) {
        const Bucket &b = open[k];
        insert.value(trackId).value(chosen[k]).value(b.ts).value(b.min).value(b.max);
        insert.value(b.sum).value(b.count).value(b.first).value(b.last).endRow();
    };
    Statement samplesByTime =
        db.prepare("SELECT ts, value FROM counters WHERE track_id = ? ORDER BY ts");
    samplesByTime.bind(1, trackId);
    while (samplesByTime.step()) {
        const std::int64_t ts = samplesByTime.int64(0);
        const double value = samplesByTime.real(1);
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            Bucket &b = open[k];
            const std::int64_t start = bucketStart(ts, chosen[k]);
            if (b.count && start != b.ts) emit(k);
            if (!b.count || start != b.ts) {
                b = Bucket{start, value, value, value, value, value, 1};
                continue;
            }
            b.min = std::min(b.min, value);
            b.max = std::max(b.max, value);
            b.sum += value;
            b.last = value;
            ++b.count;
        }
    }
    for (std::size_t k = 0; k < chosen.size(); ++k)
        if (open[k].count) emit(k);
    insert.flush();
}

} // namespace

std::vector<std::int64_t> ladder()
{
    std::vector<std::int64_t> widths;
    std::int64_t width = kBaseWidthNs;
    for (int k = 0; k < kLadderSteps; ++k, width *= 4)
        widths.push_back(width);
    return widths;
}

void build(Database &db, std::int64_t sourceId)
{
    // row_count is up to date: the writer sets it before deriving levels.
    Statement tracks =
        db.prepare("SELECT id, row_count FROM tracks WHERE source_id = ? AND kind = 'counter'");
    tracks.bind(1, sourceId);
    std::vector<std::pair<std::int64_t, std::int64_t>> bigTracks;
    while (tracks.step())
        if (tracks.int64(1) > kMinSamples) bigTracks.emplace_back(tracks.int64(0), tracks.int64(1));
    if (bigTracks.empty()) return;
    BatchedInsert insert(
        db, "counter_levels",
        {"track_id", "width", "ts", "min", "max", "sum", "count", "first", "last"});
    for (const auto &[trackId, samples] : bigTracks)
        buildTrack(db, trackId, samples, insert);
}

std::vector<std::int64_t> widths(Database &db, std::int64_t trackId)
{
    std::vector<std::int64_t> result;
    Statement select =
        db.prepare("SELECT DISTINCT width FROM counter_levels WHERE track_id = ? ORDER BY width");
    select.bind(1, trackId);
    while (select.step())
        result.push_back(select.int64(0));
    return result;
}

} // namespace perfcase::CounterLevels
