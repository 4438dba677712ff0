#pragma once

#include <QObject>
#include <QPoint>
#include <optional>
#include <utility>

class QKeyEvent;
class QMouseEvent;

namespace perfcase {

class TimelineWidget;

// The mouse and keys of the timeline: drag to pan, Ctrl+drag to zoom to a
// box, Shift+drag to select (Shift+click clears), Alt+drag to shift a lane's
// clock, drag a lane's bottom edge to resize it, wheel to zoom around the
// mouse, and the crosshair that follows the mouse. Filters the events of the
// widget's plot; kept apart from TimelineWidget so the view holds state and
// reads while this holds what a gesture in progress needs.
class TimelineInteraction : public QObject
{
    Q_OBJECT

public:
    explicit TimelineInteraction(TimelineWidget *widget);

    // A Shift+drag or Ctrl+drag in progress, in seconds on the time axis:
    // lanes draw it as the selection or the zoom box.
    std::optional<std::pair<double, double>> selectionPreview() const;
    std::optional<std::pair<double, double>> boxPreview() const;
    // Arrow keys, + and -, Home/F, Z and Esc; false for other keys.
    bool keyPress(QKeyEvent *event);
    // Moves the crosshair to a point of the plot; nullopt hides it.
    void updateCrosshair(std::optional<QPoint> pos);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Drag
    {
        None,
        Pan,
        Select,
        Box,
        Shift,
        Resize
    };

    bool mousePress(QMouseEvent *event);
    bool mouseMove(QMouseEvent *event);
    bool mouseRelease(QMouseEvent *event);
    bool onLaneBorder(int lane, const QPoint &pos) const;

    TimelineWidget *m_w;
    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    qint64 m_pressFrom = 0, m_pressTo = 0;
    int m_pressLane = -1;
    int m_pressHeight = 0;
    std::optional<std::pair<double, double>> m_dragSpan;
};

} // namespace perfcase
