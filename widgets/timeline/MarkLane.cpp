#include "MarkLane.h"

#include "MarkPlottable.h"
#include "TimelineData.h"

#include <QCoreApplication>

namespace perfcase {

namespace {

QColor severityColor(int severity)
{
    if (severity >= 5) return QColor(210, 40, 40);
    if (severity == 4) return QColor(240, 150, 20);
    if (severity >= 2) return QColor(40, 120, 200);
    return QColor(110, 110, 140);
}

// Same name, same colour, on every zoom and in every run (qHash is seeded
// per process, so it would recolour a teammate's copy of the case).
QColor nameColor(const QString &name)
{
    const uint hash = qChecksum(name.toUtf8());
    return QColor::fromHsv(int(hash % 360), 90 + int(hash / 360 % 60), 235);
}

} // namespace

MarkLane::MarkLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins)
    : TimelineLane(plot, spec, margins), m_marks(new MarkPlottable(timeAxis(), valueAxis()))
{
    valueAxis()->setTicks(false);
    valueAxis()->setTickLabels(false);
    valueAxis()->setRangeReversed(true); // row 0 on top, like a flame chart
}

void MarkLane::load(TimelineData &data, qint64 from, qint64 to, int pixels, bool)
{
    const int cap = std::max(pixels, 100) * kMarksPerPixel;
    m_secondsPerPixel = double(to - from) / 1e9 / std::max(pixels, 1);
    QList<MarkPlottable::Mark> marks;
    qint64 more = 0;
    if (spec().kind == LaneSpec::Kind::Slice) {
        const SliceSet set = data.slices(spec().trackIds, from, to, cap, pixels);
        for (const TimelineSlice &s : set.slices)
            marks << MarkPlottable::Mark{s.start,           s.end,  double(s.row), s.name,
                                         nameColor(s.name), s.count};
        more = set.more;
    } else {
        const InstantSet set = data.instants(spec().trackIds, from, to, cap, pixels);
        for (const TimelineInstant &i : set.instants)
            marks << MarkPlottable::Mark{i.x, i.x, 0, i.name, severityColor(i.severity)};
        more = set.more;
    }
    m_marks->setMarks(marks);
    bool found = false;
    const QCPRange rows = m_marks->getValueRange(found);
    valueAxis()->setRange(0, std::min(rows.upper, 12.0)); // deeper rows scroll out of view
    setNote(more ? QCoreApplication::translate("MarkLane", "%n more", nullptr,
                                               int(std::min<qint64>(more, INT_MAX)))
                 : QString());
}

QString MarkLane::readout(double x) const
{
    const MarkPlottable::Mark *m = m_marks->markAt(x, 4 * m_secondsPerPixel);
    if (!m) return {};
    if (m->end <= m->start) return m->label;
    if (m->count > 1)
        return QCoreApplication::translate("MarkLane", "%n slices, mostly %1 (over %2 ms)", nullptr,
                                           m->count)
            .arg(m->label.left(120), QString::number((m->end - m->start) * 1e3, 'f', 3));
    return QStringLiteral("%1 (%2 ms)")
        .arg(m->label.left(120), QString::number((m->end - m->start) * 1e3, 'f', 3));
}

} // namespace perfcase
