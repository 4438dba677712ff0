#pragma once

#include "TimelineLane.h"

namespace perfcase {

class MarkPlottable;

// Slices (a waterfall: long tasks, frames, HTTP requests) or instants
// (k8s events, probe failures, scaling, WebSocket messages) of a lane.
// At most a cap per read; the rest is counted in the corner.
class MarkLane : public TimelineLane
{
public:
    MarkLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins);

    void load(TimelineData &data, qint64 from, qint64 to, int pixels, bool downsample) override;
    QString readout(double x) const override;

    // Marks per pixel of lane width, at most.
    static constexpr int kMarksPerPixel = 2;

private:
    MarkPlottable *m_marks;
    double m_secondsPerPixel = 0;
};

} // namespace perfcase
