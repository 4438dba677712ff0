#include "CounterPlottable.h"

#include <algorithm>

namespace perfcase {

CounterPlottable::CounterPlottable(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    setAntialiased(false); // cosmetic 1 px lines: antialiasing only costs here
}

double CounterPlottable::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1;
}

QCPRange CounterPlottable::getKeyRange(bool &foundRange, QCP::SignDomain) const
{
    foundRange = !m_series.x.isEmpty();
    if (!foundRange) return {};
    return QCPRange(m_series.x.front(), m_series.x.back() + double(m_series.width) / 1e9);
}

QCPRange CounterPlottable::getValueRange(bool &foundRange, QCP::SignDomain, const QCPRange &) const
{
    foundRange = !m_series.x.isEmpty();
    if (!foundRange) return {};
    return QCPRange(*std::min_element(m_series.min.begin(), m_series.min.end()),
                    *std::max_element(m_series.max.begin(), m_series.max.end()));
}

void CounterPlottable::draw(QCPPainter *painter)
{
    QCPAxis *keys = mKeyAxis.data(), *values = mValueAxis.data();
    const qsizetype n = m_series.x.size();
    if (!keys || !values || n == 0) return;
    const double half = double(m_series.width) / 2e9; // buckets plot at their middle
    const bool band = m_series.width > 0 && !m_reference;
    // Per pixel column: the line enters at the column's first value and leaves
    // at its last, and a vertical line spans everything in between (values,
    // and for buckets their min and max), so a million raw samples or a
    // spike narrower than a pixel draw as what a pixel can show.
    QList<QLineF> lines;
    QPolygonF polyline;
    const QRectF clip = clipRect();
    double column = -1e9, low = 0, high = 0, lastY = 0;
    auto closeColumn = [&] {
        if (column <= -1e9) return;
        if (high - low >= 1) lines << QLineF(column, low, column, high);
        if (polyline.isEmpty() || polyline.back().y() != lastY || polyline.back().x() != column)
            polyline << QPointF(column, lastY);
    };
    for (qsizetype i = 0; i < n; ++i) {
        const double x = keys->coordToPixel(m_series.x[i] + half);
        if (x < clip.left() - 1 && i + 1 < n &&
            keys->coordToPixel(m_series.x[i + 1] + half) < clip.left())
            continue; // before the view (one point is kept to enter it)
        const double y = values->coordToPixel(m_series.mean[i]);
        const double top = band ? values->coordToPixel(m_series.max[i]) : y;
        const double bottom = band ? values->coordToPixel(m_series.min[i]) : y;
        const double px = std::floor(x) + 0.5;
        if (px != column) {
            closeColumn();
            if (m_reference && !polyline.isEmpty()) polyline << QPointF(px, polyline.back().y());
            polyline << QPointF(px, y);
            column = px;
            low = std::min({top, bottom, y});
            high = std::max({top, bottom, y});
        } else {
            low = std::min({low, top, bottom, y});
            high = std::max({high, top, bottom, y});
        }
        lastY = y;
        if (x > clip.right() + 1) break;
    }
    closeColumn();
    QColor fill = mPen.color();
    fill.setAlpha(90);
    QPen bandPen(fill, 1);
    bandPen.setCosmetic(true);
    applyDefaultAntialiasingHint(painter);
    if (!lines.isEmpty()) {
        // Buckets: a pale band around the mean; raw samples: the line's own colour.
        painter->setPen(band ? bandPen : mPen);
        painter->drawLines(lines);
    }
    painter->setPen(mPen);
    if (polyline.size() == 1) {
        // One sample (a snapshot: kubectl top, an HPA read once) or all of
        // them in one pixel column: a line of one point draws nothing.
        painter->setBrush(mPen.color());
        painter->drawEllipse(polyline.front(), 3, 3);
        painter->setBrush(Qt::NoBrush);
        return;
    }
    painter->drawPolyline(polyline);
}

void CounterPlottable::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const
{
    painter->setPen(mPen);
    painter->drawLine(QLineF(rect.left(), rect.center().y(), rect.right(), rect.center().y()));
}

} // namespace perfcase
