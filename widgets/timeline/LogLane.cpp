#include "LogLane.h"

#include "QCustomPlotInclude.h"
#include "StackedBarsPlottable.h"
#include "TimelineData.h"

#include <algorithm>

namespace perfcase {

namespace {

// Index = level + 1: none, trace, debug, info, notice, warning, error, critical.
const std::array<QColor, LogHistogram::kLevels> kLevelColors = {
    QColor(170, 170, 170), QColor(200, 200, 215), QColor(150, 165, 190), QColor(90, 150, 210),
    QColor(60, 170, 160),  QColor(245, 160, 30),  QColor(220, 50, 40),   QColor(130, 0, 60)};
const char *const kLevelNames[LogHistogram::kLevels] = {"none",   "trace",   "debug", "info",
                                                        "notice", "warning", "error", "critical"};

} // namespace

LogLane::LogLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins)
    : TimelineLane(plot, spec, margins)
{
    m_bars = new StackedBarsPlottable(timeAxis(), valueAxis(), kLevelColors);
}

void LogLane::load(TimelineData &data, qint64 from, qint64 to, int pixels, bool)
{
    m_data = data.logRates(spec().trackIds, from, to, pixels);
    m_bars->setHistogram(m_data);
    const double highest = m_bars->highestStack();
    valueAxis()->setRange(0, std::max(1.0, highest * 1.1));
    const QString unit = m_data.width >= 1'000'000'000
                             ? QStringLiteral("/%1 s").arg(m_data.width / 1'000'000'000)
                             : QString();
    setTitle(spec().title + QLatin1Char(' ') + unit);
}

QString LogLane::readout(double x) const
{
    const double width = double(m_data.width) / 1e9;
    const auto it = std::upper_bound(m_data.x.begin(), m_data.x.end(), x);
    if (it == m_data.x.begin()) return {};
    const qsizetype i = (it - m_data.x.begin()) - 1;
    if (x > m_data.x[i] + width) return {};
    QStringList parts;
    for (int level = LogHistogram::kLevels - 1; level >= 0; --level)
        if (m_data.counts[level][i] > 0)
            parts << QStringLiteral("%1 %2")
                         .arg(QString::fromLatin1(kLevelNames[level]))
                         .arg(qint64(m_data.counts[level][i]));
    return parts.join(QStringLiteral(", "));
}

} // namespace perfcase
