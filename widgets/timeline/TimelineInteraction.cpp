#include "TimelineInteraction.h"

#include "QCustomPlotInclude.h"
#include "TimelineData.h"
#include "TimelineLane.h"
#include "TimelineWidget.h"
#include "TimeRuler.h"

#include <QKeyEvent>
#include <QMessageBox>
#include <cmath>

namespace perfcase {

namespace {

constexpr double kWheelStep = 0.85; // range factor per wheel notch
constexpr int kClickSlop = 3;       // px a click may move and stay a click
constexpr int kBorderGrip = 3;      // px around a lane's bottom edge that resize it
constexpr int kMinLaneHeight = 24;

} // namespace

TimelineInteraction::TimelineInteraction(TimelineWidget *widget) : QObject(widget), m_w(widget)
{
    m_w->m_plot->installEventFilter(this);
}

std::optional<std::pair<double, double>> TimelineInteraction::selectionPreview() const
{
    return m_drag == Drag::Select ? m_dragSpan : std::nullopt;
}

std::optional<std::pair<double, double>> TimelineInteraction::boxPreview() const
{
    return m_drag == Drag::Box ? m_dragSpan : std::nullopt;
}

bool TimelineInteraction::keyPress(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        m_w->pan(-0.1);
        return true;
    case Qt::Key_Right:
        m_w->pan(0.1);
        return true;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_w->zoomIn();
        return true;
    case Qt::Key_Minus:
        m_w->zoomOut();
        return true;
    case Qt::Key_Home:
    case Qt::Key_F:
        m_w->fitAll();
        return true;
    case Qt::Key_Z:
        m_w->zoomToSelection();
        return true;
    case Qt::Key_Escape:
        m_w->m_state->setSelection(std::nullopt);
        return true;
    default:
        return false;
    }
}

bool TimelineInteraction::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_w->m_plot) return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        return mousePress(static_cast<QMouseEvent *>(event));
    case QEvent::MouseMove:
        return mouseMove(static_cast<QMouseEvent *>(event));
    case QEvent::MouseButtonRelease:
        return mouseRelease(static_cast<QMouseEvent *>(event));
    case QEvent::Leave:
        updateCrosshair(std::nullopt);
        return false;
    case QEvent::Resize:
        // Lanes read at screen resolution: a wider plot (the window shown,
        // a splitter moved) needs more buckets. Debounced; by then the
        // plot's own queued replot has laid the lanes out at the new width.
        m_w->m_requery->start();
        return false;
    case QEvent::Wheel: {
        auto *wheel = static_cast<QWheelEvent *>(event);
        if (m_w->m_lanes.empty()) return false;
        const double notches = wheel->angleDelta().y() / 120.0;
        m_w->zoomAround(m_w->nsAt(int(wheel->position().x())), std::pow(kWheelStep, notches));
        return true;
    }
    default:
        return false;
    }
}

bool TimelineInteraction::onLaneBorder(int lane, const QPoint &pos) const
{
    return lane >= 0 &&
           std::abs(pos.y() - m_w->m_lanes[std::size_t(lane)]->rect()->outerRect().bottom()) <=
               kBorderGrip;
}

bool TimelineInteraction::mousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_w->m_lanes.empty()) return false;
    m_w->setFocus(Qt::MouseFocusReason);
    m_pressPos = event->position().toPoint();
    m_pressFrom = m_w->m_from;
    m_pressTo = m_w->m_to;
    m_pressLane = m_w->laneAt(m_pressPos);
    m_dragSpan.reset();
    const Qt::KeyboardModifiers mods = event->modifiers();
    if (mods == Qt::NoModifier && onLaneBorder(m_pressLane, m_pressPos)) {
        m_drag = Drag::Resize;
        m_pressHeight = m_w->m_layout.lanes[m_w->specIndex(m_pressLane)].height;
    } else if (mods & Qt::ShiftModifier) {
        m_drag = Drag::Select;
    } else if (mods & Qt::ControlModifier) {
        m_drag = Drag::Box;
    } else if ((mods & Qt::AltModifier) && m_pressLane >= 0) {
        m_drag = Drag::Shift;
    } else {
        m_drag = Drag::Pan;
    }
    return true;
}

