#pragma once

#include "TimelineLayout.h"
#include "TimelineTypes.h"

#include <QColor>
#include <QList>
#include <QPen>
#include <optional>
#include <utility>

class QCustomPlot;
class QCPAxis;
class QCPAbstractItem;
class QCPAxisRect;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPMarginGroup;

namespace perfcase {

class TimelineData;

// One lane: an axis rect of the shared plot, stacked on the common time axis
// (each new lane is added below the plot layout's last row).
// Subclasses read their data for the visible range at screen resolution and
// draw it; the base draws what every lane shows at the same times (selection,
// cursor, annotations, crosshair). The lane holds only what is on screen.
class TimelineLane
{
public:
    TimelineLane(QCustomPlot *plot, const LaneSpec &spec, QCPMarginGroup *margins);
    virtual ~TimelineLane();
    TimelineLane(const TimelineLane &) = delete;
    TimelineLane &operator=(const TimelineLane &) = delete;

    const LaneSpec &spec() const { return m_spec; }
    QCPAxisRect *rect() const { return m_rect; }
    QCPAxis *timeAxis() const;
    QCPAxis *valueAxis() const;

    // Reads [from, to] (corrected ns) for a lane pixels wide and redraws.
    virtual void load(TimelineData &data, qint64 from, qint64 to, int pixels, bool downsample) = 0;
    // What the lane shows at x (s), for the crosshair readout.
    virtual QString readout(double x) const = 0;

    // In seconds on the time axis; nullopt hides.
    void setSelection(std::optional<std::pair<double, double>> span);
    void setBox(std::optional<std::pair<double, double>> span); // box zoom in progress
    void setCursor(std::optional<double> x);
    void setAnnotations(const QList<std::pair<double, double>> &spans, const QStringList &labels,
                        bool withText);
    void setCrosshair(std::optional<double> x, bool withReadout);

protected:
    // The distinct colours of series in a lane.
    static QColor seriesColor(int index);
    // Counts cut by a cap, shown in the lane's corner.
    void setNote(const QString &text);
    // The lane's name, written across the top-left of the lane: a rotated
    // axis label does not fit a short lane and overlaps its neighbours.
    void setTitle(const QString &text);

private:
    QCPItemRect *band(const QColor &fill, const QString &layer);
    QCPItemStraightLine *vline(const QPen &pen, const QString &layer);

    QCustomPlot *m_plot;
    LaneSpec m_spec;
    QCPAxisRect *m_rect;
    QCPItemRect *m_selection = nullptr, *m_box = nullptr;
    QCPItemStraightLine *m_cursor = nullptr, *m_crossLine = nullptr;
    QCPItemText *m_readout = nullptr, *m_note = nullptr, *m_title = nullptr;
    QList<QCPAbstractItem *> m_annotationItems;
};

} // namespace perfcase
