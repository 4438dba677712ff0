#pragma once

class QPoint;

#include <QtGlobal>

namespace perfcase {

class TimelineWidget;

// The timeline's right-click menu: notes, zoom, the lane under the mouse
// (move, hide, height, clock offset of its sources), lanes to show or add,
// sources to align, export. Builds the menu afresh each time from the
// widget's lanes and tracks; the actions call the widget's public API.
class TimelineContextMenu
{
public:
    explicit TimelineContextMenu(TimelineWidget *widget) : m_w(widget) {}

    // Shows the menu for a point of the widget's plot and runs the choice.
    void exec(const QPoint &plotPos);
    // Asks for a source's clock offset (as text, e.g. "+1.250 s") and sets it.
    void setClockOffsetInteractive(qint64 sourceId);

private:
    TimelineWidget *m_w;
};

} // namespace perfcase
