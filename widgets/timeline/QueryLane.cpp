#include "QueryLane.h"

#include "MarkPlottable.h"
#include "QCustomPlotInclude.h"
#include "TimelineData.h"
#include "TimelineQuery.h"

#include <QtConcurrent/QtConcurrentRun>

namespace perfcase {

namespace {
constexpr int kRowCap = 20'000;
}

QueryLane::QueryLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins)
    : TimelineLane(plot, spec, margins), m_graph(plot->addGraph(timeAxis(), valueAxis())),
      m_marks(new MarkPlottable(timeAxis(), valueAxis()))
{
    m_graph->setPen(QPen(seriesColor(4), 1.2));
    m_graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result result = m_watcher.result();
        if (result.generation != m_generation) return; // a newer range is on its way
        if (!result.error.isEmpty()) {
            setNote(result.error.left(200));
            Q_EMIT failed(result.error);
        } else {
            apply(result.rows);
        }
        rect()->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
        Q_EMIT loaded();
    });
}

QueryLane::~QueryLane()
{
    // The job owns its connection; only its result is dropped.
    m_watcher.disconnect();
}

void QueryLane::load(TimelineData &data, qint64 from, qint64 to, int pixels, bool)
{
    m_secondsPerPixel = double(to - from) / 1e9 / std::max(pixels, 1);
    const quint64 generation = ++m_generation;
    const QString path = data.casePath(), sql = spec().sql;
    const qint64 origin = data.origin();
    m_watcher.setFuture(QtConcurrent::run([=] {
        Result result;
        result.generation = generation;
        try {
            result.rows = TimelineQuery::fetch(path, sql, origin, from, to, kRowCap);
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
        }
        return result;
    }));
}

void QueryLane::apply(const QueryRows &rows)
{
    m_rows = rows;
    const bool line = rows.hasValue;
    m_graph->setData(line ? rows.x : QList<double>(), line ? rows.value : QList<double>());
    QList<MarkPlottable::Mark> marks;
    if (!line) {
        // Rows, packed so overlapping spans stack.
        QList<double> rowEnds;
        for (qsizetype i = 0; i < rows.x.size(); ++i) {
            const double end = rows.x[i] + rows.dur[i];
            qsizetype row = 0;
            while (row < rowEnds.size() && rowEnds[row] > rows.x[i])
                ++row;
            if (row == rowEnds.size()) rowEnds << end;
            rowEnds[row] = end;
            marks << MarkPlottable::Mark{rows.x[i], end, double(row), rows.names[i],
                                         seriesColor(4)};
        }
    }
    m_marks->setMarks(marks);
    valueAxis()->setRangeReversed(!line);
    valueAxis()->setTickLabels(line);
    if (line) {
        m_graph->rescaleValueAxis(false, true);
    } else {
        bool found = false;
        valueAxis()->setRange(0, std::min(m_marks->getValueRange(found).upper, 12.0));
    }
    setNote(rows.capped ? tr("first %1 rows").arg(rows.x.size()) : QString());
}

QString QueryLane::readout(double x) const
{
    if (m_rows.hasValue) {
        const auto it = std::upper_bound(m_rows.x.begin(), m_rows.x.end(), x);
        if (it == m_rows.x.begin()) return {};
        const qsizetype i = (it - m_rows.x.begin()) - 1;
        return (m_rows.hasName ? m_rows.names[i] + QStringLiteral(": ") : QString()) +
               QString::number(m_rows.value[i], 'g', 6);
    }
    const MarkPlottable::Mark *m = m_marks->markAt(x, 4 * m_secondsPerPixel);
    return m ? m->label : QString();
}

} // namespace perfcase
