#pragma once

#include "TimelineTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace perfcase {

class Database;

// One lane of the timeline: which tracks it draws and how.
struct LaneSpec
{
    enum class Kind
    {
        Counter,
        Slice,
        Instant,
        Log,
        Query
    };
    Kind kind = Kind::Counter;
    QString title;
    QList<qint64> trackIds; // empty for query lanes
    QString sql;            // query lanes only
    bool hidden = false;
    int height = 80; // px

    static int defaultHeight(Kind kind);
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    bool operator==(const LaneSpec &other) const = default;
};

// The timeline's lanes, kept as JSON in the case's `layout` table (one row)
// so whoever opens the case sees the same lanes. Tracks are saved by source
// uuid, name and labels — not by rowid, which a removed source can give to
// another — and tracks no lane mentions (a later import) get default lanes.
class TimelineLayout
{
public:
    QList<LaneSpec> lanes;

    // One logs lane for every log track; counters of a source grouped by
    // name (series per labels; requests and limits as reference lines);
    // one lane per slice and instant track name of a source. Tracks of
    // unaligned sources are left out.
    static TimelineLayout defaultFor(const QList<TimelineTrack> &tracks);

    QByteArray toJson(const QList<TimelineTrack> &tracks) const;
    static TimelineLayout fromJson(const QByteArray &json, const QList<TimelineTrack> &tracks);

    // nullopt when the case has no saved layout (or an unreadable one).
    static std::optional<TimelineLayout> load(Database &db, const QList<TimelineTrack> &tracks);
    void save(Database &db, const QList<TimelineTrack> &tracks) const;

    // "k8s.cpu" for k8s.cpu_usage, k8s.cpu_request and k8s.cpu_limit; "hpa.replicas"
    // for hpa.current_replicas, hpa.max_replicas...: tracks drawn together.
    static QString groupName(const QString &trackName);
    // Requests, limits, targets and min/max bounds: drawn as reference lines.
    static bool isReference(const QString &trackName);
    static LaneSpec::Kind laneKindFor(const QString &trackKind);

private:
    // Appends default lanes for tracks no lane holds.
    void addMissing(const QList<TimelineTrack> &tracks);
};

} // namespace perfcase
