#include "TimelineLayout.h"

#include "sqlite/Database.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <array>

namespace perfcase {

namespace {

constexpr int kLayoutVersion = 1;

QString trackKey(const QString &sourceUuid, const QString &name, const QString &labels)
{
    // Labels compare as JSON values, not as text with its spacing.
    const QByteArray canonical = QJsonDocument(QJsonDocument::fromJson(labels.toUtf8()).object())
                                     .toJson(QJsonDocument::Compact);
    return sourceUuid + QLatin1Char('\x1f') + name + QLatin1Char('\x1f') +
           QString::fromUtf8(canonical);
}

QString trackKey(const TimelineTrack &t)
{
    return trackKey(t.sourceUuid, t.name, t.labels);
}

} // namespace

int LaneSpec::defaultHeight(Kind kind)
{
    switch (kind) {
    case Kind::Counter:
        return 90;
    case Kind::Slice:
        return 80;
    case Kind::Instant:
        return 44;
    case Kind::Log:
        return 70;
    case Kind::Query:
        return 70;
    }
    return 80;
}

QString LaneSpec::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Counter:
        return QStringLiteral("counter");
    case Kind::Slice:
        return QStringLiteral("slice");
    case Kind::Instant:
        return QStringLiteral("instant");
    case Kind::Log:
        return QStringLiteral("log");
    case Kind::Query:
        return QStringLiteral("query");
    }
    return {};
}

std::optional<LaneSpec::Kind> LaneSpec::kindFromName(const QString &name)
{
    for (Kind kind : {Kind::Counter, Kind::Slice, Kind::Instant, Kind::Log, Kind::Query})
        if (kindName(kind) == name) return kind;
    return std::nullopt;
}

QString TimelineLayout::groupName(const QString &trackName)
{
    static const std::array<QLatin1String, 5> suffixes{
        QLatin1String("_usage"), QLatin1String("_request"), QLatin1String("_limit"),
        QLatin1String("_target"), QLatin1String("_utilization")};
    for (const QLatin1String &suffix : suffixes)
        if (trackName.endsWith(suffix)) return trackName.chopped(suffix.size());
    // hpa.current_replicas, hpa.min_replicas ... -> hpa.replicas
    static const std::array<QLatin1String, 4> prefixes{
        QLatin1String("current_"), QLatin1String("desired_"), QLatin1String("min_"),
        QLatin1String("max_")};
    const qsizetype dot = trackName.lastIndexOf(QLatin1Char('.'));
    const QString last = trackName.mid(dot + 1);
    for (const QLatin1String &prefix : prefixes)
        if (last.startsWith(prefix)) return trackName.left(dot + 1) + last.mid(prefix.size());
    return trackName;
}

bool TimelineLayout::isReference(const QString &trackName)
{
    const QString last = trackName.mid(trackName.lastIndexOf(QLatin1Char('.')) + 1);
    return last.endsWith(QLatin1String("_request")) || last.endsWith(QLatin1String("_limit")) ||
           last.endsWith(QLatin1String("_target")) || last.startsWith(QLatin1String("min_")) ||
           last.startsWith(QLatin1String("max_"));
}

LaneSpec::Kind TimelineLayout::laneKindFor(const QString &trackKind)
{
    if (trackKind == QLatin1String("slice")) return LaneSpec::Kind::Slice;
    if (trackKind == QLatin1String("instant")) return LaneSpec::Kind::Instant;
    if (trackKind == QLatin1String("log")) return LaneSpec::Kind::Log;
    return LaneSpec::Kind::Counter;
}

TimelineLayout TimelineLayout::defaultFor(const QList<TimelineTrack> &tracks)
{
    TimelineLayout layout;
    layout.addMissing(tracks);
    return layout;
}

void TimelineLayout::addMissing(const QList<TimelineTrack> &tracks)
{
    QSet<qint64> placed;
    for (const LaneSpec &lane : lanes)
        for (qint64 id : lane.trackIds)
            placed.insert(id);
    QList<LaneSpec> added;
    QList<qint64> logTracks;
    QHash<QString, qsizetype> laneOfGroup; // kind/source/group -> index in added
    QHash<QString, int> titles;            // how many lanes use a title
    for (const TimelineTrack &t : tracks) {
        if (t.unaligned || placed.contains(t.id)) continue;
        const LaneSpec::Kind kind = laneKindFor(t.kind);
        if (kind == LaneSpec::Kind::Log) {
            logTracks << t.id;
            continue;
        }
        const QString group = kind == LaneSpec::Kind::Counter ? groupName(t.name) : t.name;
        const QString key =
            t.kind + QLatin1Char('/') + QString::number(t.sourceId) + QLatin1Char('/') + group;
        const auto it = laneOfGroup.constFind(key);
        if (it != laneOfGroup.constEnd()) {
            added[*it].trackIds << t.id;
            continue;
        }
        LaneSpec lane;
        lane.kind = kind;
        lane.title = group;
        lane.trackIds << t.id;
        lane.height = LaneSpec::defaultHeight(kind);
        laneOfGroup.insert(key, added.size());
        added << lane;
        ++titles[group];
    }
    // Two sources with a lane of the same name: say which is which.
    QHash<qint64, QString> sourceNames;
    for (const TimelineTrack &t : tracks)
        sourceNames.insert(t.id, t.sourceName);
    for (LaneSpec &lane : added)
        if (titles.value(lane.title) > 1)
            lane.title +=
                QStringLiteral(" (") + sourceNames.value(lane.trackIds.front()) + QLatin1Char(')');
    lanes << added;
    if (logTracks.isEmpty()) return;
    for (LaneSpec &lane : lanes)
        if (lane.kind == LaneSpec::Kind::Log) {
            lane.trackIds << logTracks;
            return;
        }
    // Every log in one histogram, on top: where the activity is at a glance.
    LaneSpec logs;
    logs.kind = LaneSpec::Kind::Log;
    logs.title = QStringLiteral("logs");
    logs.trackIds = logTracks;
    logs.height = LaneSpec::defaultHeight(logs.kind);
    lanes.prepend(logs);
}

