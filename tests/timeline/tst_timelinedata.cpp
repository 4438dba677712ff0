// Timeline reads: the level chosen for a zoom, exact counts against raw SQL,
// capping (spread over the range, merged slices counted), the layout round
// trip, annotations and clock offsets.
#include "AnnotationStore.h"
#include "ClockAligner.h"
#include "ClockOffsetText.h"
#include "MarkBuckets.h"
#include "SliceMerge.h"
#include "TimelineData.h"
#include "TimelineLayout.h"
#include "TimelineTestCase.h"
#include "UserIdentity.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <numeric>

using namespace perfcase;
using namespace perfcase::testing;

namespace {

qint64 scalar(Database &db, const std::string &sql, std::initializer_list<qint64> args)
{
    Statement s = db.prepare(sql);
    int i = 0;
    for (qint64 a : args)
        s.bind(++i, a);
    s.step();
    return s.int64(0);
}

} // namespace

class TestTimelineData : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    TimelineCaseIds m_ids;
    const qint64 m_span = 200'000 * kMs;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("t.perfcase"));
        auto file = CaseFile::create(m_path.toStdString(), "timeline", "tester");
        m_ids = buildTimelineCase(*file);
    }

    void caseRangeLeavesOutUnaligned()
    {
        TimelineData data(m_path);
        QCOMPARE(data.origin(), kT0);
        QVERIFY(data.end() >= kT0 + m_span - kMs);
        QCOMPARE(data.unalignedSources(), QStringList{QStringLiteral("unaligned.json")});
        QCOMPARE(data.toSeconds(kT0 + 1'500'000'000), 1.5);
        QCOMPARE(data.toNs(1.5), kT0 + 1'500'000'000);
    }

    void levelChoice_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("pixels");
        QTest::newRow("whole case, 1600 px") << kT0 << m_span << 1600;
        QTest::newRow("whole case, 200 px") << kT0 << m_span << 200;
        QTest::newRow("20 s, 1600 px") << kT0 + 50 * kSecond << 20 * kSecond << 1600;
        QTest::newRow("4 s, 1000 px") << kT0 + 10 * kSecond << 4 * kSecond << 1000;
        QTest::newRow("1 s, 1600 px (raw)") << kT0 + 10 * kSecond << kSecond << 1600;
        QTest::newRow("50 ms, 800 px (raw)") << kT0 + 99 * kSecond << 50 * kMs << 800;
        QTest::newRow("before the data") << kT0 - 100 * kSecond << 10 * kSecond << 800;
    }
    void levelChoice()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, span);
        QFETCH(int, pixels);
        TimelineData data(m_path);
        const qint64 to = from + span;
        const qint64 budget = qint64(pixels) * TimelineData::kBucketsPerPixel;
        const qint64 width = data.counterWidth(m_ids.cpuA, from, to, pixels);
        const qint64 raw = scalar(data.db(),
                                  "SELECT count(*) FROM v_counters WHERE track_id = ? AND ts "
                                  "BETWEEN ? AND ?",
                                  {m_ids.cpuA, from, to});
        auto buckets = [&](qint64 w) {
            return scalar(data.db(),
                          "SELECT count(*) FROM v_counter_levels WHERE track_id = ? AND width = ? "
                          "AND ts > ? - ? AND ts <= ?",
                          {m_ids.cpuA, w, from, w, to});
        };
        Statement ws = data.db().prepare(
            "SELECT DISTINCT width FROM v_counter_levels WHERE track_id = ? ORDER BY width");
        ws.bind(1, m_ids.cpuA);
        QList<qint64> widths;
        while (ws.step())
            widths << ws.int64(0);
        QVERIFY(widths.size() >= 3);
        if (width == 0) {
            QVERIFY2(raw <= budget, "raw samples chosen although they exceed the budget");
            return;
        }
        QVERIFY2(raw > budget, "a level chosen although the raw samples fit");
        QVERIFY(widths.contains(width));
        // The finest width that fits: it fits (or is the coarsest) and every
        // finer stored width does not.
        QVERIFY(buckets(width) <= budget || width == widths.last());
        for (qint64 finer : widths)
            if (finer < width)
                QVERIFY2(buckets(finer) > budget, qPrintable(QString::number(finer)));
        const CounterSeries series = data.counter(m_ids.cpuA, from, to, pixels);
        QCOMPARE(series.width, width);
        QVERIFY(series.x.size() <= budget);
    }

    void countsExact_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("pixels");
        QTest::newRow("whole case") << kT0 << m_span << 1600;
        QTest::newRow("unaligned 37 s") << kT0 + 12'345 * kMs + 17 << 37 * kSecond << 700;
        QTest::newRow("2 s") << kT0 + 3 * kSecond + 999 << 2 * kSecond << 300;
        QTest::newRow("raw 300 ms") << kT0 + 100 * kSecond << 300 * kMs << 1600;
    }
    void countsExact()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, span);
        QFETCH(int, pixels);
        const qint64 to = from + span;
        TimelineData data(m_path);
        const CounterSeries series = data.counter(m_ids.cpuA, from, to, pixels);
        QVERIFY(!series.x.isEmpty());
        const qint64 total = std::accumulate(series.count.begin(), series.count.end(), qint64(0));
        // The buckets cover [first bucket, last bucket + width): the same
        // interval in raw SQL must hold exactly as many samples.
        const qint64 lo = series.width ? data.toNs(series.x.front()) : from;
        const qint64 hi = series.width ? data.toNs(series.x.back()) + series.width - 1 : to;
        QCOMPARE(total,
                 scalar(data.db(),
                        "SELECT count(*) FROM v_counters WHERE track_id = ? AND ts BETWEEN ? "
                        "AND ?",
                        {m_ids.cpuA, lo, hi}));
        // And each bucket's extremes are those of its samples.
        for (qsizetype i : {qsizetype(0), series.x.size() / 2, series.x.size() - 1}) {
            const qint64 b = data.toNs(series.x[i]);
            const qint64 e = series.width ? b + series.width - 1 : b;
            Statement s =
                data.db().prepare("SELECT min(value), max(value), count(*) FROM v_counters "
                                  "WHERE track_id = ? AND ts BETWEEN ? AND ?");
            s.bind(1, m_ids.cpuA).bind(2, b).bind(3, e);
            QVERIFY(s.step());
            QCOMPARE(series.min[i], s.real(0));
            QCOMPARE(series.max[i], s.real(1));
            QCOMPARE(series.count[i], s.int64(2));
        }
        // Log histogram: every record of the covered buckets, by level.
        const LogHistogram h = data.logRates({m_ids.logTrack}, from, to, pixels);
        QVERIFY(!h.x.isEmpty());
        double logs = 0, errors = 0;
        for (qsizetype i = 0; i < h.x.size(); ++i) {
            for (const auto &level : h.counts)
                logs += level[i];
            errors += h.counts[5 + 1][i];
        }
        const qint64 lo2 = data.toNs(h.x.front()), hi2 = data.toNs(h.x.back()) + h.width - 1;
        QCOMPARE(qint64(logs), scalar(data.db(),
                                      "SELECT count(*) FROM v_logs WHERE track_id = ? AND ts "
                                      "BETWEEN ? AND ?",
                                      {m_ids.logTrack, lo2, hi2}));
        QCOMPARE(qint64(errors), scalar(data.db(),
                                        "SELECT count(*) FROM v_logs WHERE track_id = ? AND ts "
                                        "BETWEEN ? AND ? AND level_num = 5",
                                        {m_ids.logTrack, lo2, hi2}));
        QVERIFY(span / h.width <= pixels);
    }

    void capping_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("cap");
        QTest::newRow("whole case, cap 500") << kT0 << m_span << 500;
        QTest::newRow("whole case, cap 100000") << kT0 << m_span << 100'000;
        QTest::newRow("10 s, cap 50") << kT0 + 33 * kSecond << 10 * kSecond << 50;
        QTest::newRow("10 s, cap 1") << kT0 + 33 * kSecond << 10 * kSecond << 1;
        QTest::newRow("empty range") << kT0 - 50 * kSecond << 10 * kSecond << 10;
    }
    void capping()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, span);
        QFETCH(int, cap);
        const qint64 to = from + span;
        TimelineData data(m_path);
        const qint64 slices = scalar(data.db(),
                                     "SELECT count(*) FROM v_slices WHERE track_id = ? AND ts <= ? "
                                     "AND end_ts >= ?",
                                     {m_ids.tasks, to, from});
        const SliceSet s = data.slices({m_ids.tasks}, from, to, cap);
        QCOMPARE(qint64(s.slices.size()), std::min<qint64>(cap, slices));
        QCOMPARE(s.slices.size() + s.more, slices);
        for (const TimelineSlice &slice : s.slices) {
            QVERIFY(slice.start <= data.toSeconds(to) && slice.end >= data.toSeconds(from));
            QVERIFY(slice.row >= 0);
        }
        const qint64 instants = scalar(data.db(),
                                       "SELECT count(*) FROM v_instants WHERE track_id = ? AND ts "
                                       "BETWEEN ? AND ?",
                                       {m_ids.events, from, to});
        const InstantSet i = data.instants({m_ids.events}, from, to, cap);
        QCOMPARE(qint64(i.instants.size()), std::min<qint64>(cap, instants));
        QCOMPARE(i.instants.size() + i.more, instants);
        QVERIFY(std::is_sorted(i.instants.begin(), i.instants.end(),
                               [](const auto &a, const auto &b) { return a.x < b.x; }));
    }

    // A capped read keeps marks in every part of the range, not only the
    // earliest ones; both paths: start times in memory and index counts.
    void cappedMarksCoverTheRange_data()
    {
        QTest::addColumn<bool>("inMemory");
        QTest::addColumn<int>("cap");
        QTest::addColumn<int>("pixels");
        QTest::newRow("memory, cap 300, 150 px") << true << 300 << 150;
        QTest::newRow("memory, cap 500, no pixels") << true << 500 << 0;
        QTest::newRow("memory, cap 40, 1000 px") << true << 40 << 1000;
        QTest::newRow("index, cap 300, 150 px") << false << 300 << 150;
        QTest::newRow("index, cap 500, no pixels") << false << 500 << 0;
    }
    void cappedMarksCoverTheRange()
    {
        QFETCH(bool, inMemory);
        QFETCH(int, cap);
        QFETCH(int, pixels);
        TimelineData data(m_path);
        if (!inMemory) data.setMemoryLimit(0);
        const qint64 from = kT0 - m_span / 50, to = kT0 + m_span + m_span / 50; // as fitAll
        const double x0 = data.toSeconds(from), width = double(to - from) / 1e9;
        constexpr int kParts = 10;
        // The tenths of the range that drawn boxes (or ticks) reach into.
        auto partsHit = [&](const QList<std::pair<double, double>> &spans) {
            QSet<int> parts;
            auto part = [&](double x) {
                return std::clamp(int((x - x0) / width * kParts), 0, kParts - 1);
            };
            for (const auto &[a, b] : spans)
                for (int p = part(a); p <= part(b); ++p)
                    parts.insert(p);
            return parts.size();
        };
        const SliceSet s = data.slices({m_ids.tasks}, from, to, cap, pixels);
        QVERIFY(s.more > 0); // capped, or the test proves nothing
        QVERIFY(s.slices.size() <= cap);
        QList<std::pair<double, double>> spans;
        double first = width, last = 0;
        for (const TimelineSlice &slice : s.slices) {
            spans << std::pair{slice.start, slice.end};
            first = std::min(first, slice.start - x0);
            last = std::max(last, slice.start - x0);
        }
        // The case has slices from 2 % to 98 % of this range: all ten parts,
        // and slices read from both ends (not one run bridging everything).
        QCOMPARE(partsHit(spans), kParts);
        QVERIFY(first < width * 0.05 && last > width * 0.9);
        const InstantSet i = data.instants({m_ids.events}, from, to, cap, pixels);
        QVERIFY(i.more > 0);
        spans.clear();
        for (const TimelineInstant &instant : i.instants)
            spans << std::pair{instant.x, instant.x};
        QCOMPARE(partsHit(spans), kParts);
    }

    // Merged runs count their slices: counts + more = the slices in range,
    // and no two narrow boxes of a row share a pixel column.
    void mergedSlicesKeepCounts_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("cap");
        QTest::addColumn<int>("pixels");
        QTest::addColumn<bool>("inMemory");
        QTest::newRow("whole case, all read, 100 px") << kT0 << m_span << 100'000 << 100 << true;
        QTest::newRow("whole case, capped, 400 px") << kT0 << m_span << 800 << 400 << true;
        QTest::newRow("whole case, capped, index") << kT0 << m_span << 800 << 400 << false;
        QTest::newRow("10 s, 1600 px")
            << kT0 + 33 * kSecond << 10 * kSecond << 3200 << 1600 << true;
        QTest::newRow("1 s, 50 px, mid-slice start")
            << kT0 + 100 * kSecond + 7 * kMs << kSecond << 100 << 50 << true;
    }
    void mergedSlicesKeepCounts()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, span);
        QFETCH(int, cap);
        QFETCH(int, pixels);
        QFETCH(bool, inMemory);
        const qint64 to = from + span;
        TimelineData data(m_path);
        if (!inMemory) data.setMemoryLimit(0);
        const qint64 slices = scalar(data.db(),
                                     "SELECT count(*) FROM v_slices WHERE track_id = ? AND ts <= ? "
                                     "AND end_ts >= ?",
                                     {m_ids.tasks, to, from});
        const SliceSet s = data.slices({m_ids.tasks}, from, to, cap, pixels);
        qint64 counted = 0;
        for (const TimelineSlice &slice : s.slices) {
            QVERIFY(slice.count >= 1);
            counted += slice.count;
        }
        QCOMPARE(counted + s.more, slices);
        QVERIFY(counted <= cap);
        if (slices <= cap) QCOMPARE(s.more, 0);
        const double pixel = double(span) / 1e9 / pixels;
        QHash<int, TimelineSlice> last; // per row
        for (const TimelineSlice &slice : s.slices) {
            if (last.contains(slice.row)) {
                const TimelineSlice &prev = last[slice.row];
                QVERIFY2(slice.start >= prev.end - 1e-9, "boxes of a row overlap");
                const bool narrow = slice.end - slice.start < pixel;
                const bool prevNarrow = prev.count > 1 || prev.end - prev.start < pixel;
                // Unmerged narrow neighbours are a pixel apart or in the next column.
                if (narrow && prevNarrow)
                    QVERIFY2(slice.start > prev.end + pixel ||
                                 slice.start >= prev.start + pixel - 1e-9,
                             "narrow boxes left unmerged");
            }
            // A merged run stays in its pixel column (its members are narrower
            // than a pixel and start in the run's first column).
            if (slice.count > 1)
                QVERIFY2(slice.end - slice.start < 2 * pixel + 1e-9, "a run spans columns");
            last[slice.row] = slice;
        }
    }

    void sliceMerge_data()
    {
        // Slices as "start-end@row", a pixel of 1 s; expected boxes as
        // "start-end@row*count", separated by spaces.
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("narrow neighbours merge")
            << QStringLiteral("0-0.5@0 0.7-1.2@0 2-2.4@0") << QStringLiteral("0-1.2@0*2 2-2.4@0*1");
        // Zero-length requests every 0.5 px: one box per pixel column, not one span.
        QTest::newRow("a run stays in its pixel column")
            << QStringLiteral("0-0@0 0.5-0.5@0 1-1@0 1.5-1.5@0 2-2@0")
            << QStringLiteral("0-0.5@0*2 1-1.5@0*2 2-2@0*1");
        QTest::newRow("a gap wider than a pixel splits")
            << QStringLiteral("0-0.5@0 1.6-2@0") << QStringLiteral("0-0.5@0*1 1.6-2@0*1");
        QTest::newRow("wide slices stay") << QStringLiteral("0-3@0 3.2-3.5@0 3.6-3.9@0 4-9@0")
                                          << QStringLiteral("0-3@0*1 3.2-3.9@0*2 4-9@0*1");
        QTest::newRow("rows apart") << QStringLiteral("0-0.5@0 0.2-0.4@1 0.6-0.9@0")
                                    << QStringLiteral("0-0.9@0*2 0.2-0.4@1*1");
        QTest::newRow("nothing") << QString() << QString();
    }
    void sliceMerge()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QList<TimelineSlice> slices;
        for (const QString &text : in.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QStringList parts = text.split(QRegularExpression(QStringLiteral("[-@]")));
            slices << TimelineSlice{parts[0].toDouble(), parts[1].toDouble(), text,
                                    parts[2].toInt()};
        }
        QStringList boxes;
        qint64 counted = 0;
        for (const TimelineSlice &box : SliceMerge::merge(slices, 1.0)) {
            boxes << QStringLiteral("%1-%2@%3*%4")
                         .arg(box.start)
                         .arg(box.end)
                         .arg(box.row)
                         .arg(box.count);
            counted += box.count;
        }
        QCOMPARE(boxes.join(QLatin1Char(' ')), out);
        QCOMPARE(counted, qint64(in.split(QLatin1Char(' '), Qt::SkipEmptyParts).size()));
    }

    void bucketShare_data()
    {
        QTest::addColumn<QList<qint64>>("counts"); // -1: unknown
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<QList<qint64>>("quotas");
        QTest::newRow("fits") << QList<qint64>{3, 4} << qint64(10) << QList<qint64>{3, 4};
        QTest::newRow("even") << QList<qint64>{100, 100, 100} << qint64(6)
                              << QList<qint64>{2, 2, 2};
        QTest::newRow("small bucket gives back")
            << QList<qint64>{100, 1, 100} << qint64(51) << QList<qint64>{25, 1, 25};
        QTest::newRow("cap used exactly")
            << QList<qint64>{10, 10, 10} << qint64(7) << QList<qint64>{3, 2, 2};
        QTest::newRow("unknown counts")
            << QList<qint64>{-1, -1} << qint64(9) << QList<qint64>{5, 4};
    }
    void bucketShare()
    {
        QFETCH(QList<qint64>, counts);
        QFETCH(qint64, cap);
        QFETCH(QList<qint64>, quotas);
        std::vector<MarkBucket> buckets;
        for (qint64 count : counts)
            buckets.push_back(MarkBucket{1, 0, 0, count, 0, false});
        MarkBuckets::share(buckets, cap);
        QList<qint64> got;
        for (const MarkBucket &b : buckets)
            got << b.quota;
        QCOMPARE(got, quotas);
    }

    void bucketSplit()
    {
        const std::vector<MarkBucket> b = MarkBuckets::split(7, 100, 199, 3);
        QCOMPARE(b.size(), std::size_t(3));
        QCOMPARE(b.front().from, 100);
        QCOMPARE(b.back().to, 199);
        for (std::size_t i = 1; i < b.size(); ++i)
            QCOMPARE(b[i].from, b[i - 1].to + 1);                         // no gap, no overlap
        QCOMPARE(MarkBuckets::split(7, 5, 6, 10).size(), std::size_t(2)); // 1 ns at least
    }

    void waterfallRowsDoNotOverlap()
    {
        TimelineData data(m_path);
        const SliceSet s = data.slices({m_ids.tasks}, kT0, kT0 + 20 * kSecond, 10'000);
        QVERIFY(s.slices.size() > 10);
        for (qsizetype a = 0; a < s.slices.size(); ++a)
            for (qsizetype b = a + 1; b < s.slices.size() && s.slices[b].start < s.slices[a].end;
                 ++b)
                QVERIFY2(s.slices[a].row != s.slices[b].row, "overlapping slices share a row");
    }

    void defaultLayout()
    {
        TimelineData data(m_path);
        const TimelineLayout layout = TimelineLayout::defaultFor(data.tracks());
        QVERIFY(!layout.lanes.isEmpty());
        QCOMPARE(layout.lanes.front().kind, LaneSpec::Kind::Log);
        QCOMPARE(layout.lanes.front().trackIds, QList<qint64>{m_ids.logTrack});
        const auto cpu =
            std::find_if(layout.lanes.begin(), layout.lanes.end(),
                         [](const LaneSpec &l) { return l.title == QLatin1String("k8s.cpu"); });
        QVERIFY(cpu != layout.lanes.end());
        QCOMPARE(cpu->trackIds, (QList<qint64>{m_ids.cpuA, m_ids.cpuB, m_ids.cpuRequest}));
        QVERIFY(TimelineLayout::isReference(QStringLiteral("k8s.cpu_request")));
        QVERIFY(!TimelineLayout::isReference(QStringLiteral("k8s.cpu_usage")));
        for (const LaneSpec &lane : layout.lanes)
            for (qint64 id : lane.trackIds)
                QVERIFY2(!data.track(id)->unaligned, "an unaligned track got a lane");
    }

    void layoutRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("l.perfcase"));
        QFile::copy(m_path, path);
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadWrite);
        TimelineData data(path);
        QVERIFY(!TimelineLayout::load(file->db(), data.tracks()));
        TimelineLayout layout = TimelineLayout::defaultFor(data.tracks());
        layout.lanes.move(0, layout.lanes.size() - 1);
        layout.lanes[1].hidden = true;
        layout.lanes[2].height = 173;
        layout.lanes[0].trackIds.removeLast();
        LaneSpec query;
        query.kind = LaneSpec::Kind::Query;
        query.title = QStringLiteral("slow");
        query.sql = QStringLiteral("SELECT ts, dur FROM v_slices WHERE dur > 1e7");
        layout.lanes.insert(1, query);
        layout.save(file->db(), data.tracks());
        layout.save(file->db(), data.tracks()); // one row, replaced
        QCOMPARE(scalar(file->db(), "SELECT count(*) FROM layout", {}), qint64(1));
        const auto loaded = TimelineLayout::load(file->db(), data.tracks());
        QVERIFY(loaded);
        // The track removed from lane 0 is in no lane, so it comes back as a new lane.
        QCOMPARE(loaded->lanes.mid(0, layout.lanes.size()), layout.lanes);
        QCOMPARE(loaded->lanes.size(), layout.lanes.size() + 1);
    }

    void annotations()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.perfcase"));
        auto file = CaseFile::create(path.toStdString(), "a", "me");
        const qint64 before = QDateTime::currentMSecsSinceEpoch() * kMs;
        const Annotation point = AnnotationStore::add(file->db(), kT0 + 5 * kSecond, std::nullopt,
                                                      QStringLiteral("deploy"));
        const Annotation range =
            AnnotationStore::add(file->db(), kT0 + 20 * kSecond, kT0 + 10 * kSecond,
                                 QStringLiteral("lag"), QStringLiteral("ana"));
        QCOMPARE(point.author, QString::fromStdString(currentUserName()));
        QCOMPARE(range.author, QStringLiteral("ana"));
        QCOMPARE(range.ts, kT0 + 10 * kSecond); // ends swapped into order
        QCOMPARE(range.endTs, std::optional<qint64>(kT0 + 20 * kSecond));
        QVERIFY(point.uuid != range.uuid && point.uuid.size() == 36);
        QVERIFY(point.createdAt >= before && point.createdAt <= before + 60 * kSecond);
        auto texts = [&](qint64 from, qint64 to) {
            QStringList result;
            for (const Annotation &a : AnnotationStore::list(file->db(), from, to))
                result << a.text;
            return result;
        };
        QCOMPARE(texts(kT0, kT0 + 100 * kSecond),
                 (QStringList{QStringLiteral("deploy"), QStringLiteral("lag")}));
        QCOMPARE(texts(kT0 + 12 * kSecond, kT0 + 13 * kSecond), QStringList{QStringLiteral("lag")});
        QCOMPARE(texts(kT0 + 5 * kSecond, kT0 + 5 * kSecond),
                 QStringList{QStringLiteral("deploy")});
        QCOMPARE(texts(kT0 + 21 * kSecond, kT0 + 30 * kSecond), QStringList());
    }

    void offsetText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<bool>("valid");
        QTest::newRow("+1.250 s") << QStringLiteral("+1.250 s") << qint64(1'250'000'000) << true;
        QTest::newRow("-300ms") << QStringLiteral("-300ms") << qint64(-300'000'000) << true;
        QTest::newRow("1.001 s exact")
            << QStringLiteral("1.001 s") << qint64(1'001'000'000) << true;
        QTest::newRow("bare seconds") << QStringLiteral("2") << qint64(2'000'000'000) << true;
        QTest::newRow("us") << QStringLiteral("15us") << qint64(15'000) << true;
        QTest::newRow("µs") << QStringLiteral("-15 µs") << qint64(-15'000) << true;
        QTest::newRow("ns") << QStringLiteral("42ns") << qint64(42) << true;
        QTest::newRow("min") << QStringLiteral("2 min") << qint64(120'000'000'000) << true;
        QTest::newRow(".5s") << QStringLiteral(".5s") << qint64(500'000'000) << true;
        QTest::newRow("word") << QStringLiteral("soon") << qint64(0) << false;
        QTest::newRow("unit only") << QStringLiteral("ms") << qint64(0) << false;
        QTest::newRow("bad unit") << QStringLiteral("3 days") << qint64(0) << false;
    }
    void offsetText()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        QFETCH(bool, valid);
        const auto parsed = ClockOffsetText::parse(text);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid) return;
        QCOMPARE(*parsed, ns);
        QCOMPARE(ClockOffsetText::parse(ClockOffsetText::format(ns)), parsed); // round trip
    }

    void userOffsetShiftsReads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("o.perfcase"));
        QFile::copy(m_path, path);
        const qint64 offset = 1'250 * kMs;
        TimelineData data(path);
        const qint64 from = kT0 + 40 * kSecond, to = kT0 + 50 * kSecond;
        const InstantSet before = data.instants({m_ids.events}, from, to, 100'000);
        {
            auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadWrite);
            ClockAligner::apply(file->db(), m_ids.trace, offset, "user", std::nullopt, "tester");
            Statement s = file->db().prepare(
                "SELECT offset_ns, origin, author FROM clock_changes WHERE source_id = ?");
            s.bind(1, m_ids.trace);
            QVERIFY(s.step());
            QCOMPARE(s.int64(0), offset);
            QCOMPARE(s.text(1), std::string("user"));
        }
        data.reload();
        QCOMPARE(data.track(m_ids.events)->offsetNs, offset);
        const InstantSet after = data.instants({m_ids.events}, from + offset, to + offset, 100'000);
        QCOMPARE(after.instants.size(), before.instants.size());
        for (qsizetype i = 0; i < after.instants.size(); ++i)
            QCOMPARE(data.toNs(after.instants[i].x), data.toNs(before.instants[i].x) + offset);
    }

    void rangeReadsUseIndexes_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("index");
        QTest::newRow("counters") << QStringLiteral("SELECT ts, value FROM counters WHERE track_id "
                                                    "= 1 AND ts BETWEEN 1 AND 2 ORDER BY ts")
                                  << QStringLiteral("counters_track_ts");
        QTest::newRow("levels")
            << QStringLiteral("SELECT ts, min, max, sum, count FROM counter_levels WHERE track_id "
                              "= 1 AND width = 4 AND ts > 1 - 4 AND ts <= 2 ORDER BY ts")
            << QStringLiteral("counter_levels_track");
        QTest::newRow("log rates")
            << QStringLiteral("SELECT ts, level, count FROM log_rates WHERE width = 1 AND ts > 0 "
                              "AND ts <= 2 AND track_id = 1")
            << QStringLiteral("log_rates_width_ts");
        QTest::newRow("slices")
            << QStringLiteral("SELECT ts, dur, depth, name FROM slices WHERE track_id = 1 AND ts "
                              "BETWEEN 1 AND 2 AND ts + dur >= 1 ORDER BY ts LIMIT 5")
            << QStringLiteral("slices_track_ts");
        QTest::newRow("instants")
            << QStringLiteral("SELECT ts, name, ifnull(severity, -1) FROM instants WHERE track_id "
                              "= 1 AND ts BETWEEN 1 AND 2 ORDER BY ts LIMIT 5")
            << QStringLiteral("instants_track_ts");
    }
    void rangeReadsUseIndexes()
    {
        // The statements of TimelineData, as EXPLAIN QUERY PLAN sees them.
        QFETCH(QString, sql);
        QFETCH(QString, index);
        TimelineData data(m_path);
        Statement plan = data.db().prepare("EXPLAIN QUERY PLAN " + sql.toStdString());
        QString details;
        while (plan.step())
            details += QString::fromStdString(plan.text(3)) + QLatin1Char('\n');
        QVERIFY2(details.contains(QStringLiteral("USING INDEX ") + index) ||
                     details.contains(QStringLiteral("USING COVERING INDEX ") + index),
                 qPrintable(details));
        QVERIFY2(!details.contains(QStringLiteral("TEMP B-TREE")), qPrintable(details));
    }
};

QTEST_GUILESS_MAIN(TestTimelineData)
#include "tst_timelinedata.moc"
