#pragma once

#include "QCustomPlotInclude.h"

namespace perfcase {

class ViewState;

// Tick labels for the shared time axis: the axis holds seconds relative to
// the case start (DESIGN.md, Clocks); labels show the time of day in the
// display zone with as many fraction digits as the tick step needs, on
// round times of that zone's clock (1, 2, 5, 10, 15, 30 s, min, h).
class TimeAxisTicker : public QCPAxisTicker
{
public:
    TimeAxisTicker(const ViewState *state, qint64 originNs) : m_state(state), m_origin(originNs) {}
    void setOrigin(qint64 originNs) { m_origin = originNs; }

protected:
    double getTickStep(const QCPRange &range) override;
    QVector<double> createTickVector(double tickStep, const QCPRange &range) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
                         int precision) override;

private:
    const ViewState *m_state;
    qint64 m_origin;
    double m_step = 1;
};

} // namespace perfcase