QByteArray TimelineLayout::toJson(const QList<TimelineTrack> &tracks) const
{
    QHash<qint64, const TimelineTrack *> byId;
    for (const TimelineTrack &t : tracks)
        byId.insert(t.id, &t);
    QJsonArray lanesJson;
    for (const LaneSpec &lane : lanes) {
        QJsonObject object{{QStringLiteral("kind"), LaneSpec::kindName(lane.kind)},
                           {QStringLiteral("title"), lane.title},
                           {QStringLiteral("hidden"), lane.hidden},
                           {QStringLiteral("height"), lane.height}};
        if (lane.kind == LaneSpec::Kind::Query) object.insert(QStringLiteral("sql"), lane.sql);
        QJsonArray refs;
        for (qint64 id : lane.trackIds)
            if (const TimelineTrack *t = byId.value(id))
                refs.append(QJsonObject{{QStringLiteral("source"), t->sourceUuid},
                                        {QStringLiteral("name"), t->name},
                                        {QStringLiteral("labels"),
                                         QJsonDocument::fromJson(t->labels.toUtf8()).object()}});
        object.insert(QStringLiteral("tracks"), refs);
        lanesJson.append(object);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), kLayoutVersion},
                                     {QStringLiteral("lanes"), lanesJson}})
        .toJson(QJsonDocument::Compact);
}

TimelineLayout TimelineLayout::fromJson(const QByteArray &json, const QList<TimelineTrack> &tracks)
{
    QHash<QString, qint64> idOfKey;
    for (const TimelineTrack &t : tracks)
        if (!t.unaligned) idOfKey.insert(trackKey(t), t.id);
    TimelineLayout layout;
    const QJsonArray lanesJson =
        QJsonDocument::fromJson(json).object().value(QStringLiteral("lanes")).toArray();
    for (const QJsonValue &value : lanesJson) {
        const QJsonObject object = value.toObject();
        const auto kind = LaneSpec::kindFromName(object.value(QStringLiteral("kind")).toString());
        if (!kind) continue;
        LaneSpec lane;
        lane.kind = *kind;
        lane.title = object.value(QStringLiteral("title")).toString();
        lane.hidden = object.value(QStringLiteral("hidden")).toBool();
        lane.height = qBound(24, object.value(QStringLiteral("height")).toInt(lane.height), 2000);
        lane.sql = object.value(QStringLiteral("sql")).toString();
        for (const QJsonValue &ref : object.value(QStringLiteral("tracks")).toArray()) {
            const QJsonObject r = ref.toObject();
            const QString labels =
                QString::fromUtf8(QJsonDocument(r.value(QStringLiteral("labels")).toObject())
                                      .toJson(QJsonDocument::Compact));
            const qint64 id =
                idOfKey.value(trackKey(r.value(QStringLiteral("source")).toString(),
                                       r.value(QStringLiteral("name")).toString(), labels));
            if (id) lane.trackIds << id;
        }
        // A lane whose tracks are all gone (source removed) goes with them.
        if (lane.kind == LaneSpec::Kind::Query ? !lane.sql.isEmpty() : !lane.trackIds.isEmpty())
            layout.lanes << lane;
    }
    layout.addMissing(tracks);
    return layout;
}

std::optional<TimelineLayout> TimelineLayout::load(Database &db, const QList<TimelineTrack> &tracks)
{
    Statement select = db.prepare("SELECT json FROM layout ORDER BY id DESC LIMIT 1");
    if (!select.step()) return std::nullopt;
    const std::string json = select.text(0);
    if (!QJsonDocument::fromJson(QByteArray::fromStdString(json)).isObject()) return std::nullopt;
    return fromJson(QByteArray::fromStdString(json), tracks);
}

void TimelineLayout::save(Database &db, const QList<TimelineTrack> &tracks) const
{
    // One row: the current layout (the table allows history; we keep none).
    db.prepare("INSERT OR REPLACE INTO layout(id, json) VALUES(1, ?)")
        .bind(1, toJson(tracks).toStdString())
        .run();
}

} // namespace perfcase
