#pragma once

#include "QCustomPlotInclude.h"
#include "TimelineTypes.h"

namespace perfcase {

// One counter series, drawn in two batched calls: a vertical min-max line
// per pixel column (the band; spikes narrower than a pixel still show) and
// the mean as one polyline. QCPGraph with QCPErrorBars drew the same with a
// call per bucket, most of a full-range replot on a 10M-sample lane.
class CounterPlottable : public QCPAbstractPlottable
{
    Q_OBJECT

public:
    CounterPlottable(QCPAxis *keyAxis, QCPAxis *valueAxis);
    void setSeries(const CounterSeries &series) { m_series = series; }
    const CounterSeries &series() const { return m_series; }
    // Requests and limits: a dashed step line, no band.
    void setReference(bool reference) { m_reference = reference; }

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
    CounterSeries m_series;
    bool m_reference = false;
};

} // namespace perfcase
