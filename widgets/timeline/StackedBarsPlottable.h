#pragma once

#include "QCustomPlotInclude.h"
#include "TimelineTypes.h"

#include <array>

namespace perfcase {

// The log histogram: per bucket, one rectangle per level stacked on the
// ones below, drawn with one fillRects batch per level. Eight stacked
// QCPBars computed each bar's base by searching the bars below it, level by
// level: most of the log lane's replot.
class StackedBarsPlottable : public QCPAbstractPlottable
{
    Q_OBJECT

public:
    StackedBarsPlottable(QCPAxis *keyAxis, QCPAxis *valueAxis,
                         const std::array<QColor, LogHistogram::kLevels> &colors);
    void setHistogram(const LogHistogram &histogram);
    double highestStack() const { return m_highest; }

    double selectTest(const QPointF &pos, bool onlySelectable,
                      QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange,
                         QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    std::array<QColor, LogHistogram::kLevels> m_colors;
    LogHistogram m_histogram;
    double m_highest = 0;
};

} // namespace perfcase
