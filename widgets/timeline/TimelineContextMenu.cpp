#include "TimelineContextMenu.h"

#include "ClockOffsetText.h"
#include "QCustomPlotInclude.h"
#include "TimelineData.h"
#include "TimelineWidget.h"

#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>

namespace perfcase {

void TimelineContextMenu::setClockOffsetInteractive(qint64 sourceId)
{
    if (!m_w->m_data) return;
    QString name;
    qint64 current = 0;
    for (const TimelineTrack &t : m_w->m_data->tracks())
        if (t.sourceId == sourceId) {
            name = t.sourceName;
            current = t.offsetNs;
        }
    bool ok = false;
    const QString text = QInputDialog::getText(
        m_w, TimelineWidget::tr("Set clock offset"),
        TimelineWidget::tr(
            "Offset added to the raw times of %1\n(for example +1.250 s, -300ms, 2 min):")
            .arg(name),
        QLineEdit::Normal, ClockOffsetText::format(current), &ok);
    if (!ok) return;
    const auto offset = ClockOffsetText::parse(text);
    QString error;
    if (!offset)
        QMessageBox::warning(m_w, TimelineWidget::tr("Set clock offset"),
                             TimelineWidget::tr("“%1” is not an offset.").arg(text));
    else if (!m_w->setClockOffset(sourceId, *offset, &error))
        QMessageBox::warning(m_w, TimelineWidget::tr("Set clock offset"), error);
}

void TimelineContextMenu::exec(const QPoint &pos)
{
    TimelineWidget *w = m_w;
    QMenu menu(w);
    const qint64 at = w->nsAt(pos.x());
    const int lane = w->specIndex(w->laneAt(pos));
    const auto selection = w->viewState()->selection();
    QAction *noteHere = menu.addAction(TimelineWidget::tr("Add note here…"), w, [w, at] {
        w->viewState()->setSelection(std::nullopt);
        w->viewState()->setCursor(at);
        w->addAnnotationInteractive();
    });
    QAction *noteOver = menu.addAction(TimelineWidget::tr("Add note over selection…"), w,
                                       &TimelineWidget::addAnnotationInteractive);
    noteOver->setEnabled(selection.has_value());
    noteHere->setEnabled(w->m_data != nullptr);
    menu.addSeparator();
    menu.addAction(w->zoomToSelectionAction());
    menu.addAction(w->fitAllAction());
    const TimelineLayout &layout = w->lanes();
    if (lane >= 0) {
        const LaneSpec spec = layout.lanes[lane];
        QMenu *laneMenu = menu.addMenu(TimelineWidget::tr("Lane “%1”").arg(spec.title));
        laneMenu->addAction(TimelineWidget::tr("Move up"), w, [w, lane] { w->moveLane(lane, -1); });
        laneMenu->addAction(TimelineWidget::tr("Move down"), w,
                            [w, lane] { w->moveLane(lane, +1); });
        laneMenu->addAction(TimelineWidget::tr("Hide"), w,
                            [w, lane] { w->setLaneHidden(lane, true); });
        laneMenu->addAction(TimelineWidget::tr("Height…"), w, [w, lane] {
            bool ok = false;
            const int height = QInputDialog::getInt(
                w, TimelineWidget::tr("Lane height"), TimelineWidget::tr("Height in pixels:"),
                w->lanes().lanes[lane].height, 24, 2000, 10, &ok);
            if (ok) w->setLaneHeight(lane, height);
        });
        QList<qint64> sources;
        for (qint64 id : spec.trackIds)
            if (const TimelineTrack *t = w->m_data->track(id);
                t && !sources.contains(t->sourceId)) {
                sources << t->sourceId;
                menu.addAction(TimelineWidget::tr("Set clock offset of %1…").arg(t->sourceName), w,
                               [this, source = t->sourceId] { setClockOffsetInteractive(source); });
            }
    }
    if (w->m_data) {
        QMenu *add = menu.addMenu(TimelineWidget::tr("Add lane"));
        for (qsizetype i = 0; i < layout.lanes.size(); ++i)
            if (layout.lanes[i].hidden)
                add->addAction(TimelineWidget::tr("Show “%1”").arg(layout.lanes[i].title), w,
                               [w, i] { w->setLaneHidden(int(i), false); });
        add->addSeparator();
        QList<qint64> unaligned;
        QMenu *align = nullptr;
        for (const TimelineTrack &t : w->m_data->tracks()) {
            if (t.unaligned) {
                if (unaligned.contains(t.sourceId)) continue;
                unaligned << t.sourceId;
                if (!align) align = menu.addMenu(TimelineWidget::tr("Align a source"));
                align->addAction(
                    TimelineWidget::tr("Set clock offset of %1…").arg(t.sourceName), w,
                    [this, source = t.sourceId] { setClockOffsetInteractive(source); });
                continue;
            }
            add->addAction(
                TimelineWidget::tr("%1 — %2 (%3)").arg(t.displayName(), t.sourceName, t.kind), w,
                [w, id = t.id] { w->addTrackLane(id); });
        }
    }
    menu.addSeparator();
    menu.addAction(w->exportAction());
    menu.exec(w->plot()->mapToGlobal(pos));
}

} // namespace perfcase
