#include "TimelineWidget.h"

#include "AnnotationStore.h"
#include "CaseFile.h"
#include "ClockAligner.h"
#include "CounterLane.h"
#include "LogLane.h"
#include "MarkLane.h"
#include "QCustomPlotInclude.h"
#include "QueryLane.h"
#include "TimeAxisTicker.h"
#include "TimeRuler.h"
#include "TimelineContextMenu.h"
#include "TimelineData.h"
#include "TimelineInteraction.h"
#include "TimelineQuery.h"
#include "UserIdentity.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QSvgGenerator>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace perfcase {

namespace {

constexpr qint64 kMinSpanNs = 1'000; // 1 µs: below that ticks mean nothing
constexpr int kDebounceMs = 40;      // re-read once the wheel or drag settles

QAction *makeAction(QWidget *owner, const QString &text, QList<QKeySequence> keys)
{
    auto *action = new QAction(text, owner);
    action->setShortcuts(keys);
    // Single keys (F, Z, N) must not fire while the user types in another panel.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(action);
    return action;
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot), m_notice(new QLabel(this)),
      m_scroll(new QScrollArea(this)), m_ruler(new TimeRuler(this)), m_ownState(new ViewState(this)), m_requery(new QTimer(this)),
      m_interaction(nullptr), m_menu(std::make_unique<TimelineContextMenu>(this))
{
    m_plot->plotLayout()->clear();
    m_plot->addLayer(QStringLiteral("annotations"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limBelow);
    m_plot->addLayer(QStringLiteral("marks"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("crosshair"), m_plot->layer(QStringLiteral("overlay")),
                     QCustomPlot::limAbove);
    // The crosshair follows the mouse: its own buffer repaints without a replot.
    m_plot->layer(QStringLiteral("crosshair"))->setMode(QCPLayer::lmBuffered);
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    m_plot->setMouseTracking(true);
    // Polylines drawn as segments: QPainter strokes a dense zigzag path very slowly.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    // Min/max bands of level buckets: antialiased fills cost most of a replot.
    m_plot->setNotAntialiasedElements(QCP::aeFills);
    m_plot->setFocusPolicy(Qt::NoFocus);
    m_interaction = new TimelineInteraction(this); // filters the plot's events
    m_plot->plotLayout()->setRowSpacing(2);
    connect(m_plot, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { m_menu->exec(pos); });
    setFocusPolicy(Qt::StrongFocus);

    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    m_scroll->setWidget(m_plot);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_notice);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_ruler);
    connect(m_plot, &QCustomPlot::afterReplot, this, &TimelineWidget::followLanes);

    m_requery->setSingleShot(true);
    m_requery->setInterval(kDebounceMs);
    connect(m_requery, &QTimer::timeout, this, &TimelineWidget::reloadNow);

    m_fitAll = makeAction(this, tr("Fit all"), {Qt::Key_Home, Qt::Key_F});
    m_zoomToSelection = makeAction(this, tr("Zoom to selection"), {Qt::Key_Z});
    m_zoomIn = makeAction(this, tr("Zoom in"), {QKeySequence::ZoomIn, Qt::Key_Plus});
    m_zoomOut = makeAction(this, tr("Zoom out"), {QKeySequence::ZoomOut, Qt::Key_Minus});
    m_export = makeAction(this, tr("Export timeline…"), {QKeySequence(tr("Ctrl+Shift+E"))});
    m_addAnnotation = makeAction(this, tr("Add note…"), {Qt::Key_N});
    connect(m_fitAll, &QAction::triggered, this, &TimelineWidget::fitAll);
    connect(m_zoomToSelection, &QAction::triggered, this, &TimelineWidget::zoomToSelection);
    connect(m_zoomIn, &QAction::triggered, this, &TimelineWidget::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &TimelineWidget::zoomOut);
    connect(m_export, &QAction::triggered, this, &TimelineWidget::exportInteractive);
    connect(m_addAnnotation, &QAction::triggered, this, &TimelineWidget::addAnnotationInteractive);

    m_ticker = QSharedPointer<TimeAxisTicker>::create(m_ownState, 0);
    setViewState(m_ownState);
    rebuild();
}

TimelineWidget::~TimelineWidget()
{
    // Lanes refer to plot objects: drop them while the plot is alive.
    m_lanes.clear();
    // The plot's children die after this object's TimelineWidget part; the
    // events their removal sends the plot must not reach a filter that reads
    // this object (UBSan: vptr).
    delete m_interaction;
    m_interaction = nullptr;
}

QString TimelineWidget::casePath() const
{
    return m_data ? m_data->casePath() : QString();
}

qint64 TimelineWidget::origin() const
{
    return m_data ? m_data->origin() : 0;
}

void TimelineWidget::setViewState(ViewState *state)
{
    if (!state) state = m_ownState;
    if (m_state) disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    m_ticker = QSharedPointer<TimeAxisTicker>::create(state, origin());
    auto redraw = [this] {
        updateMarks();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    };
    connect(state, &ViewState::selectionChanged, this, redraw);
    connect(state, &ViewState::cursorChanged, this, redraw);
    connect(state, &ViewState::displayZoneChanged, this, [this] { applyRange(false); });
    rebuild();
}

bool TimelineWidget::setCase(const QString &path)
{
    m_requery->stop();
    m_lanes.clear();
    m_data.reset();
    m_layout = {};
    m_notice->setVisible(false);
    if (!path.isEmpty()) {
        try {
            m_data = std::make_unique<TimelineData>(path);
        } catch (const std::exception &e) {
            m_notice->setText(
                tr("The timeline cannot read %1: %2").arg(path, QString::fromUtf8(e.what())));
            m_notice->setVisible(true);
        }
    }
    if (m_data) {
        auto saved = TimelineLayout::load(m_data->db(), m_data->tracks());
        m_layout = saved ? *saved : TimelineLayout::defaultFor(m_data->tracks());
    }
    m_ticker->setOrigin(origin());
    rebuild();
    fitAll();
    reloadNow();
    Q_EMIT lanesChanged();
    return path.isEmpty() || m_data;
}

void TimelineWidget::refresh()
{
    if (!m_data) return;
    const QByteArray lanes = m_layout.toJson(m_data->tracks());
    const bool wasEmpty = m_data->tracks().isEmpty();
    try {
        m_data->reload();
    } catch (const std::exception &e) {
        m_notice->setText(
            tr("The timeline cannot read the case: %1").arg(QString::fromUtf8(e.what())));
        m_notice->setVisible(true);
        return;
    }
    m_layout = TimelineLayout::fromJson(lanes, m_data->tracks());
    m_ticker->setOrigin(origin());
    rebuild();
    // The first data of a case (an import or collection into an empty one):
    // show all of it rather than the empty range around the epoch.
    if (wasEmpty && !m_data->tracks().isEmpty())
        fitAll();
    else
        reloadNow();
}

void TimelineWidget::changeEvent(QEvent *event)
{
    // A theme chosen in Preferences: the lanes take the new colours.
    if (event->type() == QEvent::PaletteChange && m_data) {
        // Qt tells this widget before its children; the lanes read the plot's.
        m_plot->setPalette(palette());
        m_ruler->setPalette(palette());
        rebuild();
        reloadNow();
    }
    QWidget::changeEvent(event);
}

void TimelineWidget::rebuild()
{
    m_plot->setBackground(palette().color(QPalette::Base));
    m_lanes.clear();
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->plotLayout()->clear();
    delete m_margins;
    m_margins = new QCPMarginGroup(m_plot);
    QList<double> stretch;
    int total = 0;
    for (const LaneSpec &spec : std::as_const(m_layout.lanes)) {
        if (spec.hidden) continue;
        std::unique_ptr<TimelineLane> lane;
        switch (spec.kind) {
        case LaneSpec::Kind::Counter:
            lane = std::make_unique<CounterLane>(m_plot, spec, m_margins);
            break;
        case LaneSpec::Kind::Slice:
        case LaneSpec::Kind::Instant:
            lane = std::make_unique<MarkLane>(m_plot, spec, m_margins);
            break;
        case LaneSpec::Kind::Log:
            lane = std::make_unique<LogLane>(m_plot, spec, m_margins);
            break;
        case LaneSpec::Kind::Query:
            lane = std::make_unique<QueryLane>(m_plot, spec, m_margins);
            break;
        }
        lane->timeAxis()->setTicker(m_ticker.staticCast<QCPAxisTicker>());
        stretch << spec.height;
        total += spec.height;
        m_lanes.push_back(std::move(lane));
    }
    // Notices (unaligned clocks) above the plot, not in it.
    QStringList notices;
    if (m_data && !m_data->unalignedSources().isEmpty())
        notices << tr("Not shown, clock not aligned (right-click › Align a source): %1")
                       .arg(m_data->unalignedSources().join(QStringLiteral(", ")));
    if (m_lanes.empty()) {
        auto *text =
            new QCPTextElement(m_plot, m_data ? tr("Nothing to draw: this case has no tracks yet")
                                              : tr("No case open"));
        text->setTextColor(palette().color(QPalette::Text));
        m_plot->plotLayout()->addElement(0, 0, text);
        m_plot->setMinimumHeight(0);
    } else {
        m_plot->plotLayout()->setRowStretchFactors(stretch);
        // Lanes keep their height; a taller window stretches them, a shorter
        // one scrolls. The time axis is the ruler below, which stays.
        m_plot->setMinimumHeight(total + 8);
    }
    m_ruler->setVisible(!m_lanes.empty());
    if (!m_notice->isVisible() || notices.size())
        m_notice->setText(notices.join(QLatin1Char('\n')));
    m_notice->setVisible(!m_notice->text().isEmpty());
    for (auto &lane : m_lanes)
        if (auto *query = dynamic_cast<QueryLane *>(lane.get()))
            connect(query, &QueryLane::loaded, this, [this] { updateMarks(); });
    applyRange(false);
    updateMarks();
}

void TimelineWidget::applyRange(bool requery)
{
    const double from = double(m_from - origin()) / 1e9, to = double(m_to - origin()) / 1e9;
    for (auto &lane : m_lanes)
        lane->timeAxis()->setRange(from, to);
    // The date and zone, once, under the tick labels (times of day).
    m_axisLabel = m_state->formatTime(m_from, 0).left(10) + QStringLiteral(" (") +
                  m_state->zoneLabel(m_from) + QLatin1Char(')');
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (requery) m_requery->start();
}

void TimelineWidget::followLanes()
{
    if (m_lanes.empty()) return;
    // Both are children of this widget (the plot through the scroll area).
    const QRect data = m_lanes.back()->rect()->rect();
    const int left = m_ruler->mapFrom(this, m_plot->mapTo(this, data.topLeft())).x();
    const int right = left + data.width(); // topRight() is the last pixel, not the edge
    m_ruler->follow(m_lanes.back()->timeAxis(), m_axisLabel, left, right);
}

void TimelineWidget::setVisibleRange(qint64 from, qint64 to)
{
    if (to < from) std::swap(from, to);
    if (to - from < kMinSpanNs) {
        const qint64 middle = from + (to - from) / 2;
        from = middle - kMinSpanNs / 2;
        to = from + kMinSpanNs;
    }
    if (from == m_from && to == m_to) return;
    m_from = from;
    m_to = to;
    applyRange(true);
    Q_EMIT visibleRangeChanged(m_from, m_to);
}

void TimelineWidget::zoomAround(qint64 center, double factor)
{
    setVisibleRange(center - qint64(std::llround(double(center - m_from) * factor)),
                    center + qint64(std::llround(double(m_to - center) * factor)));
}

void TimelineWidget::pan(double fractionOfRange)
{
    const qint64 shift = qint64(std::llround(double(m_to - m_from) * fractionOfRange));
    setVisibleRange(m_from + shift, m_to + shift);
}

void TimelineWidget::fitAll()
{
    if (!m_data) return;
    qint64 from = m_data->origin(), to = m_data->end();
    if (to - from < kMinSpanNs) {
        from -= 1'000'000'000;
        to += 1'000'000'000;
    }
    const qint64 margin = (to - from) / 50;
    setVisibleRange(from - margin, to + margin);
}

void TimelineWidget::zoomToSelection()
{
    if (const auto selection = m_state->selection())
        setVisibleRange(selection->from, selection->to);
}

void TimelineWidget::zoomIn()
{
    zoomAround(m_from + (m_to - m_from) / 2, 0.5);
}
void TimelineWidget::zoomOut()
{
    zoomAround(m_from + (m_to - m_from) / 2, 2.0);
}

void TimelineWidget::setDownsampling(bool enabled)
{
    m_downsample = enabled;
    reloadNow();
}

int TimelineWidget::lanePixels() const
{
    const int width = m_lanes.empty() ? m_plot->width() : m_lanes.front()->rect()->width();
    return std::max(width, 50);
}

void TimelineWidget::reloadNow()
{
    m_requery->stop();
    if (m_data) {
        try {
            for (auto &lane : m_lanes)
                lane->load(*m_data, m_from, m_to, lanePixels(), m_downsample);
        } catch (const std::exception &e) {
            m_notice->setText(
                tr("The timeline cannot read the case: %1").arg(QString::fromUtf8(e.what())));
            m_notice->setVisible(true);
        }
    }
    updateMarks();
    m_plot->replot();
}

std::optional<std::pair<double, double>>
TimelineWidget::seconds(std::optional<ViewState::Range> range) const
{
    if (!range) return std::nullopt;
    return std::pair{double(range->from - origin()) / 1e9, double(range->to - origin()) / 1e9};
}

void TimelineWidget::updateMarks()
{
    QList<std::pair<double, double>> spans;
    QStringList labels;
    if (m_data) {
        try {
            for (const Annotation &a : AnnotationStore::list(m_data->db(), m_from, m_to)) {
                spans << std::pair{double(a.ts - origin()) / 1e9,
                                   double(a.endTs.value_or(a.ts) - origin()) / 1e9};
                labels << a.text.section(QLatin1Char('\n'), 0, 0).left(60);
            }
        } catch (const std::exception &) {
            // Annotations are decoration: a failed read must not stop drawing.
        }
    }
    const auto preview = m_interaction->selectionPreview();
    const auto selection = preview ? preview : seconds(m_state->selection());
    const auto cursor = m_state->cursor();
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        TimelineLane &lane = *m_lanes[i];
        lane.setSelection(selection);
        lane.setBox(m_interaction->boxPreview());
        lane.setCursor(cursor ? std::optional(double(*cursor - origin()) / 1e9) : std::nullopt);
        lane.setAnnotations(spans, labels, i == 0);
    }
}