bool TimelineInteraction::mouseMove(QMouseEvent *event)
{
    QCustomPlot *plot = m_w->m_plot;
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::None) {
        plot->setCursor(onLaneBorder(m_w->laneAt(pos), pos) ? Qt::SizeVerCursor : Qt::CrossCursor);
        updateCrosshair(pos);
        return false;
    }
    const int dx = pos.x() - m_pressPos.x();
    const double secondsPerPixel = double(m_pressTo - m_pressFrom) / 1e9 / m_w->lanePixels();
    switch (m_drag) {
    case Drag::Pan: {
        const qint64 shift = qint64(std::llround(-dx * secondsPerPixel * 1e9));
        m_w->setVisibleRange(m_pressFrom + shift, m_pressTo + shift);
        break;
    }
    case Drag::Select:
    case Drag::Box:
        m_dragSpan = std::minmax(m_w->xAt(m_pressPos.x()), m_w->xAt(pos.x()));
        m_w->updateMarks();
        plot->replot(QCustomPlot::rpQueuedReplot);
        break;
    case Drag::Shift: {
        // Preview: only the dragged lane moves with the mouse.
        QCPAxis *axis = m_w->m_lanes[std::size_t(m_pressLane)]->timeAxis();
        const double from = double(m_w->m_from - m_w->origin()) / 1e9;
        const double to = double(m_w->m_to - m_w->origin()) / 1e9;
        axis->setRange(from - dx * secondsPerPixel, to - dx * secondsPerPixel);
        plot->replot(QCustomPlot::rpQueuedReplot);
        break;
    }
    case Drag::Resize: {
        QList<double> stretch = plot->plotLayout()->rowStretchFactors();
        stretch[m_pressLane] = std::max(kMinLaneHeight, m_pressHeight + pos.y() - m_pressPos.y());
        plot->plotLayout()->setRowStretchFactors(stretch);
        plot->replot(QCustomPlot::rpQueuedReplot);
        break;
    }
    case Drag::None:
        break;
    }
    return true;
}

bool TimelineInteraction::mouseRelease(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag == Drag::None) return false;
    const Drag drag = std::exchange(m_drag, Drag::None);
    const QPoint pos = event->position().toPoint();
    const bool moved = (pos - m_pressPos).manhattanLength() > kClickSlop;
    const qint64 a = m_w->nsAt(m_pressPos.x()), b = m_w->nsAt(pos.x());
    switch (drag) {
    case Drag::Pan:
        if (!moved) m_w->m_state->setCursor(a);
        break;
    case Drag::Select:
        m_w->m_state->setSelection(
            moved ? std::optional(ViewState::Range{std::min(a, b), std::max(a, b)}) : std::nullopt);
        break;
    case Drag::Box:
        if (moved) m_w->setVisibleRange(std::min(a, b), std::max(a, b));
        break;
    case Drag::Shift: {
        m_w->applyRange(false);
        const LaneSpec &spec = m_w->m_layout.lanes[m_w->specIndex(m_pressLane)];
        const TimelineTrack *t =
            spec.trackIds.isEmpty() ? nullptr : m_w->m_data->track(spec.trackIds.front());
        if (moved && t) {
            QString error;
            if (!m_w->setClockOffset(t->sourceId, t->offsetNs + (b - a), &error))
                QMessageBox::warning(m_w, TimelineWidget::tr("Set clock offset"), error);
        }
        break;
    }
    case Drag::Resize:
        m_w->setLaneHeight(m_w->specIndex(m_pressLane),
                           std::max(kMinLaneHeight, m_pressHeight + pos.y() - m_pressPos.y()));
        break;
    case Drag::None:
        break;
    }
    m_dragSpan.reset();
    m_w->updateMarks();
    m_w->m_plot->replot(QCustomPlot::rpQueuedReplot);
    return true;
}

void TimelineInteraction::updateCrosshair(std::optional<QPoint> pos)
{
    if (m_w->m_lanes.empty()) return;
    const QRect area = m_w->m_lanes.front()->rect()->rect();
    if (pos && (pos->x() < area.left() || pos->x() > area.right())) pos.reset();
    const std::optional<double> x = pos ? std::optional(m_w->xAt(pos->x())) : std::nullopt;
    for (auto &lane : m_w->m_lanes)
        lane->setCrosshair(x, true);
    QString time;
    if (x) {
        const qint64 ns = m_w->nsAt(pos->x());
        const qint64 span = m_w->m_to - m_w->m_from;
        const int digits = span > 600'000'000'000 ? 3 : span > 1'000'000'000 ? 6 : 9;
        time = m_w->m_state->formatTime(ns, digits) + QLatin1Char(' ') + m_w->m_state->zoneLabel(ns);
    }
    m_w->m_ruler->showTime(x, time);
    m_w->m_plot->layer(QStringLiteral("crosshair"))->replot();
}

} // namespace perfcase
