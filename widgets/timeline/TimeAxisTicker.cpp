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
    // the case start, which is rarely a round time. Stepped on the local
    // clock, each tick converted back with the zone's offset at that time
    // (a daylight-saving change moves it). A few ticks per axis: the zone
    // look-ups cost nothing to speak of.
    const qint64 stepNs = std::llround(tickStep * 1e9);
    const double spanNs = range.size() * 1e9;
    if (stepNs <= 0 || spanNs / double(stepNs) > 1'000)
        return QCPAxisTicker::createTickVector(tickStep, range);
    const qint64 lowerNs = m_origin + std::llround(range.lower * 1e9);
    const qint64 upperNs = m_origin + std::llround(range.upper * 1e9);
    const QTimeZone zone = m_state->displayZone();
    auto offsetAt = [&zone](qint64 ns) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, QTimeZone::utc());
        return qint64(zone.offsetFromUtc(at)) * 1'000'000'000;
    };
    qint64 offset = offsetAt(lowerNs);
    const qint64 local = lowerNs + offset;
    qint64 localTick = (local / stepNs - (local % stepNs < 0 ? 1 : 0)) * stepNs; // floor
    QVector<double> ticks;
    for (int guard = 0; guard < 2'000; ++guard, localTick += stepNs) {
        qint64 tick = localTick - offset;
        if (const qint64 there = offsetAt(tick); there != offset) {
            offset = there;
            tick = localTick - offset;
        }
        if (tick > upperNs) break;
        if (ticks.isEmpty() || double(tick - m_origin) / 1e9 > ticks.last())
            ticks << double(tick - m_origin) / 1e9;
    }
    return ticks;
}

QString TimeAxisTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    // A double of seconds from the case start holds a tick only to some ns
    // (far from the start, a little less than the round time it is): round
    // to the unit of the label, or it would read one unit early.
    const int digits = digitsFor(m_step);
    const qint64 unit = digits >= 9 ? 1 : qint64(std::llround(std::pow(10.0, 9 - digits)));
    qint64 ns = m_origin + qint64(std::llround(tick * 1e9));
    ns = (ns >= 0 ? (ns + unit / 2) / unit : -((-ns + unit / 2) / unit)) * unit;
    // "yyyy-MM-dd HH:mm:ss.fff": the date is in the axis label, not on every tick.
    return m_state->formatTime(ns, digits).mid(11);
}

} // namespace perfcase