int TimelineWidget::laneAt(const QPoint &plotPos) const
{
    for (std::size_t i = 0; i < m_lanes.size(); ++i)
        if (m_lanes[i]->rect()->outerRect().contains(plotPos)) return int(i);
    return -1;
}

int TimelineWidget::specIndex(int visibleLane) const
{
    int visible = -1;
    for (qsizetype i = 0; i < m_layout.lanes.size(); ++i)
        if (!m_layout.lanes[i].hidden && ++visible == visibleLane) return int(i);
    return -1;
}

double TimelineWidget::xAt(int plotX) const
{
    if (m_lanes.empty()) return 0;
    return m_lanes.front()->timeAxis()->pixelToCoord(plotX);
}

qint64 TimelineWidget::nsAt(int plotX) const
{
    return origin() + qint64(std::llround(xAt(plotX) * 1e9));
}

void TimelineWidget::lanesEdited()
{
    saveLayout();
    rebuild();
    reloadNow();
    Q_EMIT lanesChanged();
}

void TimelineWidget::setLanes(const TimelineLayout &layout)
{
    m_layout = layout;
    lanesEdited();
}

void TimelineWidget::addTrackLane(qint64 trackId)
{
    const TimelineTrack *t = m_data ? m_data->track(trackId) : nullptr;
    if (!t) return;
    LaneSpec lane;
    lane.kind = TimelineLayout::laneKindFor(t->kind);
    lane.title = t->displayName();
    lane.trackIds = {trackId};
    lane.height = LaneSpec::defaultHeight(lane.kind);
    m_layout.lanes << lane;
    lanesEdited();
}

