#pragma once

#include "TimelineLane.h"

#include <array>

namespace perfcase {

class StackedBarsPlottable;

// The logs lane: records per bucket, stacked by level (from log_rates, at
// the width that fits the zoom), so error bursts stand out in red.
class LogLane : public TimelineLane
{
public:
    LogLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins);

    void load(TimelineData &data, qint64 from, qint64 to, int pixels, bool downsample) override;
    QString readout(double x) const override;

private:
    StackedBarsPlottable *m_bars = nullptr;
    LogHistogram m_data;
};

} // namespace perfcase
