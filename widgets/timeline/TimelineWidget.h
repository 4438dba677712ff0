#pragma once

#include "TimelineLayout.h"
#include "ViewState.h"

#include <QPointer>
#include <QSharedPointer>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCustomPlot;
class QImage;
class QCPMarginGroup;
class QScrollArea;
class QLabel;
class QMenu;
class QTimer;

namespace perfcase {

class TimelineContextMenu;
class TimelineData;
class TimelineInteraction;
class TimelineLane;
class TimeAxisTicker;
class TimeRuler;

// The shared timeline (issue 4): one lane per axis rect on a common time
// axis. Reads through TimelineData at screen resolution and re-reads
// (debounced) when the visible range changes; shares selection, cursor and
// display zone through ViewState. Lanes, annotations and user clock offsets
// are written to the case at once (no Save).
class TimelineWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineWidget(QWidget *parent = nullptr);
    ~TimelineWidget() override;

    // Opens the case read-only for drawing; an empty path closes it.
    // Returns false (and shows nothing) when the case cannot be opened.
    bool setCase(const QString &path);
    QString casePath() const;
    // The window's shared state; the widget makes its own until given one.
    void setViewState(ViewState *state);
    ViewState *viewState() const { return m_state; }

    // Visible range, corrected ns since the epoch.
    ViewState::Range visibleRange() const { return {m_from, m_to}; }
    void setVisibleRange(qint64 from, qint64 to);
    // Zooms around a time (factor < 1 zooms in).
    void zoomAround(qint64 center, double factor);
    void pan(double fractionOfRange);

    const TimelineLayout &lanes() const { return m_layout; }
    void setLanes(const TimelineLayout &layout); // saved to the case (unless turned off)
    // Off for figures drawn for a report: their lanes are not the user's.
    void setSavesLayout(bool saves) { m_savesLayout = saves; }
    void addTrackLane(qint64 trackId);
    void setLaneHidden(int lane, bool hidden);
    void moveLane(int lane, int delta);
    void setLaneHeight(int lane, int pixels);
    // A debug track from a query over the public views returning ts (and
    // optionally dur, value, name). False with a message when it is refused.
    bool addQueryLane(const QString &title, const QString &sql, QString *error = nullptr);

    bool addAnnotation(qint64 ts, std::optional<qint64> endTs, const QString &text,
                       QString *error = nullptr);
    // Sets a source's clock offset (origin "user"); emits clockOffsetChanged.
    bool setClockOffset(qint64 sourceId, qint64 offsetNs, QString *error = nullptr);
    // PNG, SVG or PDF by the file's suffix; 0 = the widget's size.
    bool exportTo(const QString &path, int width = 0, int height = 0);

    // Level buckets on (default); off reads raw samples (for comparison).
    void setDownsampling(bool enabled);
    // Reads the visible range now and replots (the debounced path does this).
    void reloadNow();
    // The lanes as a picture with their time axis (reports).
    QImage picture(int width, int height);
    // The plot, for reports and tests.
    QCustomPlot *plot() const { return m_plot; }
    // Index in lanes().lanes of the visible lane under a point of plot(), or -1.
    int laneAt(const QPoint &plotPos) const;

    QAction *fitAllAction() const { return m_fitAll; }
    QAction *zoomToSelectionAction() const { return m_zoomToSelection; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *exportAction() const { return m_export; }
    QAction *addAnnotationAction() const { return m_addAnnotation; }

public Q_SLOTS:
    // Re-reads tracks, offsets, layout and annotations (after an import).
    void refresh();
    void fitAll();
    void zoomToSelection();
    void zoomIn();
    void zoomOut();
    void exportInteractive();
    void addAnnotationInteractive();

Q_SIGNALS:
    void clockOffsetChanged(qint64 sourceId);
    void visibleRangeChanged(qint64 from, qint64 to);
    void lanesChanged();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Mouse, keys and crosshair; the right-click menu. They work on the
    // lanes and range below, which stay private to the view.
    friend class TimelineInteraction;
    friend class TimelineContextMenu;

    void rebuild();
    void lanesEdited();
    qint64 origin() const;
    void applyRange(bool requery);
    void followLanes();
    void setPrinting(bool printing);
    void saveLayout();
    void updateMarks();
    int lanePixels() const;
    double xAt(int plotX) const;
    qint64 nsAt(int plotX) const;
    int specIndex(int visibleLane) const;
    std::optional<std::pair<double, double>> seconds(std::optional<ViewState::Range> range) const;

    QCustomPlot *m_plot;
    QLabel *m_notice;
    QCPMarginGroup *m_margins = nullptr;
    QScrollArea *m_scroll;
    TimeRuler *m_ruler;
    QString m_axisLabel; // date and zone of the visible range
    QSharedPointer<TimeAxisTicker> m_ticker;
    QPointer<ViewState> m_state;
    ViewState *m_ownState;
    std::unique_ptr<TimelineData> m_data;
    TimelineLayout m_layout;
    std::vector<std::unique_ptr<TimelineLane>> m_lanes; // visible lanes, top to bottom
    QTimer *m_requery;
    qint64 m_from = 0, m_to = 60'000'000'000;
    bool m_downsample = true;
    bool m_savesLayout = true;

    TimelineInteraction *m_interaction;
    std::unique_ptr<TimelineContextMenu> m_menu;

    QAction *m_fitAll, *m_zoomToSelection, *m_zoomIn, *m_zoomOut, *m_export, *m_addAnnotation;
};

} // namespace perfcase
