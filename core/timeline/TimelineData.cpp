#include "TimelineData.h"

#include "CaseFile.h"
#include "CounterLevels.h"
#include "LogRateCounter.h"
#include "SliceMerge.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace perfcase {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

QString TimelineTrack::displayName() const
{
    const QJsonObject object = QJsonDocument::fromJson(labels.toUtf8()).object();
    QStringList parts{name};
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key() != QLatin1String("namespace"))
            parts << it.key() + QLatin1Char('=') + it.value().toVariant().toString();
    return parts.join(QLatin1Char(' '));
}

TimelineData::TimelineData(const QString &casePath)
    : m_path(casePath), m_file(CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly))
{
    reload();
}

TimelineData::~TimelineData() = default;

Database &TimelineData::db()
{
    return m_file->db();
}

void TimelineData::reload()
{
    m_tracks.clear();
    m_trackIndex.clear();
    m_widths.clear();
    m_maxSliceDur.clear();
    m_times.clear();
    m_unaligned.clear();
    Database &db = m_file->db();
    Statement select = db.prepare(
        "SELECT t.id, t.source_id, s.uuid, s.name, t.kind, t.name, ifnull(t.unit, ''), t.labels, "
        "t.row_count, s.clock_offset_ns, s.clock_domain = 'monotonic' AND s.clock_origin = 'none' "
        "FROM v_tracks t JOIN v_sources s ON s.id = t.source_id ORDER BY t.source_id, t.id");
    while (select.step()) {
        TimelineTrack t;
        t.id = select.int64(0);
        t.sourceId = select.int64(1);
        t.sourceUuid = qs(select.text(2));
        t.sourceName = qs(select.text(3));
        t.kind = qs(select.text(4));
        t.name = qs(select.text(5));
        t.unit = qs(select.text(6));
        t.labels = qs(select.text(7));
        t.rowCount = select.int64(8);
        t.offsetNs = select.int64(9);
        t.unaligned = select.int64(10) != 0;
        m_trackIndex.insert(t.id, int(m_tracks.size()));
        m_tracks.push_back(t);
    }
    Statement widths = db.prepare("SELECT DISTINCT track_id, width FROM v_counter_levels "
                                  "ORDER BY track_id, width");
    while (widths.step())
        m_widths[widths.int64(0)].push_back(widths.int64(1));
    // Unaligned monotonic times mean nothing on the wall clock: they stay
    // out of the case range (DESIGN.md, Clocks).
    Statement range = db.prepare("SELECT min(first_ts), max(last_ts) FROM v_sources WHERE "
                                 "clock_domain = 'wall' OR clock_origin != 'none'");
    range.step();
    m_origin = range.optionalInt64(0).value_or(0);
    m_end = range.optionalInt64(1).value_or(m_origin);
    Statement unaligned = db.prepare("SELECT name FROM v_sources WHERE clock_domain = "
                                     "'monotonic' AND clock_origin = 'none' ORDER BY id");
    while (unaligned.step())
        m_unaligned << qs(unaligned.text(0));
}

const TimelineTrack *TimelineData::track(qint64 id) const
{
    const auto it = m_trackIndex.constFind(id);
    return it == m_trackIndex.constEnd() ? nullptr : &m_tracks[*it];
}

qint64 TimelineData::toNs(double seconds) const
{
    return m_origin + qint64(std::llround(seconds * 1e9));
}

qint64 TimelineData::rowsAtMost(const char *sql, qint64 trackId, qint64 width, qint64 from,
                                qint64 to, qint64 limit)
{
    // Counting stops at limit: a probe costs at most limit index entries.
    Statement count = m_file->db().prepare(sql);
    count.bind(1, trackId).bind(2, from).bind(3, to).bind(4, limit);
    if (width) count.bind(5, width);
    count.step();
    return count.int64(0);
}

