#pragma once

#include "QCustomPlotInclude.h"

namespace perfcase {

// Spans and events drawn as boxes (a slice waterfall: one row per depth or
// packing row) and ticks (instants). One plottable for thousands of marks:
// an item per slice would make a replot cost milliseconds per hundred. Marks
// are drawn in batches per colour (one pen and brush change, one drawRects
// or drawLines call): per-mark state changes were most of a slice lane's
// replot.
class MarkPlottable : public QCPAbstractPlottable
{
    Q_OBJECT

public:
    struct Mark
    {
        double start = 0, end = 0; // s; end == start: an instant
        double row = 0;
        QString label;
        QColor color;
        int count = 1; // > 1: a run of slices narrower than a pixel (SliceMerge)
    };

    MarkPlottable(QCPAxis *keyAxis, QCPAxis *valueAxis);
    void setMarks(QList<Mark> marks);
    const QList<Mark> &marks() const { return m_marks; }
    // The mark under x (a slice that covers it, else the nearest instant
    // within tolerance seconds), or nullptr.
    const Mark *markAt(double x, double tolerance) const;

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
    QList<Mark> m_marks;
};

} // namespace perfcase
