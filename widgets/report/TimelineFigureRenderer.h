#pragma once

#include "report/FigureRenderer.h"

namespace perfcase {

// Draws report figures with the timeline itself (an offscreen
// TimelineWidget with the requested lanes), so a report shows what the
// window shows. GUI thread only; the case's saved lanes are left alone.
class TimelineFigureRenderer : public FigureRenderer
{
public:
    QImage render(const QString &casePath, const FigureRequest &request) override;
};

} // namespace perfcase
