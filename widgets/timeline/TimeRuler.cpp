#include "TimeRuler.h"

namespace perfcase {

TimeRuler::TimeRuler(QWidget *parent) : QCustomPlot(parent), m_time(new QCPItemText(this))
{
    yAxis->setVisible(false);
    xAxis->setTickLabels(true);
    // The axis line is the ruler's top edge; ticks point down at the labels.
    xAxis->setTickLength(0, 4);
    xAxis->setSubTickLength(0, 2);
    xAxis->grid()->setVisible(false);
    axisRect()->setAutoMargins(QCP::msBottom);
    axisRect()->setMinimumSize(0, 0);
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_TransparentForMouseEvents);

    m_time->setClipToAxisRect(false);
    m_time->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_time->position->setTypeY(QCPItemPosition::ptAbsolute);
    m_time->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_time->setPadding(QMargins(3, 1, 3, 1));
    m_time->setVisible(false);

    // Tick labels, the date line below them, and the ticks.
    const int line = fontMetrics().height();
    setFixedHeight(2 * line + 12);
    applyPalette();
}

void TimeRuler::follow(const QCPAxis *lanes, const QString &label, int dataLeft, int dataRight)
{
    xAxis->setTicker(lanes->ticker());
    xAxis->setRange(lanes->range());
    xAxis->setLabel(label);
    m_dataLeft = dataLeft;
    m_dataRight = dataRight;
    applyMargins();
    replot(rpQueuedReplot);
}

void TimeRuler::resizeEvent(QResizeEvent *event)
{
    applyMargins();
    QCustomPlot::resizeEvent(event);
}

void TimeRuler::applyMargins()
{
    axisRect()->setMargins(QMargins(m_dataLeft, 0, std::max(0, width() - m_dataRight), 0));
}

void TimeRuler::showTime(std::optional<double> x, const QString &text)
{
    m_time->setVisible(x.has_value());
    if (x) {
        m_time->position->setCoords(*x, 1);
        m_time->setText(text);
    }
    replot(rpQueuedReplot);
}

void TimeRuler::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) applyPalette();
    QCustomPlot::changeEvent(event);
}

void TimeRuler::applyPalette()
{
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::Text);
    setBackground(colours.color(QPalette::Base));
    xAxis->setBasePen(QPen(text, 0));
    xAxis->setTickPen(QPen(text, 0));
    xAxis->setSubTickPen(QPen(text, 0));
    xAxis->setTickLabelColor(text);
    xAxis->setLabelColor(text);
    m_time->setBrush(colours.color(QPalette::ToolTipBase));
    m_time->setColor(colours.color(QPalette::ToolTipText));
    m_time->setPen(QPen(colours.color(QPalette::Mid)));
    replot(rpQueuedReplot);
}

} // namespace perfcase
