#pragma once

#include <QtGlobal>
#include <vector>

namespace perfcase {

// A capped read of slices or instants keeps the budget spread over the
// range: the range is cut into time buckets (about one per pixel) and each
// bucket reads its earliest marks up to its quota. Keeping the earliest marks
// of the whole range instead would crowd them at the left edge.
struct MarkBucket
{
    qint64 trackId = 0;
    qint64 from = 0, to = 0; // raw ns, both inclusive
    qint64 count = -1;       // marks starting in it; -1 when not known
    qint64 quota = 0;        // marks to read from it
    bool edge = false;       // slices starting before the range that reach into it
};

namespace MarkBuckets {

// [from, to] cut into at most n buckets of equal width (at least 1 ns), in order.
std::vector<MarkBucket> split(qint64 trackId, qint64 from, qint64 to, int n);
// Shares cap over the buckets (water filling): a bucket gets at most its
// count, the others share what it leaves. With known counts the quotas add
// up to min(cap, total); unknown counts take an equal share.
void share(std::vector<MarkBucket> &buckets, qint64 cap);

} // namespace MarkBuckets
} // namespace perfcase
