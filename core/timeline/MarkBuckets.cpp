#include "MarkBuckets.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace perfcase::MarkBuckets {

std::vector<MarkBucket> split(qint64 trackId, qint64 from, qint64 to, int n)
{
    std::vector<MarkBucket> buckets;
    if (to < from) return buckets;
    // In 128 bits: a case from elsewhere can span all of int64 (fuzz_case_file).
    const __int128 span = __int128(to) - from + 1;
    const qint64 count = qint64(std::min<__int128>(std::max(n, 1), span));
    for (qint64 i = 0; i < count; ++i) {
        MarkBucket b;
        b.trackId = trackId;
        // Boundaries by exact integer share: no gap and no overlap.
        b.from = qint64(from + span * i / count);
        b.to = qint64(from + span * (i + 1) / count - 1);
        buckets.push_back(b);
    }
    return buckets;
}

void share(std::vector<MarkBucket> &buckets, qint64 cap)
{
    constexpr qint64 kUnknown = std::numeric_limits<qint64>::max();
    auto demand = [](const MarkBucket &b) { return b.count < 0 ? kUnknown : b.count; };
    std::vector<std::size_t> order(buckets.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    // Smallest first: what a small bucket cannot use goes to the larger ones.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return demand(buckets[a]) < demand(buckets[b]);
    });
    qint64 left = std::max<qint64>(cap, 0);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const qint64 waiting = qint64(order.size() - i);
        const qint64 fair = (left + waiting - 1) / waiting; // ceil: the cap is used up exactly
        MarkBucket &b = buckets[order[i]];
        b.quota = std::min(demand(b), fair);
        left -= b.quota;
    }
}

} // namespace perfcase::MarkBuckets
