#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

namespace perfcase {

// Plain results of the timeline's reads. Times on the x axis are double
// seconds relative to the case start (TimelineData::origin()): a double at
// epoch scale cannot hold microseconds (DESIGN.md, Clocks).

// One track as the timeline sees it, with what it needs to correct times.
struct TimelineTrack
{
    qint64 id = 0;
    qint64 sourceId = 0;
    QString sourceUuid;
    QString sourceName;
    QString kind; // counter, slice, instant, log
    QString name;
    QString unit;
    QString labels; // JSON object text
    qint64 rowCount = 0;
    qint64 offsetNs = 0;    // sources.clock_offset_ns
    bool unaligned = false; // monotonic clock without an offset yet
    // "cpu pod=api-1": the name plus its label values, for legends and menus.
    QString displayName() const;
};

// A counter at screen resolution: raw samples (width 0) or level buckets.
struct CounterSeries
{
    qint64 trackId = 0;
    qint64 width = 0;   // bucket width in ns, 0 = raw samples
    QList<double> x;    // s; bucket start for levels
    QList<double> mean; // the sample itself for raw samples
    QList<double> min, max;
    QList<qint64> count; // samples per bucket (1 for raw samples)
};

// Log records per bucket and level, summed over the lane's log tracks.
struct LogHistogram
{
    static constexpr int kLevels = 8; // index = level + 1 (0: no level)
    qint64 width = 0;                 // ns
    QList<double> x;                  // bucket start, s
    std::array<QList<double>, kLevels> counts;
};

struct TimelineSlice
{
    double start = 0, end = 0; // s
    QString name;
    int row = 0;   // waterfall row: nesting depth, then packing
    int count = 1; // slices this box stands for (SliceMerge: runs narrower than a pixel)
};

struct SliceSet
{
    QList<TimelineSlice> slices;
    qint64 more = 0; // in range but left out by the cap (not counting merged ones)
};

struct TimelineInstant
{
    double x = 0; // s
    QString name;
    int severity = -1; // 0..6, -1 none
};

struct InstantSet
{
    QList<TimelineInstant> instants;
    qint64 more = 0;
};

struct Annotation
{
    qint64 id = 0;
    QString uuid;
    qint64 ts = 0;
    std::optional<qint64> endTs;
    QString text;
    QString author;
    qint64 createdAt = 0;
};

// Rows of a user query lane: ts and optionally dur, value, name.
struct QueryRows
{
    bool hasDur = false, hasValue = false, hasName = false;
    QList<double> x, dur, value; // s, s, value
    QStringList names;
    bool capped = false;
};

} // namespace perfcase
