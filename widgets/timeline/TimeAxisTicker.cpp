#include "TimeAxisTicker.h"

#include "ViewState.h"

#include <cmath>

namespace perfcase {

double TimeAxisTicker::getTickStep(const QCPRange &range)
{
    m_step = QCPAxisTicker::getTickStep(range);
    return m_step;
}

QString TimeAxisTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    const int digits = m_step >= 1 ? 0 : m_step >= 1e-3 ? 3 : m_step >= 1e-6 ? 6 : 9;
    const qint64 ns = m_origin + qint64(std::llround(tick * 1e9));
    // "yyyy-MM-dd HH:mm:ss.fff": the date is in the axis label, not on every tick.
    return m_state->formatTime(ns, digits).mid(11);
}

} // namespace perfcase
