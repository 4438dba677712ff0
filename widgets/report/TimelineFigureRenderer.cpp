#include "TimelineFigureRenderer.h"

#include "QueryRunner.h"
#include "ViewState.h"
#include "timeline/QCustomPlotInclude.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineWidget.h"

#include <QApplication>
#include <QStyle>
#include <algorithm>

namespace perfcase {

QImage TimelineFigureRenderer::render(const QString &casePath, const FigureRequest &request)
{
    TimelineLayout layout;
    try {
        QueryRunner runner(casePath.toStdString());
        auto addLane = [&](const std::string &sql, const QString &title) {
            Statement tracks = runner.prepare(sql);
            if (sql.find("?1") != std::string::npos) tracks.bind(1, title.toStdString());
            LaneSpec lane;
            lane.title = title;
            while (tracks.step()) {
                lane.kind = TimelineLayout::laneKindFor(QString::fromStdString(tracks.text(1)));
                lane.trackIds << tracks.int64(0);
            }
            if (lane.trackIds.isEmpty()) return;
            lane.height = std::max(LaneSpec::defaultHeight(lane.kind), 90);
            layout.lanes << lane;
        };
        // A lane is drawn only when its tracks have something to show in
        // the range: a snapshot taken an hour earlier is not a figure.
        const std::string from = std::to_string(request.from), to = std::to_string(request.to);
        const std::string inRange =
            " AND (SELECT count(*) FROM ("
            "SELECT 1 FROM (SELECT 1 FROM v_counters c WHERE c.track_id = t.id AND c.ts BETWEEN " +
            from + " AND " + to +
            " LIMIT 2) "
            "UNION ALL SELECT 1 FROM (SELECT 1 FROM v_slices s WHERE s.track_id = t.id AND s.ts "
            "<= " +
            to + " AND s.end_ts >= " + from +
            " LIMIT 2) "
            "UNION ALL SELECT 1 FROM (SELECT 1 FROM v_instants i WHERE i.track_id = t.id AND i.ts "
            "BETWEEN " +
            from + " AND " + to + " LIMIT 2))) >= 2";
        for (const QString &name : request.trackNames)
            addLane("SELECT t.id, t.kind FROM v_tracks t WHERE t.name = ?1 AND t.row_count > 0" +
                        inRange + " ORDER BY t.id",
                    name);
        if (request.includeLogs)
            addLane("SELECT t.id, t.kind FROM v_tracks t WHERE t.kind = 'log'" + inRange +
                        " ORDER BY t.id",
                    QStringLiteral("logs"));
    } catch (const std::exception &) {
        return {};
    }
    if (layout.lanes.isEmpty()) return {};

    TimelineWidget timeline;
    timeline.setSavesLayout(false);
    if (!timeline.setCase(casePath)) return {};
    ViewState state;
    timeline.setViewState(&state);
    timeline.setLanes(layout);
    if (!request.highlights.empty()) {
        qint64 from = request.highlights.front().first, to = request.highlights.front().second;
        for (const auto &[start, end] : request.highlights) {
            from = std::min<qint64>(from, start);
            to = std::max<qint64>(to, end);
        }
        state.setSelection(ViewState::Range{from, to});
    }
    int lanesHeight = 0;
    for (const auto &lane : layout.lanes)
        lanesHeight += lane.height;
    const int width = request.width;
    const int height = request.height > 0 ? request.height : lanesHeight + 60;
    // Laid out like a window that is never shown: the plot's width decides
    // the time axis and the reads' resolution.
    // Never shown, not even offscreen (whose plugin warns on every show):
    // the layout is activated by hand instead.
    // Printed figures are light whatever the window's theme.
    timeline.setPalette(QApplication::style()->standardPalette());
    timeline.resize(width, height + 40);
    timeline.ensurePolished();
    if (timeline.layout()) timeline.layout()->activate();
    timeline.plot()->resize(width, height);
    timeline.setVisibleRange(request.from, request.to);
    timeline.reloadNow();
    return timeline.picture(width, height);
}

} // namespace perfcase
