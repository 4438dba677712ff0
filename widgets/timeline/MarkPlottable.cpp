#include "MarkPlottable.h"

#include <QHash>
#include <algorithm>

namespace perfcase {

MarkPlottable::MarkPlottable(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    setAntialiased(false); // boxes are pixel-aligned; antialiasing only costs here
}

void MarkPlottable::setMarks(QList<Mark> marks)
{
    m_marks = std::move(marks);
}

const MarkPlottable::Mark *MarkPlottable::markAt(double x, double tolerance) const
{
    const Mark *best = nullptr;
    double bestDistance = tolerance;
    for (const Mark &m : m_marks) {
        if (m.end > m.start && x >= m.start && x <= m.end) {
            if (!best || best->end <= best->start || m.row > best->row) best = &m; // innermost
            bestDistance = 0;
            continue;
        }
        const double distance = std::min(std::abs(x - m.start), std::abs(x - m.end));
        if (distance <= bestDistance) {
            best = &m;
            bestDistance = distance;
        }
    }
    return best;
}

double MarkPlottable::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1;
}

QCPRange MarkPlottable::getKeyRange(bool &foundRange, QCP::SignDomain) const
{
    foundRange = !m_marks.isEmpty();
    QCPRange range(0, 0);
    for (qsizetype i = 0; i < m_marks.size(); ++i) {
        range = i ? QCPRange(std::min(range.lower, m_marks[i].start),
                             std::max(range.upper, m_marks[i].end))
                  : QCPRange(m_marks[i].start, m_marks[i].end);
    }
    return range;
}

QCPRange MarkPlottable::getValueRange(bool &foundRange, QCP::SignDomain, const QCPRange &) const
{
    foundRange = true;
    double rows = 1;
    for (const Mark &m : m_marks)
        rows = std::max(rows, m.row + 1);
    return QCPRange(0, rows);
}

void MarkPlottable::draw(QCPPainter *painter)
{
    QCPAxis *keys = mKeyAxis.data(), *values = mValueAxis.data();
    if (!keys || !values) return;
    const QRectF clip = clipRect();
    const QFontMetrics metrics(painter->font());
    struct Batch
    {
        QColor color;
        QList<QRectF> fills, boxes; // runs and slivers without outline; boxes with one
        QList<QLineF> ticks;
        QList<QPointF> heads;
    };
    QHash<QRgb, Batch> batches;
    QList<std::pair<QRectF, const Mark *>> labels;
    double lastPixel = -1e9;
    for (const Mark &m : m_marks) {
        const double x1 = keys->coordToPixel(m.start);
        const double top = values->coordToPixel(m.row + 0.92), bottom = values->coordToPixel(m.row);
        if (m.end <= m.start) {
            // An instant: a tick with a head, skipped when it would land on
            // the previous one's pixel (thousands in a few pixels add nothing).
            if (std::abs(x1 - lastPixel) < 1 || x1 < clip.left() || x1 > clip.right()) continue;
            lastPixel = x1;
            Batch &batch = batches[m.color.rgba()];
            batch.color = m.color;
            batch.ticks << QLineF(x1, top, x1, bottom);
            batch.heads << QPointF(x1, top + 3);
            continue;
        }
        const double x2 = std::max(keys->coordToPixel(m.end), x1 + 1);
        if (x2 < clip.left() || x1 > clip.right()) continue;
        const QRectF box(QPointF(x1, top), QPointF(x2, bottom));
        Batch &batch = batches[m.color.rgba()];
        batch.color = m.color;
        // An outline on a box a few pixels wide would hide its fill.
        (m.count == 1 && box.width() >= 3 ? batch.boxes : batch.fills) << box;
        if (m.count == 1 && box.width() > 30 && box.height() > metrics.height())
            labels << std::pair{box, &m};
    }
    for (const Batch &batch : std::as_const(batches)) {
        painter->setBrush(batch.color);
        painter->setPen(Qt::NoPen);
        painter->drawRects(batch.fills);
        painter->setPen(QPen(batch.color.darker(140), 0));
        painter->drawRects(batch.boxes);
        painter->setPen(QPen(batch.color, 1.5));
        painter->drawLines(batch.ticks);
        // Round points: the ticks' heads without a path per instant.
        painter->setPen(QPen(batch.color, 6, Qt::SolidLine, Qt::RoundCap));
        painter->drawPoints(batch.heads.constData(), int(batch.heads.size()));
    }
    painter->setPen(Qt::black);
    for (const auto &[box, m] : std::as_const(labels)) {
        const QRectF text = box.adjusted(3, 0, -2, 0) & clip;
        painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                          metrics.elidedText(m->label, Qt::ElideRight, int(text.width())));
    }
}

void MarkPlottable::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const
{
    painter->setBrush(m_marks.isEmpty() ? QColor(Qt::gray) : m_marks.front().color);
    painter->drawRect(rect);
}

} // namespace perfcase
