#include "TimeAxisTicker.h"

#include "ViewState.h"

#include <QDateTime>
#include <algorithm>
#include <array>
#include <cmath>

namespace perfcase {

namespace {

// Steps a clock reader counts in: QCustomPlot's 2.5 (2.5 s, 25 min) would
// give ticks at :31, :33.5, :36 whose labels, rounded, look uneven.
constexpr std::array kClockSteps{1.0,    2.0,    5.0,    10.0,   15.0,    30.0,    60.0,
                                 120.0,  300.0,  600.0,  900.0,  1800.0,  3600.0,  7200.0,
                                 10800.0, 21600.0, 43200.0, 86400.0};

// The fraction digits (0, 3, 6 or 9) that show every multiple of the step exactly.
int digitsFor(double step)
{
    for (int digits : {0, 3, 6})
        if (const double scaled = step * std::pow(10.0, digits);
            std::abs(scaled - std::round(scaled)) < 1e-6 * scaled)
            return digits;
    return 9;
}

} // namespace

double TimeAxisTicker::getTickStep(const QCPRange &range)
{
    m_step = QCPAxisTicker::getTickStep(range);
    if (m_step >= 1) {
        // The nearest (by ratio) keeps about as many ticks as asked for.
        const double step = m_step;
        if (step > kClockSteps.back())
            m_step = std::round(step / kClockSteps.back()) * kClockSteps.back();
        else
            m_step = *std::min_element(kClockSteps.begin(), kClockSteps.end(),
                                       [step](double a, double b) {
                                           return std::abs(std::log(a / step)) <
                                                  std::abs(std::log(b / step));
                                       });
    }
    return m_step;
}

QVector<double> TimeAxisTicker::createTickVector(double tickStep, const QCPRange &range)
{
    // On round times of the display zone's clock, not on round offsets from
    // the case start, which is rarely a round time.
    const qint64 stepNs = std::llround(tickStep * 1e9);
    const double spanNs = range.size() * 1e9;
    if (stepNs <= 0 || spanNs / double(stepNs) > 10'000)
        return QCPAxisTicker::createTickVector(tickStep, range);
    const qint64 lowerNs = m_origin + std::llround(range.lower * 1e9);
    const qint64 upperNs = m_origin + std::llround(range.upper * 1e9);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(lowerNs / 1'000'000, QTimeZone::utc());
    const qint64 zoneNs = qint64(m_state->displayZone().offsetFromUtc(at)) * 1'000'000'000;
    const qint64 local = lowerNs + zoneNs;
    const qint64 below = local / stepNs - (local % stepNs < 0 ? 1 : 0); // floor
    QVector<double> ticks;
    for (qint64 tick = below * stepNs - zoneNs; tick <= upperNs; tick += stepNs)
        ticks << double(tick - m_origin) / 1e9;
    return ticks;
}

QString TimeAxisTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    const qint64 ns = m_origin + qint64(std::llround(tick * 1e9));
    // "yyyy-MM-dd HH:mm:ss.fff": the date is in the axis label, not on every tick.
    return m_state->formatTime(ns, digitsFor(m_step)).mid(11);
}

} // namespace perfcase
