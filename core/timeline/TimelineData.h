#pragma once

#include "MarkBuckets.h"
#include "TimelineTypes.h"
#include "TrackTimes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <memory>

namespace perfcase {

class CaseFile;
class Database;

// Reads a case for the timeline, at screen resolution: every query takes the
// visible range [from, to] (corrected ns) and returns only what a screen of
// that many pixels can show — counters from counter_levels, log counts from
// log_rates, slices and instants capped. Reads go to the stored tables with
// raw bounds (corrected minus the source's offset) so the (track_id, ts)
// indexes are used; the views' corrected ts cannot use them.
// Owns a read-only connection; use from one thread at a time.
class TimelineData
{
public:
    // Opens the case read-only; throws CaseFileError.
    explicit TimelineData(const QString &casePath);
    ~TimelineData();

    // Re-reads tracks, offsets and the case range (after an import or a
    // clock change).
    void reload();

    QString casePath() const { return m_path; }
    Database &db();
    const QList<TimelineTrack> &tracks() const { return m_tracks; }
    const TimelineTrack *track(qint64 id) const;
    // Names of ready sources left out because their clock is not aligned.
    QStringList unalignedSources() const { return m_unaligned; }

    // The case's time range over aligned sources; origin() is x = 0.
    qint64 origin() const { return m_origin; }
    qint64 end() const { return m_end; }
    double toSeconds(qint64 ns) const { return double(ns - m_origin) / 1e9; }
    qint64 toNs(double seconds) const;

    // Level buckets per pixel: enough for a min/max band to look exact.
    static constexpr int kBucketsPerPixel = 2;
    // The width a counter read uses for this range: 0 for raw samples, else
    // the finest stored width with at most kBucketsPerPixel buckets a pixel
    // (the coarsest stored one when none fits).
    qint64 counterWidth(qint64 trackId, qint64 from, qint64 to, int pixels);
    // downsample = false reads raw samples whatever their number (benchmark).
    CounterSeries counter(qint64 trackId, qint64 from, qint64 to, int pixels,
                          bool downsample = true);
    // The finest log_rates width with at most one bucket per pixel.
    static qint64 logRateWidth(qint64 from, qint64 to, int pixels);
    LogHistogram logRates(const QList<qint64> &trackIds, qint64 from, qint64 to, int pixels);
    // At most cap items, in time order, spread over the range: it is cut into
    // pixels / kPixelsPerBucket time buckets (kDefaultBuckets when 0) per track that share the
    // cap (MarkBuckets), each keeping its earliest marks. more counts the rest
    // (exact for tracks held in memory, else up to kCountLimit). With pixels
    // > 0, slices narrower than a pixel are merged into counted runs
    // (SliceMerge), so the items can be fewer than the slices read.
    SliceSet slices(const QList<qint64> &trackIds, qint64 from, qint64 to, int cap, int pixels = 0);
    InstantSet instants(const QList<qint64> &trackIds, qint64 from, qint64 to, int cap,
                        int pixels = 0);

    static constexpr qint64 kCountLimit = 1'000'000;
    static constexpr int kDefaultBuckets = 1000;
    static constexpr int kPixelsPerBucket = 4;
    // Slice and instant tracks up to this many marks keep their start times
    // in memory (TrackTimes, 8 bytes a mark); larger ones count on the index.
    static constexpr qint64 kDefaultMemoryLimit = 4'000'000;
    void setMemoryLimit(qint64 marks) { m_memoryLimit = marks; } // tests: the index path

private:
    qint64 rowsAtMost(const char *sql, qint64 trackId, qint64 width, qint64 from, qint64 to,
                      qint64 limit);
    qint64 maxSliceDuration(qint64 trackId);
    // The track's start times, read on first use; nullptr above the memory limit.
    const TrackTimes *times(const TimelineTrack &t, TrackTimes::Table table);
    // The buckets a capped read takes, quotas shared; *total gets the marks in range.
    std::vector<MarkBucket> plan(const QList<qint64> &trackIds, TrackTimes::Table table,
                                 qint64 from, qint64 to, int cap, int pixels, qint64 *total);

    QString m_path;
    std::unique_ptr<CaseFile> m_file;
    QList<TimelineTrack> m_tracks;
    QHash<qint64, int> m_trackIndex;
    QHash<qint64, QList<qint64>> m_widths; // stored level widths per counter track
    QHash<qint64, qint64> m_maxSliceDur;   // per slice track, read on first use
    QHash<qint64, std::shared_ptr<const TrackTimes>> m_times; // per case open
    qint64 m_memoryLimit = kDefaultMemoryLimit;
    QStringList m_unaligned;
    qint64 m_origin = 0, m_end = 0;
};

} // namespace perfcase
