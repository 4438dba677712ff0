#pragma once

#include "TimelineLane.h"

#include <QFutureWatcher>
#include <QObject>

class QCPGraph;

namespace perfcase {

class MarkPlottable;

// A "debug track" from a read-only query over the public views (the SQL
// console adds them). A user query may be slow, so it runs on a worker
// thread (QtConcurrent) with its own connection; a result for a range that
// is no longer shown is dropped.
class QueryLane : public QObject, public TimelineLane
{
    Q_OBJECT

public:
    QueryLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins);
    ~QueryLane() override;

    void load(TimelineData &data, qint64 from, qint64 to, int pixels, bool downsample) override;
    QString readout(double x) const override;
    bool isLoading() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    void apply(const QueryRows &rows);

    struct Result
    {
        QueryRows rows;
        QString error;
        quint64 generation = 0;
    };
    QFutureWatcher<Result> m_watcher;
    quint64 m_generation = 0;
    QCPGraph *m_graph;
    MarkPlottable *m_marks;
    QueryRows m_rows;
    double m_secondsPerPixel = 0;
};

} // namespace perfcase