void TimelineWidget::setLaneHidden(int lane, bool hidden)
{
    if (lane < 0 || lane >= m_layout.lanes.size()) return;
    m_layout.lanes[lane].hidden = hidden;
    lanesEdited();
}

void TimelineWidget::moveLane(int lane, int delta)
{
    const int to = lane + delta;
    if (lane < 0 || lane >= m_layout.lanes.size() || to < 0 || to >= m_layout.lanes.size()) return;
    m_layout.lanes.move(lane, to);
    lanesEdited();
}

void TimelineWidget::setLaneHeight(int lane, int pixels)
{
    if (lane < 0 || lane >= m_layout.lanes.size()) return;
    m_layout.lanes[lane].height = std::clamp(pixels, 24, 2000);
    lanesEdited();
}

bool TimelineWidget::addQueryLane(const QString &title, const QString &sql, QString *error)
{
    try {
        if (!m_data) throw std::runtime_error(tr("no case is open").toStdString());
        TimelineQuery::check(m_data->casePath(), sql);
    } catch (const std::exception &e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    LaneSpec lane;
    lane.kind = LaneSpec::Kind::Query;
    lane.title = title;
    lane.sql = sql;
    lane.height = LaneSpec::defaultHeight(lane.kind);
    m_layout.lanes << lane;
    lanesEdited();
    return true;
}

void TimelineWidget::saveLayout()
{
    if (!m_data || !m_savesLayout) return;
    try {
        // A short writable connection: the drawing one stays read-only.
        auto file = CaseFile::open(m_data->casePath().toStdString(), CaseFile::Access::ReadWrite);
        if (!file->isReadOnly()) m_layout.save(file->db(), m_data->tracks());
    } catch (const std::exception &) {
        // A read-only case keeps the lanes for this session only.
    }
}

bool TimelineWidget::addAnnotation(qint64 ts, std::optional<qint64> endTs, const QString &text,
                                   QString *error)
{
    try {
        if (!m_data) throw std::runtime_error(tr("no case is open").toStdString());
        auto file = CaseFile::open(m_data->casePath().toStdString(), CaseFile::Access::ReadWrite);
        file->requireWritable();
        AnnotationStore::add(file->db(), ts, endTs, text);
    } catch (const std::exception &e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    updateMarks();
    m_plot->replot();
    return true;
}

bool TimelineWidget::setClockOffset(qint64 sourceId, qint64 offsetNs, QString *error)
{
    try {
        if (!m_data) throw std::runtime_error(tr("no case is open").toStdString());
        auto file = CaseFile::open(m_data->casePath().toStdString(), CaseFile::Access::ReadWrite);
        file->requireWritable();
        ClockAligner::apply(file->db(), sourceId, offsetNs, "user", std::nullopt,
                            currentUserName());
    } catch (const std::exception &e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    refresh();
    Q_EMIT clockOffsetChanged(sourceId);
    return true;
}

void TimelineWidget::setPrinting(bool printing)
{
    // A picture has no ruler below it: the bottom lane shows the time axis.
    // The crosshair follows the mouse; it is not part of the picture.
    if (!m_lanes.empty()) {
        QCPAxis *axis = m_lanes.back()->timeAxis();
        axis->setTickLabels(printing);
        axis->setLabel(printing ? m_axisLabel : QString());
    }
    m_plot->layer(QStringLiteral("crosshair"))->setVisible(!printing);
}

QImage TimelineWidget::picture(int width, int height)
{
    setPrinting(true);
    const QImage image = m_plot->toPixmap(width, height).toImage();
    setPrinting(false);
    return image;
}

bool TimelineWidget::exportTo(const QString &path, int width, int height)
{
    width = width > 0 ? width : m_plot->width();
    height = height > 0 ? height : m_plot->height();
    setPrinting(true);
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf")) {
        ok = m_plot->savePdf(path, width, height);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(width, height));
        svg.setViewBox(QRect(0, 0, width, height));
        svg.setTitle(tr("Perfcase timeline"));
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            m_plot->toPainter(&painter, width, height);
            ok = painter.end();
        }
    } else {
        ok = m_plot->savePng(path, width, height);
    }
    setPrinting(false);
    m_plot->replot();
    return ok;
}

