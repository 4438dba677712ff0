#include "SliceMerge.h"

#include <vector>

namespace perfcase::SliceMerge {

QList<TimelineSlice> merge(const QList<TimelineSlice> &slices, double secondsPerPixel, double gap)
{
    if (secondsPerPixel <= 0) return slices;
    if (gap < 0) gap = secondsPerPixel;
    QList<TimelineSlice> out;
    out.reserve(slices.size());
    struct Open
    {
        qsizetype box = -1; // index in out of the row's last box
        double longest = 0; // its longest member, for the run's name
    };
    std::vector<Open> rows;
    for (const TimelineSlice &s : slices) {
        const std::size_t row = std::size_t(std::max(s.row, 0));
        if (row >= rows.size()) rows.resize(row + 1);
        Open &open = rows[row];
        const double width = s.end - s.start;
        if (open.box >= 0 && width < secondsPerPixel) {
            TimelineSlice &last = out[open.box];
            const bool lastNarrow = last.count > 1 || last.end - last.start < secondsPerPixel;
            // A run stays within one pixel column: chained, a row of
            // zero-length requests a pixel apart drew as one long span.
            if (lastNarrow && s.start <= last.end + gap && s.start < last.start + secondsPerPixel) {
                last.end = std::max(last.end, s.end);
                last.count += s.count;
                if (width > open.longest) {
                    open.longest = width;
                    last.name = s.name;
                }
                continue;
            }
        }
        out.push_back(s);
        open = {out.size() - 1, width};
    }
    return out;
}

} // namespace perfcase::SliceMerge