qint64 TimelineData::counterWidth(qint64 trackId, qint64 from, qint64 to, int pixels)
{
    const TimelineTrack *t = track(trackId);
    if (!t) return 0;
    const qint64 budget = qint64(std::max(pixels, 1)) * kBucketsPerPixel;
    const qint64 rawFrom = from - t->offsetNs, rawTo = to - t->offsetNs;
    const QList<qint64> widths = m_widths.value(trackId);
    if (widths.isEmpty() ||
        rowsAtMost("SELECT count(*) FROM (SELECT 1 FROM counters WHERE track_id = ?1 AND ts "
                   "BETWEEN ?2 AND ?3 LIMIT ?4)",
                   trackId, 0, rawFrom, rawTo, budget + 1) <= budget)
        return 0;
    for (qint64 width : widths) {
        // A width whose buckets cannot exceed the budget needs no probe;
        // finer ones may still fit where the data is sparse.
        if ((to - from) / width + 2 <= budget) return width;
        if (rowsAtMost("SELECT count(*) FROM (SELECT 1 FROM counter_levels WHERE track_id = ?1 "
                       "AND width = ?5 AND ts > ?2 - ?5 AND ts <= ?3 LIMIT ?4)",
                       trackId, width, rawFrom, rawTo, budget + 1) <= budget)
            return width;
    }
    return widths.last();
}

CounterSeries TimelineData::counter(qint64 trackId, qint64 from, qint64 to, int pixels,
                                    bool downsample)
{
    CounterSeries series;
    series.trackId = trackId;
    const TimelineTrack *t = track(trackId);
    if (!t) return series;
    const qint64 offset = t->offsetNs;
    series.width = downsample ? counterWidth(trackId, from, to, pixels) : 0;
    Database &db = m_file->db();
    if (series.width == 0) {
        Statement select = db.prepare("SELECT ts, value FROM counters WHERE track_id = ? AND ts "
                                      "BETWEEN ? AND ? ORDER BY ts");
        select.bind(1, trackId).bind(2, from - offset).bind(3, to - offset);
        while (select.step()) {
            const double value = select.real(1);
            series.x.push_back(toSeconds(select.int64(0) + offset));
            series.mean.push_back(value);
            series.min.push_back(value);
            series.max.push_back(value);
            series.count.push_back(1);
        }
        return series;
    }
    // Buckets that overlap the range: they start after from - width.
    Statement select = db.prepare("SELECT ts, min, max, sum, count FROM counter_levels WHERE "
                                  "track_id = ?1 AND width = ?2 AND ts > ?3 - ?2 AND ts <= ?4 "
                                  "ORDER BY ts");
    select.bind(1, trackId).bind(2, series.width).bind(3, from - offset).bind(4, to - offset);
    while (select.step()) {
        const qint64 count = select.int64(4);
        series.x.push_back(toSeconds(select.int64(0) + offset));
        series.min.push_back(select.real(1));
        series.max.push_back(select.real(2));
        series.mean.push_back(select.real(3) / double(count));
        series.count.push_back(count);
    }
    return series;
}

qint64 TimelineData::logRateWidth(qint64 from, qint64 to, int pixels)
{
    for (qint64 width : LogRateCounter::kWidths)
        if ((to - from) / width <= std::max(pixels, 1)) return width;
    return LogRateCounter::kWidths.back();
}

LogHistogram TimelineData::logRates(const QList<qint64> &trackIds, qint64 from, qint64 to,
                                    int pixels)
{
    LogHistogram histogram;
    histogram.width = logRateWidth(from, to, pixels);
    // Buckets keyed by corrected start: tracks with different offsets merge.
    std::map<qint64, std::array<double, LogHistogram::kLevels>> buckets;
    Statement select = m_file->db().prepare(
        "SELECT ts, level, count FROM log_rates WHERE width = ?1 AND ts > ?2 - ?1 AND ts <= ?3 "
        "AND track_id = ?4");
    for (qint64 trackId : trackIds) {
        const TimelineTrack *t = track(trackId);
        if (!t || t->unaligned) continue;
        select.reset();
        select.bind(1, histogram.width)
            .bind(2, from - t->offsetNs)
            .bind(3, to - t->offsetNs)
            .bind(4, trackId);
        while (select.step()) {
            const int level = std::clamp(int(select.int64(1)) + 1, 0, LogHistogram::kLevels - 1);
            auto &bucket = buckets[select.int64(0) + t->offsetNs];
            bucket[level] += double(select.int64(2));
        }
    }
    for (const auto &[ts, counts] : buckets) {
        histogram.x.push_back(toSeconds(ts));
        for (int level = 0; level < LogHistogram::kLevels; ++level)
            histogram.counts[level].push_back(counts[level]);
    }
    return histogram;
}