void TimelineWidget::exportInteractive()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export timeline"), QString(),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".png");
    if (!exportTo(path))
        QMessageBox::warning(this, tr("Export timeline"), tr("Could not write %1.").arg(path));
}

void TimelineWidget::addAnnotationInteractive()
{
    if (!m_data) return;
    const auto selection = m_state->selection();
    const qint64 at =
        selection ? selection->from : m_state->cursor().value_or(m_from + (m_to - m_from) / 2);
    const QString where = selection ? tr("from %1 to %2")
                                          .arg(m_state->formatTime(selection->from, 3),
                                               m_state->formatTime(selection->to, 3))
                                    : tr("at %1").arg(m_state->formatTime(at, 3));
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Add note"), tr("Note %1 (%2):").arg(where, m_state->zoneLabel(at)), QString(),
        &ok);
    if (!ok || text.trimmed().isEmpty()) return;
    QString error;
    if (!addAnnotation(at, selection ? std::optional(selection->to) : std::nullopt, text, &error))
        QMessageBox::warning(this, tr("Add note"), error);
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    // The actions' shortcuts usually take these first; this path serves
    // keys delivered straight to the widget.
    if (m_interaction->keyPress(event))
        event->accept();
    else
        QWidget::keyPressEvent(event);
}

} // namespace perfcase
