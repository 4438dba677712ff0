// The timeline widget under the offscreen platform: mouse and key input,
// selection and cursor through ViewState, clock offsets, export, rendering.
#include "CaseFile.h"
#include "ClockAligner.h"
#include "QCustomPlotInclude.h"
#include "TimeAxisTicker.h"
#include "TimelineTestCase.h"
#include "TimelineWidget.h"
#include "import/FileImporter.h"
#include "import/ImporterRegistry.h"

#include <QApplication>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace perfcase;
using namespace perfcase::testing;

class TestTimeline : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    TimelineCaseIds m_ids;
    std::unique_ptr<TimelineWidget> m_widget;
    ViewState m_state;

    QCPAxisRect *laneRect(int lane) const
    {
        return qobject_cast<QCPAxisRect *>(m_widget->plot()->plotLayout()->element(lane, 0));
    }
    QPoint at(double fx, int lane = 0) const // a point inside a lane, fx of its width
    {
        const QRect r = laneRect(lane)->rect();
        return QPoint(r.left() + int(fx * r.width()), r.center().y());
    }
    qint64 nsAt(const QPoint &p) const
    {
        const double x = laneRect(0)->axis(QCPAxis::atBottom)->pixelToCoord(p.x());
        return kT0 + qint64(std::llround(x * 1e9));
    }
    qint64 span() const { return m_widget->visibleRange().to - m_widget->visibleRange().from; }
    qint64 nsPerPixel() const { return span() / laneRect(0)->rect().width() + 1; }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("g.perfcase"));
        auto file = CaseFile::create(m_path.toStdString(), "gui", "tester");
        m_ids = buildTimelineCase(*file, 20'000, 3000, 800, 800);
    }

    void init()
    {
        m_state.setSelection(std::nullopt);
        m_state.setCursor(std::nullopt);
        m_widget = std::make_unique<TimelineWidget>();
        m_widget->setViewState(&m_state);
        m_widget->resize(1200, 800);
        QVERIFY(m_widget->setCase(m_path));
        m_widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
        m_widget->reloadNow();
        m_widget->setVisibleRange(kT0 + 2 * kSecond, kT0 + 12 * kSecond);
        m_widget->reloadNow();
    }
    void cleanup() { m_widget.reset(); }

    void fitAllShowsTheCase()
    {
        m_widget->fitAll();
        const auto r = m_widget->visibleRange();
        QVERIFY(r.from <= kT0 && r.from > kT0 - 2 * kSecond);
        QVERIFY(r.to >= kT0 + 20 * kSecond - kMs && r.to < kT0 + 22 * kSecond);
    }

    void wheelZoomsAroundTheMouse_data()
    {
        QTest::addColumn<double>("where");
        QTest::addColumn<int>("delta");
        QTest::newRow("in, left") << 0.2 << 120;
        QTest::newRow("in, right, two notches") << 0.9 << 240;
        QTest::newRow("out, middle") << 0.5 << -120;
    }
    void wheelZoomsAroundTheMouse()
    {
        QFETCH(double, where);
        QFETCH(int, delta);
        const QPoint p = at(where);
        const qint64 before = span(), under = nsAt(p);
        const qint64 slop = 2 * nsPerPixel();
        QWheelEvent wheel(p, m_widget->plot()->mapToGlobal(p), QPoint(), QPoint(0, delta),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_widget->plot(), &wheel);
        m_widget->plot()->replot();
        QVERIFY(delta > 0 ? span() < before : span() > before);
        QVERIFY(qAbs(double(span()) / before - std::pow(0.85, delta / 120.0)) < 0.01);
        QVERIFY2(qAbs(nsAt(p) - under) <= slop, "the time under the mouse moved");
    }

    void dragPans()
    {
        const auto before = m_widget->visibleRange();
        const qint64 perPixel = span() / laneRect(0)->rect().width();
        QTest::mousePress(m_widget->plot(), Qt::LeftButton, {}, at(0.6));
        QTest::mouseMove(m_widget->plot(), at(0.3));
        QTest::mouseRelease(m_widget->plot(), Qt::LeftButton, {}, at(0.3));
        const qint64 moved = m_widget->visibleRange().from - before.from;
        const qint64 expected = (at(0.6).x() - at(0.3).x()) * perPixel;
        QVERIFY2(qAbs(moved - expected) <= 2 * perPixel, qPrintable(QString::number(moved)));
        QCOMPARE(span(), before.to - before.from);
        QVERIFY(!m_state.cursor()); // a drag is no click
    }

    void clickSetsCursor()
    {
        const QPoint p = at(0.4, 2);
        QTest::mouseClick(m_widget->plot(), Qt::LeftButton, {}, p);
        QVERIFY(m_state.cursor());
        QVERIFY(qAbs(*m_state.cursor() - nsAt(p)) <= nsPerPixel());
    }

    void shiftDragSelects()
    {
        QSignalSpy spy(&m_state, &ViewState::selectionChanged);
        const QPoint a = at(0.25, 1), b = at(0.7, 1);
        const auto before = m_widget->visibleRange();
        QTest::mousePress(m_widget->plot(), Qt::LeftButton, Qt::ShiftModifier, a);
        QTest::mouseMove(m_widget->plot(), b);
        QTest::mouseRelease(m_widget->plot(), Qt::LeftButton, Qt::ShiftModifier, b);
        QCOMPARE(spy.count(), 1);
        const auto selection = m_state.selection();
        QVERIFY(selection);
        QVERIFY(qAbs(selection->from - nsAt(a)) <= nsPerPixel());
        QVERIFY(qAbs(selection->to - nsAt(b)) <= nsPerPixel());
        QCOMPARE(m_widget->visibleRange(), before); // selecting does not pan
        m_widget->zoomToSelection();
        QCOMPARE(m_widget->visibleRange(), *selection);
    }

    void ctrlDragZoomsToBox()
    {
        const QPoint a = at(0.1), b = at(0.3);
        const qint64 from = nsAt(a), to = nsAt(b);
        QTest::mousePress(m_widget->plot(), Qt::LeftButton, Qt::ControlModifier, a);
        QTest::mouseMove(m_widget->plot(), b);
        QTest::mouseRelease(m_widget->plot(), Qt::LeftButton, Qt::ControlModifier, b);
        QVERIFY(qAbs(m_widget->visibleRange().from - from) <= kMs);
        QVERIFY(qAbs(m_widget->visibleRange().to - to) <= kMs);
    }

    void keys_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<double>("shift"); // of the old span
        QTest::addColumn<double>("factor");
        QTest::newRow("right") << int(Qt::Key_Right) << 0.1 << 1.0;
        QTest::newRow("left") << int(Qt::Key_Left) << -0.1 << 1.0;
        QTest::newRow("plus") << int(Qt::Key_Plus) << 0.25 << 0.5;
        QTest::newRow("minus") << int(Qt::Key_Minus) << -0.5 << 2.0;
    }
    void keys()
    {
        QFETCH(int, key);
        QFETCH(double, shift);
        QFETCH(double, factor);
        const auto before = m_widget->visibleRange();
        const double old = double(before.to - before.from);
        QTest::keyClick(m_widget.get(), Qt::Key(key));
        const auto after = m_widget->visibleRange();
        QVERIFY(qAbs(double(after.from - before.from) - shift * old) <= 2);
        QVERIFY(qAbs(double(after.to - after.from) - factor * old) <= 2);
    }

    void homeFitsAll()
    {
        QTest::keyClick(m_widget.get(), Qt::Key_Home);
        const auto r = m_widget->visibleRange();
        QVERIFY(r.from <= kT0 && r.to >= kT0 + 20 * kSecond - kMs);
    }

    void actionsHaveShortcuts()
    {
        for (QAction *a : {m_widget->fitAllAction(), m_widget->zoomToSelectionAction(),
                           m_widget->zoomInAction(), m_widget->zoomOutAction(),
                           m_widget->exportAction(), m_widget->addAnnotationAction()}) {
            QVERIFY(a);
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
        }
        m_widget->zoomInAction()->trigger();
        QCOMPARE(span(), 5 * kSecond);
    }

    void userClockOffset()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.perfcase"));
        QVERIFY(QFile::copy(m_path, path));
        QVERIFY(m_widget->setCase(path));
        QSignalSpy spy(m_widget.get(), &TimelineWidget::clockOffsetChanged);
        QString error;
        QVERIFY2(m_widget->setClockOffset(m_ids.trace, -300 * kMs, &error), qPrintable(error));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.front().front().toLongLong(), m_ids.trace);
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
        Statement s =
            file->db().prepare("SELECT offset_ns, origin, author FROM clock_changes WHERE "
                               "source_id = ? ORDER BY id DESC LIMIT 1");
        s.bind(1, m_ids.trace);
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), -300 * kMs);
        QCOMPARE(s.text(1), std::string("user"));
        QVERIFY(!s.text(2).empty());
        QCOMPARE(file->db().scalarInt("SELECT clock_offset_ns FROM v_sources WHERE id = " +
                                      std::to_string(m_ids.trace)),
                 -300 * kMs);
    }

    void annotationsAndLanesPersist()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("n.perfcase"));
        QVERIFY(QFile::copy(m_path, path));
        QVERIFY(m_widget->setCase(path));
        QVERIFY(
            m_widget->addAnnotation(kT0 + 3 * kSecond, kT0 + 4 * kSecond, QStringLiteral("lag")));
        const int lanes = int(m_widget->lanes().lanes.size());
        m_widget->moveLane(0, 1);
        m_widget->setLaneHidden(2, true);
        QString error;
        QVERIFY(!m_widget->addQueryLane(QStringLiteral("bad"),
                                        QStringLiteral("SELECT ts FROM sources"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!m_widget->addQueryLane(QStringLiteral("no ts"), QStringLiteral("SELECT 1 AS x"),
                                        &error));
        QVERIFY2(m_widget->addQueryLane(
                     QStringLiteral("scaled"),
                     QStringLiteral("SELECT ts, name FROM v_instants WHERE name = 'Scaled';"),
                     &error),
                 qPrintable(error));
        const TimelineLayout saved = m_widget->lanes();
        QCOMPARE(int(saved.lanes.size()), lanes + 1);
        TimelineWidget other;
        QVERIFY(other.setCase(path));
        QCOMPARE(other.lanes().lanes, saved.lanes);
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
        QCOMPARE(file->db().scalarInt("SELECT count(*) FROM v_annotations WHERE text = 'lag'"), 1);
    }

    void exports_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
        QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
        QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
    }
    void exports()
    {
        QFETCH(QString, suffix);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.") + suffix);
        QVERIFY(m_widget->exportTo(path, 900, 600));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.size() > 1000);
        QVERIFY(bytes.startsWith(magic));
    }

    void rendersEveryLane()
    {
        m_widget->fitAll();
        m_widget->reloadNow();
        const QImage image = m_widget->grab().toImage();
        const QList<LaneSpec> lanes = m_widget->lanes().lanes;
        QSet<LaneSpec::Kind> kinds;
        for (int i = 0; i < lanes.size(); ++i) {
            kinds.insert(lanes[i].kind);
            const QRect r = laneRect(i)->rect().adjusted(2, 2, -2, -2);
            const QPoint origin = m_widget->plot()->mapTo(m_widget.get(), r.topLeft());
            // Background, grid and text are white, grey and black: data is
            // what has colour.
            QSet<QRgb> colours;
            for (int y = 0; y < r.height(); y += 2)
                for (int x = 0; x < r.width(); x += 2) {
                    const QRgb pixel = image.pixel(origin + QPoint(x, y));
                    if (QColor(pixel).hsvSaturation() > 60) colours.insert(pixel);
                }
            QVERIFY2(colours.size() >= 2, qPrintable(lanes[i].title + QStringLiteral(": ") +
                                                     QString::number(colours.size())));
        }
        QCOMPARE(kinds, (QSet<LaneSpec::Kind>{LaneSpec::Kind::Log, LaneSpec::Kind::Counter,
                                              LaneSpec::Kind::Slice, LaneSpec::Kind::Instant}));
    }

    // Lanes read at screen resolution, so a resize must read again: the
    // window's first layout is narrower than what it shows a moment later.
    void resizeReadsAtTheNewWidth()
    {
        m_widget->fitAll();
        m_widget->reloadNow();
        auto capNotes = [this] {
            QStringList notes;
            QCustomPlot *plot = m_widget->plot();
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto *text = qobject_cast<QCPItemText *>(plot->item(i)))
                    if (text->visible() && text->text().endsWith(QLatin1String("more")))
                        notes << text->text();
            return notes;
        };
        m_widget->resize(260, 800); // ~100 px lanes: 800 slices exceed the cap
        QTRY_VERIFY(!capNotes().isEmpty());
        m_widget->resize(1800, 800); // every slice and instant fits
        QTRY_VERIFY2(capNotes().isEmpty(), qPrintable(capNotes().join(QLatin1Char(' '))));
    }

    // A snapshot (kubectl top, an HPA read once) is one sample per track: it
    // must show, though a line through one point draws nothing.
    void singleSampleCounterIsDrawn()
    {
        const QString path = m_dir.filePath(QStringLiteral("snapshot.perfcase"));
        {
            auto file = CaseFile::create(path.toStdString(), "snapshot", "tester");
            const ImporterRegistry importers;
            CancelToken token;
            const ImportOutcome outcome =
                FileImporter(*file, importers)
                    .import(PERFCASE_SCENARIOS "/mixed/top-pods_20261122T193235Z.txt", "top-pods",
                            {}, token);
            QVERIFY2(outcome.status == ImportOutcome::Status::Imported, outcome.error.c_str());
        }
        TimelineWidget widget;
        widget.resize(900, 500);
        QVERIFY(widget.setCase(path));
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.fitAll();
        widget.reloadNow();
        const QImage image = widget.grab().toImage();
        auto *rect = qobject_cast<QCPAxisRect *>(widget.plot()->plotLayout()->element(0, 0));
        QVERIFY(rect);
        const QRect r = rect->rect().adjusted(1, 1, -1, -1);
        const QPoint origin = widget.plot()->mapTo(&widget, r.topLeft());
        int coloured = 0;
        for (int y = 0; y < r.height(); ++y)
            for (int x = 0; x < r.width(); ++x)
                coloured += QColor(image.pixel(origin + QPoint(x, y))).hsvSaturation() > 60;
        QVERIFY2(coloured >= 9, qPrintable(QString::number(coloured))); // a dot, not nothing
    }

    // The theme's colours: a dark window gets a dark plot, with light text.
    void followsThePalette()
    {
        QPalette dark = m_widget->palette();
        dark.setColor(QPalette::Base, QColor(30, 30, 32));
        dark.setColor(QPalette::Text, QColor(225, 225, 225));
        m_widget->setPalette(dark);
        m_widget->reloadNow();
        const QImage image = m_widget->grab().toImage();
        const QRect r = laneRect(0)->rect();
        const QPoint corner = m_widget->plot()->mapTo(m_widget.get(), r.topRight()) + QPoint(-3, 3);
        QVERIFY(QColor(image.pixel(corner)).lightness() < 60);
        QCOMPARE(laneRect(0)->axis(QCPAxis::atLeft)->tickLabelColor(), QColor(225, 225, 225));
    }

    // Ticks on round times of the display zone's clock, evenly spaced on
    // that clock, labelled with the fraction digits their step needs: a case
    // rarely starts on a round time, and 2.5 s steps printed as whole
    // seconds looked uneven.
    void ticksOnRoundTimes_data()
    {
        QTest::addColumn<double>("from"); // seconds after the case start
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("label"); // every tick label matches
        const QString wholeSeconds = QStringLiteral(R"(^\d\d:\d\d:\d\d$)");
        QTest::newRow("15 s") << 0.0 << 15.0 << QByteArray("UTC") << wholeSeconds;
        QTest::newRow("12 s: no 2.5 s step") << 0.0 << 12.0 << QByteArray("UTC") << wholeSeconds;
        QTest::newRow("40 min, in +05:30")
            << 0.0 << 2400.0 << QByteArray("Asia/Kolkata") << QStringLiteral(R"(^\d\d:\d[05]:00$)");
        QTest::newRow("5 h, in -03:00") << 0.0 << 18000.0 << QByteArray("America/Sao_Paulo")
                                        << QStringLiteral(R"(^\d\d:[03]0:00$)");
        QTest::newRow("3 ms: microseconds")
            << 0.0 << 0.003 << QByteArray("UTC") << QStringLiteral(R"(^10:00:31\.4\d{5}$)");
        QTest::newRow("1.5 s: milliseconds")
            << 0.0 << 1.5 << QByteArray("UTC") << QStringLiteral(R"(^10:00:3[123]\.\d\d0$)");
        // Far from the start a double of seconds holds a tick only to some ns.
        QTest::newRow("120 days on") << 120 * 86400.0 << 15.0 << QByteArray("UTC") << wholeSeconds;
        // Across the spring change in Berlin (2027-03-28 01:00 UTC): ticks stay
        // on whole hours of the local clock, whose offset changes mid-range.
        QTest::newRow("12 h across a DST change")
            << (1'806'195'600.0 - 1'795'168'831.419) - 6 * 3600 << 12 * 3600.0
            << QByteArray("Europe/Berlin") << QStringLiteral(R"(^\d\d:00:00$)");
    }
    void ticksOnRoundTimes()
    {
        QFETCH(double, from);
        QFETCH(double, seconds);
        QFETCH(QByteArray, zone);
        QFETCH(QString, label);
        const qint64 origin = kT0 + 31 * kSecond + 419 * kMs + 123; // 10:00:31.419000123
        ViewState state;
        const QTimeZone timeZone(zone);
        QVERIFY(timeZone.isValid());
        state.setDisplayZone(timeZone);
        QCustomPlot plot;
        plot.resize(1000, 100);
        QCPAxis *axis = plot.xAxis;
        axis->setTicker(QSharedPointer<TimeAxisTicker>::create(&state, origin));
        axis->setRange(from, from + seconds);
        plot.replot();
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        QVERIFY2(ticks.size() >= 3, qPrintable(QString::number(ticks.size())));
        const QRegularExpression pattern(label);
        qint64 step = 0, previous = 0;
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            QVERIFY2(pattern.match(labels[i]).hasMatch(), qPrintable(labels[i]));
            // On the zone's clock (its offset at that tick), a whole number
            // of steps, to within a µs (the double's precision far out).
            const qint64 ns = origin + std::llround(ticks[i] * 1e9);
            const qint64 us = (ns + 500) / 1000 * 1000; // as the tick meant it
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(us / 1'000'000, QTimeZone::utc());
            const qint64 local = ns + qint64(timeZone.offsetFromUtc(at)) * kSecond;
            if (i == 1) step = local - previous;
            if (i > 0) QVERIFY(ticks[i] > ticks[i - 1]);
            previous = local;
            if (step > 0) {
                const qint64 off = ((local % step) + step) % step;
                QVERIFY2(std::min(off, step - off) < 1000, qPrintable(labels[i]));
            }
            // The label is the time of the round tick, not a unit before it.
            QCOMPARE(labels[i],
                     state.formatTime(ns + 500, labels[i].size() > 8 ? labels[i].size() - 9 : 0)
                         .mid(11));
        }
    }

    // With more lanes than fit, the lanes scroll and the time axis stays in
    // view below them, its ticks lined up with the lanes' data.
    void rulerStaysInView()
    {
        m_widget->resize(900, 160);
        auto *scroll = m_widget->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0); // it does scroll
        QCustomPlot *ruler = nullptr;
        for (QCustomPlot *plot : m_widget->findChildren<QCustomPlot *>())
            if (plot != m_widget->plot()) ruler = plot;
        QVERIFY(ruler);
        // Scrolled, and narrower: the ruler follows the lanes' data edges.
        for (const auto &[width, value] :
             {std::pair{900, 0}, std::pair{700, scroll->verticalScrollBar()->maximum() / 2}}) {
            m_widget->resize(width, 160);
            QApplication::processEvents();
            scroll->verticalScrollBar()->setValue(value);
            m_widget->setVisibleRange(kT0 + value, kT0 + 7 * kSecond);
            QTRY_VERIFY(ruler->isVisible());
            const QCPAxis *lanes = laneRect(0)->axis(QCPAxis::atBottom);
            QTRY_COMPARE(ruler->xAxis->range().lower, lanes->range().lower);
            QCOMPARE(ruler->xAxis->range().upper, lanes->range().upper);
            ruler->replot();
            const QRect data = ruler->axisRect()->rect();
            const QRect lane = laneRect(0)->rect();
            const QPoint rulerAt = ruler->mapTo(m_widget.get(), data.topLeft());
            const QPoint laneAt = m_widget->plot()->mapTo(m_widget.get(), lane.topLeft());
            const QString where = QStringLiteral("width %1: ruler %2+%3, lanes %4+%5")
                                      .arg(width)
                                      .arg(rulerAt.x())
                                      .arg(data.width())
                                      .arg(laneAt.x())
                                      .arg(lane.width());
            QVERIFY2(std::abs(rulerAt.x() - laneAt.x()) <= 1, qPrintable(where));
            QVERIFY2(std::abs(data.width() - lane.width()) <= 1, qPrintable(where));
            // Below the lanes, inside the widget.
            QVERIFY(rulerAt.y() >= scroll->geometry().bottom());
            QVERIFY(ruler->geometry().bottom() <= m_widget->height());
            QVERIFY(ruler->xAxis->tickVectorLabels().size() >= 2);
            QVERIFY(ruler->xAxis->label().contains(QStringLiteral("2026-11-20")));
        }
        // A picture has no ruler: its bottom lane carries the axis, and
        // the window's lanes go back to none after it.
        const int lanes = m_widget->plot()->plotLayout()->rowCount();
        QCPAxis *bottom = laneRect(lanes - 1)->axis(QCPAxis::atBottom);
        QVERIFY(!bottom->tickLabels());
        const QImage picture = m_widget->picture(900, 400);
        QCOMPARE(picture.size(), QSize(900, 400));
        int ink = 0; // dark pixels of the tick labels under the bottom lane
        for (int y = 400 - 25; y < 400; ++y)
            for (int x = 0; x < 900; ++x)
                ink += QColor(picture.pixel(x, y)).lightness() < 100;
        QVERIFY2(ink > 50, qPrintable(QString::number(ink)));
        QVERIFY(!bottom->tickLabels());
        QVERIFY(bottom->label().isEmpty());
    }

    // A note's label sits right of its line, or left of it where it would
    // run off the lane's right edge.
    void noteLabelsStayInTheLane_data()
    {
        QTest::addColumn<qint64>("at");
        QTest::addColumn<bool>("leftOfLine");
        QTest::newRow("middle") << kT0 + 5 * kSecond << false;
        QTest::newRow("near the right edge") << kT0 + 12 * kSecond - 50 * kMs << true;
    }
    void noteLabelsStayInTheLane()
    {
        QFETCH(qint64, at);
        QFETCH(bool, leftOfLine);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("n.perfcase"));
        QVERIFY(QFile::copy(m_path, path));
        QVERIFY(m_widget->setCase(path));
        m_widget->setVisibleRange(kT0 + 2 * kSecond, kT0 + 12 * kSecond);
        const QString text = QStringLiteral("a note long enough to matter");
        QVERIFY(m_widget->addAnnotation(at, std::nullopt, text));
        m_widget->reloadNow();
        QCPItemText *label = nullptr;
        for (int i = 0; i < m_widget->plot()->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPItemText *>(m_widget->plot()->item(i)))
                if (item->text() == text) label = item;
        QVERIFY(label);
        QCOMPARE(bool(label->positionAlignment() & Qt::AlignRight), leftOfLine);
        const QRect lane = laneRect(0)->rect();
        const QPointF anchor = label->position->pixelPosition();
        const int width = QFontMetrics(label->font()).horizontalAdvance(text);
        const double right = leftOfLine ? anchor.x() : anchor.x() + width;
        QVERIFY2(right <= lane.right() + 1, qPrintable(QStringLiteral("%1 > %2").arg(right).arg(lane.right())));
    }

    // Value labels fit their lane: no more ticks than labels with a gap.
    void valueLabelsFit()
    {
        // Short lanes, kept short: more lanes than fit, so none stretches.
        for (int lane = 0; lane < m_widget->lanes().lanes.size(); ++lane)
            m_widget->setLaneHeight(lane, 40);
        m_widget->resize(900, 100);
        m_widget->reloadNow();
        m_widget->plot()->replot();
        for (int lane = 0; lane < m_widget->plot()->plotLayout()->rowCount(); ++lane) {
            const QCPAxis *values = laneRect(lane)->axis(QCPAxis::atLeft);
            const int labels = int(values->tickVectorLabels().size());
            const int height = QFontMetrics(values->tickLabelFont()).height();
            QVERIFY2(labels * height <= laneRect(lane)->rect().height(),
                     qPrintable(QStringLiteral("lane %1: %2 labels of %3 px in %4 px")
                                    .arg(lane)
                                    .arg(labels)
                                    .arg(height)
                                    .arg(laneRect(lane)->rect().height())));
        }
    }

    void closingShowsNothing()
    {
        QVERIFY(m_widget->setCase(QString()));
        QVERIFY(m_widget->lanes().lanes.isEmpty());
        QVERIFY(m_widget->casePath().isEmpty());
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
