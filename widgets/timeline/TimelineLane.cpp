#include "TimelineLane.h"

#include "QCustomPlotInclude.h"

#include <QFontMetrics>
#include <algorithm>

namespace perfcase {

namespace {

// The plot's background, see-through: labels stay readable over the data.
QColor translucentBase(const QCustomPlot *plot, int alpha)
{
    QColor base = plot->palette().color(QPalette::Base);
    base.setAlpha(alpha);
    return base;
}

// A note's label: right of its line, or left of it where it would run off
// the lane. Decided when drawn, on the layout of that replot (lanes made a
// moment ago have none yet; report figures are laid out at their own size).
class NoteLabel : public QCPItemText
{
public:
    using QCPItemText::QCPItemText;

protected:
    void draw(QCPPainter *painter) override
    {
        const QRect lane = clipRect();
        const double at = position->pixelPosition().x();
        const int width = QFontMetrics(mainFont()).horizontalAdvance(text()) + 4;
        const bool flip = at + width > lane.right() && at - width >= lane.left();
        setPositionAlignment((flip ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
        QCPItemText::draw(painter);
    }
};

} // namespace

TimelineLane::TimelineLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins)
    : m_plot(plot), m_spec(spec), m_rect(new QCPAxisRect(plot))
{
    // In the layout (below the lanes before it) before any item is made:
    // an item's constructor clips to the plot's first axis rect.
    plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0, m_rect);
    m_rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_rect->setupFullAxesBox(false);
    m_rect->axis(QCPAxis::atTop)->setVisible(false);
    m_rect->axis(QCPAxis::atRight)->setVisible(false);
    // Axes, grid and labels in the window's colours (light or dark theme);
    // the data keeps its own.
    const QPalette palette = plot->palette();
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(50);
    for (QCPAxis *axis : m_rect->axes()) {
        axis->setBasePen(QPen(text, 0));
        axis->setTickPen(QPen(text, 0));
        axis->setSubTickPen(QPen(text, 0));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    }
    QCPAxis *y = valueAxis();
    y->setPadding(2);
    QFont small = y->tickLabelFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    y->setTickLabelFont(small);
    // As many value ticks as labels fit with a gap: a short lane with the
    // ticker's default five (or seven, 0 to 6 replicas) piled them up.
    // Lanes only ever stretch taller than their spec.
    const int labelHeight = QFontMetrics(small).height();
    y->ticker()->setTickCount(std::clamp(spec.height / (2 * labelHeight), 1, 5));
    timeAxis()->setTickLabels(false);
    // Minimal margins: lanes are short; the margin group keeps left edges aligned.
    m_rect->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    m_rect->setMargins(QMargins(0, 2, 0, 0));
    setTitle(spec.title);
}

void TimelineLane::setTitle(const QString &text)
{
    if (!m_title) {
        m_title = new QCPItemText(m_plot);
        m_title->setLayer(QStringLiteral("marks"));
        m_title->setClipAxisRect(m_rect);
        m_title->position->setType(QCPItemPosition::ptAxisRectRatio);
        m_title->position->setAxisRect(m_rect);
        m_title->position->setCoords(0, 0);
        m_title->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_title->setPadding(QMargins(4, 1, 4, 1));
        m_title->setBrush(translucentBase(m_plot, 200)); // readable over the data
        m_title->setColor(m_plot->palette().color(QPalette::Text));
        m_title->setSelectable(false);
    }
    m_title->setText(text);
}

TimelineLane::~TimelineLane() = default;

QCPAxis *TimelineLane::timeAxis() const
{
    return m_rect->axis(QCPAxis::atBottom);
}
QCPAxis *TimelineLane::valueAxis() const
{
    return m_rect->axis(QCPAxis::atLeft);
}

QColor TimelineLane::seriesColor(int index)
{
    static const QColor colors[] = {
        QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
        QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
        QColor(188, 189, 34),  QColor(23, 190, 207)};
    return colors[index % int(std::size(colors))];
}

QCPItemRect *TimelineLane::band(const QColor &fill, const QString &layer)
{
    auto *item = new QCPItemRect(m_plot);
    item->setLayer(layer);
    item->setClipAxisRect(m_rect);
    for (QCPItemPosition *p : {item->topLeft, item->bottomRight}) {
        p->setAxes(timeAxis(), valueAxis());
        p->setAxisRect(m_rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    item->setPen(QPen(fill.darker(130), 0));
    item->setBrush(fill);
    item->setSelectable(false);
    return item;
}

QCPItemStraightLine *TimelineLane::vline(const QPen &pen, const QString &layer)
{
    auto *item = new QCPItemStraightLine(m_plot);
    item->setLayer(layer);
    item->setClipAxisRect(m_rect);
    for (QCPItemPosition *p : {item->point1, item->point2}) {
        p->setAxes(timeAxis(), valueAxis());
        p->setAxisRect(m_rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    item->setPen(pen);
    item->setSelectable(false);
    return item;
}

void TimelineLane::setSelection(std::optional<std::pair<double, double>> span)
{
    if (!m_selection) m_selection = band(QColor(70, 130, 220, 50), QStringLiteral("marks"));
    m_selection->setVisible(span.has_value());
    if (!span) return;
    m_selection->topLeft->setCoords(span->first, 0);
    m_selection->bottomRight->setCoords(span->second, 1);
}

void TimelineLane::setBox(std::optional<std::pair<double, double>> span)
{
    if (!m_box) {
        m_box = band(QColor(120, 120, 120, 40), QStringLiteral("crosshair"));
        m_box->setPen(QPen(Qt::gray, 0, Qt::DashLine));
    }
    m_box->setVisible(span.has_value());
    if (!span) return;
    m_box->topLeft->setCoords(span->first, 0);
    m_box->bottomRight->setCoords(span->second, 1);
}

void TimelineLane::setCursor(std::optional<double> x)
{
    if (!m_cursor) m_cursor = vline(QPen(QColor(200, 30, 30), 1.5), QStringLiteral("marks"));
    m_cursor->setVisible(x.has_value());
    if (!x) return;
    m_cursor->point1->setCoords(*x, 0);
    m_cursor->point2->setCoords(*x, 1);
}

void TimelineLane::setAnnotations(const QList<std::pair<double, double>> &spans,
                                  const QStringList &labels, bool withText)
{
    for (QCPAbstractItem *item : std::as_const(m_annotationItems))
        m_plot->removeItem(item);
    m_annotationItems.clear();
    const QColor note(230, 170, 0);
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const auto [from, to] = spans[i];
        if (to > from) {
            QCPItemRect *rect = band(QColor(255, 200, 0, 45), QStringLiteral("annotations"));
            rect->setPen(Qt::NoPen);
            rect->topLeft->setCoords(from, 0);
            rect->bottomRight->setCoords(to, 1);
            m_annotationItems << rect;
        }
        QCPItemStraightLine *line =
            vline(QPen(note, 1, Qt::DashLine), QStringLiteral("annotations"));
        line->point1->setCoords(from, 0);
        line->point2->setCoords(from, 1);
        m_annotationItems << line;
        if (!withText) continue;
        auto *text = new NoteLabel(m_plot);
        text->setLayer(QStringLiteral("marks"));
        text->setClipAxisRect(m_rect);
        text->position->setAxes(timeAxis(), valueAxis());
        text->position->setAxisRect(m_rect);
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(from, 0);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        text->setText(labels.value(i));
        text->setBrush(QColor(255, 240, 190, 220));
        text->setPadding(QMargins(2, 1, 2, 1));
        text->setSelectable(false);
        m_annotationItems << text;
    }
}

void TimelineLane::setCrosshair(std::optional<double> x, bool withReadout)
{
    if (!m_crossLine) {
        m_crossLine = vline(QPen(m_plot->palette().color(QPalette::Text), 0, Qt::DotLine),
                            QStringLiteral("crosshair"));
        m_readout = new QCPItemText(m_plot);
        m_readout->setLayer(QStringLiteral("crosshair"));
        m_readout->setClipAxisRect(m_rect);
        m_readout->position->setType(QCPItemPosition::ptAxisRectRatio);
        m_readout->position->setAxisRect(m_rect);
        m_readout->position->setCoords(1, 0);
        m_readout->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        m_readout->setBrush(translucentBase(m_plot, 210));
        m_readout->setColor(m_plot->palette().color(QPalette::Text));
        m_readout->setPadding(QMargins(3, 1, 3, 1));
        m_readout->setSelectable(false);
    }
    m_crossLine->setVisible(x.has_value());
    const QString text = x && withReadout ? readout(*x) : QString();
    m_readout->setVisible(!text.isEmpty());
    if (!x) return;
    m_crossLine->point1->setCoords(*x, 0);
    m_crossLine->point2->setCoords(*x, 1);
    m_readout->setText(text);
}

void TimelineLane::setNote(const QString &text)
{
    if (!m_note) {
        m_note = new QCPItemText(m_plot);
        m_note->setLayer(QStringLiteral("marks"));
        m_note->setClipAxisRect(m_rect);
        m_note->position->setType(QCPItemPosition::ptAxisRectRatio);
        m_note->position->setAxisRect(m_rect);
        m_note->position->setCoords(1, 1);
        m_note->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        m_note->setColor(m_plot->palette().color(QPalette::PlaceholderText));
        m_note->setSelectable(false);
    }
    m_note->setVisible(!text.isEmpty());
    m_note->setText(text);
}

} // namespace perfcase