qint64 TimelineData::maxSliceDuration(qint64 trackId)
{
    const auto it = m_maxSliceDur.constFind(trackId);
    if (it != m_maxSliceDur.constEnd()) return *it;
    Statement select = m_file->db().prepare("SELECT ifnull(max(dur), 0) FROM slices WHERE "
                                            "track_id = ?");
    select.bind(1, trackId);
    select.step();
    return *m_maxSliceDur.insert(trackId, select.int64(0));
}

const TrackTimes *TimelineData::times(const TimelineTrack &t, TrackTimes::Table table)
{
    if (t.rowCount > m_memoryLimit) return nullptr;
    auto it = m_times.constFind(t.id);
    if (it == m_times.constEnd())
        it = m_times.insert(
            t.id, std::make_shared<const TrackTimes>(TrackTimes::load(m_file->db(), table, t.id)));
    return it->get();
}

std::vector<MarkBucket> TimelineData::plan(const QList<qint64> &trackIds, TrackTimes::Table table,
                                           qint64 from, qint64 to, int cap, int pixels,
                                           qint64 *total)
{
    const bool slices = table == TrackTimes::Table::Slices;
    // A bucket per kPixelsPerBucket pixels: each bucket read is an index seek,
    // and one per pixel cost ~10 ms a zoom step on three capped lanes.
    const int n =
        std::clamp(pixels > 0 ? pixels / kPixelsPerBucket : kDefaultBuckets, 1, std::max(cap, 1));
    std::vector<MarkBucket> buckets;
    *total = 0;
    for (qint64 trackId : trackIds) {
        const TimelineTrack *t = track(trackId);
        if (!t || t->unaligned) continue;
        const qint64 rawFrom = from - t->offsetNs, rawTo = to - t->offsetNs;
        const TrackTimes *known = times(*t, table);
        qint64 inRange = 0;
        // Slices that overlap the range start at most the longest duration
        // before it: that bound keeps the edge read on the index.
        const qint64 longest = !slices ? 0 : known ? known->longest() : maxSliceDuration(trackId);
        if (longest > 0 && (!known || known->count(rawFrom - longest, rawFrom - 1) > 0)) {
            MarkBucket edge{trackId, rawFrom - longest, rawFrom - 1, 0, 0, true};
            Statement count = m_file->db().prepare(
                "SELECT count(*) FROM (SELECT 1 FROM slices WHERE track_id = ?1 AND ts BETWEEN ?2 "
                "AND ?3 AND ts + dur >= ?4 LIMIT ?5)");
            count.bind(1, trackId).bind(2, edge.from).bind(3, edge.to).bind(4, rawFrom);
            count.bind(5, kCountLimit).step();
            edge.count = count.int64(0);
            inRange += edge.count;
            if (edge.count) buckets.push_back(edge);
        }
        const qint64 inside =
            known ? known->count(rawFrom, rawTo)
                  : rowsAtMost(slices ? "SELECT count(*) FROM (SELECT 1 FROM slices WHERE "
                                        "track_id = ?1 AND ts BETWEEN ?2 AND ?3 LIMIT ?4)"
                                      : "SELECT count(*) FROM (SELECT 1 FROM instants WHERE "
                                        "track_id = ?1 AND ts BETWEEN ?2 AND ?3 LIMIT ?4)",
                               trackId, 0, rawFrom, rawTo, kCountLimit);
        inRange += inside;
        *total += inRange;
        if (inside == 0) continue;
        // A range that fits the cap is one read; else buckets of known
        // counts (empty ones cost nothing) or, on the index path, equal shares.
        for (MarkBucket &b : MarkBuckets::split(trackId, rawFrom, rawTo, inside <= cap ? 1 : n)) {
            b.count = known ? known->count(b.from, b.to) : inside <= cap ? inside : -1;
            if (b.count) buckets.push_back(b);
        }
    }
    MarkBuckets::share(buckets, cap);
    return buckets;
}

