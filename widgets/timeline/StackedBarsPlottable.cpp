#include "StackedBarsPlottable.h"

#include <algorithm>

namespace perfcase {

StackedBarsPlottable::StackedBarsPlottable(QCPAxis *keyAxis, QCPAxis *valueAxis,
                                           const std::array<QColor, LogHistogram::kLevels> &colors)
    : QCPAbstractPlottable(keyAxis, valueAxis), m_colors(colors)
{
    setSelectable(QCP::stNone);
    setAntialiased(false);
}

void StackedBarsPlottable::setHistogram(const LogHistogram &histogram)
{
    m_histogram = histogram;
    m_highest = 0;
    for (qsizetype i = 0; i < m_histogram.x.size(); ++i) {
        double total = 0;
        for (const auto &counts : m_histogram.counts)
            total += counts[i];
        m_highest = std::max(m_highest, total);
    }
}

double StackedBarsPlottable::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1;
}

QCPRange StackedBarsPlottable::getKeyRange(bool &foundRange, QCP::SignDomain) const
{
    foundRange = !m_histogram.x.isEmpty();
    if (!foundRange) return {};
    return QCPRange(m_histogram.x.front(), m_histogram.x.back() + double(m_histogram.width) / 1e9);
}

QCPRange StackedBarsPlottable::getValueRange(bool &foundRange, QCP::SignDomain,
                                             const QCPRange &) const
{
    foundRange = true;
    return QCPRange(0, std::max(1.0, m_highest));
}

void StackedBarsPlottable::draw(QCPPainter *painter)
{
    QCPAxis *keys = mKeyAxis.data(), *values = mValueAxis.data();
    if (!keys || !values || m_histogram.x.isEmpty()) return;
    const double width = double(m_histogram.width) / 1e9;
    const QRectF clip = clipRect();
    std::array<QList<QRectF>, LogHistogram::kLevels> rects;
    for (qsizetype i = 0; i < m_histogram.x.size(); ++i) {
        const double left = keys->coordToPixel(m_histogram.x[i]);
        const double right = keys->coordToPixel(m_histogram.x[i] + width);
        if (right < clip.left() || left > clip.right()) continue;
        double base = 0;
        for (int level = 0; level < LogHistogram::kLevels; ++level) {
            const double count = m_histogram.counts[std::size_t(level)][i];
            if (count <= 0) continue;
            const double bottom = values->coordToPixel(base);
            const double top = values->coordToPixel(base + count);
            base += count;
            // At least a pixel wide and tall, so a lone error stays visible.
            rects[std::size_t(level)] << QRectF(QPointF(left, std::min(top, bottom - 1)),
                                                QPointF(std::max(right, left + 1), bottom));
        }
    }
    painter->setPen(Qt::NoPen);
    for (int level = 0; level < LogHistogram::kLevels; ++level) {
        if (rects[std::size_t(level)].isEmpty()) continue;
        painter->setBrush(m_colors[std::size_t(level)]);
        painter->drawRects(rects[std::size_t(level)]);
    }
}

void StackedBarsPlottable::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colors[3]);
    painter->drawRect(rect);
}

} // namespace perfcase
