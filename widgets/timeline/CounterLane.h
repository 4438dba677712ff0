#pragma once

#include "TimelineLane.h"

#include <QHash>

namespace perfcase {

class CounterPlottable;

// Counters of one lane: a series per track (CPU per pod ...). Raw samples
// are a line; level buckets a min/max band with the mean as the line, so a
// spike narrower than a pixel still shows. Requests and limits are dashed
// reference steps.
class CounterLane : public TimelineLane
{
public:
    CounterLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins);

    void load(TimelineData &data, qint64 from, qint64 to, int pixels, bool downsample) override;
    QString readout(double x) const override;

private:
    struct Series
    {
        QString name, unit;
        bool reference = false;
        CounterSeries data;
        CounterPlottable *plot = nullptr;
    };
    QList<Series> m_series;
};

} // namespace perfcase
