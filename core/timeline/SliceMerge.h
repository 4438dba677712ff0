#pragma once

#include "TimelineTypes.h"

namespace perfcase::SliceMerge {

// Merges, row by row, slices narrower than a pixel that start within a pixel
// of the previous narrow box (or merged run), and within the pixel column
// where that run starts, into one box that counts them:
// at full zoom a row of thousands of sub-pixel boxes becomes a few runs, at
// most one box per pixel column, and the replot draws those instead. Slices
// of a pixel or wider stay as they are (their names are drawn). Input in
// start order with rows assigned; the output keeps start order, and the
// counts add up to the input's. The run takes the name of its longest slice.
// gap (default: a pixel) is how far apart two narrow boxes may start and
// still merge.
QList<TimelineSlice> merge(const QList<TimelineSlice> &slices, double secondsPerPixel,
                           double gap = -1);

} // namespace perfcase::SliceMerge