SliceSet TimelineData::slices(const QList<qint64> &trackIds, qint64 from, qint64 to, int cap,
                              int pixels)
{
    SliceSet set;
    struct Row
    {
        qint64 ts, end;
        int depth;
        QString name;
    };
    std::vector<Row> rows;
    qint64 total = 0;
    const std::vector<MarkBucket> buckets =
        plan(trackIds, TrackTimes::Table::Slices, from, to, cap, pixels, &total);
    Statement select = m_file->db().prepare(
        "SELECT ts, dur, depth, name FROM slices WHERE track_id = ?1 AND ts BETWEEN ?2 AND ?3 "
        "AND ts + dur >= ?4 ORDER BY ts LIMIT ?5");
    for (const MarkBucket &b : buckets) {
        if (b.quota <= 0) continue;
        const qint64 offset = track(b.trackId)->offsetNs;
        select.reset();
        select.bind(1, b.trackId).bind(2, b.from).bind(3, b.to).bind(4, from - offset);
        select.bind(5, b.quota);
        while (select.step())
            rows.push_back({select.int64(0) + offset, select.int64(0) + select.int64(1) + offset,
                            int(select.int64(2)), qs(select.text(3))});
    }
    set.more = total - qint64(rows.size());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return a.ts < b.ts; });
    // Waterfall rows: a slice takes the first row at or below its depth that
    // is free at its start, so nested tasks and overlapping requests stack.
    std::vector<qint64> rowEnds;
    for (const Row &r : rows) {
        std::size_t row = std::size_t(std::max(r.depth, 0));
        while (row < rowEnds.size() && rowEnds[row] > r.ts)
            ++row;
        if (row >= rowEnds.size()) rowEnds.resize(row + 1, std::numeric_limits<qint64>::min());
        rowEnds[row] = r.end;
        set.slices.push_back({toSeconds(r.ts), toSeconds(r.end), r.name, int(row)});
    }
    if (pixels > 0) {
        // In a capped read a gap narrower than a bucket may be only the
        // sampling (the bucket's later slices were not read): runs bridge it.
        const double pixel = double(to - from) / 1e9 / pixels;
        set.slices =
            SliceMerge::merge(set.slices, pixel, set.more > 0 ? pixel * kPixelsPerBucket : pixel);
    }
    return set;
}

InstantSet TimelineData::instants(const QList<qint64> &trackIds, qint64 from, qint64 to, int cap,
                                  int pixels)
{
    InstantSet set;
    qint64 total = 0;
    const std::vector<MarkBucket> buckets =
        plan(trackIds, TrackTimes::Table::Instants, from, to, cap, pixels, &total);
    Statement select = m_file->db().prepare(
        "SELECT ts, name, ifnull(severity, -1) FROM instants WHERE track_id = ?1 AND ts BETWEEN "
        "?2 AND ?3 ORDER BY ts LIMIT ?4");
    for (const MarkBucket &b : buckets) {
        if (b.quota <= 0) continue;
        const qint64 offset = track(b.trackId)->offsetNs;
        select.reset();
        select.bind(1, b.trackId).bind(2, b.from).bind(3, b.to).bind(4, b.quota);
        while (select.step())
            set.instants.push_back(
                {toSeconds(select.int64(0) + offset), qs(select.text(1)), int(select.int64(2))});
    }
    set.more = total - set.instants.size();
    std::stable_sort(set.instants.begin(), set.instants.end(),
                     [](const TimelineInstant &a, const TimelineInstant &b) { return a.x < b.x; });
    return set;
}

} // namespace perfcase
