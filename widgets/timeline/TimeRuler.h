#pragma once

#include "QCustomPlotInclude.h"

#include <optional>

namespace perfcase {

// The time axis pinned under the lanes. With more lanes than fit, the lanes
// scroll, and the bottom lane's own axis would scroll away with them; this
// one stays, follows the lanes' range and lines its ticks up with their
// data. It also carries the crosshair's time.
class TimeRuler : public QCustomPlot
{
public:
    explicit TimeRuler(QWidget *parent = nullptr);

    // Takes the lanes' axis (range and ticker), the axis label, and the left
    // and right edges of their data in this widget's coordinates.
    void follow(const QCPAxis *lanes, const QString &label, int dataLeft, int dataRight);
    // The time under the mouse (axis coordinates), or none.
    void showTime(std::optional<double> x, const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    // The right margin follows this widget's own width, which may change
    // after the lanes told it where their data ends.
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyPalette();
    void applyMargins();

    QCPItemText *m_time;
    int m_dataLeft = 0, m_dataRight = 0;
};

} // namespace perfcase
