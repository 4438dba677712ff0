#include "CounterLane.h"

#include "CounterPlottable.h"
#include "QCustomPlotInclude.h"
#include "TimelineData.h"

#include <algorithm>

namespace perfcase {

CounterLane::CounterLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins)
    : TimelineLane(plot, spec, margins)
{}

void CounterLane::load(TimelineData &data, qint64 from, qint64 to, int pixels, bool downsample)
{
    if (m_series.isEmpty()) {
        int index = 0;
        for (qint64 id : spec().trackIds) {
            const TimelineTrack *t = data.track(id);
            if (!t) continue;
            Series s;
            s.name = t->displayName();
            s.unit = t->unit;
            s.reference = TimelineLayout::isReference(t->name);
            const QColor color = seriesColor(index++);
            s.plot = new CounterPlottable(timeAxis(), valueAxis());
            QPen pen(color, 1, s.reference ? Qt::DashLine : Qt::SolidLine);
            pen.setCosmetic(true); // thicker zigzag lines cost QPainter seconds
            s.plot->setPen(pen);
            s.plot->setReference(s.reference);
            s.data.trackId = id;
            m_series << s;
        }
    }
    for (Series &s : m_series) {
        s.data = data.counter(s.data.trackId, from, to, pixels, downsample);
        s.plot->setSeries(s.data);
    }
    bool found = false;
    QCPRange values;
    for (const Series &s : std::as_const(m_series))
        for (qsizetype i = 0; i < s.data.x.size(); ++i) {
            values = found ? QCPRange(std::min(values.lower, s.data.min[i]),
                                      std::max(values.upper, s.data.max[i]))
                           : QCPRange(s.data.min[i], s.data.max[i]);
            found = true;
        }
    if (found) {
        const double pad = std::max(values.size() * 0.08, std::abs(values.upper) * 0.01 + 1e-9);
        const double lower = std::min(0.0, values.lower);
        double upper = values.upper + pad;
        // All zeros (no restarts, no errors): a 0..1 axis, not one of 1e-9.
        if (upper - lower < 1e-6) upper = lower + 1;
        valueAxis()->setRange(lower, upper);
    }
}

QString CounterLane::readout(double x) const
{
    QStringList lines;
    for (const Series &s : m_series) {
        const QList<double> &xs = s.data.x;
        // The sample (or bucket) at or before x.
        const auto it = std::upper_bound(xs.begin(), xs.end(), x);
        if (it == xs.begin()) continue;
        const qsizetype i = (it - xs.begin()) - 1;
        if (s.data.width > 0 && x > xs[i] + double(s.data.width) / 1e9) continue;
        QString value = QString::number(s.data.mean[i], 'g', 5);
        if (s.data.width > 0 && s.data.min[i] != s.data.max[i])
            value += QStringLiteral(" (%1–%2)")
                         .arg(QString::number(s.data.min[i], 'g', 4),
                              QString::number(s.data.max[i], 'g', 4));
        lines << s.name + QStringLiteral(": ") + value +
                     (s.unit.isEmpty() ? QString() : QLatin1Char(' ') + s.unit);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace perfcase
